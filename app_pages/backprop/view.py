"""What the backprop page shows: the live diagram at a step of the round, a weight's
slope as the course's three factors, a node's slope as a sum, the rounds' loss,
and the messages for dead ReLUs, divergence and flat ground. Every number comes
from ``core`` (through ``model``); this module only formats it."""

import altair as alt
import pandas as pd
import streamlit as st

import core
from core.rounds import FLAT_TOLERANCE, MAX_ROUNDS
from ui.diagram import network_diagram, node_name, weight_name
from ui.format import course_number
from ui.palette import BLUE

from . import lesson

DIAGRAM_LEGEND = (
    "**How to read the diagram.** The forward pass writes each node's value in bold "
    "(its input, the weighted sum, below it; a hollow dashed node is a ReLU that is "
    "switched off), the weights are on the arrows, and the backward pass writes the "
    "slope of the loss with respect to each node's value in :violet[**purple**] in the "
    "badge at the bottom of the node. The picked weight and node are drawn in "
    ":orange[**orange**] (click an arrow or a node to pick it); numbers not computed "
    "yet at this step are left blank."
)
LINE_COLOUR = BLUE


# -- naming the weights and nodes --------------------------------------------------------

def weight_slots(network):
    """Every weight as (layer, source, target), layer by layer."""
    sizes = network.layer_sizes
    return [(layer, source, target) for layer in range(1, len(sizes))
            for source in range(sizes[layer - 1]) for target in range(sizes[layer])]


def node_slots(network):
    """Every node as (layer, index), the inputs first, the output last."""
    sizes = network.layer_sizes
    return [(layer, index) for layer in range(len(sizes)) for index in range(sizes[layer])]


def weight_names(network):
    """The course's names of the weights, e.g. 'input_1 → node_1'."""
    return [weight_name(network.layer_sizes, *slot) for slot in weight_slots(network)]


def node_names(network):
    """The course's names of the nodes, e.g. 'input_0', 'node_0', 'output'."""
    return [node_name(network.layer_sizes, *slot) for slot in node_slots(network)]


def first_hidden_node(network):
    """Index in ``node_slots`` of the first hidden node (the picker's default)."""
    return network.layer_sizes[0]


def pick_from_diagram(network):
    """The diagram's on_pick for ``network``: a click on an arrow or a node sets the
    page's weight or node picker to it (before the rerun, as a widget callback)."""
    def on_pick(kind, numbers):
        slots = weight_slots(network) if kind == "weight" else node_slots(network)
        names = weight_names(network) if kind == "weight" else node_names(network)
        if numbers in slots:
            st.session_state["weight" if kind == "weight" else "node"] = (
                names[slots.index(numbers)])
    return on_pick


def _n(value):
    return course_number(value, 4)


def _factor(value):
    """A factor of a product: negative numbers in brackets, 3 × (-0.47) × 1."""
    text = _n(value)
    return f"({text})" if text.startswith("-") else text


# -- the diagram ---------------------------------------------------------------------------

def round_diagram(study, stage_index, point, weight, node):
    """The network at the current step: values known so far on the nodes, slopes
    known so far beside them, the picked weight and node highlighted."""
    stage = study.stages[stage_index]
    network, gradients = study.network, study.gradients
    backward = gradients if stage.backward_layers else None
    network_diagram(network, gradients.forward, backward, point=point,
                    forward_layers=stage.forward_layers,
                    backward_layers=stage.backward_layers, highlight=weight,
                    highlight_node=node, edge_labels=len(weight_slots(network)) <= 30,
                    key="backprop_diagram", on_pick=pick_from_diagram(network), alt=(
                        f"Network diagram {'-'.join(map(str, network.layer_sizes))} at "
                        f"step '{stage.label}': node values, weights and loss slopes "
                        "computed so far"))
    extra = ""
    if len(weight_slots(network)) > 30:
        extra += (" With this many weights only the picked weight's number is written on "
                  "its arrow; the others are listed under *All the weights*.")
    if study.problem.X.shape[0] > 1:
        extra += (f" The diagram shows point {point + 1}; its slopes are that point's share "
                  "of the loss slopes, which add up over the points.")
    st.caption(DIAGRAM_LEGEND + extra)


def prediction_metrics(study, stage_index, point):
    """Prediction, error and loss, once the forward pass has reached the output."""
    stage = study.stages[stage_index]
    known = study.network.n_layers in stage.forward_layers
    forward = study.gradients.forward
    errors = lesson.prediction_errors(forward, study.problem.y)
    cols = st.columns(4)
    cols[0].metric("Prediction", _n(forward.prediction[point, 0]) if known else "?")
    cols[1].metric("Target", _n(study.problem.y[point]))
    cols[2].metric("Error (predicted - actual)", _n(errors[point, 0]) if known else "?")
    cols[3].metric("Loss (MSE)", _n(study.gradients.loss) if known else "?")


