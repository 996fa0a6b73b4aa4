"""The descent page's lesson logic (task 2.7), numpy only: how large a learning
rate may be, the rates of a comparison, and the first updates of a long run.

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

import numpy as np

from core.checks import as_finite_array, as_number
from core.linear import DescentHistory

# How a learning rate behaves on a quadratic loss (see the module docstring).
CONVERGES, OSCILLATES, DIVERGES = "converges", "oscillates", "diverges"


# "Near zero" for a descent arrived somewhere flat: every weight's slope below this in
# size (the backprop page uses the same tolerance, core.rounds.FLAT_TOLERANCE).
FLAT_SLOPE = 1e-3


def flat_update(history, tolerance=FLAT_SLOPE):
    """The first update (0 for the start) after which every slope of ``history`` is
    below ``tolerance`` in size: the ground is flat there; None if it never is."""
    if not isinstance(history, DescentHistory):
        raise ValueError(f"history must be a core.DescentHistory, got "
                         f"{type(history).__name__}.")
    tolerance = as_number(tolerance, "tolerance", minimum=0, strict_minimum=True)
    flat = np.all(np.abs(history.slopes) < tolerance, axis=1)
    return int(np.argmax(flat)) if flat.any() else None


def weight_names(n_weights):
    """The seed's names of the weights: weights[0], weights[1], ..."""
    return [f"weights[{i}]" for i in range(n_weights)]


def inputs_per_point(input_data):
    """How many inputs each data point has, so how many weights the model needs:
    the length of one point (1-D) or of a row of a batch (2-D)."""
    input_data = as_finite_array(input_data, "input_data", ndim=(1, 2))
    return input_data.shape[-1]


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


def neighbour_rates(learning_rate, factor=10.0):
    """The rates of a comparison: (learning_rate / factor, learning_rate,
    learning_rate * factor)."""
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    factor = as_number(factor, "factor", minimum=1, strict_minimum=True)
    return (learning_rate / factor, learning_rate, learning_rate * factor)


# The shortest run computed for a page that shows a few updates (see run_span).
SHORTEST_SPAN = 32


def run_span(n_updates, limit):
    """How many updates to compute so that one run answers ``n_updates``: the next power
    of two at or above it, at least SHORTEST_SPAN, at most ``limit``.

    A run holds every shorter run (``first_updates``), so moving the number of updates
    within a span reuses the run, and a new start or rate computes at most twice the
    updates shown rather than all ``limit`` of them (20 updates shown: 32 computed, not
    500). Raises ValueError unless 0 <= n_updates <= limit."""
    limit = as_number(limit, "limit", minimum=1, integer=True)
    n_updates = as_number(n_updates, "n_updates", minimum=0, maximum=limit, integer=True)
    return min(limit, max(SHORTEST_SPAN, 1 << max(n_updates - 1, 0).bit_length()))


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

