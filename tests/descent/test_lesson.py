"""The descent page's lesson logic (app_pages/descent/lesson.py): the curvature bounds on
the learning rate predict what gradient descent does, the rates of a comparison, and the
first updates of a long run."""

import math

import numpy as np
import pytest

import core
from app_pages.descent.lesson import (
    CONVERGES,
    DIVERGES,
    OSCILLATES,
    first_updates,
    hessian_max_eigenvalue,
    max_stable_learning_rate,
    neighbour_rates,
    rate_regime,
    run_span,
    suggest_learning_rate,
)
from core.course import (
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_7_LEARNING_RATE,
    TASK_2_7_N_UPDATES,
)
from ui.controls import log_spaced_rates

BATCH_X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])


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


def test_run_span_is_the_next_power_of_two_within_its_bounds():
    spans = {n: run_span(n, 500) for n in (0, 1, 20, 32, 33, 64, 65, 200, 256, 257, 499, 500)}
    assert spans == {0: 32, 1: 32, 20: 32, 32: 32, 33: 64, 64: 64, 65: 128, 200: 256,
                     256: 256, 257: 500, 499: 500, 500: 500}
    assert run_span(10, 16) == 16 and run_span(0, 8) == 8
    with pytest.raises(ValueError, match="n_updates must be <= 500"):
        run_span(501, 500)
    with pytest.raises(ValueError, match="n_updates must be >= 0"):
        run_span(-1, 500)
    with pytest.raises(ValueError, match="n_updates must be an integer"):
        run_span(2.5, 500)
    with pytest.raises(ValueError, match="limit must be >= 1"):
        run_span(0, 0)
