"""Rounds of backpropagation (notes 3.2, 4.1, 4.2): forward, backward, update.

One round on a batch X, y (the course's MSE over all rows, full-batch):

1. forward: node values at the current weights, the prediction, the loss;
2. backward: the slope of the loss for every weight and bias (``core.backprop``);
3. update: every weight and bias minus learning_rate * its slope.

``train_rounds`` repeats it a fixed number of times, or until the slopes are all
near zero (flat, note 1.5), and stops before any round whose numbers overflow.
"""

import copy
from dataclasses import dataclass

import numpy as np

from .backprop import Gradients, _backprop, check_targets
from .checks import as_number
from .network import Network

MAX_ROUNDS = 2000
# "Near zero" for train-until-flat: every weight and bias slope below this in size.
FLAT_TOLERANCE = 1e-3
# A loss more than this many times the starting loss (or than 1) counts as diverged.
DIVERGENCE_FACTOR = 1e6
# What a round says when its numbers leave float64.
OVERFLOW_MESSAGE = ("The numbers are too large to compute: the loss or a slope overflows "
                    "float64 (beyond about 1.8e308) with these inputs, targets and weights. "
                    "Use smaller values.")


# -- one round and many ------------------------------------------------------------

def _all_finite(arrays):
    return bool(np.isfinite(np.concatenate([np.ravel(a) for a in arrays])).all())


def _finite_gradients(gradients):
    return bool(np.isfinite(gradients.loss)) and _all_finite(
        list(gradients.weights) + list(gradients.biases or []))


def max_slope(gradients):
    """The largest slope in size over every weight and bias: 0 means flat."""
    if not isinstance(gradients, Gradients):
        raise ValueError(f"gradients must be core.Gradients, got {type(gradients).__name__}.")
    arrays = list(gradients.weights) + list(gradients.biases or [])
    return float(np.max(np.abs(np.concatenate([np.ravel(a) for a in arrays]))))


def _update(network, gradients, learning_rate):
    weights = [w - learning_rate * g for w, g in zip(network.weights, gradients.weights,
                                                     strict=True)]
    biases = None
    if network.biases is not None:
        biases = [b - learning_rate * g for b, g in zip(network.biases, gradients.biases,
                                                        strict=True)]
    if not _all_finite(weights + (biases or [])):
        return None
    # Same shapes and activations as ``network``: skip the constructor's checks.
    updated = copy.copy(network)
    updated.weights, updated.biases = weights, biases
    return updated


@dataclass(frozen=True)
class RoundResult:
    """What ``one_round`` returns.

    network : the network after the update (a new one)
    gradients : the slopes found by the round's backward pass (before the update)
    loss_before : the MSE at the old weights (the round's forward pass)
    loss_after : the MSE at the new weights
    """

    network: Network
    gradients: Gradients
    loss_before: float
    loss_after: float


def one_round(network, X, y, learning_rate):
    """One round of backpropagation (note 4.2): forward pass, backward pass, then
    every weight and bias minus learning_rate times its slope.

    Parameters
    ----------
    network : core.Network
    X : array-like of shape (n_features,) or (n_samples, n_features)
    y : targets, see ``core.backprop``
    learning_rate : float > 0

    Returns
    -------
    RoundResult (raises ValueError if a number overflows)
    """
    X, y = check_targets(network, X, y)
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0,
                              strict_minimum=True)
    with np.errstate(all="ignore"):
        gradients = _backprop(network, X, y)
        if not _finite_gradients(gradients):
            raise ValueError(OVERFLOW_MESSAGE)
        updated = _update(network, gradients, learning_rate)
        loss_after = None if updated is None else float(
            np.mean((updated._forward(X).prediction - y) ** 2))
    if updated is None or not np.isfinite(loss_after):
        raise ValueError(f"The update overflows: learning rate {learning_rate:g} times "
                         "these slopes gives weights or a loss beyond float64. Use a "
                         "smaller learning rate.")
    return RoundResult(updated, gradients, gradients.loss, loss_after)


