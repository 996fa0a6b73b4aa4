"""Mean squared error (course 1.2, 1.3, 1.10): many points, two weight sets, one
loss per weight set."""

import streamlit as st

import core
from app_pages.mse.view import (
    evaluate,
    last_good,
    per_point_table,
    phone_summary,
    points_editor,
    remember,
    show_metrics,
    squared_errors_chart,
    table_to_points,
    weight_set_controls,
)
from ui.layout import results_slot, steady_slot
from ui.practice import practice_section
from ui.runtime import freeze_imports
from ui.source import numpy_behind_this

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Mean squared error")
st.markdown(
    "With many data points there are many errors, one per point, at any set of "
    "weights (note 1.2). A **loss function** adds them up into a single number that "
    "measures the model's predictive performance; the course uses the **mean squared "
    "error**, `mean((prediction - target)**2)`. A lower loss means a better model, and "
    "the goal is the weights with the lowest loss (note 1.3). Below are task 1.10's "
    "four points and its two weight sets: edit the points, the targets or the weights "
    "and compare."
)

@st.fragment
def points_and_weights():
    """The points, the weight sets and everything computed from them. A fragment: an
    edit or a slider move reruns and redraws only this part of the page."""
    # The two MSEs in one line, for a phone only (ui/screens.css): wider screens show
    # them in their boxes below.
    results = results_slot("mse", horizontal=False)
    table_column, weights_column = st.columns([2, 3], gap="large")
    with table_column:
        st.markdown("**Data points and targets**")
        table = points_editor()
    with weights_column:
        st.markdown("**The two weight sets**")
        weights = weight_set_controls()

    st.subheader("One number per weight set")
    message = steady_slot()
    try:
        evaluation = evaluate(*table_to_points(table), weights)
        remember(evaluation)
    except ValueError as problem:
        message.error(f"{problem} The results below are for the last points and weights that "
                      "worked.", icon=":material/error:")
        evaluation = last_good(weights)

    with results:
        st.markdown(phone_summary(evaluation))
    show_metrics(evaluation)
    st.markdown("**Each point's squared error, and their mean**")
    squared_errors_chart(evaluation)
    st.markdown("**Point by point**")
    per_point_table(evaluation)


points_and_weights()

st.divider()
practice_section("1.10")

numpy_behind_this(core.predict_with_network, core.seed_network_errors, core.mean_squared_error)
