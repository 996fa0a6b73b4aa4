"""Pictures of the slopes page: the loss curve of one weight with its tangent and
one update, the course's formulas with the numbers filled in, the guess feedback
and the table of several weights' slopes."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

from core import loss_along
from core.losses import FLOAT_MAX
from ui.axes import grid_around, nice_range
from ui.chart_templates import show_chart
from ui.format import course_number
from ui.palette import BLUE, CURVE_GREY, GREEN, PURPLE, VERMILLION

from .lesson import (
    AWAY,
    LANDS,
    OVERSHOOT,
    OVERSHOOT_RISES,
    STAYS,
    TOWARD,
    best_single_weight,
    check_guess,
    step_outcome,
    tangent_line,
)

CURVE_POINTS = 161
WEIGHT_RANGE = (-10.0, 10.0, 0.01)  # the weight slider's range and step (key "w")


def pick_weight(weight):
    """A click on the loss curve: the weight slider goes to the clicked weight, rounded
    to the slider's step and kept in its range."""
    low, high, step = WEIGHT_RANGE
    st.session_state["w"] = min(max(round(round(weight / step) * step, 2), low), high)


def _q(channel, field, title=None, **kwargs):
    """A quantitative channel, e.g. ``_q(alt.X, "weight")``. Explicit channel objects
    build several times faster than shorthand strings or dicts."""
    return channel(field=field, type="quantitative", title=title or field, **kwargs)


def factor(value):
    """A number as a factor in a formula: negative numbers in brackets."""
    text = course_number(value)
    return f"({text})" if text.startswith("-") else text


def vector(values):
    """A 1-D array in LaTeX, as a bracketed row: [3 4]."""
    return r"\begin{bmatrix}" + " & ".join(course_number(v) for v in values) + r"\end{bmatrix}"


def two_lines(name, formula, numbers, result=None):
    """LaTeX of ``name = formula`` over ``= numbers`` (over ``= result`` if given),
    aligned on the equals signs."""
    last = "" if result is None else rf" \\ &= {result}"
    return (rf"\begin{{aligned}} \text{{{name}}} &= {formula} \\ &= {numbers}{last} "
            r"\end{aligned}")


def single_weight_formulas(update, input_value, target, show_new=True):
    """The course's computation for one weight (note 2.2) as one LaTeX block: its two
    or three steps one under the other."""
    w, slope = update.weights[0], update.slope[0]
    prediction = course_number(update.prediction)
    lines = [
        two_lines("prediction", r"\text{weight} \cdot \text{input}",
                  f"{factor(w)} \\cdot {factor(input_value)} = {prediction}"),
        two_lines("slope",
                  r"2 \cdot (\text{prediction} - \text{actual}) \cdot \text{input}",
                  f"2 \\cdot ({prediction} - {factor(target)}) \\cdot {factor(input_value)}"
                  f" = {course_number(slope)}"),
    ]
    if show_new:
        lines.append(two_lines(
            "new weight", r"\text{weight} - \text{learning rate} \cdot \text{slope}",
            f"{course_number(w)} - {course_number(update.learning_rate)} \\cdot "
            f"{factor(slope)} = {course_number(update.new_weights[0])}"))
    return r"\begin{gathered} " + r" \\[8pt] ".join(lines) + r" \end{gathered}"


@st.cache_data(max_entries=64, show_spinner=False)
def single_weight_frames(input_value, target, weight, new_weight, loss, new_loss, slope):
    """DataFrames for the loss-curve chart: the curve, the tangent, the points."""
    try:
        best = best_single_weight(input_value, target)
    except ValueError:
        best = None
    marks = [weight, new_weight] + ([best] if best is not None else [])
    # Widened to round numbers: while the weight moves a little the curve's points
    # stay the same, and only the marks on it move in the browser.
    low, high = nice_range(*grid_around(marks, n_points=2, margin=0.25, min_half_width=1.0))
    grid = np.linspace(low, high, CURVE_POINTS)
    curve = pd.DataFrame({"weight": grid, "loss": loss_along([input_value], target, [weight],
                                                            0, grid)})
    half = (grid[-1] - grid[0]) / 5
    ends = grid_around([weight], n_points=2, margin=0, min_half_width=half)
    tangent = pd.DataFrame({"weight": ends,
                            "loss": tangent_line(weight, loss, slope, ends)})
    points = pd.DataFrame({
        "weight": [weight, new_weight] + ([best] if best is not None else []),
        "loss": [loss, new_loss] + ([0.0] if best is not None else []),
        "point": ["current weight", "new weight"] + (["best weight (loss 0)"]
                                                     if best is not None else []),
    })
    return curve, tangent, points, best


