"""Speed of core's training loops next to reference implementations, in one run.

Run from the repository root:

    python bench/core_speed.py

Rows:
  (a) core.train_sgd vs scikit-learn's MLPRegressor (solver="sgd"), same work:
      10,000 rows x 10 features, one hidden layer of 32 ReLU, batch 32, 5 epochs,
      no momentum, no shuffling, no L2, the same initial weights. Only the training
      is timed (for scikit-learn, the partial_fit calls, one per epoch).
  (b) the same vs PyTorch on the CPU (float64, nn.Linear layers with our weights,
      MSELoss, torch.optim.SGD without momentum, a plain loop over the batches),
      when torch is installed.
  (c) core.gradient_descent, full-batch linear model, 100,000 rows x 10 features,
      100 updates, vs the seed's own loop (task 2.7: get_slope, update, get_mse)
      written naively in numpy for a batch. scikit-learn's SGDRegressor is not the
      same algorithm (per-sample steps, its own schedule), so the reference here is
      the naive loop, not a library.

Each timing is the best (minimum) of REPEATS runs. The results of each pair are
compared (largest absolute weight difference) so the timings are of the same work.
"""

import platform
import sys
import time
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.neural_network import MLPRegressor  # noqa: E402

import core  # noqa: E402

REPEATS = 5
SGD_ROWS, SGD_FEATURES, SGD_HIDDEN, SGD_BATCH, SGD_EPOCHS, SGD_RATE = 10_000, 10, 32, 32, 5, 0.01
GD_ROWS, GD_FEATURES, GD_UPDATES, GD_RATE = 100_000, 10, 100, 0.01
TARGET_RATIO = 0.5


def best_of(run, setup=lambda: None, repeats=REPEATS):
    """Minimum wall time of ``run(setup())`` over ``repeats`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeats):
        state = setup()
        start = time.perf_counter()
        result = run(state)
        times.append(time.perf_counter() - start)
    return min(times), result


def blas_info():
    """(summary lines, number of BLAS threads numpy uses) from threadpoolctl."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return ["threadpoolctl not installed"], None
    lines, blas_threads = [], None
    for pool in threadpool_info():
        lines.append(f"{pool.get('user_api')}: {pool.get('internal_api')} "
                     f"{pool.get('version')}, {pool.get('num_threads')} thread(s) "
                     f"({Path(pool.get('filepath', '')).name})")
        if pool.get("user_api") == "blas" and blas_threads is None:
            blas_threads = pool.get("num_threads")
    return lines, blas_threads


def max_diff(ours, theirs):
    return max(float(np.max(np.abs(np.asarray(a) - np.asarray(b))))
               for a, b in zip(ours, theirs, strict=True))


# -- data ---------------------------------------------------------------------------------


def sgd_problem():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(SGD_ROWS, SGD_FEATURES))
    y = np.sin(X[:, 0]) + X[:, 1] * X[:, 2] + 0.5 * X[:, 3:] @ rng.normal(size=SGD_FEATURES - 3)
    network = core.Network.random([SGD_FEATURES, SGD_HIDDEN, 1], "relu", "identity", seed=0)
    return X, y, network


def gd_problem():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(GD_ROWS, GD_FEATURES))
    y = X @ rng.normal(size=GD_FEATURES) + 0.1 * rng.normal(size=GD_ROWS)
    return X, y, np.zeros(GD_FEATURES)


# -- (a) ours and scikit-learn -------------------------------------------------------------------


def run_ours_sgd(X, y, network):
    return core.train_sgd(network, X, y, SGD_RATE, SGD_BATCH, SGD_EPOCHS, shuffle=False)


def sklearn_setup(X, y, network):
    """An MLPRegressor holding our initial weights, set to take train_sgd's steps.

    Its squared loss is half the MSE, so its learning rate is twice ours."""
    model = MLPRegressor(
        hidden_layer_sizes=(SGD_HIDDEN,), activation="relu", solver="sgd", alpha=0.0,
        batch_size=SGD_BATCH, learning_rate="constant", learning_rate_init=2 * SGD_RATE,
        momentum=0.0, nesterovs_momentum=False, shuffle=False, tol=0.0,
        n_iter_no_change=10**9, max_iter=1, random_state=0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.partial_fit(X[:SGD_BATCH], y[:SGD_BATCH])  # initialises the arrays
    model.coefs_ = [w.copy() for w in network.weights]
    model.intercepts_ = [b.copy() for b in network.biases]
    model.loss_curve_ = []
    model.t_ = 0
    return model


def run_sklearn_sgd(model, X, y):
    for _ in range(SGD_EPOCHS):
        model.partial_fit(X, y)
    return model


# -- (b) PyTorch -------------------------------------------------------------------------------


def torch_rows(X, y, network, threads):
    try:
        import torch
    except ImportError:
        print("PyTorch not installed: skipped")
        return None, None
    torch.set_num_threads(threads)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y.reshape(-1, 1))

    def setup():
        layers = [torch.nn.Linear(SGD_FEATURES, SGD_HIDDEN), torch.nn.ReLU(),
                  torch.nn.Linear(SGD_HIDDEN, 1)]
        model = torch.nn.Sequential(*layers).double()
        with torch.no_grad():
            for linear, w, b in zip((layers[0], layers[2]), network.weights, network.biases,
                                    strict=True):
                linear.weight.copy_(torch.from_numpy(w.T.copy()))
                linear.bias.copy_(torch.from_numpy(b))
        # MSELoss is the mean over the batch, the course's MSE: the same rate as ours.
        optimizer = torch.optim.SGD(model.parameters(), lr=SGD_RATE, momentum=0.0)
        return model, optimizer

    def run(state):
        model, optimizer = state
        loss_fn = torch.nn.MSELoss()
        for _ in range(SGD_EPOCHS):
            for start in range(0, SGD_ROWS, SGD_BATCH):
                optimizer.zero_grad()
                loss = loss_fn(model(Xt[start:start + SGD_BATCH]), yt[start:start + SGD_BATCH])
                loss.backward()
                optimizer.step()
        return model

    seconds, model = best_of(run, setup)
    trained = [model[0].weight.detach().numpy().T, model[2].weight.detach().numpy().T,
               model[0].bias.detach().numpy(), model[2].bias.detach().numpy()]
    return seconds, (trained, torch.__version__)


