"""Chapter 1's two questions (quiz 1.7 and quiz 1.8) on the errors page, built on the
shared ``ui.quiz`` component; the feedback shows the forward pass with its numbers."""

import streamlit as st

from core import Network, seed_network_errors
from core.course import (
    QUIZ_1_7_ANSWER,
    QUIZ_1_7_CHOICES,
    QUIZ_1_7_INPUT,
    QUIZ_1_7_TARGET,
    QUIZ_1_7_WEIGHTS,
    QUIZ_1_8_ANSWER,
    QUIZ_1_8_CHOICES,
    QUIZ_1_8_INPUT,
    QUIZ_1_8_NEW_OUTPUT_WEIGHT_0,
    QUIZ_1_8_TARGET,
    QUIZ_1_8_WEIGHTS,
)
from ui.diagram import network_diagram
from ui.format import course_number, signed
from ui.quiz import quiz

from .lesson import change_weight

# the weight quiz 1.8 asks about: node_0 -> output, i.e. layer 2, source 0, target 0
QUIZ_1_8_SLOT = ("output", 0)
QUIZ_1_8_EDGE = (2, 0, 0)


def _term(value):
    """A factor in a worked sum, negative numbers in brackets: 3, (-1)."""
    text = course_number(value)
    return f"({text})" if text.startswith("-") else text


def forward_pass_steps(weights, input_data_point, forward, target, error):
    """Markdown lines of the forward pass of the 2-2-1 network with every number:
    each hidden node, the output, then the error."""
    node_inputs, node_values = forward.node_inputs, forward.node_values
    lines = []
    for k in range(2):
        node = f"node_{k}"
        terms = " + ".join(f"{_term(x)} × {_term(w)}"
                           for x, w in zip(input_data_point, weights[node], strict=True))
        off = " (switched off by ReLU)" if node_inputs[1][k] <= 0 else ""
        lines.append(f"- `{node}` = relu({terms}) = relu({course_number(node_inputs[1][k])})"
                     f" = **{course_number(node_values[1][k])}**{off}")
    terms = " + ".join(f"{_term(h)} × {_term(w)}"
                       for h, w in zip(node_values[1], weights["output"], strict=True))
    lines.append(f"- `output` = relu({terms}) = relu({course_number(node_inputs[2][0])}) "
                 f"= **{course_number(node_values[2][0])}**, the prediction")
    lines.append(f"- error = predicted - actual = {course_number(node_values[2][0])} - "
                 f"{_term(target)} = **{course_number(error)}**")
    return "\n".join(lines)


def _diagram(weights, input_data_point, all_values, highlight=None, alt=""):
    network = Network.from_seed(weights)
    forward = network.forward(input_data_point)
    layers = None if all_values else [0]
    network_diagram(network, forward, forward_layers=layers, highlight=highlight, alt=alt)


def quiz_1_7():
    """Quiz 1.7, calculating model errors: the error of the network for input [3, 2]
    and target 5."""
    st.subheader("Quiz 1.7 · Calculating model errors")
    forward = Network.from_seed(QUIZ_1_7_WEIGHTS).forward(QUIZ_1_7_INPUT)
    errors = seed_network_errors([QUIZ_1_7_INPUT], [QUIZ_1_7_TARGET], QUIZ_1_7_WEIGHTS)
    prediction, error = errors.predictions[0], errors.errors[0]
    point = ", ".join(course_number(x) for x in QUIZ_1_7_INPUT)
    target = course_number(QUIZ_1_7_TARGET)
    question = (
        "The bank's network again, with the ReLU activation on the hidden and output "
        f"nodes. What is the error (`error = predicted - actual`) when the input data "
        f"is [{point}] and the actual value of the target is {target}? "
        "A pen and paper help; the weights are on the arrows."
    )
    why_wrong = {}
    for choice in QUIZ_1_7_CHOICES:
        if choice == prediction:
            why_wrong[choice] = (f"{course_number(prediction)} is the prediction, not the "
                                 f"error: subtract the actual value, {target}.")
        elif choice == QUIZ_1_7_TARGET:
            why_wrong[choice] = (f"{target} is the actual value (the target), not the "
                                 "error: the error is predicted - actual.")
        elif choice != QUIZ_1_7_ANSWER:
            why_wrong[choice] = ("That number does not come out of this forward pass. "
                                 "Each node adds up every input times its weight, then "
                                 "applies ReLU; the error is the prediction minus the target.")
    why_right = (f"The prediction is {course_number(prediction)}, and "
                 f"{course_number(prediction)} - {target} = {course_number(error)}.")
    question_col, diagram_col = st.columns([2, 3], gap="large")
    question_col.markdown(question)
    # the choices and buttons run the full width: the shared quiz's button row needs it
    with st.container(key="quiz_1_7_box"):
        result = quiz("quiz_1_7", "**Your answer:**", QUIZ_1_7_CHOICES, QUIZ_1_7_ANSWER,
                      why_right, why_wrong)
        if result is not None:
            st.markdown("**The forward pass, node by node:**\n\n" + forward_pass_steps(
                QUIZ_1_7_WEIGHTS, QUIZ_1_7_INPUT, forward, QUIZ_1_7_TARGET, error))
    with diagram_col:
        _diagram(QUIZ_1_7_WEIGHTS, QUIZ_1_7_INPUT, all_values=result is not None,
                 alt=f"Quiz 1.7's 2-2-1 network with inputs {point} and its weights"
                     + (", and every node's value" if result is not None else ""))


