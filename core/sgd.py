"""Stochastic gradient descent (note 4.3): slopes from one batch per update, a
different batch for the next update, one pass over all the data per epoch.

``batch_size = len(X)`` is full-batch gradient descent; ``batch_size = 1`` is pure
SGD. The loss is the course's MSE; each update subtracts learning_rate times the
batch's gradient from every weight and bias.
"""

from dataclasses import dataclass

import numpy as np

from .backprop import check_targets
from .checks import as_number
from .network import Network


@dataclass(frozen=True)
class SGDResult:
    """What ``train_sgd`` returns.

    network : the trained network (a new one; the one passed in is unchanged),
        with the last finite weights if the run diverged
    loss_per_update : ndarray, the MSE of each update's batch, measured in that
        update's forward pass (before its step)
    loss_per_epoch : ndarray, per completed epoch the mean of its batch losses
        weighted by batch size (as scikit-learn's ``loss_curve_``, times 2)
    updates_per_epoch : int, ceil(n_samples / batch_size)
    diverged_at : None, or the first update (counted from 1) whose loss or weights
        stopped being finite; the histories stop before it
    diverged_epoch : None, or the epoch (counted from 1) of that update
    """

    network: Network
    loss_per_update: np.ndarray
    loss_per_epoch: np.ndarray
    updates_per_epoch: int
    diverged_at: int | None
    diverged_epoch: int | None


def epoch_orders(n_samples, epochs, shuffle=True, seed=0):
    """The order in which each epoch visits the rows: shape (epochs, n_samples).

    Without shuffling every epoch is 0 .. n_samples - 1; with shuffling each epoch
    is a fresh permutation from ``numpy.random.default_rng(seed)``.
    """
    n_samples = as_number(n_samples, "n_samples", minimum=1, integer=True)
    epochs = as_number(epochs, "epochs", minimum=1, integer=True)
    seed = as_number(seed, "seed", minimum=0, integer=True)
    if not shuffle:
        return np.tile(np.arange(n_samples), (epochs, 1))
    rng = np.random.default_rng(seed)
    return np.stack([rng.permutation(n_samples) for _ in range(epochs)])


def _slope_from_values(name):
    # The slope written in terms of the node's value avoids recomputing tanh and
    # sigmoid, and keeps ReLU's slope 0 at the kink (value 0).
    if name == "relu":
        return lambda value: value > 0.0
    if name == "tanh":
        return lambda value: 1.0 - value * value
    if name == "sigmoid":
        return lambda value: value * (1.0 - value)
    return None


def _activation_in_place(name):
    if name == "relu":
        return lambda z: np.maximum(z, 0.0, out=z)
    if name == "tanh":
        return lambda z: np.tanh(z, out=z)
    if name == "sigmoid":
        def sigmoid(z):
            # Clipping keeps exp from overflowing; sigmoid is 0 or 1 to float64 there.
            np.clip(z, -709.0, 709.0, out=z)
            np.negative(z, out=z)
            np.exp(z, out=z)
            z += 1.0
            return np.reciprocal(z, out=z)
        return sigmoid
    return lambda z: z


def check_sgd_inputs(network, X, y, learning_rate, batch_size, epochs):
    """Check ``train_sgd``'s arguments; return (X, y, learning_rate, batch_size,
    epochs) with X of shape (n_samples, n_features), y of shape (n_samples,
    n_outputs) and batch_size clipped to n_samples."""
    if not isinstance(network, Network):
        raise ValueError(f"network must be a core.Network, got {type(network).__name__}.")
    X = network.check_inputs(X)
    if X.ndim != 2:
        raise ValueError(f"X must be 2-D (n_samples, n_features), got shape {X.shape}.")
    X, y = check_targets(network, X, y)
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    batch_size = as_number(batch_size, "batch_size", minimum=1, integer=True)
    epochs = as_number(epochs, "epochs", minimum=1, integer=True)
    return X, y, learning_rate, min(batch_size, X.shape[0]), epochs


