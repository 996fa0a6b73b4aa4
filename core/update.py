"""One gradient-descent update by hand, and how large a learning rate may be
(notes 2.1 and 2.2, code 2.4, tasks 2.5-2.7).

The model is the linear one of ``core.linear``, prediction = sum(weights * input),
and the loss the course's MSE, mean(error**2). Its MSE is a quadratic in the
weights whose curvature is the Hessian H = 2 * X.T @ X / n_samples (one row per
data point). Gradient descent multiplies the distance to the best weights along
each eigenvector of H by (1 - learning_rate * eigenvalue) at every update, so:

- learning_rate <= 1 / lambda_max: every step goes downhill without passing the
  minimum in any direction;
- 1 / lambda_max < learning_rate < 2 / lambda_max: steps overshoot and zigzag
  but the loss still falls;
- learning_rate >= 2 / lambda_max: steps overshoot further each time, the loss
  grows and the weights fly off until they overflow.
"""

import math
from dataclasses import dataclass

import numpy as np

from ._checks import as_finite_array, as_number
from .linear import DescentHistory, _check_linear

# What a step does relative to the minimum of a single weight's loss curve.
STAYS, TOWARD, LANDS, OVERSHOOT, OVERSHOOT_RISES, AWAY = (
    "stays", "toward", "lands", "overshoot", "overshoot_rises", "away")
# How a learning rate behaves on a quadratic loss (see the module docstring).
CONVERGES, OSCILLATES, DIVERGES = "converges", "oscillates", "diverges"


@dataclass(frozen=True)
class LinearUpdate:
    """What ``linear_update`` returns; arrays have shape (n_features,).

    weights, prediction, error : before the update (error = prediction - target)
    slope : 2 * input_data * error, one per weight
    learning_rate : the rate used
    step : learning_rate * slope, what is subtracted from each weight
    new_weights : weights - step
    new_prediction, new_error : after the update
    loss, new_loss : the MSE before and after (for one point, error**2)
    """

    weights: np.ndarray
    prediction: float
    error: float
    slope: np.ndarray
    learning_rate: float
    step: np.ndarray
    new_weights: np.ndarray
    new_prediction: float
    new_error: float
    loss: float
    new_loss: float

    @property
    def loss_change(self):
        """new_loss - loss (negative when the update helped)."""
        return self.new_loss - self.loss

    @property
    def error_change(self):
        """new_error - error."""
        return self.new_error - self.error


def linear_update(input_data, target, weights, learning_rate):
    """One update of the linear model on one data point, as the course's code 2.4:

    preds = (weights * input_data).sum(); error = preds - target;
    slope = 2 * input_data * error; new_weights = weights - learning_rate * slope.

    Parameters
    ----------
    input_data : array-like of shape (n_features,), one data point
    target : float
    weights : array-like of shape (n_features,)
    learning_rate : float > 0

    Returns
    -------
    LinearUpdate

    Raises ValueError if the data are not one point, or if a number of the update
    is too large to compute in float64.
    """
    input_data, target, weights = _check_linear(input_data, target, weights)
    if input_data.ndim != 1:
        raise ValueError(f"input_data must be one data point (1-D), got shape "
                         f"{input_data.shape}.")
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    with np.errstate(all="ignore"):
        # numpy float64 throughout: an overflow gives inf (checked below), not an error
        prediction = (weights * input_data).sum()
        error = prediction - target
        slope = 2 * input_data * error
        step = learning_rate * slope
        new_weights = weights - step
        new_prediction = (new_weights * input_data).sum()
        new_error = new_prediction - target
        loss, new_loss = error ** 2, new_error ** 2
    numbers = np.concatenate([[prediction, new_prediction, loss, new_loss], slope,
                              new_weights])
    if not np.isfinite(numbers).all():
        raise ValueError(
            "These weights and inputs give numbers too large to compute (they "
            "overflow float64): use smaller weights or inputs.")
    return LinearUpdate(
        weights=weights, prediction=float(prediction), error=float(error), slope=slope,
        learning_rate=learning_rate, step=step, new_weights=new_weights,
        new_prediction=float(new_prediction), new_error=float(new_error),
        loss=float(loss), new_loss=float(new_loss))


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