def quiz_1_8():
    """Quiz 1.8, how weights change accuracy: raise the node_0 -> output weight from 2
    to 2.01 with target 7."""
    st.subheader("Quiz 1.8 · How weights change accuracy")
    node, index = QUIZ_1_8_SLOT
    change = change_weight(QUIZ_1_8_INPUT, QUIZ_1_8_TARGET, QUIZ_1_8_WEIGHTS, node, index,
                           QUIZ_1_8_NEW_OUTPUT_WEIGHT_0)
    forward = Network.from_seed(QUIZ_1_8_WEIGHTS).forward(QUIZ_1_8_INPUT)
    node_0 = course_number(forward.node_values[1][0])
    before, after = course_number(change.weight_before), course_number(change.weight_after)
    p0, p1 = course_number(change.prediction_before), course_number(change.prediction_after)
    target = course_number(QUIZ_1_8_TARGET)
    question = (
        f"Imagine making a prediction for a single data point. The actual value of the "
        f"target is {target}. The weight going from `node_0` to the output is {before} "
        f"(bold in the diagram). If it is increased slightly, changing it to {after}, "
        "would the prediction become more accurate, less accurate, or stay the same?"
    )
    # the shared quiz appends its own full stop: show the seed's choices without theirs
    choices = [choice.rstrip(".") for choice in QUIZ_1_8_CHOICES]
    answer = QUIZ_1_8_ANSWER.rstrip(".")
    more_accurate, _, stay_the_same = choices  # the seed's order: more, less, same
    why_right = (f"`node_0`'s value {node_0} is positive, so the larger weight raises the "
                 f"prediction from {p0} to {p1}; but {p0} is already above the target "
                 f"{target}, so the error grows from {course_number(change.error_before)} "
                 f"to {course_number(change.error_after)}.")
    why_wrong = {
        more_accurate: (f"A larger weight on `node_0`'s positive value {node_0} raises "
                          f"the prediction, and the prediction {p0} is already above the "
                          f"target {target}: it moves further away."),
        stay_the_same: (f"`node_0`'s value is {node_0}, not 0, so this weight matters: "
                         f"the prediction moves from {p0} to {p1}."),
    }
    question_col, diagram_col = st.columns([2, 3], gap="large")
    question_col.markdown(question)
    with diagram_col:
        _diagram(QUIZ_1_8_WEIGHTS, QUIZ_1_8_INPUT, all_values=True,
                 highlight=QUIZ_1_8_EDGE,
                 alt=f"Quiz 1.8's 2-2-1 network with every node's value; the weight "
                     f"node_0 → output ({before}) is drawn bold")
    with st.container(key="quiz_1_8_box"):
        result = quiz("quiz_1_8", "**Your answer:**", choices, answer, why_right, why_wrong)
    if result is not None:
        side_by_side(change)


def side_by_side(change):
    """Both predictions and errors of a WeightChange, next to each other."""
    for column, weight, prediction, error, delta in zip(
            st.columns(2, gap="large"),
            (change.weight_before, change.weight_after),
            (change.prediction_before, change.prediction_after),
            (change.error_before, change.error_after),
            (None, signed(change.error_change)), strict=True):
        with column.container(border=True):
            st.markdown(f"**With weight {course_number(weight)}**")
            left, right = st.columns(2)
            left.metric(f"Prediction (weight {course_number(weight)})",
                        course_number(prediction))
            right.metric(f"Error (weight {course_number(weight)})", course_number(error),
                         delta=delta, delta_color="off")
    st.markdown(f"The error goes from {course_number(change.error_before)} to "
                f"{course_number(change.error_after)}: the prediction is "
                f"**{change.accuracy}**.")
