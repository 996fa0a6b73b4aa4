"""AppTest of the descent page (task 2.7): many updates, surface, comparison,
divergence, bad input."""

import io
import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import core
from app_pages.descent.charts import (
    CELLS,
    CLICK_CELLS,
    IMAGE_CELLS,
    animation_end,
    click_grid,
    descent_runs,
    history_csv,
)
from app_pages.descent.controls import MAX_UPDATES
from app_pages.descent.lesson import first_updates, neighbour_rates
from core.course import (
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_7_LEARNING_RATE,
    TASK_2_7_N_UPDATES,
)
from ui.format import course_number

PAGE = "app_pages/descent/page.py"
HISTORY, SURFACE, COMPARISON = 0, 1, 2


def metrics(at):
    return {m.label: m.value for m in at.metric}


def charts(at):
    """Every chart's datasets as {name: DataFrame}; asserts every number is finite."""
    result = []
    for element in at.get("vega_lite_chart"):
        frames = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pandas()
                  for d in element.proto.datasets}
        for name, frame in frames.items():
            numbers = frame.select_dtypes("number").to_numpy()
            assert np.isfinite(numbers).all(), f"dataset {name} holds a non-finite number"
        result.append(frames)
    return result


def texts(elements):
    return " ".join(e.value for e in elements)


def seed_mse_hist():
    """The seed's task 2.7 loop as the course types it, on its data."""
    input_data, target, weights = TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS
    mse_hist = []
    for _ in range(TASK_2_7_N_UPDATES):
        error = (weights * input_data).sum() - target
        slope = 2 * input_data * error
        weights = weights - TASK_2_7_LEARNING_RATE * slope
        errors = (weights * input_data).sum() - target
        mse_hist.append(np.mean(errors**2))
    return mse_hist


def test_defaults_draw_exactly_the_seeds_20_update_history(app_page):
    at = app_page(PAGE)
    assert not at.exception
    assert metrics(at) == {"MSE at the start": "49", "MSE after update 20": "9.62711e-05",
                           "Updates made": "20"}
    history = charts(at)[HISTORY]["history"]
    assert history["update"].tolist() == list(range(21))
    assert history["mse"][1:].tolist() == seed_mse_hist()
    assert history["mse"][0] == 49.0  # error 7 at the start of task 2.6
    assert at.slider(key="n").value == 20 and at.slider(key="at").value == 20
    assert not at.error and not at.warning


def test_surface_and_comparison_at_the_defaults(app_page):
    at = app_page(PAGE)
    surface, comparison = charts(at)[SURFACE], charts(at)[COMPARISON]
    path = surface["path"]
    run = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0.01, 20)
    assert path["x"].tolist() == run.weights[:, 0].tolist()
    assert path["y"].tolist() == run.weights[:, 1].tolist()
    # the picture: one PNG over the whole grid, which covers the path
    image = surface["image"]
    assert len(image) == 1 and image["url"][0].startswith("data:image/png;base64,")
    assert image["x"][0] < path["x"].min() and image["x2"][0] > path["x"].max()
    assert image["y2"][0] < path["y"].min() and image["y"][0] > path["y"].max()
    # its colour legend spans the loss over that grid (IMAGE_CELLS per axis), weights[2]
    # held at its value after update 20
    grid_x = np.linspace(image["x"][0], image["x2"][0], IMAGE_CELLS + 1)
    grid_y = np.linspace(image["y2"][0], image["y"][0], IMAGE_CELLS + 1)
    centres_x, centres_y = (grid_x[:-1] + grid_x[1:]) / 2, (grid_y[:-1] + grid_y[1:]) / 2
    loss = core.loss_surface(TASK_2_5_INPUT, 0.0, run.weights[-1], 0, 1, centres_x, centres_y)
    np.testing.assert_allclose(surface["extremes"]["mse"], [loss.min(), loss.max()],
                               rtol=1e-9)
    # the invisible cells a click lands on: CLICK_CELLS per axis, spread over the whole
    # frame (on scales of their own, 0 to 1), and the frame covers the path
    cells, frame = surface["cells"], surface["frame"]
    assert len(cells) == CLICK_CELLS ** 2
    assert sorted(set(zip(cells["i"], cells["j"], strict=True))) == [
        (i, j) for i in range(CLICK_CELLS) for j in range(CLICK_CELLS)]
    assert (cells["u"].min(), cells["u2"].max(), cells["v"].min(), cells["v2"].max()) == (
        0, 1, 0, 1)
    assert frame["x"][0] < path["x"].min() and frame["x2"][0] > path["x"].max()
    assert frame["y"][0] < path["y"].min() and frame["y2"][0] > path["y"].max()
    assert frame["x"][0] <= image["x"][0] and frame["x2"][0] >= image["x2"][0]
    runs = comparison["runs"]
    assert sorted(set(runs["rate"])) == [0.001, 0.01, 0.1]
    for rate, group in runs.groupby("rate"):
        expected = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, rate, 20)
        assert group["mse"].tolist() == pytest.approx(expected.mse.tolist(), rel=1e-12)
    assert "rate ÷ 10" in texts(at.markdown) and "diverges" in texts(at.markdown)