@dataclass(frozen=True)
class RoundsHistory:
    """What ``train_rounds`` returns.

    start : the starting network
    network : the network after ``rounds_done`` rounds (the last finite one)
    losses : ndarray of shape (rounds_done + 1,), the MSE after 0, 1, ... rounds
    max_slopes : ndarray of shape (rounds_done + 1,), the largest slope in size
        over every weight and bias after 0, 1, ... rounds
    rounds_done : int, the rounds applied
    diverged_at : None, or the round (counted from 1) whose loss, slopes or
        weights overflowed or grew beyond DIVERGENCE_FACTOR; it is not applied
    flat_at : None, or the first number of rounds after which every slope was
        below the tolerance (only searched when ``until_flat``)
    """

    start: Network
    network: Network
    losses: np.ndarray
    max_slopes: np.ndarray
    rounds_done: int
    diverged_at: int | None
    flat_at: int | None

    @property
    def forward_passes(self):
        """Forward passes spent on the rounds: one per round (quiz 3.3)."""
        return self.rounds_done

    @property
    def backward_passes(self):
        """Backward passes spent on the rounds: one per round."""
        return self.rounds_done

    @property
    def loss_before(self):
        """The loss before the last round applied (None if no round yet)."""
        return float(self.losses[-2]) if self.rounds_done else None

    @property
    def loss_after(self):
        """The loss after the last round applied (the current loss)."""
        return float(self.losses[-1])

    @property
    def is_flat(self):
        """True when every slope at the current weights is below FLAT_TOLERANCE."""
        return bool(self.max_slopes[-1] < FLAT_TOLERANCE)


def train_rounds(network, X, y, learning_rate, n_rounds, until_flat=False,
                 tolerance=FLAT_TOLERANCE):
    """Apply ``n_rounds`` rounds of backpropagation (note 4.2), or fewer when
    ``until_flat`` and every slope falls below ``tolerance`` ("keep going until
    you get to a flat part"), or when the run diverges.

    Divergence: a round whose loss, slopes or new weights overflow float64, or
    whose loss exceeds DIVERGENCE_FACTOR * max(starting loss, 1), is not applied;
    ``diverged_at`` names it and the history stops before it (no NaN or inf).

    Parameters
    ----------
    network : core.Network, the starting weights
    X : array-like of shape (n_samples, n_features) (or one point, 1-D)
    y : targets, see ``core.backprop``
    learning_rate : float > 0
    n_rounds : int, 0 .. MAX_ROUNDS
    until_flat : bool, stop at the first flat point
    tolerance : float > 0, "near zero" for the slopes

    Returns
    -------
    RoundsHistory (raises ValueError if the starting numbers overflow)
    """
    X, y = check_targets(network, X, y)
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0,
                              strict_minimum=True)
    n_rounds = as_number(n_rounds, "n_rounds", minimum=0, maximum=MAX_ROUNDS, integer=True)
    tolerance = as_number(tolerance, "tolerance", minimum=0, strict_minimum=True)
    losses, slopes = [], []
    diverged_at = flat_at = None
    current = network.copy()
    with np.errstate(all="ignore"):
        gradients = _backprop(current, X, y)
        if not _finite_gradients(gradients):
            raise ValueError(OVERFLOW_MESSAGE)
        limit = DIVERGENCE_FACTOR * max(gradients.loss, 1.0)
        for done in range(n_rounds + 1):
            losses.append(gradients.loss)
            slopes.append(max_slope(gradients))
            if until_flat and slopes[-1] < tolerance:
                flat_at = done
                break
            if done == n_rounds:
                break
            updated = _update(current, gradients, learning_rate)
            next_gradients = None if updated is None else _backprop(updated, X, y)
            if (next_gradients is None or not _finite_gradients(next_gradients)
                    or next_gradients.loss > limit):
                diverged_at = done + 1
                break
            current, gradients = updated, next_gradients
    return RoundsHistory(network.copy(), current, np.array(losses), np.array(slopes),
                         len(losses) - 1, diverged_at, flat_at)
