"""Altair charts and tables of the sgd page: the loss of one run (every update, each
epoch's mean, scikit-learn's curve), predictions against actual values, and the
comparison of full-batch, mini-batch and stochastic descent.

Colours are Okabe-Ito (colour-blind safe). Every chart gets at most ~5,000 points:
the runs arrive already downsampled (lesson.downsample_history).
"""

from dataclasses import replace

import altair as alt
import numpy as np
import pandas as pd

from ui.chart_templates import filled_spec
from ui.format import course_number
from ui.palette import BLUE, GREEN, GUIDE_GREY, VERMILLION

UPDATE_SERIES = "each update's batch"
EPOCH_SERIES = "each epoch's mean"
SKLEARN_SERIES = "scikit-learn, each epoch's mean"
METHOD_COLOURS = {"full batch": GREEN, "mini-batch": BLUE, "stochastic (batch 1)": VERMILLION}
LOSS_TITLE = "Loss (MSE of the standardized target)"


def _loss_scale(log_scale):
    return alt.Scale(type="log") if log_scale else alt.Scale(zero=True)


def _positive(chart, log_scale):
    # A log axis cannot place a loss of exactly 0.
    return chart.transform_filter("datum.loss > 0") if log_scale else chart


def loss_chart_builder(has_reference, log_scale):
    """The loss chart of one run, its data as named datasets: ``boundaries`` (epoch
    boundaries, thin vertical rules), ``updates`` (the loss after every update,
    downsampled, light), ``means`` (each epoch's mean loss at its last update, dark,
    with points) and, with ``has_reference``, ``reference`` (scikit-learn's epoch
    losses, open circles). The update axis spans 0 to the last update (parameter
    ``xmax``, computed in the browser from ``updates``). Built and validated once
    (ui.chart_templates): a rerun only fills in the data, and the spec stays the
    same, so the browser swaps the data instead of redrawing the whole chart."""
    series = [UPDATE_SERIES, EPOCH_SERIES] + ([SKLEARN_SERIES] if has_reference else [])
    colours = [GREEN, BLUE, VERMILLION][:len(series)]
    xmax = alt.param(name="xmax", expr="length(data('updates')) ? "
                                       "max(extent(pluck(data('updates'), 'update'))[1], 1) : 1")
    colour = alt.Color("series:N", title=None,
                       # one column: two long names side by side are wider than a phone
                       legend=alt.Legend(orient="top", columns=1, labelLimit=280),
                       scale=alt.Scale(domain=series, range=colours))
    x = alt.X("update:Q", title="Update (one per batch)",
              scale=alt.Scale(domainMin=0, domainMax=alt.ExprRef(xmax.name), nice=False))
    y = alt.Y("loss:Q", title=LOSS_TITLE, scale=_loss_scale(log_scale))
    layers = [
        alt.Chart(alt.NamedData("boundaries"))
        .mark_rule(color=GUIDE_GREY, strokeWidth=0.5, opacity=0.5, aria=False).encode(x="update:Q"),
        _positive(alt.Chart(alt.NamedData("updates")).mark_line(strokeWidth=1, opacity=0.8),
                  log_scale)
        .encode(x=x, y=y, color=colour,
                tooltip=[alt.Tooltip("update:Q", format=","),
                         alt.Tooltip("loss:Q", format=".4g")]),
        _positive(alt.Chart(alt.NamedData("means")).mark_line(strokeWidth=2.5, point=True),
                  log_scale)
        .encode(x=x, y=y, color=colour,
                tooltip=["epoch:Q", alt.Tooltip("update:Q", format=","),
                         alt.Tooltip("loss:Q", title="mean loss", format=".6g")]),
    ]
    if has_reference:
        layers.append(
            _positive(alt.Chart(alt.NamedData("reference")).mark_point(
                shape="circle", size=90, filled=False, strokeWidth=1.5), log_scale)
            .encode(x=x, y=y, color=colour,
                    tooltip=["epoch:Q", alt.Tooltip("loss:Q", title="sklearn loss",
                                                    format=".6g")]))
    return alt.layer(*layers).add_params(xmax).properties(height=340)


