"""Chapter 2's extra numerics: the loss surface (core.surface) and one update by
hand with the learning-rate bounds (core.update)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

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
    TASK_2_7_LEARNING_RATE,
    TASK_2_7_N_UPDATES,
)
from core.surface import FLOAT_MAX, grid_around, loss_along, loss_surface, tangent_line
from core.update import (
    AWAY,
    CONVERGES,
    DIVERGES,
    LANDS,
    OSCILLATES,
    OVERSHOOT,
    OVERSHOOT_RISES,
    STAYS,
    TOWARD,
    best_single_weight,
    check_guess,
    first_updates,
    guess_mistakes,
    hessian_max_eigenvalue,
    linear_update,
    log_spaced_rates,
    max_stable_learning_rate,
    neighbour_rates,
    rate_regime,
    step_outcome,
    suggest_learning_rate,
)

BATCH_X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])
BATCH_Y = np.array([1.0, -2.0, 0.5, 3.0])
RATES = log_spaced_rates()


def seed_mse_hist(input_data, target, weights, learning_rate, n_updates):
    """The seed's task 2.7 loop, typed as the course writes it."""
    def get_error(input_data, target, weights):
        preds = (weights * input_data).sum()
        return preds - target

    def get_slope(input_data, target, weights):
        error = get_error(input_data, target, weights)
        return 2 * input_data * error

    def get_mse(input_data, target, weights):
        errors = get_error(input_data, target, weights)
        return np.mean(errors**2)

    mse_hist = []
    for _ in range(n_updates):
        slope = get_slope(input_data, target, weights)
        weights = weights - learning_rate * slope
        mse_hist.append(get_mse(input_data, target, weights))
    return mse_hist


# -- core.surface ------------------------------------------------------------------------

@pytest.mark.parametrize("x, y, w", [(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS),
                                     (BATCH_X, BATCH_Y, np.array([0.5, -1.0, 2.0]))])
@pytest.mark.parametrize("index", [0, 2])
def test_loss_along_is_get_mse_with_one_weight_moved(x, y, w, index):
    values = np.linspace(-3, 3, 13)
    curve = loss_along(x, y, w, index, values)
    for value, loss in zip(values, curve, strict=True):
        moved = w.copy()
        moved[index] = value
        assert loss == pytest.approx(core.get_mse(x, y, moved), rel=1e-12, abs=1e-12)


def test_loss_along_single_weight_is_the_squared_error_of_note_2_2():
    curve = loss_along([NOTE_2_2_INPUT], NOTE_2_2_TARGET, [0.0], 0, [NOTE_2_2_WEIGHT])
    assert curve.tolist() == [16.0]  # (2 * 3 - 10)**2


@pytest.mark.parametrize("x, y, w", [(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS),
                                     (BATCH_X, BATCH_Y, np.array([0.5, -1.0, 2.0]))])
def test_loss_surface_is_get_mse_over_the_grid(x, y, w):
    gx, gy = np.linspace(-2, 2, 5), np.linspace(0, 3, 4)
    surface = loss_surface(x, y, w, 2, 0, gx, gy)
    assert surface.shape == (4, 5)
    for j, vy in enumerate(gy):
        for i, vx in enumerate(gx):
            moved = w.copy()
            moved[2], moved[0] = vx, vy
            assert surface[j, i] == pytest.approx(core.get_mse(x, y, moved), rel=1e-12,
                                                  abs=1e-12)


def test_loss_surface_and_curve_stay_finite_for_huge_weights():
    huge = [1e300, -1e300]
    assert np.isfinite(loss_along(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0, huge)).all()
    surface = loss_surface(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0, 1, huge, huge)
    assert np.isfinite(surface).all() and surface.max() == FLOAT_MAX


