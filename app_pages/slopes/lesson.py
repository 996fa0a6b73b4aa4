"""The slopes page's lesson logic (notes 1.6, 2.1, 2.2), numpy only: the best
weight of a one-weight model, where one step lands, the tangent to the loss curve,
and the new weights a learner gets from common slips in the update.

The model is ``prediction = weight * input`` and the loss the course's squared
error, (prediction - target)**2, as in ``core.linear``.
"""

import math

import numpy as np

from core.checks import as_finite_array, as_number
from core.course import (
    CODE_2_4_INPUT,
    CODE_2_4_LEARNING_RATE,
    CODE_2_4_TARGET,
    CODE_2_4_WEIGHTS,
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_6_LEARNING_RATE,
)
from core.linear import linear_update
from core.losses import capped

# What a step does relative to the minimum of a single weight's loss curve.
STAYS, TOWARD, LANDS, OVERSHOOT, OVERSHOOT_RISES, AWAY = (
    "stays", "toward", "lands", "overshoot", "overshoot_rises", "away")

# The slopes page's two examples of several weights: label -> (URL key prefix, numbers).
SLOPE_EXAMPLES = {
    "Code 2.4: weights [1 2], input [3 4]": ("c24_", {
        "weights": CODE_2_4_WEIGHTS, "input": CODE_2_4_INPUT, "target": CODE_2_4_TARGET,
        "learning_rate": CODE_2_4_LEARNING_RATE}),
    "Tasks 2.5-2.6: weights [0 2 1], input [1 2 3]": ("t25_", {
        "weights": TASK_2_5_WEIGHTS, "input": TASK_2_5_INPUT, "target": TASK_2_5_TARGET,
        "learning_rate": TASK_2_6_LEARNING_RATE}),
}


def best_single_weight(input_value, target):
    """The weight with zero loss for prediction = weight * input_value: target / input_value.

    Raises ValueError when input_value is 0: the prediction is then 0 whatever the
    weight, so every weight gives the same loss and none is best.
    """
    input_value = as_number(input_value, "input_value")
    target = as_number(target, "target")
    if input_value == 0:
        raise ValueError("input_value must not be 0: with input 0 the prediction is 0 "
                         "for every weight, so no weight is better than another.")
    with np.errstate(all="ignore"):
        best = target / input_value
    if not math.isfinite(best):
        raise ValueError(f"target / input_value is too large to compute, got "
                         f"{target} / {input_value}.")
    return best


def step_outcome(weight, new_weight, best_weight):
    """Where a step of a single weight lands relative to the best weight.

    Returns one of
    - ``"stays"``: the weight did not move (slope 0);
    - ``"lands"``: the new weight is the best weight (within 1e-9, relative);
    - ``"toward"``: it stays on the same side of the minimum and gets closer;
    - ``"overshoot"``: it passes the minimum but ends closer, so the loss falls;
    - ``"overshoot_rises"``: it passes the minimum and ends farther, so the loss rises;
    - ``"away"``: it moves away on the same side (never for gradient descent).
    """
    weight = as_number(weight, "weight")
    new_weight = as_number(new_weight, "new_weight")
    best_weight = as_number(best_weight, "best_weight")
    if new_weight == weight:
        return STAYS
    before, after = weight - best_weight, new_weight - best_weight
    if math.isclose(new_weight, best_weight, rel_tol=1e-9, abs_tol=1e-12):
        return LANDS
    if (before > 0) == (after > 0) and before != 0:
        return TOWARD if abs(after) < abs(before) else AWAY
    return OVERSHOOT if abs(after) < abs(before) else OVERSHOOT_RISES


def guess_mistakes(input_value, target, weight, learning_rate):
    """The new weight a learner gets from common slips in the update
    new_weight = weight - learning_rate * 2 * (weight * input_value - target) * input_value.

    Returns
    -------
    dict mapping a description of the slip to the (float) weight it gives.
    """
    update = linear_update([input_value], target, [weight], learning_rate)
    slope, error = float(update.slope[0]), update.error
    with np.errstate(all="ignore"):
        mistakes = {
            "added learning rate × slope instead of subtracting it":
                weight + learning_rate * slope,
            "left out the learning rate (subtracted the whole slope)": weight - slope,
            "left out the factor 2 of the slope": weight - learning_rate * slope / 2,
            "left out the input from the slope (used 2 × error)":
                weight - learning_rate * 2 * error,
            "wrote the change (− learning rate × slope), not the new weight":
                -learning_rate * slope,
        }
    return {text: float(value) for text, value in mistakes.items() if math.isfinite(value)}


def check_guess(guess, answer, mistakes=None, tolerance=0.005):
    """Compare a learner's guess with the answer.

    The guess is right when it is within ``tolerance`` of the answer (or within
    0.1 % of it, whichever is wider). Otherwise the first of ``mistakes`` (a dict
    description -> value, see ``guess_mistakes``) that the guess matches is named.

    Returns
    -------
    (right, mistake) : (bool, str or None)
    """
    guess = as_number(guess, "guess")
    answer = as_number(answer, "answer")
    tolerance = as_number(tolerance, "tolerance", minimum=0)

    def close(a, b):
        return abs(a - b) <= max(tolerance, 1e-3 * abs(b))

    if close(guess, answer):
        return True, None
    for text, value in (mistakes or {}).items():
        if close(guess, value):
            return False, text
    return False, None


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
        return capped(loss_value + slope * (values - weight))