def loss_chart(run, reference=None, log_scale=False):
    """One run: the loss after every update (downsampled, light), the mean loss of
    each epoch at its last update (dark, with points), epoch boundaries as thin
    vertical rules, and scikit-learn's epoch losses (open circles) if given. Returns
    the Vega-Lite spec with its data, for ``st.vega_lite_chart``."""
    has_reference = reference is not None and reference.loss_per_epoch.size > 0
    epochs = np.arange(1, run.epoch_loss.size + 1)
    datasets = {
        "boundaries": pd.DataFrame({"update": run.epoch_update}),
        "updates": pd.DataFrame({"update": run.history_update, "loss": run.history_loss,
                                 "series": UPDATE_SERIES}),
        "means": pd.DataFrame({"update": run.epoch_update[:epochs.size], "epoch": epochs,
                               "loss": run.epoch_loss, "series": EPOCH_SERIES}),
    }
    if has_reference:
        n_ref = reference.loss_per_epoch.size
        datasets["reference"] = pd.DataFrame({
            "update": np.arange(1, n_ref + 1) * run.updates_per_epoch,
            "epoch": np.arange(1, n_ref + 1), "loss": reference.loss_per_epoch,
            "series": SKLEARN_SERIES})
    return filled_spec(loss_chart_builder, (has_reference, bool(log_scale)), datasets)


def loss_chart_alt(run, reference=None):
    """Alternative text of ``loss_chart``. It names what the chart shows, not the
    run's numbers (they are in the metrics above it): Streamlit redraws a chart from
    scratch when its alt text changes, and only swaps the data when it does not."""
    text = ("Line chart of the loss after each update, with the mean loss of each epoch "
            "at its last update and thin vertical lines between the epochs")
    if reference is not None:
        text += "; scikit-learn's loss per epoch is drawn as circles on the same chart"
    return text + "."


def prediction_chart_builder(target_name):
    """Predicted against actual values (datasets ``points`` and ``ideal``, the line
    y = x), built once per target (ui.chart_templates)."""
    x = alt.X("actual:Q", title=f"Actual {target_name}", scale=alt.Scale(zero=False))
    y = alt.Y("predicted:Q", title=f"Predicted {target_name}", scale=alt.Scale(zero=False))
    points = (alt.Chart(alt.NamedData("points")).mark_circle(size=18, opacity=0.45,
                                                             color=BLUE, aria=False)
              .encode(x=x, y=y, tooltip=[alt.Tooltip("actual:Q", format=".4g"),
                                         alt.Tooltip("predicted:Q", format=".4g")]))
    line = (alt.Chart(alt.NamedData("ideal")).mark_line(color=VERMILLION, strokeDash=[6, 4],
                                                        strokeWidth=2)
            .encode(x="actual:Q", y="predicted:Q"))
    # Drawn on a canvas: a move of a training control moves every point (300 of them
    # at the defaults), and Vega's SVG renderer updated as many elements of the page,
    # about 18 ms of the browser's CPU per move more than the canvas takes. The
    # chart's alt text is on Streamlit's element around it, whatever draws it.
    return (line + points).properties(
        height=340, usermeta={"embedOptions": {"renderer": "canvas"}})


def prediction_chart(run, target_name):
    """Predicted against actual values (original units) with the ideal line y = x, as
    a Vega-Lite spec with its data, for ``st.vega_lite_chart``."""
    low = float(min(run.actual.min(), run.predicted.min()))
    high = float(max(run.actual.max(), run.predicted.max()))
    return filled_spec(prediction_chart_builder, (target_name,), {
        "points": pd.DataFrame({"actual": run.actual, "predicted": run.predicted}),
        "ideal": pd.DataFrame({"actual": [low, high], "predicted": [low, high]})})


def prediction_alt(run, target_name):
    """Alternative text of ``prediction_chart``."""
    return (f"Scatter plot of the predicted against the actual {target_name} for "
            f"{run.actual.size:,} rows, with the dashed line where predicted equals actual.")


def _method_colour():
    return alt.Color("method:N", title=None, legend=alt.Legend(orient="top"),
                     scale=alt.Scale(domain=list(METHOD_COLOURS),
                                     range=list(METHOD_COLOURS.values())))


def shown_until(rows, epochs):
    """The comparison's rows cut after ``epochs`` epochs: each run's epoch means and
    update losses up to the end of that epoch (the frames of its animation)."""
    return [replace(row, epoch_loss=row.epoch_loss[:epochs],
                    history_epoch=row.history_epoch[row.history_epoch <= epochs],
                    history_loss=row.history_loss[row.history_epoch <= epochs])
            for row in rows]