def hessian_max_eigenvalue(input_data):
    """Largest eigenvalue of the Hessian of the MSE, H = 2 * X.T @ X / n_samples.

    The MSE is the same quadratic whatever the targets and weights, so only the
    inputs matter. For one data point x (1-D), H = 2 * outer(x, x) and the
    eigenvalue is 2 * sum(x**2).

    Parameters
    ----------
    input_data : array-like of shape (n_features,) or (n_samples, n_features)

    Returns
    -------
    float >= 0 (0 when every input is 0)
    """
    X = as_finite_array(input_data, "input_data", ndim=(1, 2))
    if X.ndim == 1:
        X = X[None, :]
    # Scaling by the largest input keeps X.T @ X from overflowing.
    scale = float(np.abs(X).max())
    if scale == 0:
        return 0.0
    Xs = X / scale
    top = float(np.linalg.eigvalsh(2 * Xs.T @ Xs / X.shape[0])[-1])
    with np.errstate(over="ignore"):
        value = top * scale * scale
    if not math.isfinite(value):
        raise ValueError("input_data is too large: the curvature of its MSE overflows "
                         "float64.")
    return max(value, 0.0)


def max_stable_learning_rate(input_data):
    """2 / lambda_max: gradient descent on this data's MSE converges for any
    learning rate below it and diverges from (almost) any start above it.

    Returns math.inf when every input is 0 (the loss does not depend on the weights).
    """
    top = hessian_max_eigenvalue(input_data)
    return math.inf if top == 0 else 2.0 / top


def rate_regime(input_data, learning_rate):
    """How gradient descent behaves on this data at ``learning_rate``:
    ``"converges"`` (rate <= 1 / lambda_max, steps never pass the minimum),
    ``"oscillates"`` (below 2 / lambda_max: steps zigzag, the loss still falls) or
    ``"diverges"`` (rate >= 2 / lambda_max: the loss grows without bound)."""
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    top = hessian_max_eigenvalue(input_data)
    if learning_rate * top <= 1:
        return CONVERGES
    if learning_rate * top < 2:
        return OSCILLATES
    return DIVERGES


def suggest_learning_rate(input_data, options):
    """The largest of ``options`` at most 1 / lambda_max: the fastest offered rate
    whose steps go straight downhill, never past the minimum.

    Parameters
    ----------
    input_data : array-like of shape (n_features,) or (n_samples, n_features)
    options : sequence of floats > 0, the rates to choose from

    Returns
    -------
    float, or None when every option is larger than 1 / lambda_max.
    """
    options = as_finite_array(options, "options", ndim=1)
    if (options <= 0).any():
        raise ValueError(f"options must all be > 0, got {options.tolist()}.")
    top = hessian_max_eigenvalue(input_data)
    fitting = options if top == 0 else options[options * top <= 1]
    return float(fitting.max()) if fitting.size else None


def log_spaced_rates(low=1e-4, high=1.0):
    """Learning rates from ``low`` to ``high`` on the 1-2-5 series:
    0.0001, 0.0002, 0.0005, 0.001, ..., 0.5, 1 for the defaults.

    Returns
    -------
    list of floats, each as short as Python prints it (0.0002, not 0.00020000000000000001)
    """
    low = as_number(low, "low", minimum=0, strict_minimum=True)
    high = as_number(high, "high", minimum=low)
    rates = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 2, 5):
            rate = float(f"{mantissa}e{exponent}")
            if low * (1 - 1e-12) <= rate <= high * (1 + 1e-12):
                rates.append(rate)
    return rates


def neighbour_rates(learning_rate, factor=10.0):
    """The rates of a comparison: (learning_rate / factor, learning_rate,
    learning_rate * factor)."""
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    factor = as_number(factor, "factor", minimum=1, strict_minimum=True)
    return (learning_rate / factor, learning_rate, learning_rate * factor)


def first_updates(history, n_updates):
    """The first ``n_updates`` updates of a ``DescentHistory``, as if
    ``gradient_descent`` had been run with n_updates.

    A run of 500 updates holds every shorter run, so one cached run answers every
    number of updates up to 500. If the run diverged at or before n_updates, the
    history is returned whole (with its ``diverged_at``).

    Raises ValueError if the history stops before n_updates without diverging.
    """
    if not isinstance(history, DescentHistory):
        raise ValueError(f"history must be a core.DescentHistory, got "
                         f"{type(history).__name__}.")
    n_updates = as_number(n_updates, "n_updates", minimum=0, integer=True)
    if history.diverged_at is not None and history.diverged_at <= n_updates:
        return history
    if n_updates > history.n_updates:
        raise ValueError(f"n_updates must be <= {history.n_updates}, the updates this "
                         f"history holds, got {n_updates}.")
    rows = n_updates + 1
    return DescentHistory(weights=history.weights[:rows], mse=history.mse[:rows],
                          slopes=history.slopes[:rows], diverged_at=None)

