"""scikit-learn's MLPRegressor trained exactly like ``core.train_sgd``: the reference
the sgd page draws beside our curve (no Streamlit here, so the bench can use it).

The recipe: solver "sgd" with a constant learning rate, no momentum, no L2 penalty
(alpha=0), no shuffling of its own; the same starting weights copied into
``coefs_``/``intercepts_``; then one ``partial_fit`` per epoch on the rows in the
order ``core.epoch_orders`` gives, so both see the same batches. scikit-learn's
squared loss is half the course's MSE, so its learning rate is doubled and its
``loss_curve_`` is multiplied by 2.
"""

import time
import warnings
from dataclasses import dataclass

import numpy as np

import core

# Our activation names -> scikit-learn's.
SKLEARN_ACTIVATIONS = {"relu": "relu", "tanh": "tanh", "sigmoid": "logistic",
                       "identity": "identity"}


@dataclass(frozen=True)
class ReferenceRun:
    """What ``sklearn_reference`` returns.

    loss_per_epoch : ndarray, scikit-learn's loss_curve_ times 2 (the course's MSE),
        only the finite epochs
    weights, biases : lists of ndarray, its trained coefs_ and intercepts_
    seconds : float, time spent in partial_fit
    """

    loss_per_epoch: np.ndarray
    weights: list
    biases: list
    seconds: float


def sklearn_reference(network, X, y, learning_rate, batch_size, epochs, shuffle=True,
                      seed=0, progress=None, chunk_updates=None):
    """Train a copy of ``network`` with scikit-learn's MLPRegressor, as train_sgd does.

    network : core.Network with biases and an identity output (MLPRegressor's)
    X : ndarray (n_samples, n_features); y : ndarray (n_samples,)
    progress : optional callable(updates_done, total_updates)
    chunk_updates : None (one partial_fit per epoch) or a number of whole batches per
        partial_fit, so that progress is reported within long epochs; the batches
        and the updates are the same either way

    Returns
    -------
    ReferenceRun
    """
    from sklearn.neural_network import MLPRegressor

    if network.biases is None or network.output_activation != "identity":
        raise ValueError("the scikit-learn reference needs a network with biases and an "
                         "identity output.")
    n_samples = X.shape[0]
    if n_samples < 2:
        raise ValueError(f"the scikit-learn reference needs at least 2 rows, got {n_samples}.")
    batch_size = min(int(batch_size), n_samples)
    updates_per_epoch = -(-n_samples // batch_size)
    chunk_rows = n_samples if chunk_updates is None else int(chunk_updates) * batch_size
    model = MLPRegressor(
        hidden_layer_sizes=tuple(network.layer_sizes[1:-1]),
        activation=SKLEARN_ACTIVATIONS[network.hidden_activation],
        solver="sgd", learning_rate="constant", learning_rate_init=2.0 * learning_rate,
        momentum=0.0, nesterovs_momentum=False, alpha=0.0, batch_size=batch_size,
        shuffle=False, max_iter=1, tol=0.0, n_iter_no_change=10**9)
    orders = core.epoch_orders(n_samples, epochs, shuffle, seed)
    seconds, curve = 0.0, []
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        model.partial_fit(X[:2], y[:2])  # builds the layers; the weights are replaced next
        model.coefs_ = [w.copy() for w in network.weights]
        model.intercepts_ = [b.copy() for b in network.biases]
        model.loss_curve_ = []
        model.t_ = 0
        for epoch in range(epochs):
            Xe, ye = X[orders[epoch]], y[orders[epoch]]
            summed = 0.0
            for start in range(0, n_samples, chunk_rows):
                rows = min(chunk_rows, n_samples - start)
                began = time.perf_counter()
                try:
                    model.partial_fit(Xe[start:start + rows], ye[start:start + rows])
                except (ValueError, FloatingPointError, OverflowError):
                    summed = np.inf  # scikit-learn refuses to go on: weights not finite
                finally:
                    seconds += time.perf_counter() - began
                # loss_curve_ holds half the MSE of this partial_fit's rows
                summed += model.loss_curve_[-1] * rows if np.isfinite(summed) else 0.0
                if not np.isfinite(summed):
                    break
                if progress is not None:
                    done = epoch * updates_per_epoch + -(-(start + rows) // batch_size)
                    progress(done, epochs * updates_per_epoch)
            if not np.isfinite(summed):
                break
            curve.append(2.0 * summed / n_samples)
    return ReferenceRun(np.array(curve, dtype=np.float64), [w.copy() for w in model.coefs_],
                        [b.copy() for b in model.intercepts_], seconds)