# -- (c) gradient descent on a linear model -----------------------------------------------------


def run_ours_gd(X, y, w0):
    return core.gradient_descent(X, y, w0, GD_RATE, GD_UPDATES)


def run_naive_gd(X, y, w0):
    """The seed's task 2.7 loop, its three functions written for a batch of rows."""

    def get_error(input_data, target, weights):
        preds = (weights * input_data).sum(axis=1)
        return preds - target

    def get_slope(input_data, target, weights):
        error = get_error(input_data, target, weights)
        return 2 * (input_data * error[:, None]).mean(axis=0)

    def get_mse(input_data, target, weights):
        errors = get_error(input_data, target, weights)
        return np.mean(errors**2)

    weights, mse_hist = w0.copy(), []
    for _ in range(GD_UPDATES):
        slope = get_slope(X, y, weights)
        weights = weights - GD_RATE * slope
        mse_hist.append(get_mse(X, y, weights))
    return weights, np.array(mse_hist)


# -- main ----------------------------------------------------------------------------------------


def main():
    pool_lines, blas_threads = blas_info()
    threads = blas_threads or 1
    print("# core speed benchmark\n")
    print(f"python {platform.python_version()}, numpy {np.__version__}, "
          f"scikit-learn {sklearn.__version__}", end="")
    try:
        import torch
        print(f", torch {torch.__version__}")
    except ImportError:
        print(", torch not installed")
    print(f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} CPU(s) "
          f"available; best of {REPEATS} repeats per timing")
    print("threadpoolctl (before torch is imported):")
    for line in pool_lines:
        print(f"  - {line}")
    print()

    rows, notes = [], []

    # (a)
    X, y, network = sgd_problem()
    ours_s, ours = best_of(lambda _: run_ours_sgd(X, y, network))
    sk_s, model = best_of(lambda m: run_sklearn_sgd(m, X, y),
                          lambda: sklearn_setup(X, y, network))
    diff = max_diff(ours.network.weights + ours.network.biases,
                    model.coefs_ + model.intercepts_)
    loss_diff = float(np.max(np.abs(ours.loss_per_epoch - 2 * np.array(model.loss_curve_))))
    task_a = (f"(a) train_sgd vs MLPRegressor: {SGD_ROWS}x{SGD_FEATURES}, "
              f"{SGD_HIDDEN} relu, batch {SGD_BATCH}, {SGD_EPOCHS} epochs")
    rows.append((task_a, ours_s, sk_s))
    notes.append(f"(a) max |weight diff| ours vs sklearn = {diff:.3g}; "
                 f"max |loss_per_epoch - 2 * loss_curve_| = {loss_diff:.3g}")

    # (b)
    torch_s, torch_result = torch_rows(X, y, network, threads)
    if torch_s is not None:
        trained, _ = torch_result
        diff = max_diff(ours.network.weights + ours.network.biases, trained)
        rows.append((f"(b) train_sgd vs PyTorch CPU (float64, {threads} thread(s)), same work",
                     ours_s, torch_s))
        notes.append(f"(b) max |weight diff| ours vs torch = {diff:.3g}")

    # (c)
    Xg, yg, w0 = gd_problem()
    gd_s, history = best_of(lambda _: run_ours_gd(Xg, yg, w0))
    naive_s, (naive_w, naive_mse) = best_of(lambda _: run_naive_gd(Xg, yg, w0))
    diff = float(np.max(np.abs(history.weights[-1] - naive_w)))
    mse_diff = float(np.max(np.abs(history.mse[1:] - naive_mse)))
    rows.append((f"(c) gradient_descent vs naive seed-style numpy loop: {GD_ROWS}x"
                 f"{GD_FEATURES} linear, {GD_UPDATES} updates", gd_s, naive_s))
    notes.append(f"(c) max |weight diff| ours vs naive loop = {diff:.3g}; "
                 f"max |mse diff| = {mse_diff:.3g}")

    print("| task | ours (s) | reference (s) | ratio ours/ref |")
    print("| --- | ---: | ---: | ---: |")
    for task, ours_t, ref_t in rows:
        print(f"| {task} | {ours_t:.4f} | {ref_t:.4f} | {ours_t / ref_t:.3f} |")
    print()
    for note in notes:
        print(note)
    ratio = ours_s / sk_s
    verdict = "PASS" if ratio <= TARGET_RATIO else "FAIL"
    print(f"TARGET train_sgd <= {TARGET_RATIO} x sklearn: {verdict} (ratio {ratio:.3f})")


if __name__ == "__main__":
    main()
