"""The network diagram in the course's style, shared by the errors and backprop pages
and their quizzes.

Node values from the forward pass are written on the nodes, weights on the arrows, and
the slopes of the loss from the backward pass in a badge at the bottom of each node.
The picture is a Streamlit custom component (``st.components.v2``) drawn as SVG by
``diagram.js``: its layout is computed once per network shape and width, so a rerun
with new numbers only rewrites texts; its colours come from the active theme
(``diagram.css``); a click (or Enter on the focused arrow or node) picks a weight or
a node, which the pages turn into the choice of their pickers.
"""

from pathlib import Path

import numpy as np
import streamlit as st

from .format import course_number

_HERE = Path(__file__).resolve().parent
_COMPONENT = st.components.v2.component(
    "backprop_studio.network_diagram",
    css=(_HERE / "diagram.css").read_text(),
    js=(_HERE / "diagram.js").read_text(),
)

LEGEND = (
    "**How to read the diagram.** Node values from the forward pass are written on "
    "the nodes (the node's input, the weighted sum, below it; a hollow dashed node is "
    "a ReLU that is switched off), weights on the arrows, and the slope of the loss "
    "with respect to each node's value in :violet[**purple**] in the badge at the "
    "bottom of the node. Click an arrow or a node to study it."
)


def node_name(layer_sizes, layer, index):
    """The course's name for a node: input_0..., node_0... (one hidden layer) or
    node_1_0... (layer 1, node 0) with several, and output (or output_k)."""
    n_layers = len(layer_sizes) - 1
    if layer == 0:
        return f"input_{index}"
    if layer == n_layers:
        return "output" if layer_sizes[-1] == 1 else f"output_{index}"
    if n_layers == 2:
        return f"node_{index}"
    return f"node_{layer}_{index}"


def weight_name(layer_sizes, layer, source, target):
    """Name of the weight from node ``source`` of layer ``layer - 1`` to node
    ``target`` of ``layer``: e.g. 'input_1 → node_0'."""
    return (f"{node_name(layer_sizes, layer - 1, source)} → "
            f"{node_name(layer_sizes, layer, target)}")


def edge_id(layer, source, target):
    """The diagram's id of a weight, e.g. 'w_1_0_1'."""
    return f"w_{layer}_{source}_{target}"


def node_id(layer, index):
    """The diagram's id of a node, e.g. 'n_1_0'."""
    return f"n_{layer}_{index}"


def parse_pick(picked_id):
    """('weight', (layer, source, target)) or ('node', (layer, index)) from an id the
    diagram reports; None for anything else."""
    parts = str(picked_id).split("_")
    if not all(part.isdigit() for part in parts[1:]):
        return None
    numbers = tuple(int(part) for part in parts[1:])
    if parts[0] == "w" and len(numbers) == 3:
        return "weight", numbers
    if parts[0] == "n" and len(numbers) == 2:
        return "node", numbers
    return None


def _row(array, point):
    array = np.asarray(array)
    return array if array.ndim == 1 else array[point]


def _node(network, forward, gradients, point, layer, index, show_value, show_slope,
          show_inputs):
    sizes = network.layer_sizes
    name = node_name(sizes, layer, index)
    value = node_input = slope = None
    off = False
    if show_value and forward is not None:
        value = course_number(_row(forward.node_values[layer], point)[index], 4)
        if layer > 0:
            raw_input = _row(forward.node_inputs[layer], point)[index]
            if show_inputs:
                node_input = f"in {course_number(raw_input, 4)}"
            off = bool(network.activation_name(layer) == "relu" and raw_input <= 0)
    if show_slope and gradients is not None:
        slope = course_number(_row(gradients.value_slopes[layer], point)[index], 4)
    spoken = [name]
    if value is not None:
        spoken.append(f"value {value}")
    if node_input is not None:
        spoken.append(f"input {node_input[3:]}")
    if off:
        spoken.append("switched off")
    if slope is not None:
        spoken.append(f"slope of the loss {slope}")
    return {"id": node_id(layer, index), "name": name, "value": value, "input": node_input,
            "slope": slope, "off": off, "aria": ", ".join(spoken)}


def diagram_data(network, forward=None, gradients=None, point=0, forward_layers=None,
                 backward_layers=None, highlight=None, highlight_node=None,
                 show_inputs=True, edge_labels=True, alt="", clickable=False):
    """What the diagram draws, as plain JSON-ready values.

    forward : core.ForwardPass or None (values not yet computed are left blank)
    gradients : core.Gradients or None (no slopes shown)
    point : which row of a batch to write on the diagram
    forward_layers : layers whose values are shown (default: all when ``forward``)
    backward_layers : layers whose slopes are shown (default: all when ``gradients``)
    highlight : (layer, source, target) of a weight to draw bold, or None
    highlight_node : (layer, index) of a node to ring, or None
    show_inputs : write each node's input (weighted sum) below its value
    edge_labels : write every weight on its arrow; if False only the highlighted one
    clickable : arrows and nodes are buttons that report a pick
    """
    sizes = network.layer_sizes
    n_layers = len(sizes) - 1
    if forward_layers is None:
        forward_layers = range(n_layers + 1) if forward is not None else ()
    if backward_layers is None:
        backward_layers = range(n_layers + 1) if gradients is not None else ()
    forward_layers, backward_layers = set(forward_layers), set(backward_layers)
    nodes = [[_node(network, forward, gradients, point, layer, index,
                    layer in forward_layers, layer in backward_layers, show_inputs)
              for index in range(size)] for layer, size in enumerate(sizes)]
    edges = []
    for layer in range(1, n_layers + 1):
        weights = network.weights[layer - 1]
        for source in range(sizes[layer - 1]):
            for target in range(sizes[layer]):
                text = course_number(weights[source, target], 4)
                edges.append({"id": edge_id(layer, source, target), "l": layer,
                              "s": source, "t": target, "text": text,
                              "aria": f"weight {weight_name(sizes, layer, source, target)} "
                                      f"= {text}"})
    return {
        "sizes": list(sizes), "nodes": nodes, "edges": edges,
        "picked": edge_id(*highlight) if highlight is not None else None,
        "pickedNode": node_id(*highlight_node) if highlight_node is not None else None,
        "edgeLabels": bool(edge_labels), "alt": alt, "clickable": bool(clickable),
    }


def network_diagram(network, forward=None, gradients=None, *, alt, key=None, on_pick=None,
                    **options):
    """Draw the diagram (``diagram_data``'s options); with ``on_pick`` (and a ``key``)
    the arrows and nodes are buttons, and a click calls ``on_pick(kind, numbers)`` (see
    ``parse_pick``) before the rerun, like a widget's on_change. A diagram that is
    redrawn with new numbers at every rerun needs a ``key``, so it stays the same
    element and only its texts change."""

    def picked():
        state = st.session_state.get(key) or {}
        pick = parse_pick((state.get("picked") or {}).get("id"))
        if pick is not None:
            on_pick(*pick)

    data = diagram_data(network, forward, gradients, alt=alt, clickable=on_pick is not None,
                        **options)
    callbacks = {"on_picked_change": picked} if on_pick is not None else {}
    _COMPONENT(key=key, data=data, **callbacks)


def bias_note(network):
    """The biases of ``network`` as one line of text (None without biases)."""
    if network.biases is None:
        return None
    parts = [f"layer {layer}: " + ", ".join(course_number(b, 4) for b in bias)
             for layer, bias in enumerate(network.biases, start=1)]
    return "biases: " + "; ".join(parts)
