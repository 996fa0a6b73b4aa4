"""core.seed_network_errors: the 2-2-1 network's errors on many points (task 1.10), checked
against the seed, predict_with_network row by row and scikit-learn."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import mean_squared_error as sk_mean_squared_error

import core
from core import course as c
from core.network import seed_network_errors

finite = st.floats(-100, 100, allow_nan=False)


def test_task_1_10_gives_the_seeds_mse_for_both_weight_sets():
    for weights, mse in zip((c.TASK_1_10_WEIGHTS_0, c.TASK_1_10_WEIGHTS_1), c.TASK_1_10_MSE,
                            strict=True):
        result = seed_network_errors(c.TASK_1_10_INPUT_DATA, c.TASK_1_10_TARGETS, weights)
        assert result.mse == mse
        assert f"{result.mse:f}" in ("37.500000", "49.890625")  # the seed prints %f
        expected = [core.predict_with_network(row, weights) for row in c.TASK_1_10_INPUT_DATA]
        np.testing.assert_array_equal(result.predictions, expected)
        np.testing.assert_array_equal(result.errors, result.predictions - c.TASK_1_10_TARGETS)
        np.testing.assert_array_equal(result.squared_errors, result.errors ** 2)
        assert result.mse == sk_mean_squared_error(c.TASK_1_10_TARGETS, result.predictions)


def test_task_1_10_weights_0_point_by_point():
    # predictions 9, 9, 0, 12 against targets 1, 3, 5, 7: errors 8, 6, -5, 5
    result = seed_network_errors(c.TASK_1_10_INPUT_DATA, c.TASK_1_10_TARGETS,
                                 c.TASK_1_10_WEIGHTS_0)
    assert result.predictions.tolist() == [9, 9, 0, 12]
    assert result.errors.tolist() == [8, 6, -5, 5]
    assert result.squared_errors.tolist() == [64, 36, 25, 25]


@given(st.lists(st.tuples(finite, finite, finite), min_size=1, max_size=20),
       st.lists(finite, min_size=6, max_size=6))
def test_any_table_matches_predict_with_network_row_by_row_and_sklearn(rows, w):
    data = np.array([row[:2] for row in rows])
    targets = np.array([row[2] for row in rows])
    weights = {"node_0": w[0:2], "node_1": w[2:4], "output": w[4:6]}
    result = seed_network_errors(data, targets, weights)
    expected = [core.predict_with_network(row, weights) for row in data]
    np.testing.assert_allclose(result.predictions, expected, rtol=1e-12, atol=1e-9)
    np.testing.assert_allclose(result.mse, sk_mean_squared_error(targets, result.predictions),
                               rtol=1e-12)
    assert np.isfinite(result.squared_errors).all()


@pytest.mark.parametrize("data, targets, match", [
    ([[0, 3, 1]], [1], "2 values per point"),
    ([0, 3], [1], "2 dimension"),
    (np.empty((0, 2)), [], "must not be empty"),
    ([[0, 3], [1, 2]], [1], "one target per point"),
    ([[0, np.nan]], [1], "finite"),
    ([[0, 3]], [np.inf], "finite"),
    ([["a", 3]], [1], "numeric"),
    ([[-1, 1e300]], [1], "point 0 .* overflows float64"),
    ([[1, 1]], [1e300], "point 0 .* overflows float64"),
])
def test_bad_tables_raise_a_clear_value_error(data, targets, match):
    with pytest.raises(ValueError, match=match):
        seed_network_errors(data, targets, c.TASK_1_10_WEIGHTS_0)


def test_an_mse_whose_sum_overflows_raises_even_if_each_point_is_finite():
    data = np.array([[1.2e154, 0.0]] * 4)  # each squared error 1.44e308, finite
    with pytest.raises(ValueError, match="mean squared error is too large"):
        seed_network_errors(data, np.zeros(4), {"node_0": [1, 0], "node_1": [0, 0],
                                                "output": [1, 0]})


def test_bad_weights_raise():
    with pytest.raises(ValueError, match="missing keys"):
        seed_network_errors([[0, 3]], [1], {"node_0": [1, 1]})
