"""Stochastic gradient descent (note 4.3), checked against scikit-learn's MLPRegressor
and against full-batch gradient descent built from ``backprop``."""

import math
import warnings

import numpy as np
import pytest
from sklearn.neural_network import MLPRegressor

import core

SKLEARN_ACTIVATION = {"relu": "relu", "tanh": "tanh", "identity": "identity",
                      "sigmoid": "logistic"}


def make_data(n=40, n_features=3, n_outputs=1, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, n_features))
    coef = rng.normal(size=(n_features, n_outputs))
    y = X @ coef + 0.3 * np.sin(2 * X[:, :1])
    return X, (y[:, 0] if n_outputs == 1 else y)


def sklearn_twin(network, X, y, learning_rate, batch_size):
    """An MLPRegressor set to take exactly train_sgd's steps from network's weights.

    sklearn's squared loss is half the MSE averaged over the outputs, but its
    gradient divides by the number of rows only, so one update moves by
    learning_rate_init * mean over rows of (pred - y) * ...; ours moves by
    learning_rate * 2 / (rows * outputs) * sum(...). Hence
    learning_rate_init = 2 * learning_rate / n_outputs.
    """
    n_outputs = network.layer_sizes[-1]
    model = MLPRegressor(
        hidden_layer_sizes=tuple(network.layer_sizes[1:-1]),
        activation=SKLEARN_ACTIVATION[network.hidden_activation],
        solver="sgd",
        alpha=0.0,
        batch_size=batch_size,
        learning_rate="constant",
        learning_rate_init=2.0 * learning_rate / n_outputs,
        momentum=0.0,
        nesterovs_momentum=False,
        shuffle=False,
        tol=0.0,
        n_iter_no_change=10**9,
        max_iter=1,
        random_state=0,
    )
    with warnings.catch_warnings():
        # the 2-row initialising call may warn that batch_size gets clipped
        warnings.simplefilter("ignore")
        model.partial_fit(X[:2], y[:2])
    model.coefs_ = [w.copy() for w in network.weights]
    model.intercepts_ = [b.copy() for b in network.biases]
    model.loss_curve_ = []
    model.t_ = 0
    return model


def run_sklearn(network, X, y, learning_rate, batch_size, epochs, orders=None):
    model = sklearn_twin(network, X, y, learning_rate, batch_size)
    for epoch in range(epochs):
        if orders is None:
            model.partial_fit(X, y)
        else:
            model.partial_fit(X[orders[epoch]], y[orders[epoch]])
    return model


def assert_same_as_sklearn(result, model, tol=1e-9):
    assert len(model.coefs_) == len(result.network.weights)
    for ours, theirs in zip(result.network.weights, model.coefs_, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=tol)
    for ours, theirs in zip(result.network.biases, model.intercepts_, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=tol)
    np.testing.assert_allclose(result.loss_per_epoch, 2 * np.asarray(model.loss_curve_),
                               rtol=tol, atol=tol)


@pytest.mark.parametrize("hidden", ["relu", "tanh", "identity", "sigmoid"])
@pytest.mark.parametrize("hidden_sizes", [(5,), (6, 4)], ids=["1 hidden", "2 hidden"])
@pytest.mark.parametrize("batch_size", [1, 7, 40], ids=["batch 1", "batch 7", "full"])
def test_train_sgd_reproduces_sklearn(hidden, hidden_sizes, batch_size):
    X, y = make_data()
    network = core.Network.random((3, *hidden_sizes, 1), hidden, "identity", seed=1)
    # biases start at zero in Network.random; give them values so they are tested too
    network = network.with_parameters(
        network.weights, [np.full(b.shape, 0.1) for b in network.biases])
    epochs, rate = 8, 0.01
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = core.train_sgd(network, X, y, rate, batch_size, epochs, shuffle=False)
        model = run_sklearn(network, X, y, rate, batch_size, epochs)
    assert result.diverged_at is None
    assert result.loss_per_epoch.shape == (epochs,)
    assert result.loss_per_epoch[-1] < result.loss_per_epoch[0]
    assert_same_as_sklearn(result, model)


@pytest.mark.parametrize("hidden", ["relu", "sigmoid"])
def test_train_sgd_reproduces_sklearn_with_shuffling(hidden):
    X, y = make_data(n=50, seed=4)
    network = core.Network.random((3, 8, 1), hidden, "identity", seed=2)
    epochs, rate, batch, seed = 6, 0.02, 7, 11
    result = core.train_sgd(network, X, y, rate, batch, epochs, shuffle=True, seed=seed)
    orders = core.epoch_orders(len(X), epochs, True, seed)
    # the orders really are shuffled, and differ between epochs
    assert not np.array_equal(orders[0], np.arange(len(X)))
    assert not np.array_equal(orders[0], orders[1])
    model = run_sklearn(network, X, y, rate, batch, epochs, orders=orders)
    assert_same_as_sklearn(result, model)


