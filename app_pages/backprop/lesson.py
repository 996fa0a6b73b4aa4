"""The backprop page's lesson logic (notes 3.2, 4.1, 4.4; quiz 3.4), numpy only:
the page's networks and data, the steps of one round, and each weight's three
factors checked against backprop and finite differences."""

import re
from dataclasses import dataclass

import numpy as np

from core.activations import check_activation_name
from core.backprop import backprop, weight_factors
from core.checks import as_finite_array, as_number
from core.course import QUIZ_4_4_INPUT, QUIZ_4_4_TARGET, QUIZ_4_4_WEIGHTS
from core.network import ForwardPass, Network
from core.rounds import OVERFLOW_MESSAGE, max_slope

MAX_HIDDEN_LAYERS = 3
MAX_NODES_PER_LAYER = 5
MAX_INPUTS = 4
MAX_POINTS = 8


# -- the page's networks and data ----------------------------------------------------

def quiz_4_4_network():
    """The course's 2-2-1 ReLU network with ``QUIZ_4_4_WEIGHTS`` (no biases)."""
    return Network.from_seed(QUIZ_4_4_WEIGHTS)


def quiz_4_4_data():
    """The quiz-4.4 data point and target as a batch: X of shape (1, 2), y of shape (1,)."""
    return QUIZ_4_4_INPUT.reshape(1, -1).copy(), np.array([QUIZ_4_4_TARGET])


def random_network(n_inputs, hidden_sizes, hidden_activation="relu",
                   output_activation="identity", use_biases=True, seed=0):
    """A network with one output and Glorot-uniform random starting weights.

    Parameters
    ----------
    n_inputs : int, 1 .. MAX_INPUTS
    hidden_sizes : sequence of 1 .. MAX_HIDDEN_LAYERS ints, each 1 .. MAX_NODES_PER_LAYER
    hidden_activation, output_activation : names in ``core.ACTIVATIONS``
    use_biases : bool, biases start at 0 when used
    seed : int >= 0, seeds the random weights

    Returns
    -------
    Network of layer sizes [n_inputs, *hidden_sizes, 1]
    """
    n_inputs = as_number(n_inputs, "n_inputs", minimum=1, maximum=MAX_INPUTS, integer=True)
    if isinstance(hidden_sizes, (str, bytes)) or not hasattr(hidden_sizes, "__len__"):
        raise ValueError(f"hidden_sizes must be a sequence of ints, got {hidden_sizes!r}.")
    if not 1 <= len(hidden_sizes) <= MAX_HIDDEN_LAYERS:
        raise ValueError(f"hidden_sizes must hold 1 to {MAX_HIDDEN_LAYERS} layers, "
                         f"got {len(hidden_sizes)}.")
    sizes = [as_number(s, f"hidden_sizes[{i}]", minimum=1, maximum=MAX_NODES_PER_LAYER,
                       integer=True) for i, s in enumerate(hidden_sizes)]
    check_activation_name(hidden_activation, "hidden_activation")
    check_activation_name(output_activation, "output_activation")
    if not isinstance(use_biases, (bool, np.bool_)):
        raise ValueError(f"use_biases must be True or False, got {use_biases!r}.")
    return Network.random([n_inputs, *sizes, 1], hidden_activation, output_activation,
                          bool(use_biases), seed)


_NUMBER_SPLIT = re.compile(r"[,\s]+")


def parse_points(text, name="points", max_rows=MAX_POINTS, max_columns=MAX_INPUTS):
    """Read data points typed as text: one point per line or per ';', its values
    separated by commas or spaces, e.g. ``"1, 3; 2, 0"``.

    Returns
    -------
    ndarray of shape (n_points, n_values), float64, finite
    """
    if not isinstance(text, str):
        raise ValueError(f"{name} must be text, got {type(text).__name__}.")
    rows = [row.strip() for row in re.split(r"[;\n]", text) if row.strip()]
    if not rows:
        raise ValueError(f"{name} is empty: type at least one number.")
    if len(rows) > max_rows:
        raise ValueError(f"{name} may hold at most {max_rows} points, got {len(rows)}.")
    values = []
    for number, row in enumerate(rows, start=1):
        cells = [cell for cell in _NUMBER_SPLIT.split(row) if cell]
        if not cells:  # e.g. "," alone: separators without a number
            raise ValueError(f"{name}: point {number} ({row!r}) holds no number.")
        try:
            parsed = [float(cell) for cell in cells]
        except ValueError:
            bad = next(cell for cell in cells if not _is_float(cell))
            raise ValueError(f"{name}: point {number} ({row!r}) holds {bad!r}, "
                             "which is not a number.") from None
        if not all(np.isfinite(parsed)):
            raise ValueError(f"{name}: point {number} ({row!r}) holds a number too large "
                             "for float64 (beyond about 1.8e308) or not a number at all.")
        values.append(parsed)
    widths = {len(row) for row in values}
    if len(widths) > 1:
        raise ValueError(f"{name}: every point must hold the same number of values, "
                         f"got {[len(row) for row in values]}.")
    if widths.pop() > max_columns:
        raise ValueError(f"{name}: each point may hold at most {max_columns} values, "
                         f"got {len(values[0])}.")
    return np.array(values, dtype=np.float64)


