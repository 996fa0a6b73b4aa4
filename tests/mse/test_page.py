"""AppTest of the mse page (course 1.2, 1.3, 1.10): the seed's 37.5 and 49.890625,
scikit-learn's values beside them, edits of the table and weights, and bad input."""

import json
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from app_pages.mse.view import LAST_GOOD_KEY, MAX_POINTS, editor_key, table_to_points
from core.course import (
    TASK_1_10_INPUT_DATA,
    TASK_1_10_MSE,
    TASK_1_10_TARGETS,
    TASK_1_10_WEIGHTS_0,
    TASK_1_10_WEIGHTS_1,
)
from core.network import seed_network_errors
from ui.format import course_number
from ui.source import SOURCE_KEY

PAGE = "app_pages/mse/page.py"
MSE_0, MSE_1 = "MSE with weights_0", "MSE with weights_1"
SK_0, SK_1 = "sklearn, weights_0", "sklearn, weights_1"


def metrics(at):
    return {m.label: m.value for m in at.metric}


def edit(at, edited_rows=None, added_rows=None, deleted_rows=None):
    """Apply data-editor edits the way the browser sends them, then rerun."""
    at.session_state[editor_key(at.session_state)] = {"edited_rows": edited_rows or {},
                                   "added_rows": added_rows or [],
                                   "deleted_rows": deleted_rows or []}
    return at.run()


def chart_tables(at):
    """Every dataset of the page's Altair chart, as pandas DataFrames."""
    chart = at.get("vega_lite_chart")[0]
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
            for d in chart.proto.datasets]


def expected_mse(data, targets, weights):
    return course_number(seed_network_errors(data, targets, weights).mse)


def test_defaults_show_the_seeds_mse_and_sklearns_beside_it(app_page):
    at = app_page(PAGE)
    assert not at.exception
    values = metrics(at)
    assert values[MSE_0] == values[SK_0] == course_number(TASK_1_10_MSE[0]) == "37.5"
    assert values[MSE_1] == values[SK_1] == course_number(TASK_1_10_MSE[1]) == "49.890625"
    assert "weights_0** gives the lower loss" in at.success[0].value
    assert not at.error
    badges = [m.value for m in at.markdown if "-badge[" in m.value]
    assert len(badges) == 2 and "Better model" in badges[0] and "Higher loss" in badges[1]


def test_editor_is_numeric_dynamic_and_holds_the_seeds_points(app_page):
    at = app_page(PAGE)
    editor = at.data_editor[0]
    assert editor.editing_mode == "dynamic"
    table = editor.value
    assert list(table.columns) == ["input_0", "input_1", "target"]
    assert all(pd.api.types.is_float_dtype(t) for t in table.dtypes)
    np.testing.assert_array_equal(table[["input_0", "input_1"]], TASK_1_10_INPUT_DATA)
    np.testing.assert_array_equal(table["target"], TASK_1_10_TARGETS)


def test_per_point_table_shows_predictions_errors_and_squared_errors(app_page):
    at = app_page(PAGE)
    table = at.dataframe[-1].value
    assert len(table) == 4
    assert table["prediction_0"].tolist() == [9, 9, 0, 12]
    assert table["error_0"].tolist() == [8, 6, -5, 5]
    assert table["squared_error_0"].tolist() == [64, 36, 25, 25]
    expected = seed_network_errors(TASK_1_10_INPUT_DATA, TASK_1_10_TARGETS,
                                   TASK_1_10_WEIGHTS_1)
    np.testing.assert_allclose(table["squared_error_1"], expected.squared_errors)


def test_chart_draws_each_points_squared_error_and_each_sets_mean(app_page):
    at = app_page(PAGE)
    chart = at.get("vega_lite_chart")[0]
    # The alt text says what the chart shows; the MSEs are written on the chart (the
    # rules' labels) and in the metrics. It stays the same from one move to the next, so
    # Streamlit swaps the chart's data instead of drawing it anew.
    assert "squared error" in chart.proto.alt and "mean squared error" in chart.proto.alt
    at.slider(key="w1_node_1_1").set_value(2.0).run()
    assert at.get("vega_lite_chart")[0].proto.alt == chart.proto.alt
    at = app_page(PAGE)
    chart = at.get("vega_lite_chart")[0]
    spec = json.loads(chart.proto.spec)
    marks = json.dumps(spec["layer"])
    assert '"bar"' in marks and '"rule"' in marks
    tables = chart_tables(at)
    bars = next(t for t in tables if "squared error" in t.columns)
    assert len(bars) == 8
    assert sorted(bars["squared error"][bars["weights"] == "weights_0"]) == [25, 25, 36, 64]
    means = next(t for t in tables if "mse" in t.columns)
    assert means["mse"].tolist() == list(TASK_1_10_MSE)
    assert means["label"].tolist() == ["MSE 37.5", "MSE 49.890625"]
    for table in tables:
        numbers = table.select_dtypes("number")
        assert np.isfinite(numbers.to_numpy()).all()


