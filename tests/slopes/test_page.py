"""AppTest of the slopes page (notes 1.4-1.6, 2.1, 2.2; code 2.4; tasks 2.5, 2.6)."""

import json

import numpy as np
import pyarrow as pa
import pytest

from app_pages.slopes.lesson import SLOPE_EXAMPLES
from core.course import (
    CODE_2_4_ERROR,
    CODE_2_4_GRADIENT,
    CODE_2_4_UPDATED_ERROR,
    NOTE_2_2_NEW_WEIGHT,
    NOTE_2_2_SLOPE,
    TASK_2_5_SLOPE,
    TASK_2_6_ERROR,
    TASK_2_6_UPDATED_ERROR,
)
from core.linear import linear_update
from ui.controls import LEARNING_RATES
from ui.format import course_number

PAGE = "app_pages/slopes/page.py"
TASKS = list(SLOPE_EXAMPLES)[1]


def metrics(at):
    return {m.label: m.value for m in at.metric}


def chart_data(at, index=0):
    """{dataset name: DataFrame} of the index-th chart; every number must be finite."""
    element = at.get("vega_lite_chart")[index]
    json.loads(element.proto.spec)  # the spec is valid JSON
    frames = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
              for d in element.proto.datasets}
    for name, frame in frames.items():
        numbers = frame.select_dtypes("number").to_numpy()
        assert np.isfinite(numbers).all(), f"dataset {name} holds a non-finite number"
    return frames


def texts(elements):
    return " ".join(e.value for e in elements)


def test_defaults_show_note_2_2_slope_and_update(app_page):
    at = app_page(PAGE)
    assert not at.exception
    m = metrics(at)
    assert m["Slope"] == course_number(NOTE_2_2_SLOPE) == "-24"
    assert m["New weight"] == course_number(NOTE_2_2_NEW_WEIGHT) == "2.24"
    assert m["New loss"] == "10.7584"
    latex = texts(at.latex)
    assert r"2 \cdot (6 - 10) \cdot 3 = -24" in latex
    assert r"2 - 0.01 \cdot (-24) = 2.24" in latex
    points = chart_data(at)["points"].set_index("point")
    assert points.loc["current weight", "weight"] == 2.0
    assert points.loc["current weight", "loss"] == 16.0
    assert points.loc["new weight", "weight"] == pytest.approx(2.24)
    assert points.loc["best weight (loss 0)", "weight"] == pytest.approx(10 / 3)
    tangent = chart_data(at)["tangent"]
    slope = np.diff(tangent["loss"]) / np.diff(tangent["weight"])
    assert slope[0] == pytest.approx(-24)
    assert "toward the minimum" in texts(at.info)


def test_several_weights_code_2_4_then_tasks_2_5_and_2_6(app_page):
    at = app_page(PAGE)
    m = metrics(at)
    assert m["Error"] == course_number(CODE_2_4_ERROR) == "5"
    assert m["Updated error"] == course_number(CODE_2_4_UPDATED_ERROR) == "2.5"
    table = at.table[0].value
    assert table["slope"].tolist() == [course_number(v) for v in CODE_2_4_GRADIENT]
    assert table["new value"].tolist() == ["0.7", "1.6"]

    at.radio(key="example").set_value(TASKS).run()
    assert not at.exception
    m = metrics(at)
    assert m["Error"] == course_number(TASK_2_6_ERROR) == "7"
    assert m["Updated error"] == course_number(TASK_2_6_UPDATED_ERROR) == "5.04"
    table = at.table[0].value
    assert table["slope"].tolist() == [course_number(v) for v in TASK_2_5_SLOPE]
    assert "[14 28 42]" not in texts(at.latex)  # written as a bracketed row in LaTeX
    assert r"\begin{bmatrix}14 & 28 & 42\end{bmatrix}" in texts(at.latex)


@pytest.mark.parametrize("rate", [0.0001, 0.002, 0.05, 0.5, 1.0])
def test_the_learning_rate_changes_the_update_as_the_core_computes(app_page, rate):
    at = app_page(PAGE)
    at.select_slider(key="lr").set_value(rate).run()
    assert at.select_slider(key="lr").value == rate
    update = linear_update([3.0], 10.0, [2.0], rate)
    m = metrics(at)
    assert m["New weight"] == course_number(update.new_weights[0])
    assert m["New loss"] == course_number(update.new_loss)
    assert chart_data(at)["points"]["weight"][1] == pytest.approx(update.new_weights[0])