def _is_float(text):
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_targets(text, n_points):
    """Read one target per point, typed like ``parse_points`` (``"5.5"``, ``"1; 3"``).

    Returns
    -------
    ndarray of shape (n_points,)
    """
    n_points = as_number(n_points, "n_points", minimum=1, integer=True)
    targets = parse_points(text, "targets", max_rows=max(MAX_POINTS, n_points),
                           max_columns=max(MAX_POINTS, n_points)).ravel()
    if targets.shape[0] != n_points:
        raise ValueError(f"targets must hold one value per point ({n_points}), "
                         f"got {targets.shape[0]}.")
    return targets


def zero_error_targets(network, X):
    """Targets equal to the network's predictions (quiz 3.4): every error is 0.

    X : array-like of shape (n_samples, n_features); returns shape (n_samples,)
    for a one-output network, else (n_samples, n_outputs).
    """
    if not isinstance(network, Network):
        raise ValueError(f"network must be a core.Network, got {type(network).__name__}.")
    X = as_finite_array(X, "X", ndim=2)
    prediction = network.predict(X)
    if not np.isfinite(prediction).all():
        raise ValueError("The predictions overflow float64 for these inputs; use smaller "
                         "inputs or weights.")
    return prediction[:, 0].copy() if prediction.shape[1] == 1 else prediction.copy()


@dataclass(frozen=True)
class Problem:
    """A network with its data: X of shape (n_points, n_inputs), y of shape (n_points,)."""

    network: Network
    X: np.ndarray
    y: np.ndarray


NETWORK_KINDS = ("quiz 4.4 network", "random network")


def build_problem(network_kind, points, targets, hidden_sizes=(2,), hidden_activation="relu",
                  output_activation="identity", use_biases=False, seed=0, zero_error=False):
    """The backprop page's network and data from its settings.

    network_kind : 'quiz 4.4 network' (the course's 2-2-1 ReLU network with
        QUIZ_4_4_WEIGHTS; the architecture settings are then ignored) or
        'random network' (``random_network`` with the other settings)
    points, targets : text read by ``parse_points`` and ``parse_targets``
    zero_error : set every target to the network's prediction (quiz 3.4),
        ignoring ``targets``

    Returns
    -------
    Problem
    """
    if network_kind not in NETWORK_KINDS:
        raise ValueError(f"network_kind must be one of {list(NETWORK_KINDS)}, "
                         f"got {network_kind!r}.")
    X = parse_points(points, "points")
    if network_kind == NETWORK_KINDS[0]:
        network = quiz_4_4_network()
        if X.shape[1] != network.layer_sizes[0]:
            raise ValueError(f"The quiz 4.4 network has {network.layer_sizes[0]} inputs: "
                             f"give {network.layer_sizes[0]} values per point, got "
                             f"{X.shape[1]}.")
    else:
        network = random_network(X.shape[1], hidden_sizes, hidden_activation,
                                 output_activation, use_biases, seed)
    y = zero_error_targets(network, X) if zero_error else parse_targets(targets, X.shape[0])
    return Problem(network, X, y)


# -- the steps of one round ------------------------------------------------------------

@dataclass(frozen=True)
class RoundStage:
    """One step of a round (note 3.2), for showing what is computed so far.

    label : e.g. 'forward: hidden layer 1', 'backward: output'
    forward_layers : layers whose node values are known (layer 0 = the inputs)
    backward_layers : layers whose loss slopes are known; the slopes of the
        weights into a layer are known once the layer is
    """

    label: str
    forward_layers: tuple
    backward_layers: tuple


def layer_label(n_layers, layer):
    """'inputs', 'hidden layer k' or 'output' for layer 0 .. n_layers."""
    n_layers = as_number(n_layers, "n_layers", minimum=1, integer=True)
    layer = as_number(layer, "layer", minimum=0, maximum=n_layers, integer=True)
    if layer == 0:
        return "inputs"
    return "output" if layer == n_layers else f"hidden layer {layer}"


