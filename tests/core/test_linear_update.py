"""One update by hand (core.linear_update): note 2.2's slope -24 and new weight 2.24, code
2.4's error 5, gradient [30 40] and updated error 2.5, tasks 2.5-2.6's slope [14 28 42]
and errors 7 then 5.04; bad input."""

import numpy as np
import pytest

import core
from core.course import (
    CODE_2_4_ERROR,
    CODE_2_4_GRADIENT,
    CODE_2_4_INPUT,
    CODE_2_4_LEARNING_RATE,
    CODE_2_4_TARGET,
    CODE_2_4_UPDATED_ERROR,
    CODE_2_4_WEIGHTS,
    NOTE_2_2_INPUT,
    NOTE_2_2_LEARNING_RATE,
    NOTE_2_2_NEW_WEIGHT,
    NOTE_2_2_SLOPE,
    NOTE_2_2_TARGET,
    NOTE_2_2_WEIGHT,
    TASK_2_5_INPUT,
    TASK_2_5_SLOPE,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_6_ERROR,
    TASK_2_6_LEARNING_RATE,
    TASK_2_6_UPDATED_ERROR,
)
from core.linear import linear_update


def test_note_2_2_one_weight_slope_and_new_weight():
    update = linear_update([NOTE_2_2_INPUT], NOTE_2_2_TARGET, [NOTE_2_2_WEIGHT],
                           NOTE_2_2_LEARNING_RATE)
    assert update.prediction == 6.0 and update.error == -4.0
    assert update.slope.tolist() == [NOTE_2_2_SLOPE]
    assert update.new_weights[0] == pytest.approx(NOTE_2_2_NEW_WEIGHT, abs=1e-15)
    assert update.loss == 16.0 and update.new_loss == pytest.approx(3.28**2)
    assert update.loss_change == pytest.approx(update.new_loss - 16.0)


def test_code_2_4_error_gradient_and_updated_error():
    update = linear_update(CODE_2_4_INPUT, CODE_2_4_TARGET, CODE_2_4_WEIGHTS,
                           CODE_2_4_LEARNING_RATE)
    assert update.error == CODE_2_4_ERROR
    assert update.slope.tolist() == CODE_2_4_GRADIENT.tolist()
    assert update.new_error == pytest.approx(CODE_2_4_UPDATED_ERROR, abs=1e-12)
    assert update.error_change == pytest.approx(CODE_2_4_UPDATED_ERROR - CODE_2_4_ERROR)


def test_tasks_2_5_and_2_6_slope_error_and_updated_error():
    update = linear_update(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS,
                           TASK_2_6_LEARNING_RATE)
    assert update.slope.tolist() == TASK_2_5_SLOPE.tolist()
    assert update.error == TASK_2_6_ERROR
    # the seed prints 5.04; the float is 5.04 to the last digit numpy prints
    assert update.new_error == pytest.approx(TASK_2_6_UPDATED_ERROR, abs=1e-12)
    assert update.slope.tolist() == core.get_slope(TASK_2_5_INPUT, TASK_2_5_TARGET,
                                                   TASK_2_5_WEIGHTS).tolist()


@pytest.mark.parametrize("args, message", [
    (([[1, 2]], 0, [1, 2], 0.01), "one data point"),
    (([1, 2], 0, [1, 2], 0), "learning_rate must be > 0"),
    (([1, 2], 0, [1e200, 1], 0.01), "too large to compute"),
    (([1e300, 1], 0, [1e10, 1], 0.01), "too large to compute"),
    (([1, 2], 0, [1], 0.01), "one value per input"),
    (([1, "a"], 0, [1, 2], 0.01), "numeric"),
])
def test_linear_update_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        linear_update(*args)


@pytest.mark.parametrize("rate", [0.001, 0.05, 50.0])
@pytest.mark.parametrize("n_points", [None, 4])
def test_gradient_descent_rows_equal_get_mse_and_get_slope_exactly(n_points, rate):
    # gradient_descent shares one error between each update's MSE and slope: every row
    # must still be what get_mse and get_slope give at its weights, to the last bit,
    # for one point and for a batch, up to a divergence (rate 50).
    rng = np.random.default_rng(7)
    shape = (3,) if n_points is None else (n_points, 3)
    input_data = rng.normal(size=shape)
    target = rng.normal(size=() if n_points is None else n_points)
    history = core.gradient_descent(input_data, target, rng.normal(size=3), rate, 200)
    if rate == 50.0:
        assert history.diverged_at is not None
    for weights, mse, slope in zip(history.weights, history.mse, history.slopes, strict=True):
        assert core.get_mse(input_data, target, weights) == mse
        np.testing.assert_array_equal(core.get_slope(input_data, target, weights), slope)


def _descent_checked_every_update(input_data, target, weights, rate, n_updates):
    # The update rule with the overflow check after every update, written out: what
    # gradient_descent's check of a block of rows at a time must agree with.
    weights = np.asarray(weights, dtype=float)
    rows = [weights]
    with np.errstate(all="ignore"):
        for k in range(1, n_updates + 1):
            weights = weights - rate * core.get_slope(input_data, target, weights)
            mse = core.get_mse(input_data, target, weights)
            slope = core.get_slope(input_data, target, weights)
            if not (np.isfinite(mse) and np.isfinite(weights).all()
                    and np.isfinite(slope).all()):
                return np.array(rows), k
            rows.append(weights)
    return np.array(rows), None


# Stops at updates 177, 138, 108, 80, 56, 35, 33 (a block's first row), 32 (a block's
# last row) and 21 (inside the first block).
DIVERGING_RATES = [0.3, 0.5, 1.0, 3.0, 20.0, 1e3, 1.7e3, 2.5e3, 1e6]


@pytest.mark.parametrize("rate", DIVERGING_RATES)
@pytest.mark.parametrize("n_updates", [1, 31, 32, 33, 500])
def test_gradient_descent_stops_at_the_first_update_that_overflows(rate, n_updates):
    # The rates make the seed's data (task 2.5) diverge at different updates: inside a
    # checked block, on its first or last row, or not within n_updates.
    weights, diverged_at = _descent_checked_every_update(
        TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS, rate, n_updates)
    history = core.gradient_descent(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS,
                                    rate, n_updates)
    assert history.diverged_at == diverged_at
    np.testing.assert_array_equal(history.weights, weights)
    assert np.isfinite(history.mse).all() and np.isfinite(history.slopes).all()


def test_gradient_descent_divergence_points_cover_a_block_boundary():
    # The test above means something only if its rates stop at several places.
    stops = {_descent_checked_every_update(TASK_2_5_INPUT, TASK_2_5_TARGET,
                                           TASK_2_5_WEIGHTS, rate, 500)[1]
             for rate in DIVERGING_RATES}
    assert {21, 32, 33} <= stops, stops