@pytest.mark.parametrize("call, message", [
    (lambda: loss_surface(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 1, 1, [0], [0]),
     "two different weights"),
    (lambda: loss_surface(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, 3, [0], [0]),
     "index_y must be <= 2"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, -1, [0]), "index must be >= 0"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, []), "values must not be"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, [1, 2], 0, [0]), "one value per input"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, [np.nan]), "finite"),
    (lambda: tangent_line(1, 2, math.inf, [0]), "slope must be finite"),
    (lambda: grid_around([], 5), "points must not be empty"),
    (lambda: grid_around([1], 1), "n_points must be >= 2"),
    (lambda: grid_around([1], 5, min_half_width=0), "min_half_width must be > 0"),
])
def test_surface_functions_reject_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_tangent_touches_the_curve_with_get_slopes_slope():
    w, x, t = NOTE_2_2_WEIGHT, NOTE_2_2_INPUT, NOTE_2_2_TARGET
    loss = float(loss_along([x], t, [w], 0, [w])[0])
    slope = float(core.get_slope([x], t, [w])[0])
    assert slope == NOTE_2_2_SLOPE
    line = tangent_line(w, loss, slope, [w - 0.5, w, w + 0.5])
    assert line.tolist() == [loss + 12.0, loss, loss - 12.0]
    # the slope of the curve itself at w, by central differences
    h = 1e-6
    ends = loss_along([x], t, [w], 0, [w - h, w + h])
    assert (ends[1] - ends[0]) / (2 * h) == pytest.approx(slope, rel=1e-6)


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20))
def test_grid_around_covers_every_point(points):
    grid = grid_around(points, 11)
    assert len(grid) == 11 and np.all(np.diff(grid) > 0)
    assert grid[0] <= min(points) and grid[-1] >= max(points)
    assert grid[-1] - grid[0] >= 1.0 - 1e-9  # 2 * min_half_width


def test_grid_around_stays_finite_at_the_edge_of_float64():
    grid = grid_around([-1e308, 1.7e308], 5)
    assert np.isfinite(grid).all()


# -- core.update: one update by hand ---------------------------------------------------------

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


def test_best_single_weight_and_the_flat_case():
    assert best_single_weight(3.0, 10.0) == 10.0 / 3.0
    with pytest.raises(ValueError, match="must not be 0"):
        best_single_weight(0.0, 10.0)
    with pytest.raises(ValueError, match="too large"):
        best_single_weight(1e-300, 1e300)


@pytest.mark.parametrize("weight, new, best, outcome", [
    (2.0, 2.0, 10 / 3, STAYS),
    (2.0, 2.24, 10 / 3, TOWARD),
    (2.0, 10 / 3, 10 / 3, LANDS),
    (2.0, 4.4, 10 / 3, OVERSHOOT),
    (2.0, 6.8, 10 / 3, OVERSHOOT_RISES),
    (2.0, 1.0, 10 / 3, AWAY),
    (10 / 3, 4.0, 10 / 3, OVERSHOOT_RISES),
])
def test_step_outcome(weight, new, best, outcome):
    assert step_outcome(weight, new, best) == outcome


@pytest.mark.parametrize("rate, outcome", [(0.01, TOWARD), (0.1, OVERSHOOT),
                                           (0.2, OVERSHOOT_RISES)])
def test_note_2_2_steps_at_growing_rates(rate, outcome):
    update = linear_update([3.0], 10.0, [2.0], rate)
    assert step_outcome(2.0, update.new_weights[0], 10 / 3) == outcome
    assert (update.new_loss > update.loss) == (outcome == OVERSHOOT_RISES)


def test_guess_check_names_the_slip():
    mistakes = guess_mistakes(3.0, 10.0, 2.0, 0.01)
    assert check_guess(2.24, 2.24, mistakes) == (True, None)
    assert check_guess(2.2401, 2.24, mistakes) == (True, None)
    right, slip = check_guess(1.76, 2.24, mistakes)
    assert not right and "subtracting" in slip
    assert "learning rate" in check_guess(26, 2.24, mistakes)[1]
    assert "factor 2" in check_guess(2.12, 2.24, mistakes)[1]
    assert "input" in check_guess(2.08, 2.24, mistakes)[1]
    assert "change" in check_guess(0.24, 2.24, mistakes)[1]
    assert check_guess(5.0, 2.24, mistakes) == (False, None)
    with pytest.raises(ValueError, match="guess must be a number"):
        check_guess("two", 2.24)


# -- core.update: how large a learning rate may be ----------------------------------------------

def test_hessian_max_eigenvalue_for_one_point_and_a_batch():
    assert hessian_max_eigenvalue(TASK_2_5_INPUT) == pytest.approx(28.0)  # 2 * (1+4+9)
    expected = np.linalg.eigvalsh(2 * BATCH_X.T @ BATCH_X / len(BATCH_X))[-1]
    assert hessian_max_eigenvalue(BATCH_X) == pytest.approx(expected)
    assert hessian_max_eigenvalue([0.0, 0.0]) == 0.0
    assert max_stable_learning_rate([0.0, 0.0]) == math.inf
    assert hessian_max_eigenvalue([1e150, 1e150]) == pytest.approx(4e300)
    with pytest.raises(ValueError, match="too large"):
        hessian_max_eigenvalue([1e200, 1.0])


