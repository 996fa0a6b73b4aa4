"""The errors page's lesson logic (app_pages/errors/lesson.py): the prediction and the
error before and after one weight changes (quiz 1.8, task 1.9), checked against
predict_with_network."""

import numpy as np
import pytest

import core
from app_pages.errors.lesson import change_weight, nudge_weight
from core import course as c


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
