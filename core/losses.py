"""The course's loss, the mean squared error, and the linear model's loss seen as
a landscape over its weights (notes 1.3-1.6).

Note: this is the course's MSE, mean((predicted - actual)**2), with no factor 1/2.
scikit-learn's MLP trains on half of it, so its learning rate must be doubled
to take the same steps (see ``core.sgd``).

``loss_along`` is the curve of the MSE as one weight of the linear model
(``core.linear``, prediction = sum(weights * input)) moves, the others held;
``loss_surface`` the surface over two weights. Values too large for float64 are
capped at the largest float (about 1.8e308), so every result is finite and can be
drawn.
"""

import numpy as np

from .checks import as_finite_array, as_number
from .linear import check_linear

FLOAT_MAX = float(np.finfo(np.float64).max)


def mean_squared_error(actual, predicted):
    """Mean squared error, argument order and meaning as ``sklearn.metrics``.

    MSE = mean((actual - predicted)**2), averaged over every value (rows and,
    for 2-D inputs, outputs alike).

    Parameters
    ----------
    actual : array-like of shape (n_samples,) or (n_samples, n_outputs)
    predicted : array-like of the same shape as ``actual``

    Returns
    -------
    float
    """
    actual = as_finite_array(actual, "actual", ndim=(0, 1, 2))
    predicted = as_finite_array(predicted, "predicted", ndim=(0, 1, 2))
    if actual.shape != predicted.shape:
        raise ValueError(
            "actual and predicted must have the same shape, got "
            f"{actual.shape} and {predicted.shape}."
        )
    with np.errstate(over="ignore"):
        return float(np.mean((actual - predicted) ** 2))


def _as_batch(input_data, target):
    """One point as a batch of one row: X of shape (n_samples, n_features), y (n_samples,)."""
    if input_data.ndim == 1:
        return input_data[None, :], np.reshape(target, (1,))
    return input_data, np.broadcast_to(target, (input_data.shape[0],))


def capped(values):
    """``values`` with NaN and infinities replaced by +-FLOAT_MAX, so they can be drawn."""
    return np.nan_to_num(values, nan=FLOAT_MAX, posinf=FLOAT_MAX, neginf=-FLOAT_MAX)


def _check_index(index, n_weights, name):
    return as_number(index, name, minimum=0, maximum=n_weights - 1, integer=True)


def loss_along(input_data, target, weights, index, values):
    """MSE of the linear model as weight ``index`` takes each of ``values``, the
    other weights held at ``weights``.

    loss[k] = mean((X @ w_k - y)**2) where w_k is ``weights`` with
    w_k[index] = values[k].

    Parameters
    ----------
    input_data : array-like of shape (n_features,) or (n_samples, n_features)
    target : float, or array-like of shape (n_samples,)
    weights : array-like of shape (n_features,)
    index : int, 0 .. n_features - 1, the weight that moves
    values : array-like of shape (n_values,), the values it takes

    Returns
    -------
    ndarray of shape (n_values,)
    """
    input_data, target, weights = check_linear(input_data, target, weights)
    index = _check_index(index, weights.shape[0], "index")
    values = as_finite_array(values, "values", ndim=1)
    X, y = _as_batch(input_data, target)
    with np.errstate(all="ignore"):
        base = X @ weights - X[:, index] * weights[index] - y      # (n_samples,)
        errors = base[None, :] + values[:, None] * X[None, :, index]  # (n_values, n_samples)
        return capped(np.mean(errors ** 2, axis=1))


def loss_surface(input_data, target, weights, index_x, index_y, values_x, values_y):
    """MSE of the linear model over a grid of two weights, the others held.

    loss[j, i] = MSE with weight ``index_x`` = values_x[i] and weight
    ``index_y`` = values_y[j], every other weight as in ``weights``.

    Parameters
    ----------
    input_data, target, weights : as in ``loss_along``
    index_x, index_y : two different ints, 0 .. n_features - 1
    values_x : array-like of shape (n_x,)
    values_y : array-like of shape (n_y,)

    Returns
    -------
    ndarray of shape (n_y, n_x)
    """
    input_data, target, weights = check_linear(input_data, target, weights)
    index_x = _check_index(index_x, weights.shape[0], "index_x")
    index_y = _check_index(index_y, weights.shape[0], "index_y")
    if index_x == index_y:
        raise ValueError(f"index_x and index_y must be two different weights, "
                         f"got {index_x} for both.")
    values_x = as_finite_array(values_x, "values_x", ndim=1)
    values_y = as_finite_array(values_y, "values_y", ndim=1)
    X, y = _as_batch(input_data, target)
    with np.errstate(all="ignore"):
        base = (X @ weights - X[:, index_x] * weights[index_x]
                - X[:, index_y] * weights[index_y] - y)
        errors = (base[None, None, :]
                  + values_y[:, None, None] * X[None, None, :, index_y]
                  + values_x[None, :, None] * X[None, None, :, index_x])
        return capped(np.mean(errors ** 2, axis=2))
