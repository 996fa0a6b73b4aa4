"""Controls of the descent page (task 2.7): the data and the starting weights typed as
text, the step button, the scrubber over the updates and the surface's axes. Text
controls are bound to the URL, so a copied link reopens the same data."""

import numpy as np
import streamlit as st

from ui.controls import format_numbers, numbers_input, parse_numbers

from .lesson import weight_names

MAX_UPDATES = 500
SCRUB_END_KEY = "descent_scrub_end"  # the end of the history at the last rerun


def parse_rows(text, name):
    """One row of numbers per non-empty line of ``text``, every row as long.

    Returns
    -------
    list of lists of floats

    Raises ValueError when there is no row, a row is malformed (see
    ``parse_numbers``) or the rows are ragged.
    """
    lines = [line for line in str(text).splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"{name} is empty: type one data point per line, its inputs "
                         "separated by commas, e.g. 1, 2, 3.")
    rows = [parse_numbers(line, f"{name}, line {i}") for i, line in enumerate(lines, 1)]
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise ValueError(
                f"{name} is ragged: line {i} has {len(row)} numbers but line 1 has "
                f"{len(rows[0])}. Every data point needs one value per input.")
    return rows


def linear_data(input_rows, targets):
    """Turn parsed rows and targets into plain values for ``core.linear`` (plain values
    also key the caches): one data point stays 1-D as in the seed (its error is a
    number), several make a batch. Raises ValueError when the counts do not match."""
    if len(targets) != len(input_rows):
        raise ValueError(
            f"targets: there are {len(input_rows)} data point(s) but {len(targets)} "
            "target(s); give one target per line of inputs.")
    if len(input_rows) == 1:
        return list(input_rows[0]), float(targets[0])
    return [list(row) for row in input_rows], list(targets)


def descent_data_controls(default_inputs, default_target):
    """The data of a descent, as text bound to the URL.

    Returns (input_data, target) as plain lists and floats, ready for
    ``core.gradient_descent``.
    Raises ValueError with a message for the learner when the text is malformed,
    empty, ragged or inconsistent.
    """
    left, right = st.columns([3, 2])
    with left:
        inputs_text = st.text_area(
            "Inputs: one data point per line, comma-separated", key="inputs",
            value=format_numbers(default_inputs), height=100, bind="query-params")
    with right:
        targets_text = numbers_input("Targets: one per data point", "targets",
                                     np.atleast_1d(default_target))
    rows = parse_rows(inputs_text, "Inputs")
    targets = parse_numbers(targets_text, "Targets")
    return linear_data(rows, targets)


def starting_weights(default_weights, n_inputs):
    """The starting weights of the descent, as text bound to the URL: they sit with the
    descent's own controls (a click on the surface sets them, and the descent's
    fragment, where the click lands, redraws them with the path).

    Returns a plain list of floats.
    Raises ValueError with a message for the learner when the text is malformed or
    holds other than one weight per input.
    """
    text = numbers_input("Starting weights", "w_start", default_weights,
                         help="One per input, comma-separated. A click on the loss "
                              "surface below sets the two on its axes.")
    weights = parse_numbers(text, "Starting weights")
    if len(weights) != n_inputs:
        raise ValueError(
            f"starting weights: each data point has {n_inputs} inputs but there are "
            f"{len(weights)} weights; give one weight per input.")
    return weights


def _add_one_update():
    n = st.session_state.get("n", 0)
    if n < MAX_UPDATES:
        # Keep the scrubbed update at the end if it was there.
        if st.session_state.get("at", n) >= n:
            st.session_state["at"] = n + 1
        st.session_state["n"] = n + 1


def step_button(n_updates):
    """A button adding one update (it moves the URL-bound updates slider)."""
    st.button("Step: one more update", key="add_update", on_click=_add_one_update,
              disabled=n_updates >= MAX_UPDATES, icon=":material/add:")


def scrub_slider(history):
    """A URL-bound slider over the updates of ``history``; returns the update shown.

    The marked update stays at the end of the history when it was there (more
    updates, or fewer when a run diverges sooner), stays where the learner put it
    otherwise, and never passes the end (quick moves of "Number of updates" can
    bring back a stale value: the last update is shown, not an out-of-range
    error). Said explicitly rather than left to the slider resetting to its default
    when its range changes: inside a fragment, Streamlit carries the last value
    over to the slider with the new range.
    """
    end = history.n_updates
    if end == 0:
        return 0
    last_end = st.session_state.get(SCRUB_END_KEY)
    update = st.session_state.get("at")
    if update is not None and (update > end or (
            last_end is not None and update >= last_end and end != last_end)):
        st.session_state["at"] = end
    st.session_state[SCRUB_END_KEY] = end
    return st.slider("Show update", 0, history.n_updates, history.n_updates, 1, key="at",
                     bind="query-params",
                     help="Scrub through the history: 0 is the start. The update is "
                          "marked on the MSE chart and on the surface.")


def chart_options(n_weights):
    """The charts' options, bound to the URL: the weights on the surface's axes and
    the history's log scale. They sit outside the descent's fragment (a change reruns
    the setup fragment around it), so a move of the updates or the rate, or a click on
    the surface, does not send them again.

    Returns (index_x, index_y, log_scale); index_y is None with a single weight."""
    names = weight_names(n_weights)
    x_col, y_col, log_col = st.columns([2, 2, 1], vertical_alignment="bottom")
    log_scale = log_col.toggle("Log scale (history)", key="log", bind="query-params")
    if n_weights < 2:
        return 0, None, log_scale
    index_x = names.index(x_col.selectbox("Surface: x axis", names, index=0, key="sx",
                                          bind="query-params"))
    index_y = names.index(y_col.selectbox("Surface: y axis", names, index=1, key="sy",
                                          bind="query-params"))
    return index_x, index_y, log_scale


def start_here(start):
    """The surface's on_pick: the clicked weights (rounded to 2 decimals) become the
    starting weights' URL-bound text, before the descent's fragment reruns and draws
    it."""
    def on_pick(weights):
        chosen = list(start)
        for index, value in weights.items():
            chosen[index] = round(float(value), 2) + 0.0  # + 0.0: no "-0"
        st.session_state["w_start"] = format_numbers(chosen)
    return on_pick
