"""The three quizzes of chapters 3 and 4 (3.3, 3.4, 4.4), each explained with the
live network once answered."""

import streamlit as st

import core
import core.rounds
from core.course import (
    QUIZ_3_3_ANSWER,
    QUIZ_3_3_CHOICES,
    QUIZ_3_4_ANSWER,
    QUIZ_3_4_CHOICES,
    QUIZ_4_4_ANSWER,
    QUIZ_4_4_CHOICES,
    QUIZ_4_4_INPUT,
    QUIZ_4_4_TARGET,
    QUIZ_4_4_WEIGHT,
)
from ui.diagram import network_diagram, node_name, weight_name
from ui.format import course_number
from ui.quiz import quiz

from . import lesson


@st.cache_data(show_spinner=False)
def _quiz_4_4():
    network = lesson.quiz_4_4_network()
    gradients = core.backprop(network, QUIZ_4_4_INPUT, QUIZ_4_4_TARGET)
    return network, gradients, core.weight_factors(gradients, *QUIZ_4_4_WEIGHT)


def quiz_3_3(history):
    """Quiz 3.3: forward passes per backward pass, with the page's counters."""
    answered = quiz(
        "q33", "**Quiz 3.3.** If it has been gone through 4 iterations of calculating "
        "slopes (using backward propagation) and then updated weights, how many times "
        "must the forward propagation have been done?", QUIZ_3_3_CHOICES, QUIZ_3_3_ANSWER,
        "Each backward pass needs the node values of a forward pass at the current "
        "weights, and the weights change at every update.",
        {0: "The backward pass multiplies by node values: something must compute them.",
         1: "After an update the old node values are stale: the next backward pass "
            "needs a new forward pass.",
         8: "One forward pass per round is enough: it serves that round's backward pass."})
    if answered is not None:
        st.caption(f"Live: this page has applied {history.rounds_done} rounds and counts "
                   f"{history.forward_passes} forward and {history.backward_passes} "
                   "backward passes. Press **Reset**, then **Update** 4 times: both "
                   "counters read 4.")


def quiz_3_4(network, X):
    """Quiz 3.4: zero errors give zero updates, checked on the live network."""
    answered = quiz(
        "q34", "**Quiz 3.4.** If the predictions were all exactly right, and the errors "
        "were all exactly 0, the slope of the loss function with respect to these "
        "predictions would also be 0. Which statement is correct?", QUIZ_3_4_CHOICES,
        QUIZ_3_4_ANSWER,
        "Every weight's slope is a product that contains the slope at the output, so "
        "every slope, and every update, is 0.",
        {QUIZ_3_4_CHOICES[1]: "The activation slopes are multiplied by a loss slope of "
                              "0: the product is 0 whatever they are.",
         QUIZ_3_4_CHOICES[2]: "The input values are multiplied by a loss slope of 0: "
                              "the product is 0 whatever they are."})
    if answered is not None:
        largest = core.rounds.max_slope(lesson.zero_error_gradients(network, X))
        st.caption("Live: with every target set to the current network's prediction, "
                   f"the largest slope of any weight or bias is {course_number(largest)}. "
                   "Turn on **Zero error** above to see every slope on the diagram.")


def quiz_4_4():
    """Quiz 4.4: the question-mark weight on the page's default network."""
    network, gradients, factors = _quiz_4_4()
    layer, source, target = QUIZ_4_4_WEIGHT
    sizes = network.layer_sizes
    network_diagram(network, gradients.forward, gradients,
                    backward_layers=range(1, network.n_layers + 1),
                    highlight=QUIZ_4_4_WEIGHT, show_inputs=False,
                    alt="The quiz 4.4 network after a round of backpropagation, the "
                        "weight in question highlighted")
    answered = quiz(
        "q44", "**Quiz 4.4.** The forward pass has been done (node values on the nodes) "
        "and the backward pass too (loss slopes in purple, in the white badges). The "
        "network uses ReLU and "
        "the node fed by the orange weight gets a positive input. What is the slope "
        "needed to update the orange weight?", QUIZ_4_4_CHOICES, QUIZ_4_4_ANSWER,
        "The slope is the value feeding the weight times the loss slope at the node it "
        "feeds times ReLU's slope there.",
        {"0": "The node is active (positive input), so ReLU's slope is 1, not 0.",
         "2": "2 is the loss slope at the fed node: multiply it by the value feeding "
              "the weight.",
         "Not enough information.": "The three factors are all on the diagram."})
    if answered is not None:
        st.caption(
            f"Live: `{weight_name(sizes, layer, source, target)}` is fed by "
            f"`{node_name(sizes, layer - 1, source)}` = "
            f"{course_number(factors.feeding_value)}; the loss slope at "
            f"`{node_name(sizes, layer, target)}` is {course_number(factors.fed_value_slope)}"
            f" and ReLU's slope there is {course_number(factors.activation_slope)}: "
            f"{course_number(factors.feeding_value)} × "
            f"{course_number(factors.fed_value_slope)} × "
            f"{course_number(factors.activation_slope)} = {course_number(factors.gradient)}.")