# -- a weight's slope as three factors ------------------------------------------------

def weight_panel(study, stage_index, slot, name):
    """Note 4.1: the weight's slope as the product of its three factors, beside
    backprop's gradient and finite differences."""
    layer, source, target = slot
    sizes = study.network.layer_sizes
    feeding, fed = node_name(sizes, layer - 1, source), node_name(sizes, layer, target)
    st.markdown(f"#### The slope of the weight `{name}`")
    if layer not in study.stages[stage_index].backward_layers:
        st.info(f"Not computed yet: the backward pass reaches `{fed}` at the step "
                f"*backward: {lesson.layer_label(study.network.n_layers, layer)}*. "
                "Press **Next step** or **Whole round**.")
        return
    try:
        ws = lesson.weight_slope(study.gradients, study.numerical, layer, source, target)
    except ValueError as problem:  # finite differences overflow on huge inputs
        st.error(str(problem))
        return
    f = ws.factors
    activation = study.network.activation_name(layer)
    if ws.products.shape[0] == 1:
        st.markdown(
            f"value of `{feeding}` × slope of the loss w.r.t. the value of `{fed}` × "
            f"slope of {activation} at `{fed}`  \n= {_factor(f.feeding_value[0])} × "
            f"{_factor(f.fed_value_slope[0])} × {_factor(f.activation_slope[0])} = "
            f"**{_n(ws.products[0])}**")
    else:
        st.markdown(f"One product per point; the weight's slope is their sum, "
                    f"**{_n(ws.gradient)}**.")
        st.table(pd.DataFrame({
            "point": range(1, ws.products.shape[0] + 1),
            f"value of {feeding}": [_n(v) for v in f.feeding_value],
            f"loss slope at {fed}": [_n(v) for v in f.fed_value_slope],
            f"{activation} slope at {fed}": [_n(v) for v in f.activation_slope],
            "product": [_n(v) for v in ws.products]}), hide_index=True)
    st.table(pd.DataFrame({"backprop's slope": [_n(ws.gradient)],
                           "finite differences": [_n(ws.numerical)],
                           "relative difference": [course_number(ws.relative_difference, 2)]}),
             hide_index=True)
    if ws.relative_difference > 1e-4:
        st.warning("Backprop and finite differences disagree here: a ReLU node sits at "
                   "its kink (input exactly 0), where ReLU has no single slope. Backprop "
                   "takes the slope 0 there; the finite difference averages 0 and 1.")


# -- a node's slope as a sum -----------------------------------------------------------------

def node_panel(study, stage_index, slot, point):
    """Note 3.2: a node's loss slope is the sum over the weights leaving it; the
    output's is the slope of the MSE itself, 2 × error / number of points."""
    layer, index = slot
    network, sizes = study.network, study.network.layer_sizes
    name = node_name(sizes, layer, index)
    st.markdown(f"#### The slope of the node `{name}`")
    known = (layer in study.stages[stage_index].backward_layers
             or (layer == 0 and 1 in study.stages[stage_index].backward_layers))
    if not known:
        reached = lesson.layer_label(network.n_layers, max(layer, 1))
        st.info(f"Not computed yet: the backward pass reaches `{name}` at the step "
                f"*backward: {reached}*.")
        return
    if layer == network.n_layers:
        errors = lesson.prediction_errors(study.gradients.forward, study.problem.y)
        n_points = study.problem.X.shape[0]
        slope = study.gradients.value_slopes[layer][point, index]
        st.markdown(
            f"The loss is the MSE over {n_points} point(s), so its slope with respect to "
            f"the prediction of this point is 2 × error / {n_points} = 2 × "
            f"{_n(errors[point, index])} / {n_points} = **{_n(slope)}**, the purple "
            f"number on `{name}` (note 2.2: the slope of the squared error is 2 × error).")
        return
    terms = core.node_slope_terms(network, study.gradients, layer, index)
    # The page's data is always a batch (2-D X): row ``point`` is the point shown.
    rows = terms.input_slopes[point], terms.terms[point]
    st.table(pd.DataFrame({
        "weight leaving it": [weight_name(sizes, layer + 1, index, t)
                              for t in range(sizes[layer + 1])],
        "weight": [_n(w) for w in terms.weights],
        "loss slope at the fed node's input": [_n(v) for v in rows[0]],
        "term = weight × that slope": [_n(v) for v in rows[1]]}), hide_index=True)
    total = _n(terms.value_slope[point])
    st.markdown(f"Sum of the terms = **{total}**, the purple number beside `{name}`. "
                "(The slope at a node's input is the slope at its value times its "
                "activation's slope.)")


