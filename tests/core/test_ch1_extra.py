"""core.errors: chapter 1's errors on many points (task 1.10) and when one weight
changes (quiz 1.8, task 1.9), checked against the seed and predict_with_network."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.metrics import mean_squared_error as sk_mean_squared_error

import core
from core import course as c
from core.errors import change_weight, nudge_weight, seed_network_errors


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


finite = st.floats(-100, 100, allow_nan=False)


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


def test_quiz_1_8_raising_the_weight_to_2_01_is_less_accurate():
    change = change_weight(c.QUIZ_1_8_INPUT, c.QUIZ_1_8_TARGET, c.QUIZ_1_8_WEIGHTS, "output",
                           0, c.QUIZ_1_8_NEW_OUTPUT_WEIGHT_0)
    assert change.weight_before == 2 and change.weight_after == 2.01
    assert change.prediction_before == 9 and change.error_before == 2
    assert change.prediction_after == pytest.approx(9.05)
    assert change.error_after == pytest.approx(2.05)
    assert change.error_change == pytest.approx(0.05)
    assert change.error_change_per_unit == pytest.approx(5)  # node_0's value
    assert change.accuracy == "less accurate"
    assert c.QUIZ_1_8_ANSWER.rstrip(".").lower() == change.accuracy
    # the inputs are not changed
    assert c.QUIZ_1_8_WEIGHTS["output"].tolist() == [2, -1]
    assert change.weights_after["output"].tolist() == [2.01, -1]


def test_task_1_9_weights_1_is_one_change_from_weights_0():
    change = change_weight(c.TASK_1_9_INPUT, c.TASK_1_9_TARGET, c.TASK_1_9_WEIGHTS_0,
                           "node_1", 1, c.TASK_1_9_WEIGHTS_1["node_1"][1])
    assert (change.error_before, change.error_after) == c.TASK_1_9_ERRORS
    assert change.accuracy == "more accurate"


def test_nudge_weight_adds_the_amount_and_matches_predict_with_network():
    change = nudge_weight(c.TASK_1_9_INPUT, c.TASK_1_9_TARGET, c.TASK_1_9_WEIGHTS_0,
                          "node_0", 1, -0.5)
    assert change.weight_after == 0.5
    moved = {key: np.array(value, dtype=float) for key, value in c.TASK_1_9_WEIGHTS_0.items()}
    moved["node_0"][1] = 0.5
    expected = core.predict_with_network(c.TASK_1_9_INPUT, moved) - c.TASK_1_9_TARGET
    assert change.error_after == expected
    assert change.error_change == expected - c.TASK_1_9_ERRORS[0]


def test_a_weight_fed_by_an_input_of_0_leaves_the_error_the_same():
    # input_0 is 0 in task 1.9, so the weight input_0 -> node_0 does not matter
    change = nudge_weight(c.TASK_1_9_INPUT, c.TASK_1_9_TARGET, c.TASK_1_9_WEIGHTS_0,
                          "node_0", 0, 1.0)
    assert change.error_change == 0 and change.accuracy == "the same"
    assert change.error_change_per_unit == 0


def test_a_zero_change_has_rate_0():
    change = nudge_weight(c.TASK_1_9_INPUT, c.TASK_1_9_TARGET, c.TASK_1_9_WEIGHTS_0,
                          "output", 0, 0.0)
    assert change.error_change_per_unit == 0 and change.accuracy == "the same"


@pytest.mark.parametrize("kwargs, match", [
    ({"node": "node_2"}, "node must be one of"),
    ({"index": 2}, "index must be <= 1"),
    ({"index": 0.5}, "index must be an integer"),
    ({"amount": float("nan")}, "amount must be finite"),
    ({"amount": "0.1"}, "amount must be a number"),
    ({"target": float("inf")}, "target must be finite"),
    ({"amount": 1.7e308}, "overflows float64"),
])
def test_nudge_weight_rejects_bad_arguments(kwargs, match):
    arguments = {"input_data_point": c.TASK_1_9_INPUT, "target": c.TASK_1_9_TARGET,
                 "weights": {key: np.array([1e308, 1e308]) for key in ("node_0", "node_1",
                                                                      "output")}
                 if kwargs.get("amount") == 1.7e308 else c.TASK_1_9_WEIGHTS_0,
                 "node": "output", "index": 0, "amount": 0.1}
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=match):
        nudge_weight(**arguments)


def test_change_weight_rejects_a_prediction_that_overflows():
    with pytest.raises(ValueError, match="too large to compute"):
        change_weight([1e308, 1e308], 0.0, c.TASK_1_9_WEIGHTS_0, "output", 0, 2.0)
