"""One node of the errors page's network explained: how it got its value and the slope
of the loss (the squared error) with respect to it. The node is picked by a click on
the diagram or with the select below it."""

import streamlit as st

from ui.format import course_number
from ui.url_widgets import url_selectbox

from .lesson import NODE_NAMES, explain_node
from .nudge import nudge_this_weight

NODES = [name for layer in NODE_NAMES for name in layer]
DEFAULT_NODE = "output"
KEY = "explain_node"


def _where(name):
    for layer, names in enumerate(NODE_NAMES):
        if name in names:
            return layer, names.index(name)
    return _where(DEFAULT_NODE)


def explained_node():
    """The node explained now, as (layer, index) on the diagram."""
    return _where(st.session_state.get(KEY, DEFAULT_NODE))


def pick_on_diagram(kind, numbers):
    """A click on the diagram: a weight goes to the nudge tool, a node is explained."""
    if kind == "weight":
        nudge_this_weight(*numbers)
    elif kind == "node":
        layer, index = numbers
        if layer < len(NODE_NAMES) and index < len(NODE_NAMES[layer]):
            st.session_state[KEY] = NODE_NAMES[layer][index]


def _story(story, error):
    value = course_number(story.value)
    if not story.terms:
        how = f"**{story.name}** = {value}, a value of the data point."
    else:
        names = " + ".join(f"{name} × {course_number(weight)}" for name, _, weight
                           in story.terms)
        numbers = " + ".join(f"{course_number(v)} × {course_number(weight)}"
                             for _, v, weight in story.terms)
        how = (f"**{story.name}** = relu({names}) = relu({numbers}) = "
               f"relu({course_number(story.node_input)}) = {value}.")
    if story.name == "output":
        why = (f"The slope of the loss (error², the squared error {course_number(error)}²) "
               f"with respect to it is 2 × error = :violet[**{course_number(story.slope)}**].")
    else:
        why = (f"The slope of the loss (error²) with respect to its value is "
               f":violet[**{course_number(story.slope)}**]: raise {story.name} by a little "
               "and the loss moves by about that many times as much (chapter 3 shows how "
               "backpropagation finds it).")
    return f"{how} {why}"


def node_story(input_data, target, weights):
    """The node picker (bound to the URL) and its node's story."""
    name = url_selectbox("Node to explain (or click one on the diagram)", KEY, NODES,
                         index=NODES.index(DEFAULT_NODE))
    layer, index = _where(name)
    try:
        story = explain_node(input_data, target, weights, layer, index)
    except ValueError as problem:
        st.error(str(problem))
        return
    error = story.value - target if story.name == "output" else None
    if error is None:
        error = explain_node(input_data, target, weights, 2, 0).value - target
    st.markdown(_story(story, error))