POINT_NAMES = ("current weight", "new weight", "best weight (loss 0)")
POINT_COLOURS = (BLUE, VERMILLION, GREEN)
POINT_SHAPES = ("circle", "diamond", "triangle-down")


def loss_curve_builder(show_new):
    """Altair chart of the loss against one weight: datasets ``curve``, ``tangent``,
    ``step`` and ``points``. The loss axis ends a little above the curve's highest
    point (parameter ``ytop``, so the tangent does not stretch it): computed in the
    browser from ``curve``, so the spec stays the same from one rerun to the next
    and Streamlit only swaps the data instead of redrawing the whole chart."""
    keep = [i for i, name in enumerate(POINT_NAMES) if show_new or name != "new weight"]
    ytop = alt.param(name="ytop", expr=f"min(extent(pluck(data('curve'), 'loss'))[1] * 1.05, "
                                       f"{FLOAT_MAX!r}) || 1")
    x = _q(alt.X, "weight", "weight", scale=alt.Scale(zero=False, nice=False))
    y = _q(alt.Y, "loss", "loss (squared error)",
           scale=alt.Scale(domainMin=0, domainMax=alt.ExprRef(ytop.name)))
    # A click anywhere on the chart picks the curve's nearest point: its weight becomes
    # the current weight (the slider stays the keyboard's way to the same value).
    pick = alt.selection_point(name="pick", fields=["weight"], on="click", nearest=True,
                               clear=False)
    layers = [
        alt.Chart(alt.NamedData("curve")).mark_point(opacity=0, size=1, aria=False).encode(
            x=x, y=y).add_params(pick),
        alt.Chart(alt.NamedData("curve")).mark_line(color=CURVE_GREY, clip=True).encode(x=x, y=y),
        alt.Chart(alt.NamedData("tangent")).mark_line(
            color=PURPLE, strokeDash=[6, 4], strokeWidth=2, clip=True).encode(x=x, y=y),
    ]
    if show_new:
        layers.append(alt.Chart(alt.NamedData("step")).mark_rule(
            color=VERMILLION, strokeDash=[2, 3], clip=True).encode(
            x=x, y=y, x2=alt.X2(field="weight2"), y2=alt.Y2(field="loss2")))
    layers.append(alt.Chart(alt.NamedData("points")).mark_point(
        filled=True, size=140, opacity=1, clip=True).encode(
        x=x, y=y,
        color=alt.Color(field="point", type="nominal", title=None,
                        scale=alt.Scale(domain=[POINT_NAMES[i] for i in keep],
                                        range=[POINT_COLOURS[i] for i in keep]),
                        # one column: three entries in a row are wider than a phone
                        legend=alt.Legend(orient="bottom", columns=1)),
        shape=alt.Shape(field="point", type="nominal", title=None,
                        scale=alt.Scale(domain=[POINT_NAMES[i] for i in keep],
                                        range=[POINT_SHAPES[i] for i in keep]),
                        legend=alt.Legend(orient="bottom", columns=1)),
        tooltip=[alt.Tooltip(field="point", type="nominal"),
                 alt.Tooltip(field="weight", type="quantitative"),
                 alt.Tooltip(field="loss", type="quantitative")]))
    return alt.layer(*layers).add_params(ytop).properties(height=330)


def show_loss_curve(curve, tangent, points, show_new, alt_text, on_pick=None):
    """Draw the loss curve of one weight with its tangent and (if ``show_new``)
    the update from the current weight to the new one; a click on the chart calls
    ``on_pick(weight)`` with the curve's nearest weight."""
    datasets = {"curve": curve, "tangent": tangent}
    if show_new:
        datasets["step"] = pd.DataFrame({
            "weight": [points["weight"][0]], "weight2": [points["weight"][1]],
            "loss": [points["loss"][0]], "loss2": [points["loss"][1]]})
        datasets["points"] = points
    else:
        datasets["points"] = points[points["point"] != "new weight"]
    show_chart(loss_curve_builder, (show_new,), datasets, alt_text, key="loss_curve",
               on_pick=None if on_pick is None else lambda point: on_pick(point["weight"]))