def compare_chart(rows, log_scale=False, epochs=None):
    """The mean loss of each epoch of the three runs, overlaid; the epoch axis runs to
    ``epochs`` (the whole comparison) however many are drawn yet."""
    means = pd.concat([pd.DataFrame({"epoch": np.arange(1, row.epoch_loss.size + 1),
                                     "loss": row.epoch_loss, "method": row.method})
                       for row in rows])
    chart = _positive(alt.Chart(means).mark_line(strokeWidth=2.5, point=True), log_scale)
    epoch_scale = alt.Scale(domain=[1, max(epochs, 2)]) if epochs else alt.Undefined
    return chart.encode(
        x=alt.X("epoch:Q", title="Epoch (passes through all the data)", scale=epoch_scale),
        y=alt.Y("loss:Q", title=LOSS_TITLE, scale=_loss_scale(log_scale)),
        color=_method_colour(),
        tooltip=["method:N", "epoch:Q", alt.Tooltip("loss:Q", title="mean loss",
                                                     format=".6g")],
    ).properties(height=300)


def compare_alt(rows):
    """Alternative text of ``compare_chart``."""
    parts = [f"{row.method}: {row.updates_per_epoch:,} updates per epoch" for row in rows]
    return ("Line chart of the mean loss of each epoch of three runs from the same "
            "starting weights; " + "; ".join(parts) + ".")


def _panel_title(row):
    plural = "" if row.updates_per_epoch == 1 else "s"
    return f"{row.method}: {row.updates_per_epoch:,} update{plural} per epoch"


def updates_chart(row, log_scale=False, epochs=None, loss_range=None):
    """One run's panel: the loss of every update (downsampled) on an axis of epochs (an
    update halfway through epoch 3 sits at 2.5). The three panels share ``loss_range``
    and the epoch axis runs to ``epochs``; each is as wide as its column."""
    frame = pd.DataFrame({"epoch": row.history_epoch, "loss": row.history_loss,
                          "colour": row.method})
    chart = _positive(alt.Chart(frame).mark_line(strokeWidth=0.8), log_scale)
    loss_scale = _loss_scale(log_scale)
    if loss_range is not None:
        loss_scale = alt.Scale(type="log" if log_scale else "linear", domain=loss_range)
    epoch_scale = alt.Scale(domain=[0, max(epochs, 1)]) if epochs else alt.Undefined
    return chart.encode(
        x=alt.X("epoch:Q", title="Epoch", scale=epoch_scale),
        y=alt.Y("loss:Q", title="Batch loss", scale=loss_scale),
        color=alt.Color("colour:N", legend=None,
                        scale=alt.Scale(domain=list(METHOD_COLOURS),
                                        range=list(METHOD_COLOURS.values()))),
    ).properties(height=150)  # Streamlit fits the axes in too: a plot of about 90 px


def updates_panel_title(row):
    """The caption above a run's panel: its method and updates per epoch."""
    return _panel_title(row)


def loss_range(rows, log_scale=False):
    """The loss axis the three panels share: every update's loss of every run."""
    losses = np.concatenate([row.history_loss for row in rows] or [np.zeros(1)])
    losses = losses[np.isfinite(losses) & ((losses > 0) if log_scale else True)]
    if losses.size == 0:
        return None
    return [float(losses.min()), float(losses.max())] if log_scale else [0.0, float(losses.max())]


def updates_alt(rows):
    """Alternative text of ``updates_chart``."""
    return ("Three line charts, one per run, of the loss of every update's batch: "
            + "; ".join(f"{row.method} makes {row.n_updates:,} updates" for row in rows)
            + ". The smaller the batch, the more updates and the noisier their losses.")


def compare_table(rows):
    """The comparison as a table: batch size, updates, time and the last epoch's loss."""
    return pd.DataFrame({
        "Method": [row.method for row in rows],
        "Batch size": [row.batch_size for row in rows],
        "Updates per epoch": [row.updates_per_epoch for row in rows],
        "Updates in all": [row.n_updates for row in rows],
        "Time (s)": [course_number(row.seconds, 3) for row in rows],
        "Last epoch's mean loss": [course_number(row.epoch_loss[-1], 4)
                                   if row.epoch_loss.size else "diverged"
                                   for row in rows],
    })
