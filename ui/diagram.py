"""The network diagram in the course's style, as Graphviz DOT for st.graphviz_chart.

Node values from the forward pass are written on the nodes, weights on the edges,
and the slopes of the loss from the backward pass beside the nodes in purple.
"""

from html import escape

import numpy as np

from .format import course_number

SLOPE_COLOUR = "#7B2FBE"
VALUE_COLOUR = "#1F3A5F"
HIGHLIGHT_COLOUR = "#D55E00"
# The same orange, darkened so an 11 pt label on white reaches 5.5:1 (WCAG AA: 4.5:1).
HIGHLIGHT_TEXT_COLOUR = "#B34700"
INACTIVE_COLOUR = "#6B7785"  # white text on it: 4.6:1 (WCAG AA)


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


def _row(array, point):
    array = np.asarray(array)
    return array if array.ndim == 1 else array[point]


def network_dot(network, forward=None, gradients=None, point=0, forward_layers=None,
                backward_layers=None, highlight=None, show_inputs=True, highlight_node=None,
                edge_labels=True, slopes_inside=False, ordered=False, bias_note=True):
    """DOT source of ``network`` with the numbers computed so far.

    forward : core.ForwardPass or None (values not yet computed are left blank)
    gradients : core.Gradients or None (no slopes shown)
    point : which row of a batch to write on the diagram
    forward_layers : layers whose values are shown (default: all when ``forward``)
    backward_layers : layers whose slopes are shown (default: all when ``gradients``)
    highlight : (layer, source, target) of a weight to draw bold, or None
    show_inputs : write each node's input (weighted sum) beside its value
    highlight_node : (layer, index) of a node to ring in the highlight colour, or None
    edge_labels : write every weight on its arrow; if False only the highlighted one
    slopes_inside : write each slope in a white badge at the bottom of its node
        instead of beside it (unambiguous on large networks)
    ordered : keep the nodes of each layer in index order (Graphviz may otherwise
        reorder them to reduce crossings)
    bias_note : write the biases in a note (when the network has biases)
    """
    sizes = network.layer_sizes
    n_layers = len(sizes) - 1
    if forward_layers is None:
        forward_layers = range(n_layers + 1) if forward is not None else ()
    if backward_layers is None:
        backward_layers = range(n_layers + 1) if gradients is not None else ()
    forward_layers, backward_layers = set(forward_layers), set(backward_layers)

    lines = [
        "digraph network {",
        '  rankdir=LR; splines=line; nodesep=0.35; ranksep=1.6; bgcolor="transparent";',
        '  node [shape=circle, style=filled, fillcolor="#1F3A5F", fontcolor=white, '
        'fontname="Helvetica", fontsize=11, width=1.15, fixedsize=true, color="#1F3A5F"];',
        '  edge [fontname="Helvetica", fontsize=11, color="#5B6775", arrowsize=0.6];',
    ]
    if ordered:
        lines.append("  ordering=out;")
    for layer, size in enumerate(sizes):
        lines.append(f"  subgraph layer_{layer} {{ rank=same;")
        for index in range(size):
            node = _node(network, forward, gradients, point, layer, index,
                         layer in forward_layers, layer in backward_layers, show_inputs,
                         slopes_inside)
            if highlight_node == (layer, index):
                node = node[:-2] + f', color="{HIGHLIGHT_COLOUR}", penwidth=4];'
            lines.append("    " + node)
        lines.append("  }")
    for layer in range(1, n_layers + 1):
        weights = network.weights[layer - 1]
        for source in range(sizes[layer - 1]):
            for target in range(sizes[layer]):
                bold = highlight == (layer, source, target)
                colour = HIGHLIGHT_COLOUR if bold else "#5B6775"
                width = 3.0 if bold else 1.0
                label = escape(course_number(weights[source, target], 4))
                label = f"label=<<b>{label}</b>>, " if edge_labels or bold else ""
                lines.append(
                    f'  L{layer - 1}_{source} -> L{layer}_{target} [{label}'
                    f'color="{colour}", fontcolor="{HIGHLIGHT_TEXT_COLOUR if bold else "black"}", '
                    f'penwidth={width}, id="w_{layer}_{source}_{target}"];')
    if network.biases is not None and bias_note:
        lines.append(_bias_note(network))
    lines.append("}")
    return "\n".join(lines)


def _node(network, forward, gradients, point, layer, index, show_value, show_slope,
          show_inputs, slopes_inside=False):
    sizes = network.layer_sizes
    name = escape(node_name(sizes, layer, index))
    parts = [f'<font point-size="10">{name}</font>']
    fill = VALUE_COLOUR
    if show_value and forward is not None:
        value = _row(forward.node_values[layer], point)[index]
        parts.append(f"<b>{escape(course_number(value, 4))}</b>")
        if show_inputs and layer > 0:
            node_input = _row(forward.node_inputs[layer], point)[index]
            parts.append(f'<font point-size="9">in {escape(course_number(node_input, 4))}'
                         "</font>")
            if network.activation_name(layer) == "relu" and node_input <= 0:
                fill = INACTIVE_COLOUR
    slope_text = None
    if show_slope and gradients is not None:
        slope = _row(gradients.value_slopes[layer], point)[index]
        slope_text = (f'<font color="{SLOPE_COLOUR}"><b>{escape(course_number(slope, 4))}'
                      "</b></font>")
    if slopes_inside and slope_text is not None:
        rows = "".join(f"<tr><td>{part}</td></tr>" for part in parts)
        rows += f'<tr><td bgcolor="white" style="rounded">{slope_text}</td></tr>'
        label = f'<table border="0" cellborder="0" cellspacing="1" cellpadding="1">{rows}</table>'
    else:
        label = "<br/>".join(parts)
    attrs = [f"label=<{label}>", f'fillcolor="{fill}"', f'id="n_{layer}_{index}"']
    if slope_text is not None and not slopes_inside:
        attrs.append(f"xlabel=<{slope_text}>")
    return f"L{layer}_{index} [{', '.join(attrs)}];"


def _bias_note(network):
    parts = []
    for layer, bias in enumerate(network.biases, start=1):
        values = ", ".join(course_number(b, 4) for b in bias)
        parts.append(f"layer {layer}: {values}")
    text = escape("biases: " + "; ".join(parts))
    return f'  biases [shape=plaintext, style="", fontcolor="#5B6775", label=<{text}>];'


LEGEND = (
    "**How to read the diagram.** Node values from the forward pass are written on "
    "the nodes (the node's input, the weighted sum, below it; a grey node is a ReLU "
    "that is switched off), weights on the arrows, and the slope of the loss with "
    "respect to each node's value beside the node in :violet[**purple**]."
)
