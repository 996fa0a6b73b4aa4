"""Speed of the sgd page: our numpy training against scikit-learn and PyTorch (when
installed) on the same runs, and the page's script time.

    python bench/sgd_speed.py            # training table + script times
    python bench/sgd_speed.py --browser  # also slider moves in Chromium
    python bench/sgd_speed.py --quick    # fewer repeats

Every run starts from the same Glorot weights and visits the same batches in the same
order (core.epoch_orders); the table checks that scikit-learn's and PyTorch's losses
per epoch agree with ours. Times are the best of the repeats (the machine is shared).
Targets (issue 6): defaults rerun < 300 ms of script time; 100,000 rows, batch 32,
10 epochs < 2 s; our training at most half of scikit-learn's time.
"""

import argparse
import os
import sys
import time
import warnings
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

import core  # noqa: E402
from app_pages.sgd.reference import sklearn_reference  # noqa: E402

RESULTS = REPO_ROOT / "bench" / "results" / "sgd_speed.md"
# (rows, batch size or None for the whole data, epochs, hidden layers)
RUNS = [
    (1_000, 32, 20, (8,)),          # the page's defaults
    (100_000, 32, 10, (8,)),        # the target run
    (100_000, 1, 1, (8,)),          # pure SGD, one epoch
    (100_000, None, 10, (8,)),      # full batch
    (100_000, 32, 10, (64, 64, 64)),  # the largest network the page offers
]
LEARNING_RATE = 0.01


def data(rows):
    dataset = core.bank_transactions(rows, 3.0, 0)
    return core.standardize(dataset.X)[0], core.standardize(dataset.y)[0]


