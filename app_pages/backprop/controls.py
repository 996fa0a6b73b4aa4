"""Controls of the backprop page, every one bound to the URL (buttons change the
bound controls through callbacks, so a copied link reopens the exact network,
step and round)."""

import contextlib

import streamlit as st

import core
from core.course import NOTE_2_2_LEARNING_RATE, QUIZ_4_4_INPUT, QUIZ_4_4_TARGET
from core.rounds import MAX_ROUNDS
from ui.format import course_array, course_number
from ui.url_widgets import (
    url_number,
    url_radio,
    url_select_slider,
    url_selectbox,
    url_slider,
    url_toggle,
)

from . import model
from .lesson import MAX_HIDDEN_LAYERS, MAX_NODES_PER_LAYER, NETWORK_KINDS

HIDDEN_ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")
OUTPUT_ACTIVATIONS = ("relu", "identity", "tanh", "sigmoid")
LEARNING_RATES = (0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0)
DEFAULT_POINTS = course_array(QUIZ_4_4_INPUT).strip("[]").replace(" ", ", ")
DEFAULT_TARGETS = course_number(QUIZ_4_4_TARGET)


def settings_controls():
    """The network and data settings; returns ``backprop_model.Settings``."""
    kind = url_radio("Starting weights", "net", list(NETWORK_KINDS), horizontal=True,
                     help="The quiz 4.4 network is the course's 2-2-1 ReLU network "
                          "(no biases). A random network lets you choose the layers.")
    fixed = kind == NETWORK_KINDS[0]
    with st.expander("Architecture of the random network", expanded=not fixed):
        if fixed:
            st.caption("Choose *random network* above to change these.")
        n_hidden = url_slider("Hidden layers", "layers", 1, MAX_HIDDEN_LAYERS, 1, 1,
                              disabled=fixed)
        sizes = []
        for i, col in enumerate(st.columns(MAX_HIDDEN_LAYERS)):
            with col:
                sizes.append(url_number(f"Nodes in layer {i + 1}", f"nodes_{i + 1}", 2, 1,
                                        MAX_NODES_PER_LAYER, 1,
                                        disabled=fixed or i >= n_hidden))
        sizes = sizes[:n_hidden]
        left, right = st.columns(2)
        with left:
            activation = url_selectbox("Hidden activation", "act", HIDDEN_ACTIVATIONS,
                                       disabled=fixed)
            seed = url_number("Random seed", "seed", 0, 0, 9999, 1, disabled=fixed)
        with right:
            output_activation = url_selectbox("Output activation", "out_act",
                                              OUTPUT_ACTIVATIONS, index=1, disabled=fixed)
            st.write("")
            biases = url_toggle("Biases", "biases", False, disabled=fixed)
    st.markdown("**Data**")
    zero_error = url_toggle(
        "Zero error: set each target to the prediction (quiz 3.4)", "zero_error", False)
    points = st.text_input(
        "Input points (one per line or ';', values separated by commas)", DEFAULT_POINTS,
        key="points", bind="query-params")
    targets = st.text_input("Targets (one per point)", DEFAULT_TARGETS, key="targets",
                            bind="query-params", disabled=zero_error)
    return model.Settings(kind, points, targets, tuple(int(s) for s in sizes), activation,
                          output_activation, bool(biases), int(seed), bool(zero_error))


def _set(key, value):
    st.session_state[key] = value


def _train_until_flat(settings, learning_rate):
    # A ValueError (bad settings) changes nothing: the page shows it from the same settings.
    with contextlib.suppress(ValueError):
        st.session_state["rounds"] = model.rounds_until_flat(settings, learning_rate)


def _next_round():
    st.session_state["rounds"] = min(st.session_state.get("rounds", 0) + 1, MAX_ROUNDS)


def current_training(settings):
    """(learning_rate, rounds) as the training controls hold them now (their defaults
    before they are drawn): for the parts of the page outside the training fragment."""
    learning_rate = st.session_state.get("lr", NOTE_2_2_LEARNING_RATE)
    return float(learning_rate), int(st.session_state.get("rounds", 0))


def training_controls(settings):
    """Learning rate, rounds applied and the Update / Train until flat / Reset
    buttons; returns (learning_rate, rounds)."""
    learning_rate = url_select_slider("Learning rate", "lr", LEARNING_RATES,
                                      NOTE_2_2_LEARNING_RATE)
    rounds = url_number("Rounds applied (forward, backward, update)", "rounds", 0, 0,
                        MAX_ROUNDS, 1)
    update, flat, reset = st.columns([1, 1.4, 1])
    update.button("Update", key="update", on_click=_next_round, type="primary",
                  help="One round: forward pass, backward pass, then every weight minus "
                       "learning rate × its slope.", width="stretch")
    flat.button("Train to flat", key="train_flat", on_click=_train_until_flat,
                args=(settings, learning_rate),
                help=f"Repeat rounds until every slope is below "
                     f"{course_number(core.rounds.FLAT_TOLERANCE)} (at most "
                     f"{MAX_ROUNDS} rounds).", width="stretch")
    reset.button("Reset", key="reset_rounds", on_click=_set, args=("rounds", 0),
                 help="Back to the starting weights.",
                 width="stretch")
    return learning_rate, int(rounds)


def _move_step(labels, delta):
    current = st.session_state.get("step", labels[-1])
    index = labels.index(current) if current in labels else len(labels) - 1
    st.session_state["step"] = labels[min(max(index + delta, 0), len(labels) - 1)]


def step_controls(stages):
    """Buttons and a URL-bound slider over the steps of one round; returns the
    index of the current step (default: the whole round)."""
    labels = [stage.label for stage in stages]
    buttons = st.container()
    index = labels.index(url_select_slider("Step of the round", "step", labels, labels[-1]))
    cols = buttons.columns(4)
    cols[0].button("Start", key="step_start", on_click=_set, args=("step", labels[0]),
                   icon=":material/first_page:", width="stretch")
    cols[1].button("Back", key="step_back", on_click=_move_step, args=(labels, -1),
                   disabled=index == 0, icon=":material/chevron_left:", width="stretch")
    cols[2].button("Next step", key="step_next", on_click=_move_step, args=(labels, 1),
                   disabled=index == len(labels) - 1, icon=":material/chevron_right:",
                   width="stretch")
    cols[3].button("Whole round", key="step_all", on_click=_set, args=("step", labels[-1]),
                   icon=":material/last_page:", width="stretch")
    return index


def pick_controls(weight_names, default_weight, node_names, default_node, n_points):
    """URL-bound pickers: the weight and node to study (a click on the diagram sets
    them too) and the point shown on the diagram; returns their indices."""
    cols = st.columns(3)
    weight = cols[0].selectbox("Weight to study", weight_names, index=default_weight,
                               key="weight", bind="query-params")
    node = cols[1].selectbox("Node to study", node_names, index=default_node, key="node",
                             bind="query-params")
    labels = [f"point {i + 1}" for i in range(n_points)]
    point = labels.index(cols[2].selectbox(
        "Point shown on the diagram", labels, key="point", bind="query-params",
        disabled=n_points == 1))
    return weight_names.index(weight), node_names.index(node), point
