"""Pictures and controls of the descent page (task 2.7): the cached runs, the MSE
history, the path on the loss surface, the learning-rate comparison, the
divergence advice and the CSV of the history."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import gradient_descent
from core.surface import grid_around, loss_along, loss_surface
from core.update import (
    CONVERGES,
    DIVERGES,
    OSCILLATES,
    first_updates,
    max_stable_learning_rate,
    neighbour_rates,
    rate_regime,
    suggest_learning_rate,
)

from .chart_templates import show_chart
from .format import course_number
from .linear_data import LEARNING_RATES

MAX_UPDATES = 500
GRID_CELLS = 30            # per axis: 900 cells on the surface (see surface_builder)
BLUE, VERMILLION, GREEN, SKY, ORANGE = "#0072B2", "#D55E00", "#009E73", "#56B4E9", "#E69F00"
RUN_NAMES = ("rate ÷ 10", "chosen rate", "rate × 10")
RUN_COLOURS = (SKY, BLUE, VERMILLION)
SCRUB_END_KEY = "descent_scrub_end"  # the end of the history at the last rerun


# -- computations (core, cached on plain values) -------------------------------------

@st.cache_data(max_entries=32, show_spinner=False)
def descent_runs(input_data, target, weights, learning_rate):
    """``gradient_descent`` for MAX_UPDATES updates at learning_rate / 10,
    learning_rate and learning_rate * 10. Every shorter run is a prefix
    (``core.update.first_updates``). Arguments are plain lists and floats."""
    return tuple(gradient_descent(input_data, target, weights, rate, MAX_UPDATES)
                 for rate in neighbour_rates(learning_rate))


def weight_names(n_weights):
    """The seed's names of the weights: weights[0], weights[1], ..."""
    return [f"weights[{i}]" for i in range(n_weights)]


# -- controls ---------------------------------------------------------------------------

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
    """Cells of the loss surface over weights index_x and index_y (the others at
    ``held_weights``) on a GRID_CELLS x GRID_CELLS grid spanning x_range and y_range."""
    grid_x = np.linspace(*x_range, GRID_CELLS)
    grid_y = np.linspace(*y_range, GRID_CELLS)
    loss = loss_surface(input_data, target, held_weights, index_x, index_y, grid_x, grid_y)
    half_x, half_y = (grid_x[1] - grid_x[0]) / 2, (grid_y[1] - grid_y[0]) / 2
    xs, ys = np.meshgrid(grid_x, grid_y)
    return pd.DataFrame({"x": (xs - half_x).ravel(), "x2": (xs + half_x).ravel(),
                         "y": (ys - half_y).ravel(), "y2": (ys + half_y).ravel(),
                         "mse": loss.ravel()})


def surface_builder(x_title, y_title):
    """Heatmap of the loss over two weights with the path of the descent on top;
    datasets ``cells``, ``path`` and ``marker``."""
    # "~g": short tick labels from 0.2 to 6e+152 (a diverged path spans huge ranges)
    x = alt.X(field="x", type="quantitative", title=x_title,
              scale=alt.Scale(nice=False, zero=False), axis=alt.Axis(format="~g"))
    y = alt.Y(field="y", type="quantitative", title=y_title,
              scale=alt.Scale(nice=False, zero=False), axis=alt.Axis(format="~g"))
    tooltip = [alt.Tooltip(field="update", type="quantitative"),
               alt.Tooltip(field="x", type="quantitative", title=x_title),
               alt.Tooltip(field="y", type="quantitative", title=y_title),
               alt.Tooltip(field="mse", type="quantitative", title="MSE")]
    # The browser redraws every cell whenever the path or the marked update moves
    # (the weights held off the axes move with it): about 0.07 ms of CPU a cell on
    # this 2-core machine, the largest part of a slider move on this page. So the
    # grid is 30 x 30 (900 cells; 40 x 40 cost some 30 ms more a move for the same
    # picture), and aria=False spares a screen-reader description per cell (the
    # chart's alt text describes the chart).
    return alt.layer(
        alt.Chart(alt.NamedData("cells")).mark_rect(aria=False).encode(
            x=x, y=y, x2=alt.X2(field="x2"), y2=alt.Y2(field="y2"),
            color=alt.Color(field="mse", type="quantitative", title="MSE",
                            scale=alt.Scale(type="symlog", scheme="viridis"),
                            legend=alt.Legend(format="~g"))),
        alt.Chart(alt.NamedData("path")).mark_line(color="white", strokeWidth=1.5,
                                                   clip=True).encode(
            x=x, y=y, order=alt.Order(field="update", type="quantitative")),
        alt.Chart(alt.NamedData("path")).mark_point(
            color="white", filled=True, size=18, opacity=0.9, clip=True).encode(
            x=x, y=y, tooltip=tooltip),
        alt.Chart(alt.NamedData("marker")).mark_point(
            color=VERMILLION, filled=True, size=160, opacity=1, stroke="black",
            strokeWidth=1).encode(x=x, y=y, tooltip=tooltip),
    ).properties(height=320)


