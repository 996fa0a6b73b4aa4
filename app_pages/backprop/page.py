"""Backpropagation (chapters 3-4): a full round on a live diagram, any weight's slope
as the course's three factors, updates until the ground is flat."""

import streamlit as st

import core
from app_pages.backprop import model, view
from app_pages.backprop.controls import (
    current_training,
    pick_controls,
    settings_controls,
    step_controls,
    training_controls,
)
from app_pages.backprop.lesson import NETWORK_KINDS
from app_pages.backprop.quizzes import quiz_3_3, quiz_3_4, quiz_4_4
from core.course import QUIZ_4_4_WEIGHT
from core.rounds import MAX_ROUNDS
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

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Backpropagation")
st.markdown(
    "One **round** of training: a **forward** pass computes every node's value and the "
    "loss; a **backward** pass goes back one layer at a time and computes the slope of "
    "the loss for every node and every weight; the **update** subtracts learning rate × "
    "slope from every weight (notes 3.2, 4.2). A weight's slope is the product of three "
    "numbers: the value of the node feeding it, the slope of the loss with respect to "
    "the node it feeds, and the slope of the activation there (note 4.1)."
)

# In the page, not the sidebar: on a phone the sidebar is collapsed and nothing would
# point to the network's settings.
with st.container(border=True, key="backprop_settings"):
    st.markdown("#### Network and data")
    settings = settings_controls()

@st.fragment
def one_round(study, default_weight):
    """The round at one step, the picked weight and node. A fragment: a step or a
    pick reruns and redraws only this part, not the training and quizzes below."""
    network = study.network
    slots, nodes = view.weight_slots(network), view.node_slots(network)
    stage = step_controls(study.stages)
    weight, node, point = pick_controls(
        view.weight_names(network), default_weight, view.node_names(network),
        view.first_hidden_node(network),
        study.problem.X.shape[0])
    view.prediction_metrics(study, stage, point)
    view.round_diagram(study, stage, point, slots[weight], nodes[node])
    with steady_slot():
        view.round_messages(study)
    weight_col, node_col = st.columns(2, gap="large")
    with weight_col:
        view.weight_panel(study, stage, slots[weight], view.weight_names(network)[weight])
    with node_col:
        view.node_panel(study, stage, nodes[node], point)


@st.fragment(run_every=frame_interval("backprop"))
def training(settings):
    """The round on the diagram and the updates. A fragment: Play reruns it one round
    at a time (the rounds applied are its frames), and so do the update controls; the
    round's own controls rerun only the round (the fragment inside)."""
    keep_playing("backprop")
    round_box = st.container()
    # Below the round, outside its fragment: the whole round's numbers do not change
    # with the step or the picks, so a step does not send them again.
    weights_box = st.container()
    st.markdown("#### Update, and repeat until flat (note 4.2)")
    train_col, history_col = st.columns([2, 3], gap="large")
    with train_col:
        advance("backprop", "rounds", MAX_ROUNDS)
        learning_rate, rounds = training_controls(settings)
        player_controls("backprop", "the rounds")
    try:
        study = model.study(settings, learning_rate, rounds)
    except ValueError as error:
        round_box.error(str(error), icon=":material/error:")
        stop("backprop")
        after_frame("backprop")
        return
    history = study.history
    if history.is_flat or history.diverged_at is not None:
        stop("backprop")  # "until you get to a flat part", or the run blew up
    with train_col:
        view.round_metrics(history)
    with history_col:
        view.loss_chart(history)
        view.training_messages(history, learning_rate)
    slots = view.weight_slots(study.network)
    quiz_weight = settings.network_kind == NETWORK_KINDS[0] and QUIZ_4_4_WEIGHT in slots
    with round_box:
        st.markdown("#### One round, step by step (note 3.2)")
        one_round(study, slots.index(QUIZ_4_4_WEIGHT) if quiz_weight else 0)
    with weights_box, st.expander("All the weights and biases, with their slopes"):
        view.all_weights_table(study)
    after_frame("backprop")


training(settings)
try:
    study = model.study(settings, *current_training(settings))
except ValueError:
    st.stop()  # the fragment above says why
network = study.network

st.subheader("Quizzes")
tab_33, tab_34, tab_44 = st.tabs(["Quiz 3.3", "Quiz 3.4", "Quiz 4.4"])
with tab_33:
    quiz_3_3(study.history)
with tab_34:
    quiz_3_4(network, study.problem.X)
with tab_44:
    quiz_4_4()

numpy_behind_this(core.backprop, core.weight_factors, core.node_slope_terms,
                  core.train_rounds)
