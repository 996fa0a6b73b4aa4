"""Slopes (notes 1.4-1.6, 2.1, 2.2; code 2.4; tasks 2.5, 2.6): one slope, one step."""

import streamlit as st

import core
from app_pages.slopes.charts import (
    WEIGHT_RANGE,
    guess_feedback,
    outcome_message,
    pick_weight,
    several_weights_formulas,
    several_weights_table,
    show_loss_curve,
    single_weight_formulas,
    single_weight_frames,
)
from app_pages.slopes.lesson import SLOPE_EXAMPLES, guess_mistakes
from core.course import (
    NOTE_2_2_INPUT,
    NOTE_2_2_LEARNING_RATE,
    NOTE_2_2_TARGET,
    NOTE_2_2_WEIGHT,
)
from core.linear import linear_update
from ui.controls import (
    learning_rate_slider,
    numbers_input,
    parse_numbers,
    set_widget_values,
)
from ui.format import course_number
from ui.layout import results_slot
from ui.practice import practice_section
from ui.runtime import freeze_imports
from ui.source import numpy_behind_this
from ui.url_widgets import url_radio, url_slider, url_toggle

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Slopes")
st.markdown(
    "Gradient descent is finding the lowest point of a dark field by feel (note 1.4): "
    "feel how the ground **slopes**, take a small step downhill, repeat. For a weight, "
    "the ground is the loss and its slope says which way is downhill: if the slope is "
    "positive, go to lower weights. Too big a step can lead astray, so each update "
    "subtracts **learning rate × slope** (note 2.1)."
)

st.header("One weight: prediction = weight × input")
@st.fragment
def one_weight():
    """One weight, its slope and one update. A fragment: moving one of its controls
    reruns and redraws only this section, not the several weights below."""
    results = results_slot("slopes")
    controls, picture = st.columns([2, 3], gap="large")
    with controls:
        weight = url_slider("weight", "w", *WEIGHT_RANGE[:2], NOTE_2_2_WEIGHT,
                            WEIGHT_RANGE[2], help="Or click the loss curve: the weight "
                            "moves to the clicked point.")
        input_value = url_slider("input", "x", -10.0, 10.0, NOTE_2_2_INPUT, 0.5)
        target = url_slider("target (actual value)", "t", -20.0, 20.0, NOTE_2_2_TARGET, 0.5)
        learning_rate = learning_rate_slider("lr", NOTE_2_2_LEARNING_RATE)
        predict_first = url_toggle("Predict first", "predict",
                                   help="Hide the new weight until you have typed your "
                                        "guess of it.")

    update = linear_update([input_value], target, [weight], learning_rate)
    curve, tangent, points, best = single_weight_frames(
        input_value, target, weight, float(update.new_weights[0]), update.loss,
        update.new_loss, float(update.slope[0]))

    guess = None
    with controls:
        if predict_first:
            guess = st.number_input("Your guess for the new weight", value=None, step=0.01,
                                    format="%.4f", key="guess", bind="query-params",
                                    placeholder="type it, then press Enter")
            if guess is not None:
                st.button("Guess again", key="guess_again", on_click=set_widget_values,
                          args=({"guess": None},))
    revealed = not predict_first or guess is not None

    with picture:
        show_loss_curve(curve, tangent, points, revealed,
                        "The loss against the weight: a parabola, the current weight marked "
                        "with its tangent line"
                        + (" and the new weight after one update" if revealed else ""),
                        on_pick=pick_weight)
        st.caption("Grey: the loss (predicted − actual)² for every weight. Purple dashes: "
                   "the tangent at the current weight; its slope is the slope below. "
                   "Click the curve to move the weight there.")
        st.latex(single_weight_formulas(update, input_value, target, show_new=revealed))
    with results:
        st.metric("Slope", course_number(update.slope[0]))
        if revealed:
            st.metric("New weight", course_number(update.new_weights[0]))
            st.metric("New loss", course_number(update.new_loss),
                      delta=course_number(update.loss_change), delta_color="inverse")
        else:
            st.metric("Loss", course_number(update.loss))
    with picture:
        if revealed:
            if guess is not None:
                guess_feedback(guess, update,
                               guess_mistakes(input_value, target, weight, learning_rate))
            outcome_message(update, best, input_value)
        else:
            st.info("What will the new weight be? Type your guess on the left.")


one_weight()

st.header("Several weights: one slope each")
st.markdown(
    "With several inputs, each weight gets its own slope: 2 × input × error, with the "
    "input that weight multiplies (code 2.4, tasks 2.5 and 2.6). Every weight moves by "
    "learning rate × its slope. Edit the numbers to try your own."
)
example = url_radio("Example", "example", list(SLOPE_EXAMPLES), horizontal=True)
prefix, defaults = SLOPE_EXAMPLES[example]
cols = st.columns(4)
with cols[0]:
    weights_text = numbers_input("weights", f"{prefix}w", defaults["weights"])
with cols[1]:
    inputs_text = numbers_input("input_data", f"{prefix}x", defaults["input"])
with cols[2]:
    target_text = numbers_input("target", f"{prefix}t", [defaults["target"]])
with cols[3]:
    many_rate = learning_rate_slider(f"{prefix}lr", defaults["learning_rate"],
                                     label="Learning rate for these weights")

try:
    many_weights = parse_numbers(weights_text, "weights")
    many_inputs = parse_numbers(inputs_text, "input_data")
    many_target = parse_numbers(target_text, "target")
    if len(many_target) != 1:
        raise ValueError(f"target must be one number, got {len(many_target)}.")
    many = linear_update(many_inputs, many_target[0], many_weights, many_rate)
except ValueError as problem:
    st.error(str(problem))
else:
    formulas = several_weights_formulas(many, many_inputs, many_target[0])
    for column, lines in zip(st.columns([2, 3]), (formulas[:2], formulas[2:]), strict=True):
        with column:
            for line in lines:
                st.latex(line)
    results, table = st.columns([1, 2], gap="large")
    before, after = results.columns(2)
    before.metric("Error", course_number(many.error))
    after.metric("Updated error", course_number(many.new_error),
                 delta=course_number(many.error_change), delta_color="off")
    results.caption("The seed prints the error, predicted − actual, before and after "
                    "the update.")
    table.table(several_weights_table(many, many_inputs))

st.divider()
practice_section("2.5")
st.divider()
practice_section("2.6")

numpy_behind_this(core.get_error, core.get_slope, linear_update)