def path_curve_builder(x_title):
    """With a single weight: the loss curve with the path of the descent on it;
    datasets ``curve``, ``path`` and ``marker``."""
    x = alt.X(field="x", type="quantitative", title=x_title, scale=alt.Scale(zero=False))
    y = alt.Y(field="mse", type="quantitative", title="mean squared error")
    tooltip = [alt.Tooltip(field="update", type="quantitative"),
               alt.Tooltip(field="x", type="quantitative", title=x_title),
               alt.Tooltip(field="mse", type="quantitative", title="MSE")]
    return alt.layer(
        alt.Chart(alt.NamedData("curve")).mark_line(color="#555555").encode(x=x, y=y),
        alt.Chart(alt.NamedData("path")).mark_line(color=BLUE, strokeDash=[2, 2]).encode(
            x=x, y=y, order=alt.Order(field="update", type="quantitative")),
        alt.Chart(alt.NamedData("path")).mark_point(color=BLUE, filled=True, size=30)
        .encode(x=x, y=y, tooltip=tooltip),
        alt.Chart(alt.NamedData("marker")).mark_point(
            color=VERMILLION, filled=True, size=160, opacity=1).encode(
            x=x, y=y, tooltip=tooltip),
    ).properties(height=320)


def surface_controls(n_weights):
    """Two URL-bound choices of the weights on the surface's axes; returns their
    indices (None, None with a message when they cannot be drawn)."""
    names = weight_names(n_weights)
    if n_weights < 2:
        return 0, None
    left, right = st.columns(2)
    index_x = names.index(left.selectbox("x axis", names, index=0, key="sx",
                                         bind="query-params"))
    index_y = names.index(right.selectbox("y axis", names, index=1, key="sy",
                                          bind="query-params"))
    return index_x, index_y


def show_surface(input_data, target, history, update, index_x, index_y):
    """Draw the loss over two weights (or one) with the descent's path and ``update``."""
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
                   "The loss against the single weight with each update's weight on it")
        return
    if index_x == index_y:
        st.info("Choose two different weights for the axes of the surface.")
        return
    path["y"] = history.weights[:, index_y]
    # The grid spans the whole path, so it stays put while the learner scrubs.
    grid_x, grid_y = grid_around(path["x"].to_numpy(), 2), grid_around(path["y"].to_numpy(), 2)
    cells = surface_frames(input_data, target, history.weights[update].tolist(),
                           index_x, index_y, tuple(grid_x.tolist()), tuple(grid_y.tolist()))
    show_chart(surface_builder, (names[index_x], names[index_y]),
               {"cells": cells, "path": path, "marker": path.iloc[[update]]},
               f"Heatmap of the loss over {names[index_x]} and {names[index_y]} with "
               "the path of the weights on top and the update shown above marked")


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
    history = first_updates(descent_runs(input_data, target, weights, learning_rate)[1],
                            n_updates)
    names = weight_names(history.weights.shape[1])
    frame = pd.DataFrame(history.weights, columns=names)
    for i, name in enumerate(names):
        frame[f"slope {name}"] = history.slopes[:, i]
    frame.insert(0, "update", np.arange(len(history.mse)))
    frame["mse"] = history.mse
    return frame.to_csv(index=False)
