"""The errors page's lesson logic (quiz 1.8, task 1.9), numpy only: the prediction
and the error of the 2-2-1 network before and after one weight changes, and how one
node of it got its value.

The error is ``predicted - actual``, as in the course.
"""

from dataclasses import dataclass

import numpy as np

from core.backprop import backprop
from core.checks import as_number
from core.network import (
    SEED_WEIGHT_KEYS,
    Network,
    check_seed_weights,
    predict_with_network,
)


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
    return check_seed_weights(weights), index


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


@dataclass(frozen=True)
class NodeStory:
    """What ``explain_node`` returns: how one node of the 2-2-1 network got its value,
    and the slope of the loss (the squared error) with respect to that value.

    name : the course's name (input_0, node_1, output...)
    terms : [(feeding node's name, its value, weight)] summed into the node's input
        (empty for an input node)
    node_input : float or None, the weighted sum (None for an input node)
    value : float, relu(node_input), or the data value of an input node
    slope : float, d(error**2) / d(value)
    """

    name: str
    terms: list
    node_input: float | None
    value: float
    slope: float


NODE_NAMES = (("input_0", "input_1"), ("node_0", "node_1"), ("output",))


def explain_node(input_data_point, target, weights, layer, index):
    """The forward value of node ``index`` of ``layer`` (0: inputs, 1: hidden,
    2: output) and the slope of the loss error**2 with respect to it (one backward
    pass, ``core.backprop`` on this one point)."""
    weights = check_seed_weights(weights)
    layer = as_number(layer, "layer", minimum=0, maximum=2, integer=True)
    index = as_number(index, "index", minimum=0, maximum=len(NODE_NAMES[layer]) - 1,
                      integer=True)
    target = as_number(target, "target")
    network = Network.from_seed(weights)
    with np.errstate(all="ignore"):
        gradients = backprop(network, np.asarray([input_data_point], dtype=float), [target])
    forward = gradients.forward
    value = float(forward.node_values[layer][0, index])
    slope = float(gradients.value_slopes[layer][0, index])
    if not (np.isfinite(value) and np.isfinite(slope)):
        raise ValueError("The numbers are too large to compute (they overflow float64). "
                         "Use smaller inputs, targets or weights.")
    if layer == 0:
        return NodeStory(NODE_NAMES[0][index], [], None, value, slope)
    key = "output" if layer == 2 else f"node_{index}"
    feeding = NODE_NAMES[layer - 1]
    terms = [(name, float(forward.node_values[layer - 1][0, i]), float(weights[key][i]))
             for i, name in enumerate(feeding)]
    return NodeStory(NODE_NAMES[layer][index], terms,
                     float(forward.node_inputs[layer][0, index]), value, slope)
