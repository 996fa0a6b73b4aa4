"""Pictures of the descent page (task 2.7): the cached runs, the advice on the
learning rate, the MSE history, the path on the loss surface, the learning-rate
comparison and the CSV of the history."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import gradient_descent, loss_along, loss_surface
from ui.axes import grid_around, nice_range
from ui.chart_templates import show_chart
from ui.controls import LEARNING_RATES
from ui.format import course_number
from ui.palette import BLUE, CURVE_GREY, GREEN, VERMILLION

from .controls import MAX_UPDATES
from .heatmap import colour_grid, png_data_url
from .lesson import (
    CONVERGES,
    DIVERGES,
    OSCILLATES,
    first_updates,
    flat_update,
    max_stable_learning_rate,
    neighbour_rates,
    rate_regime,
    run_span,
    suggest_learning_rate,
    weight_names,
)

IMAGE_CELLS = 48   # per axis: the surface's picture (heatmap.py)
CLICK_CELLS = 24   # per axis: where a click on the surface lands (surface_builder)
RUN_NAMES = ("rate ÷ 10", "chosen rate", "rate × 10")
RUN_COLOURS = (GREEN, BLUE, VERMILLION)


# -- computations (core, cached on plain values) -------------------------------------

@st.cache_data(max_entries=96, show_spinner=False)
def descent_run(input_data, target, weights, learning_rate, span):
    """``gradient_descent`` for ``span`` updates (see ``lesson.run_span``). Arguments
    are plain lists and floats."""
    return gradient_descent(input_data, target, weights, learning_rate, span)


def descent_runs(input_data, target, weights, learning_rate, n_updates):
    """Runs at learning_rate / 10, learning_rate and learning_rate * 10, each holding at
    least ``n_updates`` updates; ``lesson.first_updates`` cuts them to n_updates. Each
    run is cached on its own: a new rate whose neighbour was shown before reuses it."""
    span = run_span(n_updates, MAX_UPDATES)
    return tuple(descent_run(input_data, target, weights, rate, span)
                 for rate in neighbour_rates(learning_rate))


def animation_end(input_data, target, weights, learning_rate):
    """Where Play stops: the update where the ground goes flat (every slope near zero),
    or the one that diverges, or MAX_UPDATES. It needs the whole run of MAX_UPDATES
    updates: the page asks for it only while playing."""
    try:
        run = descent_run(input_data, target, weights, learning_rate, MAX_UPDATES)
    except ValueError:
        return MAX_UPDATES
    if run.diverged_at is not None:
        return run.diverged_at
    flat_at = flat_update(run)
    return MAX_UPDATES if flat_at is None else max(flat_at, 1)


def _use_rate(rate):
    st.session_state["lr"] = rate


def rate_messages(history, learning_rate, input_data):
    """Say whether the run converges, zigzags or diverges, why, and suggest a rate."""
    try:
        regime = rate_regime(input_data, learning_rate)
        limit = max_stable_learning_rate(input_data)
        suggestion = suggest_learning_rate(input_data, LEARNING_RATES)
    except ValueError as problem:
        if history.diverged_at is not None:
            st.error(f"**Diverged at update {history.diverged_at}**: the weights or the "
                     "MSE grew too large for a float64 (over 1.8e308).")
        st.warning(f"{problem} No advice on the learning rate for these inputs: scale "
                   "them down.")
        return
    why = (f"The learning rate {course_number(learning_rate)} is too large for this data: "
           f"any rate at or above {course_number(limit, 3)} makes each step overshoot "
           "the minimum by more than the last, so the loss grows.")
    if history.diverged_at is not None:
        st.error(f"**Diverged at update {history.diverged_at}**: the weights or the MSE "
                 "grew too large for a float64 (over 1.8e308). " + why + " The charts show "
                 f"the {history.n_updates} finite updates before it.")
    elif regime == DIVERGES:
        st.warning("**The MSE grows at every update.** " + why + " With more updates it "
                   "overflows.")
    elif regime == OSCILLATES:
        st.info(f"The learning rate {course_number(learning_rate)} overshoots: each step "
                "jumps past the minimum and back (see the zigzag on the surface), but "
                f"the jumps shrink because it is below {course_number(limit, 3)}, so "
                "the MSE still falls.")
        return
    else:
        return
    if suggestion is None:
        st.info(f"Even {course_number(LEARNING_RATES[0])}, the smallest rate offered, is "
                f"too large for inputs this big (it needs less than "
                f"{course_number(limit, 3)}): scale the inputs down.")
        return
    text, button = st.columns([4, 1], vertical_alignment="center")
    text.info(f"Try {course_number(suggestion)}: the largest rate offered whose steps go "
              "straight downhill (at most 1 / the loss's largest curvature).")
    button.button(f"Use {course_number(suggestion)}", key="use_rate", on_click=_use_rate,
                  args=(suggestion,))


def state_table(history, update, names):
    """The weights, their slopes and the MSE at one update of the history."""
    frame = pd.DataFrame({
        "weight": names,
        "value": [course_number(v) for v in history.weights[update]],
        "slope": [course_number(v) for v in history.slopes[update]],
    }).set_index("weight")
    st.table(frame)


# -- the MSE history ------------------------------------------------------------------

def history_builder(log_scale):
    """MSE per update with the scrubbed update marked; datasets ``history`` and
    ``marker``."""
    x = alt.X(field="update", type="quantitative", title="update (0 = start)")
    y = alt.Y(field="mse", type="quantitative", title="mean squared error",
              scale=alt.Scale(type="log" if log_scale else "linear"))
    tooltip = [alt.Tooltip(field="update", type="quantitative"),
               alt.Tooltip(field="mse", type="quantitative", title="MSE")]
    return alt.layer(
        alt.Chart(alt.NamedData("history")).mark_line(color=BLUE).encode(
            x=x, y=y, tooltip=tooltip),
        alt.Chart(alt.NamedData("marker")).mark_rule(color=VERMILLION, strokeDash=[4, 3])
        .encode(x=x),
        alt.Chart(alt.NamedData("marker")).mark_point(
            color=VERMILLION, filled=True, size=120, opacity=1).encode(
            x=x, y=y, tooltip=tooltip),
    ).properties(height=320)


def show_history(history, update, log_scale):
    """Draw the MSE history (only the finite part exists) and mark ``update``."""
    frame = pd.DataFrame({"update": np.arange(len(history.mse)), "mse": history.mse})
    if log_scale and not (frame["mse"] > 0).all():
        st.caption("Updates with an MSE of exactly 0 are left out of the log scale.")
        frame = frame[frame["mse"] > 0]
    marker = frame[frame["update"] == update]
    # The alt text stays the same from one update to the next (the numbers are in the
    # metrics above): Streamlit redraws a chart from scratch when its alt text changes,
    # and only swaps the data when it does not.
    show_chart(history_builder, (bool(log_scale),), {"history": frame, "marker": marker},
               "Line chart of the mean squared error after each update, from the start, "
               "with the update shown above marked")


# -- the path on the loss surface -----------------------------------------------------

@st.cache_data(max_entries=64, show_spinner=False)
def surface_frames(input_data, target, held_weights, index_x, index_y, x_range, y_range):
    """The loss surface over weights index_x and index_y (the others at
    ``held_weights``) on an IMAGE_CELLS x IMAGE_CELLS grid spanning x_range and
    y_range: the picture (one row: its data URL and corners) and its lowest and
    highest MSE (for the colour legend)."""
    grid_x = np.linspace(*x_range, IMAGE_CELLS)
    grid_y = np.linspace(*y_range, IMAGE_CELLS)
    loss = loss_surface(input_data, target, held_weights, index_x, index_y, grid_x, grid_y)
    half_x, half_y = (grid_x[1] - grid_x[0]) / 2, (grid_y[1] - grid_y[0]) / 2
    image = pd.DataFrame({"url": [png_data_url(colour_grid(loss))],
                          "x": [grid_x[0] - half_x], "x2": [grid_x[-1] + half_x],
                          "y": [grid_y[-1] + half_y], "y2": [grid_y[0] - half_y]})
    centre = (float(np.mean(x_range)), float(np.mean(y_range)))
    extremes = pd.DataFrame({"x": [centre[0]] * 2, "y": [centre[1]] * 2,
                             "mse": [float(loss.min()), float(loss.max())]})
    return image, extremes


# Where a click on the surface lands: CLICK_CELLS x CLICK_CELLS invisible cells with
# their indices (i, j), spread over the plot on scales of their own (0 to 1). Their bytes
# never change, so Streamlit never sends Vega a new cells dataset and Vega never moves
# them: a click moves the grid (the path's range changes), and replacing the 576 cells
# cost the browser about 80 ms of CPU per click. show_surface turns (i, j) into weights.
CELLS = pd.DataFrame({"i": np.tile(np.arange(CLICK_CELLS), CLICK_CELLS),
                      "j": np.repeat(np.arange(CLICK_CELLS), CLICK_CELLS)})
CELLS["u"], CELLS["u2"] = CELLS["i"] / CLICK_CELLS, (CELLS["i"] + 1) / CLICK_CELLS
CELLS["v"], CELLS["v2"] = CELLS["j"] / CLICK_CELLS, (CELLS["j"] + 1) / CLICK_CELLS


def click_grid(x_range, y_range):
    """The weights at the centres of the click cells on each axis (CLICK_CELLS over each
    range, cell (i, j) at (grid_x[i], grid_y[j])) and the one-row ``frame`` dataset: the
    cells' outer edges, which are the surface's axes' ends."""
    grid_x = np.linspace(*x_range, CLICK_CELLS)
    grid_y = np.linspace(*y_range, CLICK_CELLS)
    half_x, half_y = (grid_x[1] - grid_x[0]) / 2, (grid_y[1] - grid_y[0]) / 2
    frame = pd.DataFrame({"x": [grid_x[0] - half_x], "x2": [grid_x[-1] + half_x],
                          "y": [grid_y[0] - half_y], "y2": [grid_y[-1] + half_y]})
    return grid_x, grid_y, frame


