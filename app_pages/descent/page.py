"""Gradient descent (task 2.7): many updates, the MSE history, the path on the loss
surface, learning rates side by side, divergence."""

import streamlit as st

import core
from app_pages.descent.charts import (
    animation_end,
    descent_runs,
    history_csv,
    rate_messages,
    show_comparison,
    show_history,
    show_surface,
    state_table,
)
from app_pages.descent.controls import (
    MAX_UPDATES,
    chart_options,
    descent_data_controls,
    scrub_slider,
    start_here,
    starting_weights,
    step_button,
)
from app_pages.descent.lesson import (
    FLAT_SLOPE,
    first_updates,
    flat_update,
    inputs_per_point,
    neighbour_rates,
    weight_names,
)
from core.course import (
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_7_LEARNING_RATE,
    TASK_2_7_N_UPDATES,
)
from ui.controls import learning_rate_slider
from ui.format import course_number
from ui.layout import steady_slot
from ui.player import advance, after_frame, frame_interval, keep_playing, player_controls, stop
from ui.practice import practice_section
from ui.runtime import freeze_imports
from ui.source import numpy_behind_this
from ui.url_widgets import url_slider

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Gradient descent")
st.markdown(
    "Start somewhere; until you arrive somewhere flat, find the slope and take a step "
    "downhill (note 1.5). Task 2.7 repeats the update of task 2.6, "
    "`weights = weights - learning_rate * slope`, and records the MSE after each one. "
    "Update 0 below is the start; updates 1 to 20 are the seed's `mse_hist`."
)

@st.fragment(run_every=frame_interval("descent"))
def descent(input_data, target, index_x, index_y, log_scale):
    """Everything that depends on the starting weights, the number of updates and the
    learning rate. A fragment: moving one of its controls, or a click on the surface
    that picks new starting weights, reruns and redraws only this part, and Play reruns
    it one update at a time (the number of updates is its frame)."""
    keep_playing("descent")
    weights_col, updates_col, rate_col, step_col = st.columns(
        [2, 3, 3, 2], vertical_alignment="bottom")
    with weights_col:
        try:
            start = starting_weights(TASK_2_5_WEIGHTS, inputs_per_point(input_data))
        except ValueError as problem:
            weights_problem = str(problem)
        else:
            weights_problem = None
    if weights_problem is not None:
        st.error(f"{weights_problem} (Fix it in *Starting weights*.)")
        stop("descent")
        after_frame("descent")
        return
    rate_now = st.session_state.get("lr", TASK_2_7_LEARNING_RATE)
    advance("descent", "n", lambda: animation_end(input_data, target, start, rate_now),
            first=TASK_2_7_N_UPDATES)
    with updates_col:
        n_updates = url_slider("Number of updates", "n", 0, MAX_UPDATES, TASK_2_7_N_UPDATES, 1)
    with rate_col:
        learning_rate = learning_rate_slider("lr", TASK_2_7_LEARNING_RATE)
    with step_col:
        step_button(n_updates)
    player_controls("descent", "the updates")

    try:
        runs = descent_runs(input_data, target, start, learning_rate, n_updates)
    except ValueError as problem:
        st.error(str(problem))
        return
    slower, history, faster = (first_updates(run, n_updates) for run in runs)
    flat_at = flat_update(history)

    with steady_slot():
        if flat_at is not None and n_updates > 0 and flat_at <= n_updates:
            st.success(f"**Flat ground** from update {flat_at}: every slope is below "
                       f"{course_number(FLAT_SLOPE)}, so the steps have become tiny "
                       "(note 1.5: until you arrive somewhere flat).")
        if n_updates == 0:
            st.info("0 updates: the history holds only the start. Move *Number of updates* "
                    "or press *Step* to take the first step downhill.")
        rate_messages(history, learning_rate, input_data)

    update = scrub_slider(history)
    names = weight_names(len(start))
    start_col, now_col, count_col = st.columns(3)
    start_col.metric("MSE at the start", course_number(history.mse[0], 6))
    now_col.metric(f"MSE after update {update}", course_number(history.mse[update], 6))
    count_col.metric("Updates made", course_number(history.n_updates),
                     help="Fewer than asked when the run diverged.")

    mse_col, surface_col = st.columns(2, gap="large")
    with mse_col:
        st.subheader("MSE history")
        show_history(history, update, log_scale)
        state_table(history, update, names)
    with surface_col:
        st.subheader("The path on the loss surface")
        show_surface(input_data, target, history, update, index_x, index_y,
                     on_pick=start_here(start))
        st.caption("Colour: the MSE with the two weights on the axes moved and every other "
                   "weight held at its value at the marked update. White: the weights after "
                   "each update; orange-red: the marked update. Click the surface to start "
                   "the descent there.")

    st.subheader("Learning rates side by side")
    show_comparison((slower, history, faster), neighbour_rates(learning_rate), input_data)

    st.download_button(
        "Download the history (CSV)", key="download",
        # A callable: the CSV is made when the learner asks for it, not at every move.
        data=lambda: history_csv(input_data, target, start, learning_rate, n_updates),
        file_name="gradient_descent_history.csv", mime="text/csv", on_click="ignore",
        icon=":material/download:")
    after_frame("descent")


@st.fragment
def descent_setup():
    """The data and the charts' options, then the descent on them. A fragment: editing
    them reruns this part of the page, not the page's text and practice."""
    with st.expander("Data (task 2.5; edit it)"):
        try:
            input_data, target = descent_data_controls(TASK_2_5_INPUT, TASK_2_5_TARGET)
        except ValueError as problem:
            data_problem = str(problem)
        else:
            data_problem = None
    if data_problem is not None:
        st.error(f"{data_problem} (Fix it under *Data*.)")
        return
    index_x, index_y, log_scale = chart_options(inputs_per_point(input_data))
    descent(input_data, target, index_x, index_y, log_scale)


descent_setup()

st.divider()
practice_section("2.7")

numpy_behind_this(core.gradient_descent, core.get_slope, core.get_mse)