def test_new_starting_weights_move_the_frame_and_leave_the_click_cells_alone(app_page):
    # The cells' bytes stay the same, so the browser keeps them (no 576 rects replaced
    # per click); the frame, the picture and the path follow the new start.
    at = app_page(PAGE)
    before = {d.name: d.data.data for d in at.get("vega_lite_chart")[SURFACE].proto.datasets}
    at.text_input(key="w_start").set_value("1.5, 0.5, 1").run()
    assert not at.exception
    after = {d.name: d.data.data for d in at.get("vega_lite_chart")[SURFACE].proto.datasets}
    assert after["cells"] == before["cells"]
    assert after["frame"] != before["frame"] and after["path"] != before["path"]


def test_a_click_cell_stands_for_the_weights_at_its_centre():
    grid_x, grid_y, frame = click_grid((-1.0, 3.0), (0.5, 2.5))
    assert grid_x.tolist() == np.linspace(-1.0, 3.0, CLICK_CELLS).tolist()
    assert grid_y.tolist() == np.linspace(0.5, 2.5, CLICK_CELLS).tolist()
    # the frame is the cells' outer edges: half a cell beyond the first and last centres
    half = (grid_x[1] - grid_x[0]) / 2
    assert frame["x"][0] == grid_x[0] - half and frame["x2"][0] == grid_x[-1] + half
    # cell i spans [i, i + 1] / CLICK_CELLS of the frame, centred on grid_x[i]
    width = frame["x2"][0] - frame["x"][0]
    centres = frame["x"][0] + (CELLS["i"] + 0.5) / CLICK_CELLS * width
    np.testing.assert_allclose(centres, grid_x[CELLS["i"]], rtol=0, atol=1e-12)


@pytest.mark.parametrize("rate", [0.0001, 0.002, 0.02, 0.05])
def test_the_learning_rate_changes_the_run_as_the_core_computes(app_page, rate):
    at = app_page(PAGE)
    at.select_slider(key="lr").set_value(rate).run()
    assert at.select_slider(key="lr").value == rate
    expected = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, rate, 20)
    assert charts(at)[HISTORY]["history"]["mse"].tolist() == expected.mse.tolist()
    assert metrics(at)["MSE after update 20"] == course_number(expected.mse[-1], 6)


def test_a_diverging_rate_is_explained_charted_finite_and_fixed(app_page):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        at = app_page(PAGE, {"lr": "1", "n": "200"})
    assert not [w for w in caught if issubclass(w.category, RuntimeWarning)]
    assert not at.exception
    message = texts(at.error)
    assert "Diverged at update 108" in message and "too large for this data" in message
    assert "Try 0.02" in texts(at.info)
    assert metrics(at)["Updates made"] == "107"
    every_chart = charts(at)  # asserts all finite
    assert len(every_chart[HISTORY]["history"]) == 108
    assert len(every_chart[SURFACE]["path"]) == 108
    at.button(key="use_rate").click().run()
    assert at.select_slider(key="lr").value == 0.02
    assert metrics(at)["Updates made"] == "200" and not at.error


