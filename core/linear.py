"""Chapter 2 of the course: a linear model ``prediction = sum(weights * inputs)``,
its error, the slope of the MSE for each weight, one update by hand (code 2.4) and
gradient descent.

The three small functions mirror the seed's code line for line for one data point
(1-D ``input_data``); they also accept a batch (2-D ``input_data``, one row a point),
where the slope becomes the mean of the rows' slopes, the gradient of the MSE.
"""

from dataclasses import dataclass

import numpy as np

from .checks import as_finite_array, as_number


def check_linear(input_data, target, weights):
    """Check the data of the linear model and return them as float64 arrays:
    input_data of shape (n_features,) or (n_samples, n_features), target a number or
    of shape (n_samples,), weights of shape (n_features,)."""
    input_data = as_finite_array(input_data, "input_data", ndim=(1, 2))
    weights = as_finite_array(weights, "weights", ndim=1)
    n_features = input_data.shape[-1]
    if weights.shape[0] != n_features:
        raise ValueError(
            f"weights must have one value per input ({n_features}), "
            f"got {weights.shape[0]}."
        )
    target = as_finite_array(target, "target", ndim=(0, 1))
    expected = () if input_data.ndim == 1 else (input_data.shape[0],)
    if target.shape != expected and not (input_data.ndim == 2 and target.ndim == 0):
        raise ValueError(
            f"target must have shape {expected} to match input_data, got {target.shape}."
        )
    return input_data, target, weights


def _error(input_data, target, weights):
    if input_data.ndim == 1:
        preds = (weights * input_data).sum()
    else:
        preds = input_data @ weights
    return preds - target


def _slope(input_data, target, weights):
    return _slope_of_error(input_data, _error(input_data, target, weights))


def _slope_of_error(input_data, error):
    if input_data.ndim == 1:
        return 2 * input_data * error
    return 2 * (input_data * error[:, None]).mean(axis=0)


def _mse_of_error(input_data, error):
    # One point's error is a number: its square is the mean, without np.mean's cost.
    return error ** 2 if input_data.ndim == 1 else np.mean(error ** 2)


def _mse_and_slope(input_data, target, weights):
    # One error for both: a descent's update needs the two at the same weights.
    error = _error(input_data, target, weights)
    return _mse_of_error(input_data, error), _slope_of_error(input_data, error)


def get_error(input_data, target, weights):
    """Prediction error of the linear model: error = sum(weights * input_data) - target.

    Parameters
    ----------
    input_data : array-like of shape (n_features,) or (n_samples, n_features)
    target : float, or array-like of shape (n_samples,) for a batch
    weights : array-like of shape (n_features,)

    Returns
    -------
    float for one point, ndarray of shape (n_samples,) for a batch.
    """
    return _error(*check_linear(input_data, target, weights))


def get_slope(input_data, target, weights):
    """Slope of the MSE with respect to each weight: 2 * input_data * error.

    For a batch, the mean over the rows, which is the gradient of the MSE.

    Returns
    -------
    ndarray of shape (n_features,)
    """
    return _slope(*check_linear(input_data, target, weights))


def get_mse(input_data, target, weights):
    """Mean squared error of the linear model: mean(error**2)."""
    input_data, target, weights = check_linear(input_data, target, weights)
    with np.errstate(over="ignore"):
        return _mse_of_error(input_data, _error(input_data, target, weights))


@dataclass(frozen=True)
class DescentHistory:
    """What ``gradient_descent`` returns.

    weights : ndarray of shape (n_rows, n_weights), row 0 the starting weights,
        row k the weights after update k.
    mse : ndarray of shape (n_rows,), the MSE at each row's weights.
    slopes : ndarray of shape (n_rows, n_weights), the slope at each row's weights.
    diverged_at : None, or the first update k whose weights or loss stopped being
        finite; the history then holds rows 0 .. k-1 only.
    """

    weights: np.ndarray
    mse: np.ndarray
    slopes: np.ndarray
    diverged_at: int | None

    @property
    def n_updates(self):
        """Number of finite updates recorded."""
        return len(self.mse) - 1


# Rows of a descent checked for overflow at a time. Checking every update cost a third
# of a small descent's time (three isfinite calls per update); a block of rows is checked
# at once instead, and a run that overflows computes at most this many rows in vain.
_FINITE_CHECK_ROWS = 32


def _first_not_finite(history_w, history_mse, history_slope, start, stop):
    """The first row in start .. stop - 1 whose weights, MSE or slopes are not all
    finite, or None."""
    finite = (np.isfinite(history_mse[start:stop])
              & np.isfinite(history_w[start:stop]).all(axis=1)
              & np.isfinite(history_slope[start:stop]).all(axis=1))
    if finite.all():
        return None
    return start + int(np.argmin(finite))


def gradient_descent(input_data, target, weights, learning_rate, n_updates):
    """Repeat ``weights = weights - learning_rate * get_slope(...)`` n_updates times.

    The course's task 2.7. Row 0 of the history is the start, so ``mse[1:]`` is the
    seed's ``mse_hist``. If an update makes the weights or the loss overflow, the
    history stops before it and ``diverged_at`` names it; no NaN or inf is returned
    and no numpy warning is printed.

    Parameters
    ----------
    input_data : array-like of shape (n_features,) or (n_samples, n_features)
    target : float, or array-like of shape (n_samples,)
    weights : array-like of shape (n_features,), the starting weights
    learning_rate : float > 0
    n_updates : int >= 0

    Returns
    -------
    DescentHistory
    """
    input_data, target, weights = check_linear(input_data, target, weights)
    learning_rate = as_number(learning_rate, "learning_rate", minimum=0, strict_minimum=True)
    n_updates = as_number(n_updates, "n_updates", minimum=0, integer=True)

    history_w = np.empty((n_updates + 1, weights.shape[0]))
    history_slope = np.empty_like(history_w)
    history_mse = np.empty(n_updates + 1)
    diverged_at = None
    with np.errstate(all="ignore"):
        start_mse, start_slope = _mse_and_slope(input_data, target, weights)
        if not (np.isfinite(start_mse) and np.isfinite(start_slope).all()):
            raise ValueError(
                "weights give a loss too large to compute (it overflows float64) "
                "at the start; use smaller weights or inputs."
            )
        history_w[0], history_mse[0], history_slope[0] = weights, start_mse, start_slope
        checked = 0  # rows 0 .. checked are known to be finite
        for k in range(1, n_updates + 1):
            weights = weights - learning_rate * history_slope[k - 1]
            history_w[k] = weights
            history_mse[k], history_slope[k] = _mse_and_slope(input_data, target, weights)
            if k % _FINITE_CHECK_ROWS == 0 or k == n_updates:
                diverged_at = _first_not_finite(history_w, history_mse, history_slope,
                                                checked + 1, k + 1)
                if diverged_at is not None:
                    break
                checked = k
    rows = n_updates + 1 if diverged_at is None else diverged_at
    return DescentHistory(
        weights=history_w[:rows].copy(),
        mse=history_mse[:rows].copy(),
        slopes=history_slope[:rows].copy(),
        diverged_at=diverged_at,
    )


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
    input_data, target, weights = check_linear(input_data, target, weights)
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