def test_editing_a_target_changes_the_mse_as_the_core_computes_it(app_page):
    at = app_page(PAGE)
    edit(at, edited_rows={3: {"target": 12.0}})
    targets = np.array(TASK_1_10_TARGETS, copy=True)
    targets[3] = 12.0
    values = metrics(at)
    assert values[MSE_0] == expected_mse(TASK_1_10_INPUT_DATA, targets, TASK_1_10_WEIGHTS_0)
    assert values[MSE_0] == "31.25"  # 37.5 - 25/4: point 3 is now predicted exactly
    assert values[MSE_1] == expected_mse(TASK_1_10_INPUT_DATA, targets, TASK_1_10_WEIGHTS_1)
    assert values[SK_0] == values[MSE_0] and values[SK_1] == values[MSE_1]
    assert not at.error


def test_adding_and_deleting_points(app_page):
    at = app_page(PAGE)
    edit(at, added_rows=[{"input_0": 2.0, "input_1": 2.0, "target": 0.0}], deleted_rows=[0])
    data = np.vstack([TASK_1_10_INPUT_DATA[1:], [[2.0, 2.0]]])
    targets = np.append(TASK_1_10_TARGETS[1:], 0.0)
    assert metrics(at)[MSE_0] == expected_mse(data, targets, TASK_1_10_WEIGHTS_0)
    assert len(at.dataframe[-1].value) == 4


def test_weight_sliders_are_url_bound_and_change_the_mse(app_page):
    at = app_page(PAGE, {"w1_output_1": "1.0", "w1_node_1_1": "2.0"})
    assert at.slider(key="w1_output_1").value == 1.0
    # weights_1 with output_1 = 1 and node_1_1 = 2 is weights_0: same MSE
    assert metrics(at)[MSE_1] == "37.5"
    assert "same loss" in at.info[0].value
    at.slider(key="w0_output_0").set_value(2.0).run()
    weights = {key: np.array(value, copy=True) for key, value in TASK_1_10_WEIGHTS_0.items()}
    weights["output"][0] = 2.0
    assert metrics(at)[MSE_0] == expected_mse(TASK_1_10_INPUT_DATA, TASK_1_10_TARGETS, weights)
    assert "weights_1** gives the lower loss" in at.success[0].value


def test_a_large_paste_becomes_the_editors_data_and_reruns_stay_fast(app_page):
    at = app_page(PAGE)
    rows = [{"input_0": float(i % 7), "input_1": float(i % 5) - 2.0, "target": float(i % 11)}
            for i in range(MAX_POINTS - 4)]
    first_key = editor_key(at.session_state)
    edit(at, edited_rows={3: {"target": 12.0}}, added_rows=rows)
    assert not at.exception and not at.error
    assert editor_key(at.session_state) != first_key
    assert len(at.data_editor[0].value) == MAX_POINTS  # the new editor holds every row
    data = np.vstack([TASK_1_10_INPUT_DATA,
                      [[row["input_0"], row["input_1"]] for row in rows]])
    targets = np.append([1.0, 3.0, 5.0, 12.0], [row["target"] for row in rows])
    assert metrics(at)[MSE_0] == expected_mse(data, targets, TASK_1_10_WEIGHTS_0)
    assert len(at.dataframe[-1].value) == MAX_POINTS
    bars = next(t for t in chart_tables(at) if "squared error" in t.columns)
    assert len(bars) == 2 * MAX_POINTS
    # later edits apply to the new editor's data
    edit(at, edited_rows={0: {"target": 2.0}})
    targets[0] = 2.0
    assert metrics(at)[MSE_0] == expected_mse(data, targets, TASK_1_10_WEIGHTS_0)
    started = time.perf_counter()
    at.slider(key="w0_output_0").set_value(2.0).run()
    assert time.perf_counter() - started < 1.0  # not re-applying 996 added rows (~1 s)
    # reset goes back to the course's four points
    at.button(key="mse_reset_table").click().run()
    assert len(at.data_editor[0].value) == 4