def test_train_sgd_reproduces_sklearn_with_two_outputs():
    X, y = make_data(n=30, n_outputs=2, seed=5)
    network = core.Network.random((3, 5, 2), "tanh", "identity", seed=3)
    result = core.train_sgd(network, X, y, 0.01, 4, 5, shuffle=False)
    model = run_sklearn(network, X, y, 0.01, 4, 5)
    assert_same_as_sklearn(result, model)


def full_batch_descent(network, X, y, rate, updates):
    """Gradient descent written with backprop: the reference for batch_size = len(X)."""
    net = network.copy()
    losses = []
    for _ in range(updates):
        grads = core.backprop(net, X, y)
        losses.append(grads.loss)
        net = net.with_parameters(
            [w - rate * g for w, g in zip(net.weights, grads.weights, strict=True)],
            None if net.biases is None else
            [b - rate * g for b, g in zip(net.biases, grads.biases, strict=True)])
    return net, np.array(losses)


@pytest.mark.parametrize("use_biases", [True, False])
@pytest.mark.parametrize(("hidden", "output"),
                         [("relu", "identity"), ("tanh", "sigmoid"), ("sigmoid", "tanh"),
                          ("identity", "relu")])
def test_full_batch_equals_gradient_descent_with_backprop(hidden, output, use_biases):
    X, y = make_data(n=25, n_features=4, n_outputs=2, seed=6)
    y = np.tanh(y)  # in range for every output activation
    network = core.Network.random((4, 6, 3, 2), hidden, output, use_biases, seed=7)
    epochs, rate = 30, 0.05
    result = core.train_sgd(network, X, y, rate, len(X), epochs, shuffle=False)
    expected, losses = full_batch_descent(network, X, y, rate, epochs)
    assert result.updates_per_epoch == 1
    for ours, ref in zip(result.network.weights, expected.weights, strict=True):
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-13)
    if use_biases:
        for ours, ref in zip(result.network.biases, expected.biases, strict=True):
            np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-13)
    else:
        assert result.network.biases is None
    np.testing.assert_allclose(result.loss_per_update, losses, rtol=1e-12)
    np.testing.assert_allclose(result.loss_per_epoch, losses, rtol=1e-12)


def test_full_batch_shuffle_does_not_matter_for_the_gradient():
    # One batch of all rows: the order changes only the summation order.
    X, y = make_data(n=20)
    network = core.Network.random((3, 4, 1), "tanh", seed=8)
    a = core.train_sgd(network, X, y, 0.05, 20, 5, shuffle=False)
    b = core.train_sgd(network, X, y, 0.05, 20, 5, shuffle=True, seed=3)
    for wa, wb in zip(a.network.weights, b.network.weights, strict=True):
        np.testing.assert_allclose(wa, wb, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize(("n", "batch", "expected"),
                         [(40, 1, 40), (40, 7, 6), (40, 40, 1), (40, 39, 2), (40, 100, 1),
                          (1, 1, 1), (10, 3, 4)])
def test_updates_per_epoch_is_ceil_n_over_batch(n, batch, expected):
    X, y = make_data(n=n)
    network = core.Network.random((3, 2, 1), seed=0)
    epochs = 3
    result = core.train_sgd(network, X, y, 0.01, batch, epochs, shuffle=False)
    assert result.updates_per_epoch == expected == math.ceil(n / min(batch, n))
    assert result.loss_per_update.shape == (epochs * expected,)
    assert result.loss_per_epoch.shape == (epochs,)
    # loss_per_epoch is the batch-size-weighted mean of the epoch's batch losses
    sizes = [min(batch, n - start) for start in range(0, n, min(batch, n))]
    per_epoch = result.loss_per_update.reshape(epochs, expected) @ np.array(sizes) / n
    np.testing.assert_allclose(result.loss_per_epoch, per_epoch, rtol=1e-15)


def test_loss_per_update_is_each_batch_loss_before_its_step():
    X, y = make_data(n=12)
    network = core.Network.random((3, 4, 1), "relu", seed=9)
    result = core.train_sgd(network, X, y, 0.05, 5, 1, shuffle=False)
    net = network.copy()
    for k, start in enumerate(range(0, 12, 5)):
        xb, yb = X[start:start + 5], y[start:start + 5]
        grads = core.backprop(net, xb, yb)
        assert result.loss_per_update[k] == pytest.approx(grads.loss, rel=1e-13)
        net = net.with_parameters(
            [w - 0.05 * g for w, g in zip(net.weights, grads.weights, strict=True)],
            [b - 0.05 * g for b, g in zip(net.biases, grads.biases, strict=True)])
    for ours, ref in zip(result.network.weights, net.weights, strict=True):
        np.testing.assert_allclose(ours, ref, rtol=1e-12, atol=1e-14)


def test_deterministic_for_a_seed_and_seed_matters():
    X, y = make_data(n=30)
    network = core.Network.random((3, 5, 1), "tanh", seed=1)
    a = core.train_sgd(network, X, y, 0.02, 4, 5, shuffle=True, seed=42)
    b = core.train_sgd(network, X, y, 0.02, 4, 5, shuffle=True, seed=42)
    c = core.train_sgd(network, X, y, 0.02, 4, 5, shuffle=True, seed=43)
    np.testing.assert_array_equal(a.loss_per_update, b.loss_per_update)
    for wa, wb in zip(a.network.weights + a.network.biases,
                      b.network.weights + b.network.biases, strict=True):
        np.testing.assert_array_equal(wa, wb)
    assert not np.array_equal(a.loss_per_update, c.loss_per_update)


def test_epoch_orders():
    np.testing.assert_array_equal(core.epoch_orders(4, 2, shuffle=False), [[0, 1, 2, 3]] * 2)
    orders = core.epoch_orders(10, 3, True, seed=5)
    assert orders.shape == (3, 10)
    for row in orders:
        assert sorted(row) == list(range(10))
    np.testing.assert_array_equal(orders, core.epoch_orders(10, 3, True, seed=5))


def test_network_passed_in_is_unchanged():
    X, y = make_data(n=20)
    network = core.Network.random((3, 4, 1), "relu", seed=1)
    before = network.copy()
    result = core.train_sgd(network, X, y, 0.05, 5, 3)
    assert result.network is not network
    for a, b in zip(network.weights + network.biases, before.weights + before.biases,
                    strict=True):
        np.testing.assert_array_equal(a, b)
    # and the result does not share arrays with it
    for a, b in zip(result.network.weights, network.weights, strict=True):
        assert not np.shares_memory(a, b)
    assert result.network.hidden_activation == "relu"
    assert result.network.output_activation == "identity"


def test_progress_is_called_after_each_epoch():
    X, y = make_data(n=10)
    calls = []
    core.train_sgd(core.Network.random((3, 2, 1), seed=0), X, y, 0.01, 3, 4,
                   progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 4), (2, 4), (3, 4), (4, 4)]