def test_editing_the_weight_input_and_target_follows_the_core(app_page):
    at = app_page(PAGE)
    at.slider(key="w").set_value(-1.5).run()
    at.slider(key="x").set_value(-2.0).run()
    at.slider(key="t").set_value(4.5).run()
    update = linear_update([-2.0], 4.5, [-1.5], 0.01)
    assert metrics(at)["Slope"] == course_number(update.slope[0])
    assert metrics(at)["New weight"] == course_number(update.new_weights[0])
    assert r"2 \cdot (3 - 4.5) \cdot (-2)" in texts(at.latex)


def test_overshoot_is_drawn_and_said(app_page):
    at = app_page(PAGE, {"lr": "0.1"})
    # 2 - 0.1 * (-24) = 4.4: past the minimum 3.333, but closer: the loss falls
    assert metrics(at)["New weight"] == "4.4"
    assert "Overshoot" in texts(at.warning)
    points = chart_data(at)["points"].set_index("point")["weight"]
    assert points["current weight"] < points["best weight (loss 0)"] < points["new weight"]
    at.select_slider(key="lr").set_value(0.2).run()
    # 6.8: farther from the minimum than 2 was: the loss rises
    assert metrics(at)["New weight"] == "6.8"
    assert "loss rises from 16 to 108.16" in texts(at.error)


def test_predict_then_reveal(app_page):
    at = app_page(PAGE)
    at.toggle(key="predict").set_value(True).run()
    assert "New weight" not in metrics(at)
    assert "new weight" not in chart_data(at)["points"]["point"].tolist()
    assert "2.24" not in texts(at.latex)
    at.number_input(key="guess").set_value(1.76).run()
    assert metrics(at)["New weight"] == "2.24"
    assert "subtracting" in texts(at.warning)
    at.button(key="guess_again").click().run()
    assert at.number_input(key="guess").value is None
    assert "New weight" not in metrics(at)
    at.number_input(key="guess").set_value(2.24).run()
    assert "Right" in texts(at.success)
    at.number_input(key="guess").set_value(7.0).run()
    assert "4.76 away" in texts(at.warning)


@pytest.mark.parametrize("key, text, message", [
    ("c24_w", "1, a", "'a' is not a number"),
    ("c24_w", "", "weights is empty"),
    ("c24_w", "1, 2, 3", "one value per input"),
    ("c24_w", "1e200, 2", "too large to compute"),
    ("c24_x", "1e400, 4", "not a finite number"),
    ("c24_t", "1, 2", "target must be one number"),
])
def test_bad_numbers_give_a_message_not_a_traceback(app_page, key, text, message):
    at = app_page(PAGE)
    at.text_input(key=key).set_value(text).run()
    assert not at.exception
    assert message in texts(at.error)
    # the one-weight section above is untouched
    assert metrics(at)["New weight"] == "2.24"


def test_input_zero_gives_a_flat_curve_and_says_why(app_page):
    at = app_page(PAGE, {"x": "0.0"})
    assert not at.exception
    assert metrics(at)["Slope"] == "0"
    assert "flat" in texts(at.info)


def test_url_sets_the_state_and_bad_values_fall_back(app_page):
    at = app_page(PAGE, {"lr": "0.02", "w": "1.5"})
    update = linear_update([3.0], 10.0, [1.5], 0.02)
    assert metrics(at)["New weight"] == course_number(update.new_weights[0])
    at = app_page(PAGE, {"lr": "banana", "w": "1e200", "c24_lr": "7"})
    assert not at.exception
    assert metrics(at)["New weight"] == "2.24"


def test_learning_rates_are_log_spaced_from_0_0001_to_1():
    assert LEARNING_RATES[0] == 0.0001 and LEARNING_RATES[-1] == 1.0
    ratios = np.array(LEARNING_RATES[1:]) / np.array(LEARNING_RATES[:-1])
    assert set(np.round(ratios, 6)) == {2.0, 2.5}