def test_a_rate_above_the_limit_warns_before_it_overflows(app_page):
    at = app_page(PAGE, {"lr": "0.1"})
    assert "The MSE grows at every update" in texts(at.warning)
    assert "0.0714" in texts(at.warning)
    history = charts(at)[HISTORY]["history"]["mse"]
    assert history.is_monotonic_increasing


def test_a_zigzagging_rate_is_said_to_converge(app_page):
    at = app_page(PAGE, {"lr": "0.05"})
    assert "overshoots" in texts(at.info) and not at.error and not at.warning


def test_zero_updates_say_so(app_page):
    at = app_page(PAGE, {"n": "0"})
    assert not at.exception
    assert "0 updates" in texts(at.info)
    assert metrics(at)["MSE after update 0"] == "49"
    assert len(charts(at)[HISTORY]["history"]) == 1


def test_step_button_adds_one_update_and_keeps_the_marker_at_the_end(app_page):
    at = app_page(PAGE)
    at.button(key="add_update").click().run()
    assert at.slider(key="n").value == 21 and at.slider(key="at").value == 21
    assert metrics(at)["Updates made"] == "21"
    at.slider(key="at").set_value(5).run()
    at.button(key="add_update").click().run()
    assert at.slider(key="n").value == 22 and at.slider(key="at").value == 5
    at = app_page(PAGE, {"n": "500"})
    assert at.button(key="add_update").disabled


def test_scrubbing_marks_the_update_on_both_charts(app_page):
    at = app_page(PAGE)
    at.slider(key="at").set_value(7).run()
    run = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0.01, 7)
    assert metrics(at)["MSE after update 7"] == course_number(run.mse[-1], 6)
    history, surface = charts(at)[HISTORY], charts(at)[SURFACE]
    assert history["marker"]["update"].tolist() == [7]
    assert surface["marker"]["update"].tolist() == [7]
    assert surface["marker"]["x"].tolist() == [run.weights[-1, 0]]
    table = at.table[0].value
    assert table["value"].tolist() == [course_number(v) for v in run.weights[-1]]
    assert table["slope"].tolist() == [course_number(v) for v in run.slopes[-1]]


def test_surface_axes_and_log_scale(app_page):
    at = app_page(PAGE)
    at.selectbox(key="sx").set_value("weights[2]").run()
    surface = charts(at)[SURFACE]
    run = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0.01, 20)
    assert surface["path"]["x"].tolist() == run.weights[:, 2].tolist()
    at.selectbox(key="sy").set_value("weights[2]").run()
    assert "two different weights" in texts(at.info)
    at.toggle(key="log").set_value(True).run()
    assert '"type":"log"' in at.get("vega_lite_chart")[HISTORY].proto.spec.replace(" ", "")


def test_one_weight_and_several_data_points(app_page):
    at = app_page(PAGE, {"inputs": "3", "targets": "10", "w_start": "2"})
    assert not at.exception
    curve = charts(at)[SURFACE]
    assert set(curve) == {"curve", "path", "marker"}
    at = app_page(PAGE, {"inputs": "1, 2, 3\n4, 5, 6", "targets": "0, 1"})
    expected = core.gradient_descent([[1, 2, 3], [4, 5, 6]], [0, 1], TASK_2_5_WEIGHTS,
                                     0.01, 20)
    assert charts(at)[HISTORY]["history"]["mse"].tolist() == expected.mse.tolist()


@pytest.mark.parametrize("params, message", [
    ({"inputs": "1, 2, 3\n4, 5"}, "ragged: line 2 has 2 numbers but line 1 has 3"),
    ({"inputs": ""}, "Inputs is empty"),
    ({"inputs": "1, two, 3"}, "'two' is not a number"),
    ({"targets": ""}, "Targets is empty"),
    ({"targets": "0, 1"}, "1 data point(s) but 2 target(s)"),
    ({"w_start": "1, 2"}, "3 inputs but there are 2 weights"),
    ({"w_start": "1e200, 2, 1"}, "too large to compute"),
    ({"w_start": "nan, 2, 1"}, "not a finite number"),
])
def test_bad_input_gives_a_message_not_a_traceback(app_page, params, message):
    at = app_page(PAGE, params)
    assert not at.exception
    assert message in texts(at.error)
    assert not at.get("vega_lite_chart")


