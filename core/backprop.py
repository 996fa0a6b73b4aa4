"""Backward propagation: the slope of the loss for every weight, bias and node.

The loss is the course's mean squared error over the rows of X (and over the
outputs when there are several): L = mean((prediction - y)**2).

Going back one layer at a time (note 3.2):

- slope of L w.r.t. the output values: 2 * (prediction - y) / n_values
- slope w.r.t. a node's input = slope w.r.t. its value * activation slope there
- slope w.r.t. a node's value = sum, over the weights leaving it, of
  weight * slope w.r.t. the input of the node it feeds
- gradient of a weight = value of the node feeding it * slope of the loss w.r.t.
  the value of the node it feeds * activation slope there (note 4.1), summed over rows.
"""

from dataclasses import dataclass

import numpy as np

from .checks import as_finite_array, as_number
from .network import ForwardPass, Network


def check_targets(network, X, y):
    """Return (X, y) as float64 arrays with y shaped like ``network.predict(X)``.

    y may be a scalar or (n_outputs,) for one point, and (n_samples,) or
    (n_samples, n_outputs) for a batch.
    """
    if not isinstance(network, Network):
        raise ValueError(f"network must be a core.Network, got {type(network).__name__}.")
    X = network.check_inputs(X)
    y = as_finite_array(y, "y", ndim=(0, 1, 2))
    n_outputs = network.layer_sizes[-1]
    if X.ndim == 1:
        expected = (n_outputs,)
        accepted = [expected] + ([()] if n_outputs == 1 else [])
    else:
        expected = (X.shape[0], n_outputs)
        accepted = [expected] + ([(X.shape[0],)] if n_outputs == 1 else [])
    if y.shape not in accepted:
        raise ValueError(f"y must hold {n_outputs} target(s) per point of X, i.e. shape "
                         f"{expected}, got shape {y.shape}.")
    return X, y.reshape(expected)


@dataclass(frozen=True)
class Gradients:
    """What ``backprop`` returns (lists have one entry per layer, inputs first,
    except ``weights`` and ``biases`` which follow the network's).

    loss : float, the MSE of the forward pass
    weights : list of ndarray, weights[l] of shape (n_in, n_out), dL/dW
    biases : list of ndarray or None, dL/db
    value_slopes : list, dL/d(node value) per layer, shaped like the node values
    input_slopes : list, dL/d(node input) per layer, shaped like the node inputs
    activation_slopes : list, f'(node input) per layer
    forward : the ForwardPass the slopes were computed from
    """

    loss: float
    weights: list
    biases: list | None
    value_slopes: list
    input_slopes: list
    activation_slopes: list
    forward: ForwardPass


def backprop(network, X, y):
    """Gradients of the MSE with respect to every weight, bias, node value and
    node input of ``network`` for inputs X and targets y.

    X : array-like of shape (n_features,) or (n_samples, n_features)
    y : targets, see ``check_targets``

    Returns
    -------
    Gradients
    """
    X, y = check_targets(network, X, y)
    with np.errstate(all="ignore"):
        return _backprop(network, X, y)


def _backprop(network, X, y):
    forward = network._forward(X)
    act_slopes = network.activation_slopes(forward)
    error = forward.prediction - y
    loss = float(np.mean(error ** 2))

    n_layers = network.n_layers
    value_slopes = [None] * (n_layers + 1)
    input_slopes = [None] * (n_layers + 1)
    value_slopes[n_layers] = 2.0 * error / error.size
    for layer in range(n_layers, 0, -1):
        input_slopes[layer] = value_slopes[layer] * act_slopes[layer]
        value_slopes[layer - 1] = input_slopes[layer] @ network.weights[layer - 1].T
    input_slopes[0] = value_slopes[0]

    weight_grads, bias_grads = [], []
    for layer in range(1, n_layers + 1):
        feeding = forward.node_values[layer - 1]
        delta = input_slopes[layer]
        if X.ndim == 1:
            weight_grads.append(np.outer(feeding, delta))
            bias_grads.append(delta.copy())
        else:
            weight_grads.append(feeding.T @ delta)
            bias_grads.append(delta.sum(axis=0))
    return Gradients(
        loss=loss,
        weights=weight_grads,
        biases=bias_grads if network.biases is not None else None,
        value_slopes=value_slopes,
        input_slopes=input_slopes,
        activation_slopes=act_slopes,
        forward=forward,
    )


