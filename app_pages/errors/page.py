"""Prediction errors (course 1.1, 1.7-1.9): a forward pass through the 2-2-1 network,
a tool to nudge one weight, and the chapter's two quizzes."""

import streamlit as st

import core
from app_pages.errors.lesson import change_weight, nudge_weight
from app_pages.errors.nodes import explained_node, node_story, pick_on_diagram
from app_pages.errors.nudge import nudge_tool, nudged_weight
from app_pages.errors.quizzes import quiz_1_7, quiz_1_8
from core.course import TASK_1_9_INPUT, TASK_1_9_TARGET, TASK_1_9_WEIGHTS_0, TASK_1_9_WEIGHTS_1
from ui.diagram import LEGEND, network_diagram
from ui.format import course_number
from ui.layout import results_slot, steady_slot
from ui.practice import practice_section
from ui.runtime import freeze_imports
from ui.seed_network import input_sliders, load_weights_button, weight_sliders
from ui.source import numpy_behind_this
from ui.url_widgets import url_slider

freeze_imports()  # before drawing: see ui/runtime.py

st.title("Prediction errors")
st.markdown(
    "The course's network has two inputs, two hidden nodes and one output, with the "
    "ReLU activation on the hidden and output nodes. Each node adds up the values "
    "feeding it times their weights, then applies ReLU: `relu(x) = max(0, x)`. "
    "The **error** is `predicted - actual`. Change the inputs and the weights and "
    "watch the forward pass (task 1.9: find weights that make the error 0)."
)

@st.fragment
def forward_pass():
    """The network's controls, its forward pass and the nudge tool. A fragment: moving
    one of its controls reruns and redraws only this part, not the quizzes below."""
    results = results_slot("errors")
    controls, picture = st.columns([2, 3], gap="large")
    with controls:
        st.markdown("**Data point**")
        input_data = input_sliders("", TASK_1_9_INPUT)
        target = url_slider("target (actual value)", "target", -20.0, 20.0,
                            float(TASK_1_9_TARGET), 0.5)
        st.markdown("**Weights**")
        left, right = st.columns(2)
        with left:
            load_weights_button("Load weights_0", "", TASK_1_9_WEIGHTS_0, "load_weights_0")
        with right:
            load_weights_button("Load weights_1", "", TASK_1_9_WEIGHTS_1, "load_weights_1")
        weights = weight_sliders("", TASK_1_9_WEIGHTS_0)

    prediction = core.predict_with_network(input_data, weights)
    error = prediction - target
    forward = core.Network.from_seed(weights).forward(input_data)

    with results:
        st.metric("Prediction", course_number(prediction))
        st.metric("Error (predicted - actual)", course_number(error))
    with picture:
        network_diagram(core.Network.from_seed(weights), forward, key="errors_diagram",
                        alt="Diagram of the 2-2-1 network with each node's value and "
                            "each weight", on_pick=pick_on_diagram,
                        highlight=nudged_weight(), highlight_node=explained_node())
        st.caption(LEGEND)
        with steady_slot():
            if error == 0:
                st.success("A perfect prediction: the error is 0.")
        node_story(input_data, target, weights)

    st.divider()
    nudge_tool(input_data, target, weights)


forward_pass()

st.divider()
st.header("Check yourself")
quiz_1_7()
st.divider()
quiz_1_8()

st.divider()
practice_section("1.9")

numpy_behind_this(core.predict_with_network, core.relu, nudge_weight, change_weight)