def outcome_message(update, best, input_value):
    """Say in words where the step went: toward, onto or past the minimum."""
    w, new = update.weights[0], update.new_weights[0]
    if best is None:
        st.info(f"With input {course_number(input_value)} the prediction is 0 whatever "
                "the weight: the loss curve is flat, the slope is 0 and the weight stays.")
        return
    outcome = step_outcome(w, new, best)
    where = f"the minimum at weight {course_number(best, 4)}"
    losses = f"from {course_number(update.loss)} to {course_number(update.new_loss)}"
    if outcome == STAYS:
        st.success(f"The slope is 0: the weight is already at {where}, so it stays.")
    elif outcome == LANDS:
        st.success(f"This step lands exactly on {where}: the loss falls {losses}.")
    elif outcome == TOWARD:
        st.info(f"The step goes downhill toward {where} without passing it: the loss "
                f"falls {losses}.")
    elif outcome == OVERSHOOT:
        st.warning(f"**Overshoot**: the step jumps past {where} to weight "
                   f"{course_number(new)} on the other side. It still ends closer, so the "
                   f"loss falls {losses}, but a smaller learning rate would not zigzag.")
    elif outcome in (OVERSHOOT_RISES, AWAY):
        st.error(f"**Overshoot**: the step jumps so far past {where} that the new weight "
                 f"{course_number(new)} is farther from it than before: the loss rises "
                 f"{losses}. This learning rate is too large; repeated, such steps diverge.")


def guess_feedback(guess, update, mistakes):
    """Compare the learner's guess of the new weight with the update."""
    answer = float(update.new_weights[0])
    right, mistake = check_guess(guess, answer, mistakes)
    formula = (f"{course_number(update.weights[0])} − {course_number(update.learning_rate)}"
               f" × {factor(update.slope[0])} = {course_number(answer)}")
    if right:
        st.success(f"Right: you guessed {course_number(guess)}, and the new weight is "
                   f"{formula}.")
    elif mistake is not None:
        st.warning(f"You guessed {course_number(guess)}; the new weight is {formula}. "
                   f"Your number is what you get if you {mistake}.")
    else:
        st.warning(f"You guessed {course_number(guess)}; the new weight is {formula}, "
                   f"{course_number(abs(guess - answer))} away. Work it out as the course "
                   "does: slope = 2 × error × input, then subtract learning rate × slope.")


def several_weights_formulas(update, input_data, target):
    """The course's code 2.4 with the numbers filled in, as LaTeX blocks."""
    terms = " + ".join(f"{factor(w)} \\cdot {factor(x)}"
                       for w, x in zip(update.weights, input_data, strict=True))
    prediction = course_number(update.prediction)
    return [
        two_lines("preds", r"\textstyle\sum \text{weights} \cdot \text{input\_data}",
                  f"{terms} = {prediction}"),
        two_lines("error", r"\text{preds} - \text{target}",
                  f"{prediction} - {factor(target)} = {course_number(update.error)}"),
        two_lines("slope", r"2 \cdot \text{input\_data} \cdot \text{error}",
                  f"2 \\cdot {vector(input_data)} \\cdot {factor(update.error)} = "
                  f"{vector(update.slope)}"),
        two_lines("weights\\_updated", r"\text{weights} - \text{learning\_rate} \cdot "
                  r"\text{slope}",
                  f"{vector(update.weights)} - {course_number(update.learning_rate)} "
                  f"\\cdot {vector(update.slope)}", vector(update.new_weights)),
    ]


def several_weights_table(update, input_data):
    """One row per weight: its input, value, slope, step and new value, as the
    course prints the numbers."""
    n = len(update.weights)
    return pd.DataFrame({
        "weight": [f"weights[{i}]" for i in range(n)],
        "input": [course_number(v) for v in input_data],
        "value": [course_number(v) for v in update.weights],
        "slope": [course_number(v) for v in update.slope],
        "learning rate × slope": [course_number(v) for v in update.step],
        "new value": [course_number(v) for v in update.new_weights],
    }).set_index("weight")