def test_task_2_5_rates_regimes_and_suggestion():
    assert max_stable_learning_rate(TASK_2_5_INPUT) == pytest.approx(2 / 28)
    assert rate_regime(TASK_2_5_INPUT, TASK_2_7_LEARNING_RATE) == CONVERGES
    assert rate_regime(TASK_2_5_INPUT, 0.05) == OSCILLATES
    assert rate_regime(TASK_2_5_INPUT, 0.1) == DIVERGES
    assert suggest_learning_rate(TASK_2_5_INPUT, RATES) == 0.02
    assert suggest_learning_rate([1000.0, 2000.0, 3000.0], RATES) is None
    assert suggest_learning_rate([0.0, 0.0], RATES) == 1.0
    with pytest.raises(ValueError, match="options must all be > 0"):
        suggest_learning_rate(TASK_2_5_INPUT, [0.01, -1])


@pytest.mark.parametrize("seed", range(8))
def test_the_bounds_predict_what_gradient_descent_does(seed):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(int(rng.integers(1, 6)), int(rng.integers(1, 4))))
    if X.shape[0] == 1:
        X = X[0]
    y = rng.normal(size=() if X.ndim == 1 else X.shape[0])
    w = rng.normal(size=X.shape[-1]) * 3
    limit = max_stable_learning_rate(X)
    # below 1 / lambda_max: the MSE never rises
    safe = core.gradient_descent(X, y, w, limit / 2, 200)
    assert np.all(np.diff(safe.mse) <= 1e-12 * safe.mse[:-1] + 1e-300)
    # just below 2 / lambda_max: it still falls overall
    edge = core.gradient_descent(X, y, w, 0.95 * limit, 2000)
    assert edge.mse[-1] < edge.mse[0]
    # above 2 / lambda_max: it grows until it overflows
    wild = core.gradient_descent(X, y, w, 1.5 * limit, 5000)
    assert wild.diverged_at is not None and wild.mse[-1] > wild.mse[0]
    # the suggested rate is one of the safe ones
    suggestion = suggest_learning_rate(X, RATES)
    if suggestion is not None:
        assert rate_regime(X, suggestion) == CONVERGES


def test_log_spaced_rates_and_neighbours():
    assert RATES == [0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1,
                     0.2, 0.5, 1.0]
    assert log_spaced_rates(0.01, 0.1) == [0.01, 0.02, 0.05, 0.1]
    assert neighbour_rates(0.01) == (0.001, 0.01, 0.1)
    with pytest.raises(ValueError, match="high must be >= 0.1"):
        log_spaced_rates(0.1, 0.01)
    with pytest.raises(ValueError, match="low must be > 0"):
        log_spaced_rates(0, 1)
    with pytest.raises(ValueError, match="factor must be > 1"):
        neighbour_rates(0.01, 1)


# -- core.update: shorter runs from one long run ---------------------------------------------------

def test_first_updates_is_the_shorter_run():
    long = core.gradient_descent(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS,
                                 TASK_2_7_LEARNING_RATE, 500)
    short = first_updates(long, TASK_2_7_N_UPDATES)
    direct = core.gradient_descent(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS,
                                   TASK_2_7_LEARNING_RATE, TASK_2_7_N_UPDATES)
    for field in ("weights", "mse", "slopes"):
        assert np.array_equal(getattr(short, field), getattr(direct, field))
    assert short.diverged_at is None and short.n_updates == 20
    # the seed's mse_hist, exactly
    seed = seed_mse_hist(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS,
                         TASK_2_7_LEARNING_RATE, TASK_2_7_N_UPDATES)
    assert short.mse[1:].tolist() == seed
    assert first_updates(long, 0).mse.tolist() == [49.0]


def test_first_updates_of_a_diverged_run():
    long = core.gradient_descent(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS, 1.0, 500)
    assert long.diverged_at == 108
    assert first_updates(long, 200) is long
    early = first_updates(long, 50)
    assert early.diverged_at is None and early.n_updates == 50
    short = core.gradient_descent(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS, 0.01, 5)
    with pytest.raises(ValueError, match="n_updates must be <= 5"):
        first_updates(short, 6)
    with pytest.raises(ValueError, match="DescentHistory"):
        first_updates([1, 2], 1)