def loss(network, X, y):
    """The MSE of ``network`` on inputs X and targets y (see ``backprop``)."""
    X, y = check_targets(network, X, y)
    with np.errstate(all="ignore"):
        return float(np.mean((network._forward(X).prediction - y) ** 2))


def numerical_gradient(network, X, y, eps=1e-6):
    """Central finite differences of the MSE, (L(w + eps) - L(w - eps)) / (2 eps),
    for every weight and bias.

    Returns
    -------
    dict with 'weights' (list shaped like network.weights) and 'biases'
    (list shaped like network.biases, or None).
    """
    X, y = check_targets(network, X, y)
    eps = as_number(eps, "eps", minimum=0, strict_minimum=True)
    probe = network.copy()

    def estimate(params):
        grads = []
        for array in params:
            grad = np.empty_like(array)
            for index in np.ndindex(array.shape):
                original = array[index]
                array[index] = original + eps
                up = np.mean((probe._forward(X).prediction - y) ** 2)
                array[index] = original - eps
                down = np.mean((probe._forward(X).prediction - y) ** 2)
                array[index] = original
                grad[index] = (up - down) / (2.0 * eps)
            grads.append(grad)
        return grads

    with np.errstate(all="ignore"):
        weights = estimate(probe.weights)
        biases = None if probe.biases is None else estimate(probe.biases)
    return {"weights": weights, "biases": biases}


@dataclass(frozen=True)
class WeightFactors:
    """A weight's gradient as the course's three factors (note 4.1).

    For one point each factor is a float; for a batch each is an array over rows
    and ``gradient`` is the sum over rows of their products.

    feeding_value : value of the node feeding the weight
    fed_value_slope : slope of the loss w.r.t. the value of the node it feeds
    activation_slope : slope of the activation at the node it feeds
    gradient : their product (summed over rows), equal to backprop's gradient
    """

    feeding_value: object
    fed_value_slope: object
    activation_slope: object
    gradient: float


def weight_factors(gradients, layer, source, target):
    """The three factors of the weight from node ``source`` of layer ``layer - 1``
    to node ``target`` of layer ``layer`` (layer from 1 to n_layers)."""
    n_layers = len(gradients.weights)
    layer = as_number(layer, "layer", minimum=1, maximum=n_layers, integer=True)
    n_in, n_out = gradients.weights[layer - 1].shape
    source = as_number(source, "source", minimum=0, maximum=n_in - 1, integer=True)
    target = as_number(target, "target", minimum=0, maximum=n_out - 1, integer=True)
    feeding = gradients.forward.node_values[layer - 1][..., source]
    fed_slope = gradients.value_slopes[layer][..., target]
    act_slope = gradients.activation_slopes[layer][..., target]
    with np.errstate(all="ignore"):
        gradient = float(np.sum(feeding * fed_slope * act_slope))
    return WeightFactors(feeding[()], fed_slope[()], act_slope[()], gradient)


@dataclass(frozen=True)
class NodeSlopeTerms:
    """A node's value slope as the sum over the weights leaving it (note 3.2).

    weights : the outgoing weights, shape (n_next,)
    input_slopes : slope of the loss w.r.t. the input of each node fed, shape
        (n_next,) for one point or (n_samples, n_next) for a batch
    terms : weight * input slope, one term per outgoing weight
    value_slope : their sum, equal to backprop's value slope for the node
    """

    weights: np.ndarray
    input_slopes: np.ndarray
    terms: np.ndarray
    value_slope: object


def node_slope_terms(network, gradients, layer, node):
    """The terms whose sum is the loss slope w.r.t. the value of ``node`` in
    ``layer`` (0 .. n_layers - 1)."""
    layer = as_number(layer, "layer", minimum=0, maximum=network.n_layers - 1, integer=True)
    n_nodes = network.layer_sizes[layer]
    node = as_number(node, "node", minimum=0, maximum=n_nodes - 1, integer=True)
    outgoing = network.weights[layer][node]
    fed_slopes = gradients.input_slopes[layer + 1]
    with np.errstate(all="ignore"):
        terms = outgoing * fed_slopes
        value_slope = terms.sum(axis=-1)
    return NodeSlopeTerms(outgoing.copy(), fed_slopes, terms, value_slope[()])
