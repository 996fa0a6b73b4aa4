"""Backpropagation (chapters 3-4): a full round on a live diagram, any weight's slope
as the course's three factors, updates until the ground is flat."""

import streamlit as st

import core
from core.course import QUIZ_4_4_WEIGHT
from core.rounds import NETWORK_KINDS
from ui import backprop_model as model
from ui import backprop_view as view
from ui.backprop_controls import pick_controls, settings_controls, step_controls, training_controls
from ui.backprop_quizzes import quiz_3_3, quiz_3_4, quiz_4_4
from ui.layout import steady_slot
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

with st.sidebar:
    st.header("Network and data")
    settings = settings_controls()

round_box = st.container()
st.markdown("#### Update, and repeat until flat (note 4.2)")
train_col, history_col = st.columns([2, 3], gap="large")
with train_col:
    learning_rate, rounds = training_controls(settings)

try:
    study = model.study(settings, learning_rate, rounds)
except ValueError as error:
    round_box.error(str(error), icon=":material/error:")
    st.stop()

network = study.network
with train_col:
    view.round_metrics(study.history)
with history_col:
    view.loss_chart(study.history)
    view.training_messages(study.history, learning_rate)


@st.fragment
def one_round(study, default_weight):
    """The round at one step, the picked weight and node. A fragment: a step or a
    pick reruns and redraws only this part, not the training and quizzes below."""
    network = study.network
    slots, nodes = view.weight_slots(network), view.hidden_slots(network)
    st.markdown("#### One round, step by step (note 3.2)")
    stage = step_controls(study.stages)
    weight, node, point = pick_controls(
        view.weight_names(network), default_weight, view.hidden_names(network),
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
    with st.expander("All the weights and biases, with their slopes"):
        view.all_weights_table(study)


slots = view.weight_slots(network)
quiz_weight = settings.network_kind == NETWORK_KINDS[0] and QUIZ_4_4_WEIGHT in slots
with round_box:
    one_round(study, slots.index(QUIZ_4_4_WEIGHT) if quiz_weight else 0)

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