def surface_builder(x_title, y_title):
    """Heat map of the loss over two weights with the path of the descent on top;
    datasets ``image`` (the picture, see ``heatmap``), ``extremes`` (its lowest and
    highest MSE, for the colour legend), ``frame`` (the axes' ends), ``cells`` (where a
    click lands, see CELLS), ``path`` and ``marker``."""
    # "~g": short tick labels from 0.2 to 6e+152 (a diverged path spans huge ranges)
    scale = alt.Scale(nice=False, zero=False)
    x = alt.X(field="x", type="quantitative", title=x_title, scale=scale,
              axis=alt.Axis(format="~g"))
    y = alt.Y(field="y", type="quantitative", title=y_title, scale=scale,
              axis=alt.Axis(format="~g"))
    x_plain = alt.X(field="x", type="quantitative", scale=scale, axis=None)
    y_plain = alt.Y(field="y", type="quantitative", scale=scale, axis=None)
    tooltip = [alt.Tooltip(field="update", type="quantitative"),
               alt.Tooltip(field="x", type="quantitative", title=x_title),
               alt.Tooltip(field="y", type="quantitative", title=y_title),
               alt.Tooltip(field="mse", type="quantitative", title="MSE")]

    def frame(x, y):
        # Both groups below span exactly the frame, so their scales agree.
        return alt.Chart(alt.NamedData("frame")).mark_rect(opacity=0, aria=False).encode(
            x=x, y=y, x2=alt.X2(field="x2"), y2=alt.Y2(field="y2"))

    picture = alt.layer(
        frame(x, y),
        alt.Chart(alt.NamedData("image")).mark_image(aspect=False, smooth=False,
                                                     aria=False).encode(
            x=x, y=y, x2=alt.X2(field="x2"), y2=alt.Y2(field="y2"),
            url=alt.Url(field="url", type="nominal")),
        alt.Chart(alt.NamedData("extremes")).mark_point(opacity=0, aria=False).encode(
            x=x, y=y, color=alt.Color(field="mse", type="quantitative", title="MSE",
                                      scale=alt.Scale(type="symlog", scheme="viridis"),
                                      legend=alt.Legend(format="~g"))),
    )
    # A click on a cell starts the descent from the cell's weights (its centre).
    pick = alt.selection_point(name="pick", fields=["i", "j"], on="click", clear=False)
    unit = alt.Scale(domain=[0, 1], nice=False, zero=False)
    cells = alt.Chart(alt.NamedData("cells")).mark_rect(opacity=0, aria=False).encode(
        x=alt.X(field="u", type="quantitative", scale=unit, axis=None),
        x2=alt.X2(field="u2"),
        y=alt.Y(field="v", type="quantitative", scale=unit, axis=None),
        y2=alt.Y2(field="v2")).add_params(pick)
    path = alt.layer(
        frame(x_plain, y_plain),
        alt.Chart(alt.NamedData("path")).mark_line(color="white", strokeWidth=1.5,
                                                   clip=True).encode(
            x=x_plain, y=y_plain, order=alt.Order(field="update", type="quantitative")),
        alt.Chart(alt.NamedData("path")).mark_point(
            color="white", filled=True, size=18, opacity=0.9, clip=True).encode(
            x=x_plain, y=y_plain, tooltip=tooltip),
        alt.Chart(alt.NamedData("marker")).mark_point(
            color=VERMILLION, filled=True, size=160, opacity=1, stroke="black",
            strokeWidth=1).encode(x=x_plain, y=y_plain, tooltip=tooltip),
    )
    return alt.layer(picture, cells, path).resolve_scale(
        x="independent", y="independent").properties(height=320)