def train_sgd(network, X, y, learning_rate, batch_size, epochs, shuffle=True, seed=0,
              progress=None):
    """Train ``network`` by mini-batch stochastic gradient descent on the MSE.

    Each epoch visits the rows in the order of ``epoch_orders`` in consecutive
    batches of ``batch_size`` (the last one may be smaller); each batch makes one
    update: forward pass, backward pass, then every weight and bias minus
    learning_rate times its slope.

    Parameters
    ----------
    network : core.Network
    X : array-like of shape (n_samples, n_features)
    y : array-like of shape (n_samples,) or (n_samples, n_outputs)
    learning_rate : float > 0
    batch_size : int, 1 .. n_samples (larger values are clipped to n_samples)
    epochs : int >= 1
    shuffle : bool, visit the rows in a new random order each epoch
    seed : int >= 0, seeds the shuffling
    progress : optional callable(epoch_done, epochs), called after each epoch

    Returns
    -------
    SGDResult
    """
    X, y, learning_rate, batch_size, epochs = check_sgd_inputs(
        network, X, y, learning_rate, batch_size, epochs)
    n_samples = X.shape[0]
    orders = epoch_orders(n_samples, epochs, shuffle, seed)

    trained = network.copy()
    with np.errstate(all="ignore"):
        losses, epoch_losses, diverged_at = _train(
            trained, X, y, learning_rate, batch_size, orders, shuffle, progress)
    updates_per_epoch = -(-n_samples // batch_size)
    return SGDResult(
        network=trained,
        loss_per_update=losses,
        loss_per_epoch=epoch_losses,
        updates_per_epoch=updates_per_epoch,
        diverged_at=diverged_at,
        diverged_epoch=None if diverged_at is None
        else (diverged_at - 1) // updates_per_epoch + 1,
    )


def _train(net, X, y, learning_rate, batch_size, orders, shuffle, progress):
    """Run the epochs. Each epoch first runs fast, testing only the batch losses;
    if anything stopped being finite it is replayed from its start with the new
    weights tested at every update, to find the exact update that diverged."""
    epochs = orders.shape[0]
    n_samples = y.shape[0]
    updates_per_epoch = -(-n_samples // batch_size)
    losses = np.empty(epochs * updates_per_epoch)
    epoch_losses = np.empty(epochs)
    step = _make_step(net, learning_rate)
    for epoch in range(epochs):
        Xe, ye = (X[orders[epoch]], y[orders[epoch]]) if shuffle else (X, y)
        first = epoch * updates_per_epoch
        snapshot = _parameters(net)
        done = _epoch(step, Xe, ye, batch_size, losses[first:], check_weights=False)
        if done < updates_per_epoch or not _finite(net):
            _restore(net, snapshot)
            done = _epoch(step, Xe, ye, batch_size, losses[first:], check_weights=True)
            if done < updates_per_epoch:
                return losses[:first + done].copy(), epoch_losses[:epoch].copy(), first + done + 1
        batch_sizes = np.diff(np.append(np.arange(0, n_samples, batch_size), n_samples))
        epoch_losses[epoch] = losses[first:first + done] @ batch_sizes / n_samples
        if progress is not None:
            progress(epoch + 1, epochs)
    return losses.copy(), epoch_losses.copy(), None


def _epoch(step, Xe, ye, batch_size, losses, check_weights):
    """One pass over the data in batches; returns the number of updates made
    (fewer than the number of batches if the run diverged)."""
    for update, start in enumerate(range(0, ye.shape[0], batch_size)):
        batch_loss = step(Xe[start:start + batch_size], ye[start:start + batch_size],
                          check_weights)
        if batch_loss is None:
            return update
        losses[update] = batch_loss
    return update + 1


def _make_step(net, learning_rate):
    """A function making one update on a batch: forward, backward, subtract
    learning_rate times the slopes. It returns the batch's loss, or None (and
    changes nothing) if the loss or the new weights would not be finite."""
    weights, biases = net.weights, net.biases
    n_layers = len(weights)
    activations = [_activation_in_place(net.hidden_activation)] * (n_layers - 1)
    activations.append(_activation_in_place(net.output_activation))
    hidden_slope = _slope_from_values(net.hidden_activation)
    output_slope = _slope_from_values(net.output_activation)

    def step(xb, yb, check_weights):
        # forward
        values = [xb]
        for layer in range(n_layers):
            z = values[-1] @ weights[layer]
            if biases is not None:
                z += biases[layer]
            values.append(activations[layer](z))
        diff = values[-1] - yb
        batch_loss = float(np.vdot(diff, diff)) / diff.size
        if not np.isfinite(batch_loss):
            return None
        # backward: delta is the slope of the loss w.r.t. each node input
        delta = diff * (2.0 / diff.size)
        if output_slope is not None:
            delta *= output_slope(values[-1])
        new_weights, new_biases = [None] * n_layers, [None] * n_layers
        for layer in range(n_layers - 1, -1, -1):
            new_weights[layer] = weights[layer] - learning_rate * (values[layer].T @ delta)
            if biases is not None:
                new_biases[layer] = biases[layer] - learning_rate * delta.sum(axis=0)
            if layer > 0:
                delta = delta @ weights[layer].T
                if hidden_slope is not None:
                    delta *= hidden_slope(values[layer])
        # update
        if check_weights and not _all_finite(new_weights, new_biases if biases else None):
            return None
        weights[:] = new_weights
        if biases is not None:
            biases[:] = new_biases
        return batch_loss

    return step


def _parameters(net):
    return [w.copy() for w in net.weights], [b.copy() for b in net.biases or []]


def _restore(net, snapshot):
    weights, biases = snapshot
    net.weights[:] = weights
    if net.biases is not None:
        net.biases[:] = biases


def _all_finite(weights, biases):
    return all(np.isfinite(p).all() for p in weights + (biases or []))


def _finite(net):
    return _all_finite(net.weights, net.biases)
