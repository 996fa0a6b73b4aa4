"""Stochastic gradient descent (course 4.3): batches and epochs on real and
synthetic data, checked against scikit-learn."""

import streamlit as st

import core
from app_pages.sgd import charts as sgd_charts
from app_pages.sgd import data as sgd_data
from app_pages.sgd import train as sgd_train
from ui.format import course_number
from ui.layout import steady_slot
from ui.player import (
    advance,
    after_frame,
    frame_interval,
    keep_playing,
    player_controls,
    stop,
)
from ui.runtime import freeze_imports
from ui.source import numpy_behind_this
from ui.url_widgets import url_slider

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Stochastic gradient descent")
st.markdown(
    "Calculating the slopes on all the data for every update is slow on a big data "
    "set. It is common to calculate them on only a subset of the data, a **batch**, "
    "and to use a different batch for the next update. Once all the data is used, "
    "start over from the beginning: each time through the training data is an "
    "**epoch**. When slopes are calculated on one batch at a time, this is "
    "**stochastic gradient descent** (course note 4.3)."
)

st.subheader("Data")
data_key, data = sgd_data.data_section()


@st.fragment(run_every=frame_interval("sgd"))
def comparison(data_key, data, compare, asked, log_scale):
    """Full batch, mini-batch and one row at a time, and the animation of their epochs.
    A fragment of its own: playing it redraws only the comparison."""
    keep_playing("sgd")
    full, mini, single = sgd_train.planned_updates(data.n_samples, compare)
    st.markdown(
        f"Train the same network from the same starting weights for {compare.epochs} "
        f"epochs three ways: on all {data.n_samples:,} rows per update ({full:,} updates), "
        f"on mini-batches of {compare.mini_batch_size(data.n_samples):,} ({mini:,} updates) "
        f"and on one row per update ({single:,} updates). Smaller batches make more "
        "updates per epoch, and noisier ones."
    )
    if note := sgd_train.budget_note(asked.epochs, compare, "The comparison"):
        st.caption(note)
    if st.button("Compare the three", key="compare", icon=":material/compare_arrows:"):
        st.session_state["sgd_compare"] = (data_key, compare)
    if st.session_state.get("sgd_compare") != (data_key, compare):
        stop("sgd")
        after_frame("sgd")
        return
    rows = sgd_train.compare_runs(data_key, compare, data)
    shown = 1  # one epoch: nothing to play (a slider from 1 to 1 is not allowed)
    if compare.epochs > 1:
        advance("sgd", "shown", compare.epochs, first=compare.epochs, start=1)
        controls, shown_col = st.columns([2, 3], vertical_alignment="bottom")
        with controls:
            player_controls("sgd", "the epochs")
        with shown_col:
            shown = url_slider("Epochs shown", "shown", 1, compare.epochs, compare.epochs,
                               1, help="Play grows the three curves epoch by epoch.")
    drawn = sgd_charts.shown_until(rows, shown)
    epochs_col, updates_col = st.columns([3, 2], gap="large")
    epochs_col.altair_chart(sgd_charts.compare_chart(drawn, log_scale, compare.epochs),
                            alt=sgd_charts.compare_alt(rows))
    with updates_col:
        shared = sgd_charts.loss_range(rows, log_scale)
        for row in drawn:
            st.caption(sgd_charts.updates_panel_title(row))
            st.altair_chart(sgd_charts.updates_chart(row, log_scale, compare.epochs, shared),
                            alt=sgd_charts.updates_alt([row]))
    st.table(sgd_charts.compare_table(drawn), hide_index=True,
             alt="Table of the three runs: batch size, updates, time and last loss")
    if shown >= compare.epochs:
        stop("sgd")
    after_frame("sgd")


@st.fragment
def training(data_key, data):
    """The network, the training settings, one run and the comparison. A fragment: a
    move of these controls retrains (from the cache when it can) and redraws only this
    part, not the data controls, the texts above or the numpy below."""
    network_col, training_col = st.columns(2, gap="large")
    with network_col:
        st.subheader("Network")
        hidden, activation = sgd_train.network_controls()
    with training_col:
        st.subheader("Training")
        asked = sgd_train.training_controls(hidden, activation)

    st.caption(sgd_data.standardization_note(data))
    settings = sgd_train.within_budget(data, asked)
    with steady_slot():
        if note := sgd_train.budget_note(asked.epochs, settings, "This run"):
            st.warning(note, icon=":material/timer:")
    run = sgd_train.train_run(data_key, settings, data)

    st.subheader("One run")
    updates_col, total_col, time_col, loss_col = st.columns(4)
    updates_col.metric("Updates per epoch", f"{run.updates_per_epoch:,}",
                       help=f"ceil({data.n_samples:,} rows / batch of {run.batch_size:,})")
    total_col.metric("Updates in all", f"{run.n_updates:,}")
    time_col.metric("Training time", f"{course_number(run.seconds, 2)} s")
    final_loss = course_number(run.final_loss, 4)  # a diverged run's loss overflows
    loss_col.metric("Final loss", "diverged" if final_loss == "not finite" else final_loss,
                    help="MSE of the trained network on all the rows (standardized target).")
    with steady_slot():
        if run.diverged_at is not None:
            st.error(f"The run diverged at update {run.diverged_at:,} (epoch "
                     f"{run.diverged_epoch}): the loss or the weights overflowed, so training "
                     "stopped there and the charts end before it. Lower the learning rate.")

    chart_col, scatter_col = st.columns([3, 2], gap="large")
    with chart_col:
        log_scale = st.toggle("Logarithmic loss axis", key="log", bind="query-params")
        with_reference = st.toggle("Compare with scikit-learn's MLPRegressor", value=True,
                                   key="reference", bind="query-params")
        reference = sgd_train.draw_loss_chart(data_key, settings, data, run, with_reference,
                                              log_scale)
        st.caption(sgd_train.reference_note(run, reference))
    with scatter_col:
        if run.actual.size and run.diverged_at is None:
            st.vega_lite_chart(sgd_charts.prediction_chart(run, data.target_name),
                               alt=sgd_charts.prediction_alt(run, data.target_name),
                               width="stretch")
            st.caption(f"Predictions on {run.actual.size:,} of the training rows, in the "
                       "target's own units; on the dashed line the prediction is exact.")
        else:
            st.info("No predictions to plot: the run diverged, so its last weights "
                    "predict nonsense.", icon=":material/info:")

    st.subheader("Full batch, mini-batch or one row at a time?")
    comparison(data_key, data, sgd_train.compare_within_budget(data, asked), asked, log_scale)

    st.subheader("Download")
    json_col, csv_col, _ = st.columns([1, 1, 2])
    json_col.download_button(
        "Trained weights (JSON)", lambda: sgd_train.weights_json(run, data, settings),
        file_name="sgd_network.json", mime="application/json", on_click="ignore",
        icon=":material/download:", key="download_weights", help=sgd_train.WEIGHTS_HELP)
    csv_col.download_button(
        "Loss history (CSV)", lambda: sgd_train.history_csv(run),
        file_name="sgd_loss_history.csv", mime="text/csv", on_click="ignore",
        icon=":material/download:", key="download_history", help=sgd_train.HISTORY_HELP)


training(data_key, data)

numpy_behind_this(core.train_sgd, core.sgd._make_step, core.epoch_orders,
                  core.standardize)