def path_curve_builder(x_title):
    """With a single weight: the loss curve with the path of the descent on it;
    datasets ``curve``, ``path`` and ``marker``."""
    x = alt.X(field="x", type="quantitative", title=x_title, scale=alt.Scale(zero=False))
    y = alt.Y(field="mse", type="quantitative", title="mean squared error")
    tooltip = [alt.Tooltip(field="update", type="quantitative"),
               alt.Tooltip(field="x", type="quantitative", title=x_title),
               alt.Tooltip(field="mse", type="quantitative", title="MSE")]
    # A click on the chart starts the descent from the curve's nearest weight.
    pick = alt.selection_point(name="pick", fields=["x"], on="click", nearest=True,
                               clear=False)
    return alt.layer(
        alt.Chart(alt.NamedData("curve")).mark_point(opacity=0, size=1, aria=False).encode(
            x=x, y=y).add_params(pick),
        alt.Chart(alt.NamedData("curve")).mark_line(color=CURVE_GREY).encode(x=x, y=y),
        alt.Chart(alt.NamedData("path")).mark_line(color=BLUE, strokeDash=[2, 2]).encode(
            x=x, y=y, order=alt.Order(field="update", type="quantitative")),
        alt.Chart(alt.NamedData("path")).mark_point(color=BLUE, filled=True, size=30)
        .encode(x=x, y=y, tooltip=tooltip),
        alt.Chart(alt.NamedData("marker")).mark_point(
            color=VERMILLION, filled=True, size=160, opacity=1).encode(
            x=x, y=y, tooltip=tooltip),
    ).properties(height=320)