# -- rounds: update, counters, the loss ------------------------------------------------------

def round_metrics(history):
    """Loss before and after the last update and the pass counters (quiz 3.3)."""
    cols = st.columns(2) + st.columns(2)
    before = history.loss_before
    cols[0].metric("Loss before", "–" if before is None else _n(before),
                   help="The loss before the last update")
    cols[1].metric("Loss now", _n(history.loss_after), help="The loss after the last update")
    cols[2].metric("Forward passes", history.forward_passes,
                   help="One forward pass per round (quiz 3.3)")
    cols[3].metric("Backward passes", history.backward_passes,
                   help="One backward pass per round")


def loss_chart(history):
    """The MSE after 0, 1, ... rounds (finite by construction)."""
    data = pd.DataFrame({"rounds": range(history.rounds_done + 1), "loss": history.losses})
    chart = alt.Chart(data).mark_line(color=LINE_COLOUR, point=history.rounds_done <= 50).encode(
        x=alt.X("rounds:Q", title="Rounds applied",
                axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("loss:Q", title="Loss (MSE)"))
    st.altair_chart(chart.properties(height=220), width="stretch", alt=(
        f"Line chart of the loss over {history.rounds_done} rounds, from "
        f"{_n(history.losses[0])} to {_n(history.loss_after)}"))


def training_messages(history, learning_rate):
    """Divergence, a rising loss, flat ground, or no flat ground in MAX_ROUNDS."""
    if history.diverged_at is not None:
        st.error(f"The learning rate {course_number(learning_rate)} diverges: round "
                 f"{history.diverged_at} would send the loss past what float64 holds or "
                 "a million times its start, so it is not applied; the page shows the "
                 f"weights after {history.rounds_done} rounds. Each step overshoots the "
                 "bottom by more than it gains: use a smaller learning rate.",
                 icon=":material/trending_up:")
    elif history.loss_before is not None and history.loss_after > history.loss_before:
        st.warning("The last update raised the loss: the step overshot the bottom of the "
                   "valley. A smaller learning rate takes smaller steps.")
    if history.is_flat and history.rounds_done:
        st.success(f"Flat ground after {history.rounds_done} rounds: every slope is below "
                   f"{course_number(FLAT_TOLERANCE)}, so the updates barely move the "
                   "weights (note 4.2: keep going until you get to a flat part).")
    elif history.rounds_done == MAX_ROUNDS:
        st.info(f"Still not flat after {MAX_ROUNDS} rounds (largest slope "
                f"{_n(history.max_slopes[-1])}): try a larger learning rate.")


def round_messages(study):
    """Dead ReLUs (nothing learns) or all-zero slopes (nothing to learn)."""
    network = study.network
    dead = lesson.dead_relu_layers(network, study.gradients.forward)
    if dead:
        where = " and ".join(lesson.layer_label(network.n_layers, layer) for layer in dead)
        where = where.replace("output", "the output")
        st.warning(f"Dying ReLU: in {where}, every node gets an input ≤ 0 for every "
                   "point, so ReLU switches it off and its slope is 0. Every weight "
                   "feeding into it, and every weight before it, gets slope 0 × ... = 0: "
                   "the updates are 0 and nothing learns. Try another seed, a smaller "
                   "learning rate, biases, or another activation.",
                   icon=":material/power_off:")
    elif lesson.all_slopes_zero(study.gradients):
        st.success("Every slope is exactly 0: all the errors are 0, so the slope of the "
                   "loss at the output is 0 and every product of the backward pass is 0. "
                   "Every update is 0 (quiz 3.4).")


def all_weights_table(study):
    """Every weight and bias with its value and its slope (the whole round's)."""
    network, gradients = study.network, study.gradients
    slots = weight_slots(network)
    names = weight_names(network)
    values = [_n(network.weights[layer - 1][s, t]) for layer, s, t in slots]
    slopes = [_n(gradients.weights[layer - 1][s, t]) for layer, s, t in slots]
    if network.biases is not None:
        sizes = network.layer_sizes
        for layer in range(1, len(sizes)):
            for index in range(sizes[layer]):
                names.append(f"bias of {node_name(sizes, layer, index)}")
                values.append(_n(network.biases[layer - 1][index]))
                slopes.append(_n(gradients.biases[layer - 1][index]))
    st.dataframe(pd.DataFrame({"weight": names, "value": values, "slope": slopes}),
                 hide_index=True, height=min(35 * len(names) + 38, 400))
