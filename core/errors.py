"""Chapter 1 of the course: the errors of the 2-2-1 network, on many points and
when one weight changes.

``seed_network_errors`` is task 1.10 for any table of points: one prediction, one
error and one squared error per point, and their mean, the MSE (notes 1.2, 1.3).
``change_weight`` and ``nudge_weight`` are quiz 1.8 and task 1.9 for any weight:
the prediction and the error before and after one weight changes.
The error is ``predicted - actual``, as in the course.
"""

from dataclasses import dataclass

import numpy as np

from ._checks import as_finite_array, as_number
from .network import SEED_WEIGHT_KEYS, Network, _check_seed_weights, predict_with_network


@dataclass(frozen=True)
class PointErrors:
    """What ``seed_network_errors`` returns, one entry per point.

    predictions : ndarray of shape (n_samples,)
    errors : ndarray of shape (n_samples,), predictions - target_actuals
    squared_errors : ndarray of shape (n_samples,), errors**2
    mse : float, mean(squared_errors), the course's loss (no factor 1/2)
    """

    predictions: np.ndarray
    errors: np.ndarray
    squared_errors: np.ndarray
    mse: float


def seed_network_errors(input_data, target_actuals, weights):
    """Predictions, errors and squared errors of the course's 2-2-1 network on
    many points, and their mean squared error (task 1.10).

    prediction_i = predict_with_network(input_data[i], weights);
    error_i = prediction_i - target_actuals[i];
    mse = mean(error_i**2).

    Parameters
    ----------
    input_data : array-like of shape (n_samples, 2), one row a point
    target_actuals : array-like of shape (n_samples,)
    weights : dict with keys 'node_0', 'node_1', 'output', each array-like of shape (2,)

    Returns
    -------
    PointErrors

    Raises ValueError for a table that does not fit the network, for NaN or inf,
    and for numbers so large that a squared error or the MSE overflows float64.
    """
    input_data = as_finite_array(input_data, "input_data", ndim=2)
    if input_data.shape[1] != 2:
        raise ValueError(f"input_data must have 2 values per point (input_0, input_1) "
                         f"for the 2-2-1 network, got {input_data.shape[1]}.")
    target_actuals = as_finite_array(target_actuals, "target_actuals", ndim=1)
    if target_actuals.shape[0] != input_data.shape[0]:
        raise ValueError(f"target_actuals must hold one target per point of input_data "
                         f"({input_data.shape[0]}), got {target_actuals.shape[0]}.")
    network = Network.from_seed(weights)
    with np.errstate(all="ignore"):
        predictions = network.predict(input_data)[:, 0]
        errors = predictions - target_actuals
        squared_errors = errors ** 2
        mse = float(np.mean(squared_errors))
    bad = ~np.isfinite(squared_errors)
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(f"The squared error of point {row} (counting from 0) is too large "
                         "to compute: it overflows float64 (about 1.8e308). Use smaller "
                         "inputs, targets or weights.")
    if not np.isfinite(mse):
        raise ValueError("The mean squared error is too large to compute: the sum of the "
                         "squared errors overflows float64 (about 1.8e308). Use smaller "
                         "inputs, targets or weights.")
    return PointErrors(predictions=predictions, errors=errors,
                       squared_errors=squared_errors, mse=mse)


@dataclass(frozen=True)
class WeightChange:
    """What ``change_weight`` and ``nudge_weight`` return.

    node, index : which weight changed (``weights[node][index]``)
    weights_before, weights_after : dicts of the seed's layout
    weight_before, weight_after : the weight's two values
    prediction_before, prediction_after, error_before, error_after : floats
    error_change : error_after - error_before
    error_change_per_unit : error_change / (weight_after - weight_before), the slope
        of the error along this weight seen through a small change (0 when the
        weight did not change)
    accuracy : 'more accurate', 'less accurate' or 'the same', comparing |error|
    """

    node: str
    index: int
    weights_before: dict
    weights_after: dict
    weight_before: float
    weight_after: float
    prediction_before: float
    prediction_after: float
    error_before: float
    error_after: float
    error_change: float
    error_change_per_unit: float
    accuracy: str


def _check_slot(weights, node, index):
    if node not in SEED_WEIGHT_KEYS:
        raise ValueError(f"node must be one of {list(SEED_WEIGHT_KEYS)}, got {node!r}.")
    index = as_number(index, "index", minimum=0, maximum=1, integer=True)
    return _check_seed_weights(weights), index


def _prediction_and_error(input_data_point, target, weights, which):
    with np.errstate(all="ignore"):
        prediction = predict_with_network(input_data_point, weights)
        error = prediction - target
    if not np.isfinite(error):
        raise ValueError(f"The error {which} the change is too large to compute: it "
                         "overflows float64. Use smaller inputs, targets or weights.")
    return prediction, float(error)


def change_weight(input_data_point, target, weights, node, index, new_value):
    """Prediction and error of the 2-2-1 network before and after one weight,
    ``weights[node][index]``, is set to ``new_value`` (quiz 1.8).

    Parameters
    ----------
    input_data_point : array-like of shape (2,)
    target : float, the actual value
    weights : dict with keys 'node_0', 'node_1', 'output', each array-like of shape (2,)
    node : 'node_0', 'node_1' or 'output'; index : 0 or 1
    new_value : float

    Returns
    -------
    WeightChange
    """
    before, index = _check_slot(weights, node, index)
    target = as_number(target, "target")
    new_value = as_number(new_value, "new_value")
    after = {key: value.copy() for key, value in before.items()}
    after[node][index] = new_value
    prediction_before, error_before = _prediction_and_error(input_data_point, target,
                                                            before, "before")
    prediction_after, error_after = _prediction_and_error(input_data_point, target,
                                                          after, "after")
    weight_before = float(before[node][index])
    step = new_value - weight_before
    with np.errstate(all="ignore"):
        error_change = error_after - error_before
        per_unit = error_change / step if step != 0 else 0.0
    if not (np.isfinite(error_change) and np.isfinite(per_unit)):
        raise ValueError("The change of the error is too large to compute: it overflows "
                         "float64. Use smaller inputs, targets or weights.")
    if abs(error_after) < abs(error_before):
        accuracy = "more accurate"
    elif abs(error_after) > abs(error_before):
        accuracy = "less accurate"
    else:
        accuracy = "the same"
    return WeightChange(
        node=node, index=index, weights_before=before, weights_after=after,
        weight_before=weight_before, weight_after=new_value,
        prediction_before=prediction_before, prediction_after=prediction_after,
        error_before=error_before, error_after=error_after, error_change=error_change,
        error_change_per_unit=float(per_unit),
        accuracy=accuracy,
    )


def nudge_weight(input_data_point, target, weights, node, index, amount):
    """``change_weight`` with ``weights[node][index] + amount`` as the new value:
    how a small nudge of one weight moves the prediction and the error.

    amount : float, e.g. 0.01 or -0.5

    Returns
    -------
    WeightChange
    """
    checked, index = _check_slot(weights, node, index)
    amount = as_number(amount, "amount")
    new_value = float(checked[node][index]) + amount
    if not np.isfinite(new_value):
        raise ValueError(f"weights[{node!r}][{index}] + amount overflows float64, "
                         f"got amount {amount}.")
    return change_weight(input_data_point, target, checked, node, index, new_value)