def show_surface(input_data, target, history, update, index_x, index_y, on_pick=None):
    """Draw the loss over two weights (or one) with the descent's path and ``update``;
    a click on the chart calls ``on_pick({index: weight, ...})`` with the weights on the
    axes at the clicked place."""
    picked_x = None if on_pick is None else (lambda point: on_pick({index_x: point["x"]}))
    names = weight_names(history.weights.shape[1])
    path = pd.DataFrame({"update": np.arange(len(history.mse)), "mse": history.mse,
                         "x": history.weights[:, index_x]})
    if index_y is None:
        grid = grid_around(path["x"].to_numpy(), 161)
        curve = pd.DataFrame({"x": grid, "mse": loss_along(input_data, target,
                                                           history.weights[update],
                                                           index_x, grid)})
        show_chart(path_curve_builder, (names[index_x],),
                   {"curve": curve, "path": path, "marker": path.iloc[[update]]},
                   "The loss against the single weight with each update's weight on it",
                   key="descent_surface", on_pick=picked_x)
        return
    if index_x == index_y:
        st.info("Choose two different weights for the axes of the surface.")
        return
    path["y"] = history.weights[:, index_y]
    # The grid spans the whole path, widened to round numbers: it stays put while the
    # learner scrubs, and mostly while the path grows by an update.
    x_range = nice_range(*grid_around(path["x"].to_numpy(), 2))
    y_range = nice_range(*grid_around(path["y"].to_numpy(), 2))
    image, extremes = surface_frames(input_data, target, history.weights[update].tolist(),
                                     index_x, index_y, x_range, y_range)
    grid_x, grid_y, frame = click_grid(x_range, y_range)
    picked_xy = None if on_pick is None else (
        lambda point: on_pick({index_x: grid_x[point["i"]], index_y: grid_y[point["j"]]}))
    show_chart(surface_builder, (names[index_x], names[index_y]),
               {"image": image, "extremes": extremes, "frame": frame, "cells": CELLS,
                "path": path, "marker": path.iloc[[update]]},
               f"Heatmap of the loss over {names[index_x]} and {names[index_y]} with "
               "the path of the weights on top and the update shown above marked",
               key="descent_surface", on_pick=picked_xy)