def best_of(repeats, function, *args, **kwargs):
    """(best seconds, last result) of ``repeats`` calls of function(*args, **kwargs)."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function(*args, **kwargs)
        times.append(time.perf_counter() - start)
    return min(times), result


def torch_run(network, X, y, batch_size, epochs):
    """The same run in PyTorch (float64, CPU, torch.optim.SGD): (loss per epoch, seconds)."""
    import torch

    activations = {"relu": torch.nn.ReLU, "tanh": torch.nn.Tanh,
                   "sigmoid": torch.nn.Sigmoid, "identity": torch.nn.Identity}
    layers = []
    for index, (weights, biases) in enumerate(zip(network.weights, network.biases,
                                                  strict=True)):
        linear = torch.nn.Linear(*weights.shape, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(weights.T.copy()))
            linear.bias.copy_(torch.from_numpy(biases.copy()))
        layers.append(linear)
        if index < network.n_layers - 1:
            layers.append(activations[network.hidden_activation]())
    model = torch.nn.Sequential(*layers)
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    n = X.shape[0]
    orders = core.epoch_orders(n, epochs, True, 0)
    sizes = np.diff(np.append(np.arange(0, n, batch_size), n))
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y).reshape(-1, 1)
    curve = []
    start = time.perf_counter()
    for epoch in range(epochs):
        order = torch.from_numpy(orders[epoch])
        Xe, ye = Xt[order], yt[order]
        losses = []
        for first in range(0, n, batch_size):
            optimizer.zero_grad()
            loss = torch.nn.functional.mse_loss(model(Xe[first:first + batch_size]),
                                                ye[first:first + batch_size])
            loss.backward()
            optimizer.step()
            losses.append(loss.item())
        curve.append(np.asarray(losses) @ sizes / n)
    return np.asarray(curve), time.perf_counter() - start


def training_table(repeats):
    try:
        import torch

        torch.set_num_threads(1)  # tiny matrices: more threads only add overhead
        has_torch = f"torch {torch.__version__}, {torch.get_num_threads()} threads"
    except ImportError:
        has_torch = None
    rows = []
    for n, batch, epochs, hidden in RUNS:
        X, y = data(n)
        batch_size = n if batch is None else batch
        network = core.Network.random([X.shape[1], *hidden, 1], "relu", "identity",
                                      True, 0)
        heavy = n * epochs * sum(hidden) >= 8e7 or (batch_size == 1 and n >= 50_000)
        reps = 1 if heavy and repeats > 1 else repeats
        run = (network, X, y, LEARNING_RATE, batch_size, epochs, True, 0)
        ours_s, ours = best_of(reps, core.train_sgd, *run)
        page_s, _ = best_of(reps, core.train_sgd_in_chunks, *run,
                            chunk_updates=max(1, min(2000, 50_000 // batch_size)))
        sk_times = []
        for _ in range(reps):
            ref = sklearn_reference(network, X, y, LEARNING_RATE, batch_size, epochs,
                                    True, 0)
            sk_times.append(ref.seconds)
        sk_gap = float(np.max(np.abs(ref.loss_per_epoch - ours.loss_per_epoch)))
        torch_s = torch_gap = None
        if has_torch:
            torch_times = []
            for _ in range(reps):
                curve, seconds = torch_run(network, X, y, batch_size, epochs)
                torch_times.append(seconds)
            torch_s = min(torch_times)
            torch_gap = float(np.max(np.abs(curve - ours.loss_per_epoch)))
        rows.append({"rows": n, "batch": batch_size, "epochs": epochs, "hidden": hidden,
                     "updates": ours.loss_per_update.size, "ours": ours_s, "page": page_s,
                     "sklearn": min(sk_times), "sk_gap": sk_gap, "torch": torch_s,
                     "torch_gap": torch_gap})
        print(f"  {n:,} rows, batch {batch_size:,}, {epochs} epochs, {hidden}: ours "
              f"{ours_s:.3f} s, sklearn {min(sk_times):.3f} s"
              + (f", torch {torch_s:.3f} s" if torch_s is not None else ""), flush=True)
    return rows, has_torch


def script_times(repeats):
    """Script time of the page run in Streamlit's AppTest (the page itself, timed
    inside the script run): cold (caches cleared) and warm (a rerun)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    code = (
        "import runpy, sys, time\n"
        "import streamlit as st\n"
        f"sys.path.insert(0, {str(REPO_ROOT)!r})\n"
        "start = time.perf_counter()\n"
        f"runpy.run_path({str(REPO_ROOT / 'pages' / 'sgd.py')!r}, run_name='__main__')\n"
        "st.session_state.setdefault('_times', []).append(time.perf_counter() - start)\n"
    )
    cases = [("defaults", {}),
             ("100,000 rows, batch 32, 10 epochs, scikit-learn off",
              {"rows": "100000", "epochs": "10", "reference": "false"}),
             ("100,000 rows, batch 32, 10 epochs, scikit-learn on",
              {"rows": "100000", "epochs": "10"})]
    warm_up = AppTest.from_string(code, default_timeout=300)
    warm_up.run()  # imports (scikit-learn, altair...) are not part of a rerun
    results = []
    for label, params in cases:
        cold = []
        for _ in range(max(1, repeats if "on" not in label else 1)):
            st.cache_data.clear()
            at = AppTest.from_string(code, default_timeout=300)
            for key, value in params.items():
                at.query_params[key] = value
            at.run()
            assert not at.exception, at.exception
            cold.append(at.session_state["_times"][-1])
        for _ in range(5):
            at.run()
        warm = sorted(at.session_state["_times"][1:])
        results.append((label, min(cold), warm[len(warm) // 2]))
        print(f"  {label}: cold {min(cold) * 1000:.0f} ms, warm "
              f"{warm[len(warm) // 2] * 1000:.0f} ms", flush=True)
    return results


# Started in the page just before a key press: records, from the next frames, when the
# "Updates in all" metric and the loss chart (its alternative text, drawn) have changed.
WATCH = """([old, label]) => {
  window.__sgdLatency = null;
  const t0 = performance.now();
  let metricAt = null, chartAt = null;
  const poll = () => {
    const now = performance.now();
    const metric = document.querySelectorAll('[data-testid=stMetricValue]')[1];
    const chart = document.querySelector('[data-testid=stVegaLiteChart]');
    if (metricAt === null && metric && metric.innerText !== old) metricAt = now - t0;
    if (chartAt === null && chart && chart.getAttribute('aria-label') !== label
        && chart.querySelector('svg')) chartAt = now - t0;
    if (metricAt !== null && chartAt !== null) window.__sgdLatency = Math.max(metricAt, chartAt);
    else if (now - t0 < 10000) requestAnimationFrame(poll);
    else window.__sgdLatency = -1;
  };
  requestAnimationFrame(poll);
}"""


def browser_moves(moves=10, query=""):
    """Chromium against a real server: time from a key press on the Epochs slider to
    the changed metric and loss chart, measured inside the page (frame by frame)."""
    from playwright.sync_api import sync_playwright

    from bench.harness import CHROMIUM, CHROMIUM_ARGS, percentile, streamlit_server

    done = '[data-testid="stApp"][data-test-script-state="notRunning"]'
    times = []
    with streamlit_server() as (url, _, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "/")
        page.wait_for_selector(done, state="attached")
        page.goto(url + "/sgd" + query)
        page.wait_for_selector('[data-testid="stVegaLiteChart"] svg', timeout=60000)
        metric = page.locator('[data-testid="stMetricValue"]').nth(1)
        chart = page.locator('[data-testid="stVegaLiteChart"]').first
        epochs = page.locator('[data-testid="stSlider"]').filter(
            has=page.get_by_text("Epochs", exact=True)).locator('input[type="range"]')
        # right: epochs 21, 22, ... are new runs (train + scikit-learn); left: cached
        for key in ["ArrowRight"] * moves + ["ArrowLeft"] * moves:
            page.wait_for_selector(done, state="attached")
            page.wait_for_timeout(400)
            epochs.focus()
            page.evaluate(WATCH, [metric.inner_text(), chart.get_attribute("aria-label")])
            page.keyboard.press(key)
            page.wait_for_function("() => window.__sgdLatency !== null", timeout=15000)
            latency = page.evaluate("() => window.__sgdLatency")
            if latency < 0:  # a lost key press: not a measurement
                print(f"  no change after {key}; skipped", flush=True)
                continue
            times.append((key, latency / 1000))
        browser.close()
    results = {"Epochs +1: a new run (train, scikit-learn, charts)":
               [t for key, t in times if key == "ArrowRight"],
               "Epochs -1: a cached run (charts only)":
               [t for key, t in times if key == "ArrowLeft"]}
    return {label: (percentile(t, 50), percentile(t, 95)) for label, t in results.items()
            if t}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one repeat per run")
    parser.add_argument("--browser", action="store_true", help="also time slider moves")
    args = parser.parse_args()
    repeats = 1 if args.quick else 3
    warnings.simplefilter("ignore")
    load = os.getloadavg()
    print(f"load average {load[0]:.1f}, {os.cpu_count()} cores; training runs:")
    rows, has_torch = training_table(repeats)
    print("page script time (AppTest):")
    scripts = script_times(repeats)
    moves = browser_moves() if args.browser else None

    lines = [f"sgd bench: {os.cpu_count()} cores, load average at start {load[0]:.1f} "
             f"(best of {repeats}); learning rate {LEARNING_RATE}, ReLU, shuffled, "
             f"synthetic bank data; {has_torch or 'PyTorch not installed'}.", "",
             "| run | updates | ours (core.train_sgd) | page (in chunks) | scikit-learn | "
             "ours / sklearn | PyTorch | max loss gap sklearn / torch |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        torch_cell = "-" if r["torch"] is None else f"{r['torch']:.3f} s"
        gaps = f"{r['sk_gap']:.1e}" + ("" if r["torch_gap"] is None
                                       else f" / {r['torch_gap']:.1e}")
        lines.append(
            f"| {r['rows']:,} rows, batch {r['batch']:,}, {r['epochs']} epochs, hidden "
            f"{'-'.join(map(str, r['hidden']))} | {r['updates']:,} | {r['ours']:.3f} s | "
            f"{r['page']:.3f} s | {r['sklearn']:.3f} s | {r['ours'] / r['sklearn']:.2f} | "
            f"{torch_cell} | {gaps} |")
    lines += ["", "| page script time (AppTest) | cold (caches cleared) | warm rerun |",
              "|---|---:|---:|"]
    lines += [f"| {label} | {cold * 1000:.0f} ms | {warm * 1000:.0f} ms |"
              for label, cold, warm in scripts]
    if moves:
        lines += ["", "| Chromium, key press to changed metric and loss chart | p50 | p95 |", "|---|---:|---:|"]
        lines += [f"| {label} | {p50 * 1000:.0f} ms | {p95 * 1000:.0f} ms |"
                  for label, (p50, p95) in moves.items()]
    table = "\n".join(lines)
    print()
    print(table)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(table + "\n")


if __name__ == "__main__":
    main()