def round_stages(n_layers):
    """The steps of one round for a network of ``n_layers`` weight layers: the
    start (only the inputs known), the forward pass one layer at a time, then the
    backward pass one layer at a time, from the output back to hidden layer 1.
    The last stage is the whole round. There are 2 * n_layers + 1 stages."""
    n_layers = as_number(n_layers, "n_layers", minimum=1, integer=True)
    stages = [RoundStage("start", (0,), ())]
    for layer in range(1, n_layers + 1):
        stages.append(RoundStage(f"forward: {layer_label(n_layers, layer)}",
                                 tuple(range(layer + 1)), ()))
    everything = tuple(range(n_layers + 1))
    for layer in range(n_layers, 0, -1):
        stages.append(RoundStage(f"backward: {layer_label(n_layers, layer)}", everything,
                                 tuple(range(layer, n_layers + 1))))
    return stages


# -- checking the three factors --------------------------------------------------------

def relative_difference(a, b):
    """|a - b| / max(|a|, |b|), and 0 when both are 0."""
    a = as_number(a, "a")
    b = as_number(b, "b")
    scale = max(abs(a), abs(b))
    return 0.0 if scale == 0 else abs(a - b) / scale


@dataclass(frozen=True)
class WeightSlope:
    """A weight's slope three ways: the course's three factors point by point,
    backprop's gradient, and finite differences.

    factors : core.WeightFactors (arrays over the points for a batch)
    products : feeding value * fed slope * activation slope, per point
    gradient : backprop's slope for the weight (the sum of ``products``)
    numerical : the central finite-difference estimate
    relative_difference : between ``gradient`` and ``numerical``
    """

    factors: object
    products: np.ndarray
    gradient: float
    numerical: float
    relative_difference: float


def weight_slope(gradients, numerical, layer, source, target):
    """The slope of the weight from node ``source`` of layer ``layer - 1`` to node
    ``target`` of ``layer``, as ``WeightSlope``.

    gradients : core.Gradients from ``core.backprop``
    numerical : the dict from ``core.numerical_gradient`` for the same network and data
    """
    factors = weight_factors(gradients, layer, source, target)
    if not isinstance(numerical, dict) or "weights" not in numerical:
        raise ValueError("numerical must be the dict returned by core.numerical_gradient.")
    with np.errstate(all="ignore"):
        products = np.atleast_1d(np.asarray(factors.feeding_value * factors.fed_value_slope
                                            * factors.activation_slope, dtype=np.float64))
    gradient = float(gradients.weights[layer - 1][source, target])
    estimate = float(numerical["weights"][layer - 1][source, target])
    if not (np.isfinite(gradient) and np.isfinite(estimate)):
        raise ValueError(OVERFLOW_MESSAGE)
    return WeightSlope(factors, products, gradient, estimate,
                       relative_difference(gradient, estimate))


def prediction_errors(forward, y):
    """error = predicted - actual for every point and output, shaped like ``forward``'s
    prediction (y is reshaped to it)."""
    if not isinstance(forward, ForwardPass):
        raise ValueError(f"forward must be a core.ForwardPass, got {type(forward).__name__}.")
    prediction = np.asarray(forward.prediction)
    y = as_finite_array(y, "y", ndim=(0, 1, 2))
    if y.size != prediction.size:
        raise ValueError(f"y must hold one target per prediction ({prediction.size}), "
                         f"got {y.size}.")
    with np.errstate(all="ignore"):
        return prediction - y.reshape(prediction.shape)


def dead_relu_layers(network, forward):
    """Layers (1 .. n_layers) using ReLU where every node's input is <= 0 for
    every point: all switched off, so every slope behind them is 0 (dying ReLU)."""
    if not isinstance(network, Network):
        raise ValueError(f"network must be a core.Network, got {type(network).__name__}.")
    if not isinstance(forward, ForwardPass):
        raise ValueError(f"forward must be a core.ForwardPass, got {type(forward).__name__}.")
    return [layer for layer in range(1, network.n_layers + 1)
            if network.activation_name(layer) == "relu"
            and bool(np.all(forward.node_inputs[layer] <= 0))]


def all_slopes_zero(gradients):
    """True when every weight and bias slope is exactly 0: nothing would change."""
    return max_slope(gradients) == 0.0


def zero_error_gradients(network, X):
    """``core.backprop`` with the targets set to the network's own predictions
    (quiz 3.4): every error is 0, so every slope is 0."""
    return backprop(network, X, zero_error_targets(network, X))