# -- the learning-rate comparison ------------------------------------------------------

def comparison_builder():
    """MSE per update of the three runs on a log scale; dataset ``runs`` (only MSEs
    above 0, every run from update 0). The axis spans from half the lowest MSE to
    ten times the start's (a run above leaves the chart): parameters ``ymin`` and
    ``ymax`` computed in the browser from ``runs``, so the spec stays the same from
    one rerun to the next and Streamlit only swaps the data instead of redrawing
    the whole chart."""
    lowest = "extent(pluck(data('runs'), 'mse'))[0]"
    ymin = alt.param(name="ymin", expr=f"length(data('runs')) ? {lowest} / 2 : 1e-6")
    # Every run starts from the same weights: the first row is the start's MSE
    # unless that MSE is 0 (and so left out).
    start = "(data('runs')[0].update == 0 ? data('runs')[0].mse : 0)"
    ymax = alt.param(name="ymax", expr=f"length(data('runs')) ? max({start} * 10, ymin * 10)"
                                       " : 1e-5")
    return alt.Chart(alt.NamedData("runs")).mark_line(clip=True).encode(
        x=alt.X(field="update", type="quantitative", title="update (0 = start)"),
        y=alt.Y(field="mse", type="quantitative", title="mean squared error (log scale)",
                scale=alt.Scale(type="log", domainMin=alt.ExprRef(ymin.name),
                                domainMax=alt.ExprRef(ymax.name))),
        color=alt.Color(field="run", type="nominal", title=None,
                        scale=alt.Scale(domain=list(RUN_NAMES), range=list(RUN_COLOURS)),
                        legend=alt.Legend(orient="bottom")),
        strokeDash=alt.StrokeDash(field="run", type="nominal", title=None,
                                  scale=alt.Scale(domain=list(RUN_NAMES),
                                                  range=[[6, 3], [1, 0], [2, 2]])),
        tooltip=[alt.Tooltip(field="run", type="nominal"),
                 alt.Tooltip(field="rate", type="quantitative"),
                 alt.Tooltip(field="update", type="quantitative"),
                 alt.Tooltip(field="mse", type="quantitative", title="MSE")],
    ).add_params(ymin, ymax).properties(height=300)


def show_comparison(histories, rates, input_data):
    """Overlay the three runs and say how each one does."""
    frames = [pd.DataFrame({"update": np.arange(len(h.mse)), "mse": h.mse, "run": name,
                            "rate": rate})
              for h, name, rate in zip(histories, RUN_NAMES, rates, strict=True)]
    runs = pd.concat(frames, ignore_index=True)
    runs = runs[runs["mse"] > 0]
    show_chart(comparison_builder, (), {"runs": runs},
               "Three MSE histories on a log scale: the chosen learning rate, ten times "
               "smaller and ten times larger")
    words = {DIVERGES: "diverges", OSCILLATES: "zigzags but converges", CONVERGES: "converges"}
    lines = []
    for h, name, rate in zip(histories, RUN_NAMES, rates, strict=True):
        try:
            regime = words[rate_regime(input_data, rate)] + "; "
        except ValueError:
            regime = ""
        if h.diverged_at is not None:
            result = f"stopped: diverged at update {h.diverged_at}"
        else:
            result = f"MSE {course_number(h.mse[-1], 4)} after {h.n_updates} updates"
        lines.append(f"- **{name}** ({course_number(rate)}): {regime}{result}.")
    st.markdown("\n".join(lines))


# -- download ----------------------------------------------------------------------------

@st.cache_data(max_entries=16, show_spinner=False)
def history_csv(input_data, target, weights, learning_rate, n_updates):
    """The history of one run as CSV text: update, each weight, each slope, MSE."""
    history = first_updates(
        descent_runs(input_data, target, weights, learning_rate, n_updates)[1], n_updates)
    names = weight_names(history.weights.shape[1])
    frame = pd.DataFrame(history.weights, columns=names)
    for i, name in enumerate(names):
        frame[f"slope {name}"] = history.slopes[:, i]
    frame.insert(0, "update", np.arange(len(history.mse)))
    frame["mse"] = history.mse
    return frame.to_csv(index=False)