def test_reset_button_restores_the_course_points(app_page):
    at = app_page(PAGE)
    edit(at, edited_rows={0: {"target": 100.0}})
    assert metrics(at)[MSE_0] != "37.5"
    old_key = editor_key(at.session_state)
    at.button(key="mse_reset_table").click().run()
    assert metrics(at)[MSE_0] == "37.5"
    assert editor_key(at.session_state) != old_key  # a fresh editor: the browser's edits go
    assert old_key not in at.session_state
    edit(at, edited_rows={0: {"target": 2.0}})  # only the new edit counts
    targets = np.array(TASK_1_10_TARGETS, copy=True)
    targets[0] = 2.0
    assert metrics(at)[MSE_0] == expected_mse(TASK_1_10_INPUT_DATA, targets,
                                              TASK_1_10_WEIGHTS_0)


TOO_MANY = [{"input_0": 1.0, "input_1": 1.0, "target": 1.0}] * (MAX_POINTS - 3)


@pytest.mark.parametrize("edits, message", [
    ({"deleted_rows": [0, 1, 2, 3]}, "The table is empty"),
    ({"edited_rows": {1: {"target": None}}}, "Point 1 has no target"),
    ({"edited_rows": {2: {"input_1": None}}}, "Point 2 has 1 input(s); the 2-2-1 network "
                                             "needs 2"),
    ({"added_rows": [{"target": 4.0}]}, "Point 4 has 0 input(s)"),
    ({"edited_rows": {0: {"input_1": 1e300}}}, "The squared error of point 0"),
    ({"edited_rows": {3: {"target": 1e300}}}, "overflows float64"),
    ({"added_rows": TOO_MANY}, f"The table has 1,001 points; this page takes up to {MAX_POINTS:,}"),
])
def test_bad_input_shows_a_message_and_keeps_the_last_good_state(app_page, edits, message):
    at = app_page(PAGE)
    edit(at, edited_rows={3: {"target": 12.0}})  # a good edit first: the last good state
    good = metrics(at)
    assert good[MSE_0] == "31.25"
    edits = {"edited_rows": {3: {"target": 12.0}}, **edits}
    edit(at, **edits)
    assert not at.exception
    assert len(at.error) == 1 and message in at.error[0].value
    assert "last points and weights that worked" in at.error[0].value
    assert metrics(at) == good
    for table in chart_tables(at):
        assert np.isfinite(table.select_dtypes("number").to_numpy()).all()
    # fixing the table clears the message
    if "1,001 points" in message:  # a large paste became the editor's data: delete a row
        edit(at, deleted_rows=[1000])
        good = metrics(at)
    else:
        edit(at, edited_rows={3: {"target": 12.0}})
        assert metrics(at) == good
    assert not at.error


def test_bad_input_on_the_first_run_falls_back_to_the_course_points(app_page):
    # Bad edits before any good table was seen in this session (no last good state):
    # the page is opened, then its memory of a good table is taken away (a page reached
    # from another page starts from its defaults, ui.chapter.start_page, so the edits
    # are seeded on the page itself).
    at = app_page(PAGE)
    del at.session_state[LAST_GOOD_KEY]
    at.session_state[editor_key(at.session_state)] = {"edited_rows": {}, "added_rows": [],
                                   "deleted_rows": [0, 1, 2, 3]}
    at.run()
    assert not at.exception
    assert "The table is empty" in at.error[0].value
    assert metrics(at)[MSE_0] == "37.5"


def test_a_table_with_three_inputs_is_refused_with_a_clear_message():
    table = pd.DataFrame({"input_0": [1.0], "input_1": [2.0], "input_2": [3.0],
                          "target": [1.0]})
    with pytest.raises(ValueError, match="exactly 2 inputs"):
        table_to_points(table)
    table = pd.DataFrame({"input_0": ["a"], "input_1": [2.0], "target": [1.0]})
    with pytest.raises(ValueError, match="Every cell must hold a number"):
        table_to_points(table)


def test_bad_url_parameters_fall_back_to_the_defaults(app_page):
    at = app_page(PAGE, {"w0_node_0_0": "banana", "w1_output_1": "1e9"})
    assert not at.exception
    assert metrics(at)[MSE_0] == "37.5" and metrics(at)[MSE_1] == "49.890625"


def test_numpy_behind_this_shows_the_core_source(app_page):
    at = app_page(PAGE)
    assert at.expander[-1].label == "The numpy behind this"
    # drawn only once opened (ui/source.py)
    assert not at.get("code")
    at.session_state[SOURCE_KEY] = True
    at.run()
    sources = " ".join(code.proto.code_text for code in at.get("code"))
    assert "def seed_network_errors" in sources and "def predict_with_network" in sources
