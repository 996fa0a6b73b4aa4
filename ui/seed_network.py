"""Controls for the course's 2-2-1 network: its inputs and its dict of weights."""

import streamlit as st

from .controls import set_widget_values
from .url_widgets import url_slider

# (key in the seed's dict, index, label): weight from input_i (or node_i) to the node.
WEIGHT_SLOTS = [
    ("node_0", 0, "input_0 → node_0"),
    ("node_0", 1, "input_1 → node_0"),
    ("node_1", 0, "input_0 → node_1"),
    ("node_1", 1, "input_1 → node_1"),
    ("output", 0, "node_0 → output"),
    ("output", 1, "node_1 → output"),
]

WEIGHT_RANGE = (-5.0, 5.0, 0.5)
INPUT_RANGE = (-10.0, 10.0, 0.5)


def weight_key(prefix, node, index):
    """URL key of one weight, e.g. 'node_1_0' or 'w1_output_1' with prefix 'w1_'."""
    return f"{prefix}{node}_{index}"


def weight_widget_values(prefix, weights):
    """{widget key: value} that sets the weight sliders to the dict ``weights``."""
    return {weight_key(prefix, node, index): float(weights[node][index])
            for node, index, _ in WEIGHT_SLOTS}


def weight_sliders(prefix, defaults, columns=2):
    """Six URL-bound sliders for the seed's weights; returns the dict of weights."""
    low, high, step = WEIGHT_RANGE
    weights = {"node_0": [0.0, 0.0], "node_1": [0.0, 0.0], "output": [0.0, 0.0]}
    cols = st.columns(columns)
    for slot, (node, index, label) in enumerate(WEIGHT_SLOTS):
        with cols[slot % columns]:
            weights[node][index] = url_slider(
                label, weight_key(prefix, node, index), low, high,
                float(defaults[node][index]), step)
    return weights


def input_sliders(prefix, defaults):
    """Two URL-bound sliders for the input data point; returns [input_0, input_1]."""
    low, high, step = INPUT_RANGE
    cols = st.columns(2)
    return [
        cols[i].slider(f"input_{i}", low, high, float(defaults[i]), step,
                       key=f"{prefix}input_{i}", bind="query-params")
        for i in range(2)
    ]


def load_weights_button(label, prefix, weights, key):
    """A button that sets the weight sliders to a set of the course's weights."""
    st.button(label, key=key, on_click=set_widget_values,
              args=(weight_widget_values(prefix, weights),))