def test_huge_inputs_diverge_at_once_without_a_traceback(app_page):
    at = app_page(PAGE, {"inputs": "1e200, 1, 1"})
    assert not at.exception
    assert "Diverged at update 1" in texts(at.error)
    charts(at)


def test_url_reopens_the_same_run(app_page):
    at = app_page(PAGE, {"n": "40", "at": "7", "lr": "0.05", "sx": "weights[1]",
                         "sy": "weights[2]", "log": "true"})
    assert at.slider(key="n").value == 40 and at.slider(key="at").value == 7
    assert at.select_slider(key="lr").value == 0.05
    assert at.selectbox(key="sx").value == "weights[1]" and at.toggle(key="log").value
    run = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0.05, 7)
    assert metrics(at)["MSE after update 7"] == course_number(run.mse[-1], 6)
    at = app_page(PAGE, {"n": "9999", "lr": "3", "at": "-1"})
    assert not at.exception and metrics(at)["Updates made"] == "20"


# Middle rates whose runs never stop or stop at update 232 (0.2), 138 (0.5) or 108 (1.0,
# also the neighbour of 0.1); their rates × 10 stop within a few updates.
@pytest.mark.parametrize("rate", [0.001, 0.01, 0.1, 0.2, 0.5, 1.0])
@pytest.mark.parametrize("n_updates", [0, 1, 20, 31, 32, 33, 64, 100, 107, 108, 109, 256,
                                       257, 500])
def test_the_runs_shown_are_the_500_update_runs_cut_short(rate, n_updates):
    # The page computes only a span of updates around the number shown (lesson.run_span);
    # what it shows must be, bit for bit, the first updates of the whole run.
    data = (TASK_2_5_INPUT.tolist(), 0.0, TASK_2_5_WEIGHTS.tolist())
    runs = descent_runs(*data, rate, n_updates)
    for run, neighbour in zip(runs, neighbour_rates(rate), strict=True):
        shown = first_updates(run, n_updates)
        whole = first_updates(core.gradient_descent(*data, neighbour, MAX_UPDATES), n_updates)
        for field in ("weights", "mse", "slopes"):
            assert np.array_equal(getattr(shown, field), getattr(whole, field))
        assert shown.diverged_at == whole.diverged_at


def test_play_stops_where_the_whole_run_goes_flat_or_diverges():
    data = (TASK_2_5_INPUT.tolist(), 0.0, TASK_2_5_WEIGHTS.tolist())
    assert animation_end(*data, 1.0) == 108  # diverges there (past the 32 updates shown)
    run = core.gradient_descent(*data, 0.01, MAX_UPDATES)
    flat = next(k for k in range(MAX_UPDATES + 1) if (abs(run.slopes[k:]) < 1e-3).all())
    assert animation_end(*data, 0.01) == flat
    assert animation_end(*data, 0.0001) == MAX_UPDATES  # still sloping after 500


def test_history_csv_holds_the_run():
    text = history_csv(TASK_2_5_INPUT.tolist(), 0.0, TASK_2_5_WEIGHTS.tolist(), 0.01, 20)
    frame = pd.read_csv(io.StringIO(text))
    assert list(frame.columns) == ["update", "weights[0]", "weights[1]", "weights[2]",
                                   "slope weights[0]", "slope weights[1]",
                                   "slope weights[2]", "mse"]
    run = core.gradient_descent(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0.01, 20)
    assert frame["mse"].tolist() == pytest.approx(run.mse.tolist(), rel=1e-15)
    assert frame["slope weights[2]"][0] == 42.0


def test_download_button_is_there(app_page):
    at = app_page(PAGE)
    buttons = at.get("download_button")
    assert len(buttons) == 1 and "CSV" in buttons[0].proto.label
