"""The loss of the linear model seen as a landscape over its weights (notes 1.4-1.6).

``loss_along`` is the curve of the MSE as one weight moves (the others held),
``loss_surface`` the surface over two weights, ``tangent_line`` the line whose
slope is ``get_slope``'s, and ``grid_around`` a grid of weights wide enough to
show a set of points. The model is ``prediction = sum(weights * input)`` and the
loss the course's MSE, mean(error**2), as in ``core.linear``.

Values too large for float64 are capped at the largest float (about 1.8e308),
so every result is finite and can be drawn.
"""

import numpy as np

from ._checks import as_finite_array, as_number
from .linear import _check_linear

FLOAT_MAX = float(np.finfo(np.float64).max)


def _as_batch(input_data, target):
    """One point as a batch of one row: X of shape (n_samples, n_features), y (n_samples,)."""
    if input_data.ndim == 1:
        return input_data[None, :], np.reshape(target, (1,))
    return input_data, np.broadcast_to(target, (input_data.shape[0],))


def _capped(values):
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
    input_data, target, weights = _check_linear(input_data, target, weights)
    index = _check_index(index, weights.shape[0], "index")
    values = as_finite_array(values, "values", ndim=1)
    X, y = _as_batch(input_data, target)
    with np.errstate(all="ignore"):
        base = X @ weights - X[:, index] * weights[index] - y      # (n_samples,)
        errors = base[None, :] + values[:, None] * X[None, :, index]  # (n_values, n_samples)
        return _capped(np.mean(errors ** 2, axis=1))


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
    input_data, target, weights = _check_linear(input_data, target, weights)
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
        return _capped(np.mean(errors ** 2, axis=2))


def tangent_line(weight, loss_value, slope, values):
    """The tangent to the loss curve at ``weight``: loss_value + slope * (values - weight).

    Parameters
    ----------
    weight, loss_value, slope : floats, the point of contact and the slope there
    values : array-like of shape (n_values,), the weights where the line is drawn

    Returns
    -------
    ndarray of shape (n_values,)
    """
    weight = as_number(weight, "weight")
    loss_value = as_number(loss_value, "loss_value")
    slope = as_number(slope, "slope")
    values = as_finite_array(values, "values", ndim=1)
    with np.errstate(all="ignore"):
        return _capped(loss_value + slope * (values - weight))


def grid_around(points, n_points=41, margin=0.15, min_half_width=0.5):
    """Evenly spaced values covering every one of ``points`` with a margin.

    The range is [min(points), max(points)] widened by ``margin`` times its width
    on each side, and at least ``2 * min_half_width`` wide.

    Parameters
    ----------
    points : array-like, any shape, finite
    n_points : int >= 2
    margin : float >= 0
    min_half_width : float > 0

    Returns
    -------
    ndarray of shape (n_points,)
    """
    points = as_finite_array(points, "points")
    n_points = as_number(n_points, "n_points", minimum=2, integer=True)
    margin = as_number(margin, "margin", minimum=0)
    min_half_width = as_number(min_half_width, "min_half_width", minimum=0,
                               strict_minimum=True)
    low, high = float(points.min()), float(points.max())
    # Halves keep the arithmetic finite for points near +-1.8e308.
    centre = low / 2 + high / 2
    half = max((high / 2 - low / 2) * (1 + 2 * margin), min_half_width)
    half = min(half, FLOAT_MAX / 4)
    return np.clip(np.linspace(centre - half, centre + half, n_points), -FLOAT_MAX, FLOAT_MAX)