def _all_finite(result):
    net = result.network
    arrays = [result.loss_per_update, result.loss_per_epoch, *net.weights,
              *(net.biases or [])]
    return all(np.isfinite(a).all() for a in arrays)


@pytest.mark.parametrize("hidden", ["relu", "identity", "tanh", "sigmoid"])
@pytest.mark.parametrize("batch_size", [1, 8, 50])
def test_divergence_is_caught_without_warnings(hidden, batch_size):
    X, y = make_data(n=50, seed=2)
    X, y = X * 10, y * 10
    network = core.Network.random((3, 8, 1), hidden, "identity", seed=4)
    epochs = 50
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        result = core.train_sgd(network, X, y, 1e3, batch_size, epochs, shuffle=True)
        result.network.predict(X)  # predicting with it prints no warning either
    assert result.diverged_at is not None
    assert result.diverged_epoch is not None
    upe = result.updates_per_epoch
    assert result.diverged_epoch == (result.diverged_at - 1) // upe + 1
    assert 1 <= result.diverged_epoch <= epochs
    # the histories stop before the update that diverged
    assert len(result.loss_per_update) == result.diverged_at - 1
    assert len(result.loss_per_epoch) == result.diverged_epoch - 1
    # every returned number is finite, the network's weights and biases included
    # (its predictions need not be: the last finite weights can be ~1e150, and
    # with inputs ~10 their products overflow)
    assert _all_finite(result)


def test_divergence_keeps_the_last_finite_weights():
    # Replaying the same run for diverged_at - 1 updates gives the returned network.
    X, y = make_data(n=20, seed=3)
    X, y = X * 10, y * 10
    network = core.Network.random((3, 4, 1), "identity", "identity", seed=6)
    result = core.train_sgd(network, X, y, 10.0, 1, 50, shuffle=False)
    assert result.diverged_at is not None and result.diverged_at > 1
    net = network.copy()
    for k in range(result.diverged_at - 1):
        i = k % len(X)
        grads = core.backprop(net, X[i:i + 1], y[i:i + 1])
        net = net.with_parameters(
            [w - 10.0 * g for w, g in zip(net.weights, grads.weights, strict=True)],
            [b - 10.0 * g for b, g in zip(net.biases, grads.biases, strict=True)])
    for ours, ref in zip(result.network.weights, net.weights, strict=True):
        np.testing.assert_allclose(ours, ref, rtol=1e-9)
    # ... and update diverged_at itself is the first that is not finite
    i = (result.diverged_at - 1) % len(X)
    with np.errstate(all="ignore"):
        grads = core.backprop(net, X[i:i + 1], y[i:i + 1])
        new = [w - 10.0 * g for w, g in zip(net.weights, grads.weights, strict=True)]
    assert not (np.isfinite(grads.loss) and all(np.isfinite(w).all() for w in new))


def test_no_divergence_at_a_sensible_rate():
    X, y = make_data(n=50)
    result = core.train_sgd(core.Network.random((3, 8, 1), seed=0), X, y, 0.01, 8, 20)
    assert result.diverged_at is None and result.diverged_epoch is None
    assert len(result.loss_per_update) == 20 * result.updates_per_epoch
    assert _all_finite(result)
