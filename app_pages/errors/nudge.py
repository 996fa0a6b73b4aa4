"""The "nudge a weight" tool of the errors page: change one weight of the 2-2-1
network by a small amount and see how the error moves (the intuition behind
slopes, course 1.4-1.8)."""

import streamlit as st

from ui.format import course_number, signed
from ui.seed_network import WEIGHT_SLOTS
from ui.url_widgets import url_select_slider, url_selectbox

from .lesson import nudge_weight

NUDGES = (-1.0, -0.5, -0.1, -0.01, 0.01, 0.1, 0.5, 1.0)
DEFAULT_NUDGE = 0.01
# label shown (and kept in the URL) -> (key in the seed's dict, index)
SLOTS = {label: (node, index) for node, index, label in WEIGHT_SLOTS}
DEFAULT_SLOT = "node_0 → output"


def nudge_controls():
    """The weight to nudge and the amount, both bound to the URL; returns
    (label, node, index, amount)."""
    labels = list(SLOTS)
    label = url_selectbox("Weight to nudge", "nudge_weight", labels,
                          index=labels.index(DEFAULT_SLOT))
    amount = url_select_slider("Nudge it by", "nudge_by", NUDGES, DEFAULT_NUDGE,
                               format_func=course_number)
    node, index = SLOTS[label]
    return label, node, index, amount


def _sentence(label, change):
    text = (f"Nudging **{label}** from {course_number(change.weight_before)} to "
            f"{course_number(change.weight_after)} moves the prediction from "
            f"{course_number(change.prediction_before)} to "
            f"{course_number(change.prediction_after)} and the error from "
            f"{course_number(change.error_before)} to {course_number(change.error_after)}: "
            f"the prediction is **{change.accuracy}**")
    if change.error_change == 0:
        return (text + ". This weight does not matter for this point right now: the "
                "value flowing through it is 0 (an input of 0 or a switched-off ReLU "
                "node), or the output node is switched off.")
    return (text + f". Per unit of nudge, the error changes by "
            f"{course_number(change.error_change_per_unit)}: that rate is the slope of "
            "the error along this weight, which the next chapter uses to step downhill.")


def nudge_tool(input_data, target, weights):
    """The whole tool, acting on the network, data point and target given."""
    st.subheader("Nudge a weight")
    st.markdown("Pick one weight of the network above and change it by a small amount: "
                "does the error grow or shrink, and by how much? Trying each weight "
                "in turn is how you would feel the ground in the dark (note 1.4).")
    controls, results = st.columns([2, 3], gap="large")
    with controls:
        label, node, index, amount = nudge_controls()
    try:
        change = nudge_weight(input_data, target, weights, node, index, amount)
    except ValueError as problem:
        results.error(str(problem))
        return
    with results:
        weight_col, before_col, after_col = st.columns(3)
        weight_col.metric("Weight after the nudge", course_number(change.weight_after),
                          delta=signed(amount), delta_color="off")
        before_col.metric("Error before", course_number(change.error_before))
        after_col.metric("Error after", course_number(change.error_after),
                         delta=signed(change.error_change), delta_color="off")
        st.markdown(_sentence(label, change))


def diagram_slot(label):
    """(layer, source, target) on the diagram of the weight named ``label``."""
    node, index = SLOTS[label]
    if node == "output":
        return (2, index, 0)
    return (1, index, int(node[-1]))


def nudged_weight():
    """The weight the nudge tool studies now, as (layer, source, target) on the diagram."""
    label = st.session_state.get("nudge_weight", DEFAULT_SLOT)
    return diagram_slot(label if label in SLOTS else DEFAULT_SLOT)


def nudge_this_weight(layer, source, target):
    """Make the nudge tool study the weight clicked on the diagram."""
    for label in SLOTS:
        if diagram_slot(label) == (layer, source, target):
            st.session_state["nudge_weight"] = label
