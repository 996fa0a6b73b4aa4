"""The "Try it yourself" section of a task's page: the course's coding task done in the
app, checked by ``practice``.

``practice_section(task_id)`` draws the task, its pre-loaded names, an editor holding
the scaffold (a text area in a form: Ctrl+Enter runs it), Run, Reset, Hint and Show
solution, then the feedback and what the code printed; for task 2.7 also a chart of the
learner's ``mse_hist``. ``passed_tasks()`` lists the tasks this session has passed.

Every widget key starts with ``practice_<task>_`` (``practice_2_7_code``), so the
section never clashes with a page's own keys, and two sections (2.5 and 2.6) share a
page. The code lives in the session only: it is never put in the URL.
"""

import math

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

import practice
from practice.static_check import MAX_CODE_CHARS
from ui.chapter import PRACTICE_PASSED_KEY
from ui.chart_templates import show_chart
from ui.layout import steady_slot
from ui.palette import BLUE

# Kept when the learner moves to another page (ui.chapter.start_page), so the home page
# can list the tasks passed.
PASSED_KEY = PRACTICE_PASSED_KEY
# A bundled icon font, not an emoji: it renders in every browser, with no request.
SOLVED_ICON = ":green[:material/check_circle:]"
_FEEDBACK_BOXES = {
    "passed": st.success, "wrong": st.error, "error": st.error, "rejected": st.error,
    "limit": st.warning, "busy": st.info, "unavailable": st.warning,
}


def passed_tasks():
    """The ids of the tasks this session has passed, in the course's order."""
    passed = st.session_state.get(PASSED_KEY, ())
    return tuple(task_id for task_id in practice.TASK_IDS if task_id in passed)


def widget_key(task_id, name):
    """The session-state key of one of a section's widgets or values:
    ``widget_key("2.7", "code")`` is ``"practice_2_7_code"``."""
    return f"practice_{task_id.replace('.', '_')}_{name}"


def practice_section(task_id):
    """Draw the "Try it yourself" section of one task.

    Parameters
    ----------
    task_id : "1.9", "1.10", "2.5", "2.6" or "2.7"

    Returns
    -------
    practice.Feedback of the last Run in this session, or None before the first.

    Raises ValueError for an unknown task id.
    """
    task = practice.get_task(task_id)
    practice.warm_up()  # the first Run then finds a worker ready
    key = lambda name: widget_key(task_id, name)
    st.session_state.setdefault(key("code"), task.scaffold)

    tick = f" {SOLVED_ICON}" if task_id in passed_tasks() else ""
    st.subheader(f"Try it yourself: task {task_id}{tick}", anchor=key("section"))
    st.markdown(f"**{task.title}.** {task.statement}")
    _preloaded_names(task)
    _editor(task, key)
    _help_buttons(task, key)
    feedback = st.session_state.get(key("feedback"))
    with steady_slot():
        if feedback is not None:
            _show_feedback(feedback)
    return feedback


def _preloaded_names(task):
    lines = "\n".join(f"- `{name}`: {text}" if not text.startswith(f"`{name}")
                      else f"- {text}" for name, text in task.preloaded())
    st.markdown("Pre-loaded for your code (no `import` needed):\n" + lines)


def _editor(task, key):
    rows = task.scaffold.count("\n") + 2
    # Python in the body font hides its indentation: the editor gets the monospace font
    # Streamlit bundles for st.code (its widgets carry the class st-key-<key>).
    st.html(f"<style>.st-key-{key('code')} textarea {{font-family: 'Source Code Pro', "
            "monospace; font-size: 0.875rem;}</style>")
    with st.form(key("form"), border=False):
        st.text_area(
            "Your code", key=key("code"), height=min(max(22 * rows + 40, 200), 600),
            max_chars=MAX_CODE_CHARS,
            help="Fill in the blanks `____`, then Run (or press Ctrl+Enter). Indent with "
                 "spaces: Tab moves to the next control.")
        st.form_submit_button("Run", type="primary", on_click=_run, args=(task.task_id,))


def _help_buttons(task, key):
    hints_shown = st.session_state.get(key("hints"), 0)
    solution_shown = st.session_state.get(key("solution_shown"), False)
    with st.container(horizontal=True):
        st.button("Reset", key=key("reset"), on_click=_reset, args=(task,),
                  help="Put the scaffold back in the editor.")
        st.button("Hint", key=key("hint"), on_click=_next_hint, args=(task,),
                  disabled=hints_shown >= len(task.hints))
        st.button("Hide solution" if solution_shown else "Show solution",
                  key=key("solution"), on_click=_toggle_solution, args=(task,))
    for number, hint in enumerate(task.hints[:hints_shown], start=1):
        st.info(f"Hint {number}: {hint}", icon=":material/lightbulb:")
    if solution_shown:
        st.code(task.solution, language="python")


def _run(task_id):
    key = lambda name: widget_key(task_id, name)
    feedback = practice.check_code(task_id, st.session_state.get(key("code"), ""))
    st.session_state[key("feedback")] = feedback
    if feedback.passed:
        st.session_state[PASSED_KEY] = set(passed_tasks()) | {task_id}


def _reset(task):
    key = lambda name: widget_key(task.task_id, name)
    st.session_state[key("code")] = task.scaffold
    for name in ("feedback", "hints", "solution_shown"):
        st.session_state.pop(key(name), None)


def _next_hint(task):
    name = widget_key(task.task_id, "hints")
    st.session_state[name] = min(st.session_state.get(name, 0) + 1, len(task.hints))


def _toggle_solution(task):
    name = widget_key(task.task_id, "solution_shown")
    st.session_state[name] = not st.session_state.get(name, False)


def _show_feedback(feedback):
    box = _FEEDBACK_BOXES.get(feedback.status, st.error)
    box(feedback.message)
    if feedback.stdout:
        st.caption("Printed output")
        st.code(feedback.stdout, language=None)
    history = finite_numbers(feedback.values.get("mse_hist"))
    if feedback.task_id == "2.7" and history:
        st.caption("Your `mse_hist`")
        frame = pd.DataFrame({"Iterations": np.arange(1, len(history) + 1),
                              "Mean Squared Error": history})
        # A template filled with data: building the Altair chart anew (st.line_chart)
        # cost some 80 ms per Run on this machine, eight times the run itself.
        show_chart(mse_hist_builder, (), {"mse_hist": frame},
                   "Line chart of your mse_hist: the mean squared error after each update")


def mse_hist_builder():
    """The learner's MSE after each update, as the course plots it; dataset
    ``mse_hist``."""
    x = alt.X(field="Iterations", type="quantitative", title="Iterations")
    y = alt.Y(field="Mean Squared Error", type="quantitative", title="Mean Squared Error")
    return alt.Chart(alt.NamedData("mse_hist")).mark_line(color=BLUE, point=True).encode(
        x=x, y=y, tooltip=[x, y]).properties(height=220)


def finite_numbers(value):
    """``value`` as a list of floats when it is a non-empty 1-D list or array of
    finite numbers (a learner's ``mse_hist`` worth plotting), else None."""
    if not isinstance(value, (list, np.ndarray)) or len(value) == 0:
        return None
    if isinstance(value, np.ndarray) and value.ndim != 1:
        return None
    numbers = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, (int, float, np.number)):
            return None
        if not math.isfinite(float(item)):
            return None
        numbers.append(float(item))
    return numbers
