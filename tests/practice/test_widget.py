"""Guards the shared "Try it yourself" section (``ui.practice``) with Streamlit's AppTest
on a page of sections (``widget_app/streamlit_app.py``), checking code in real workers:
the section shows the task, its pre-loaded names, the scaffold and the four buttons; Run
accepts a solution (success, tick, passed_tasks, 2.7's chart of the learner's mse_hist)
and explains a wrong one; Hint, Show solution and Reset work; two sections share a page
with their own keys, all prefixed ``practice_``; the code never goes into the URL."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from practice import get_task
from ui.chapter import APP_STATE_PREFIX
from ui.practice import PASSED_KEY, finite_numbers, practice_section, widget_key

from .conftest import WIDGET_APP_DIR

SCRIPT = str(WIDGET_APP_DIR / "streamlit_app.py")


def open_app(tasks="2.7"):
    at = AppTest.from_file(SCRIPT, default_timeout=30)
    at.query_params["tasks"] = tasks
    return at.run()


def button(at, label, task_id="2.7"):
    if label == "Run":
        return at.button(key=f"FormSubmitter:{widget_key(task_id, 'form')}-Run")
    return at.button(key=widget_key(task_id, {"Reset": "reset", "Hint": "hint",
                                              "Show solution": "solution"}[label]))


def submit(at, code, task_id="2.7"):
    at.text_area(key=widget_key(task_id, "code")).input(code)
    return button(at, "Run", task_id).click().run()


def chart_rows(at):
    """The rows of the first Altair/Vega-Lite chart's data."""
    chart = at.get("vega_lite_chart")[0]
    table = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all()
    return table.to_pylist()


def test_section_shows_the_task_its_names_the_scaffold_and_the_buttons():
    at = open_app("2.7")
    assert not at.exception
    assert at.subheader[0].value == "Try it yourself: task 2.7"
    texts = "\n".join(m.value for m in at.markdown)
    assert "**Making multiple updates to weights.** Repeat the update" in texts
    for name in ("`input_data = np.array([1, 2, 3])`", "`weights = np.array([0, 2, 1])`",
                 "`target = 0`", "`get_slope(input_data, target, weights)`", "- `np`:"):
        assert name in texts, name
    assert at.text_area(key="practice_2_7_code").value == get_task("2.7").scaffold
    assert [b.label for b in at.button] == ["Run", "Reset", "Hint", "Show solution"]


def test_a_correct_solution_is_accepted_ticked_recorded_and_charted():
    at = submit(open_app("2.7"), get_task("2.7").solution)
    assert at.success[0].value.startswith("Correct! The MSE falls")
    assert at.subheader[0].value == "Try it yourself: task 2.7 :green[:material/check_circle:]"
    assert at.markdown[-1].value == "Passed tasks: 2.7"
    rows = chart_rows(at)
    assert len(rows) == 20 and rows[0]["Iterations"] == 1
    assert rows[0]["Mean Squared Error"] == pytest.approx(25.4016)


def test_a_wrong_answer_is_explained_and_keeps_the_learners_code():
    code = get_task("2.6").solution.replace("weights - learning_rate * slope",
                                            "weights + learning_rate * slope")
    at = submit(open_app("2.6"), code, "2.6")
    assert "Hint: You added the step" in at.error[0].value
    assert at.text_area(key="practice_2_6_code").value == code
    assert at.markdown[-1].value == "Passed tasks: none"
    assert at.code[0].value == "7\n8.96"  # what the code printed (st.code drops the last \n)


def test_an_exception_shows_the_learners_line():
    at = submit(open_app("2.7"), "x = 1\ny = x / 0\n")
    assert at.error[0].value == "Line 2: `ZeroDivisionError: division by zero`"


def test_a_diverging_mse_hist_is_still_charted_but_text_is_not():
    code = get_task("2.7").solution.replace("weights - 0.01", "weights + 0.01")
    at = submit(open_app("2.7"), code)
    assert at.error and len(chart_rows(at)) == 20
    at = submit(at, "mse_hist = ['a', 'b']\n")
    assert at.error and not at.get("vega_lite_chart")


def test_hint_show_solution_and_reset():
    at = open_app("2.5")
    at = button(at, "Hint", "2.5").click().run()
    at = button(at, "Hint", "2.5").click().run()
    assert [box.value for box in at.info] == [
        f"Hint {n}: {hint}" for n, hint in enumerate(get_task("2.5").hints[:2], start=1)]
    at = button(at, "Show solution", "2.5").click().run()
    assert at.code[-1].value == get_task("2.5").solution.rstrip("\n")
    assert at.button(key="practice_2_5_solution").label == "Hide solution"
    at = submit(at, "x = 1\n", "2.5")
    at = button(at, "Reset", "2.5").click().run()
    assert at.text_area(key="practice_2_5_code").value == get_task("2.5").scaffold
    assert not at.info and not at.error and not at.code


def test_two_sections_on_one_page_keep_their_own_prefixed_keys():
    at = open_app("2.5,2.6")
    assert [area.key for area in at.text_area] == ["practice_2_5_code", "practice_2_6_code"]
    at = submit(at, get_task("2.5").solution, "2.5")
    assert at.markdown[-1].value == "Passed tasks: 2.5"
    assert at.text_area(key="practice_2_6_code").value == get_task("2.6").scaffold
    keys = list(at.session_state.to_dict())
    # Streamlit names a form's submit button "FormSubmitter:<form key>-<label>"; the
    # passed tasks are app-wide ("app_", kept from page to page).
    assert keys and all(key.removeprefix("FormSubmitter:").startswith("practice_")
                        or key == PASSED_KEY for key in keys), keys
    assert PASSED_KEY.startswith(APP_STATE_PREFIX)


def test_the_code_never_goes_into_the_url():
    at = submit(open_app("2.7"), get_task("2.7").solution)
    assert dict(at.query_params) == {"tasks": "2.7"}


def test_an_unknown_task_is_a_clear_error_before_anything_is_drawn():
    with pytest.raises(ValueError, match=r"task_id must be one of .*, got '9\.9'"):
        practice_section("9.9")


@pytest.mark.parametrize(("value", "numbers"), [
    ([1, 2.5], [1.0, 2.5]),
    (np.array([3.0, 1.0]), [3.0, 1.0]),
    ([], None),
    ([1, float("nan")], None),
    ([1, "a"], None),
    ([True, False], None),
    (np.zeros((2, 2)), None),
    (None, None),
])
def test_only_finite_number_lists_are_charted(value, numbers):
    assert finite_numbers(value) == numbers
