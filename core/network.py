"""Forward propagation: the course's 2-2-1 network and a general dense network,
and the 2-2-1 network's errors on many points (task 1.10).

A network is a list of layer weight matrices; ``weights[l]`` has shape
(n_in, n_out) and maps the node values of layer l to the node inputs of layer l+1,
as in scikit-learn's ``coefs_``. Layer 0 is the input layer (the data itself).
"""

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATION_SLOPES, ACTIVATIONS, check_activation_name, relu
from .checks import as_finite_array, as_number

SEED_WEIGHT_KEYS = ("node_0", "node_1", "output")


def check_seed_weights(weights):
    if not isinstance(weights, dict):
        raise ValueError(f"weights must be a dict with keys {list(SEED_WEIGHT_KEYS)}, "
                         f"got {type(weights).__name__}.")
    missing = [key for key in SEED_WEIGHT_KEYS if key not in weights]
    if missing:
        raise ValueError(f"weights is missing keys {missing}; it needs "
                         f"{list(SEED_WEIGHT_KEYS)}, got keys {sorted(weights)}.")
    checked = {key: as_finite_array(weights[key], f"weights[{key!r}]", ndim=1)
               for key in SEED_WEIGHT_KEYS}
    for key in SEED_WEIGHT_KEYS:
        if checked[key].shape != (2,):
            raise ValueError(f"weights[{key!r}] must hold 2 values, "
                             f"got {checked[key].shape[0]}.")
    return checked


def predict_with_network(input_data_point, weights):
    """Prediction of the course's 2-2-1 network, ReLU on hidden and output nodes.

    node_k_output = relu(sum(input_data_point * weights['node_k'])) for k = 0, 1;
    model_output = relu(sum([node_0_output, node_1_output] * weights['output'])).

    Parameters
    ----------
    input_data_point : array-like of shape (2,)
    weights : dict with keys 'node_0', 'node_1', 'output', each array-like of shape (2,)

    Returns
    -------
    float
    """
    input_data_point = as_finite_array(input_data_point, "input_data_point", ndim=1)
    if input_data_point.shape != (2,):
        raise ValueError(f"input_data_point must hold 2 values, "
                         f"got {input_data_point.shape[0]}.")
    weights = check_seed_weights(weights)

    node_0_input = (input_data_point * weights["node_0"]).sum()
    node_0_output = relu(node_0_input)

    node_1_input = (input_data_point * weights["node_1"]).sum()
    node_1_output = relu(node_1_input)

    hidden_layer_values = np.array([node_0_output, node_1_output])
    input_to_final_layer = (hidden_layer_values * weights["output"]).sum()
    return float(relu(input_to_final_layer))


@dataclass(frozen=True)
class ForwardPass:
    """Every node of a forward pass, one entry per layer (layer 0 = the inputs).

    node_inputs[l] : the weighted sums flowing into layer l's nodes
        (for layer 0, the data itself).
    node_values[l] : activation(node_inputs[l]), what the course writes on the
        nodes (for layer 0, the data itself).
    Each entry has shape (n_nodes,) for one point or (n_samples, n_nodes) for a batch.
    """

    node_inputs: list
    node_values: list

    @property
    def prediction(self):
        """The output layer's node values."""
        return self.node_values[-1]


class Network:
    """A dense feed-forward network: any number of layers, one activation for the
    hidden layers and one for the output layer.

    Parameters
    ----------
    weights : list of array-like, weights[l] of shape (n_in, n_out)
    biases : None (no biases), or list of array-like, biases[l] of shape (n_out,)
    hidden_activation, output_activation : names in ``core.ACTIVATIONS``
    """

    def __init__(self, weights, biases=None, hidden_activation="relu",
                 output_activation="identity"):
        if isinstance(weights, np.ndarray) or not isinstance(weights, (list, tuple)):
            raise ValueError("weights must be a list of 2-D arrays, one per layer, "
                             f"got {type(weights).__name__}.")
        if len(weights) == 0:
            raise ValueError("weights must hold at least one layer, got an empty list.")
        self.weights = [as_finite_array(w, f"weights[{i}]", ndim=2)
                        for i, w in enumerate(weights)]
        for i in range(1, len(self.weights)):
            n_out, n_in = self.weights[i - 1].shape[1], self.weights[i].shape[0]
            if n_out != n_in:
                raise ValueError(
                    f"weights[{i}] must have {n_out} rows to follow weights[{i - 1}] "
                    f"of shape {self.weights[i - 1].shape}, got shape "
                    f"{self.weights[i].shape}.")
        if biases is None:
            self.biases = None
        else:
            if not isinstance(biases, (list, tuple)) or len(biases) != len(self.weights):
                raise ValueError(f"biases must be None or a list of {len(self.weights)} "
                                 f"arrays, got {biases!r:.80}.")
            self.biases = [as_finite_array(b, f"biases[{i}]", ndim=1)
                           for i, b in enumerate(biases)]
            for i, (w, b) in enumerate(zip(self.weights, self.biases, strict=True)):
                if b.shape != (w.shape[1],):
                    raise ValueError(f"biases[{i}] must have shape ({w.shape[1]},), "
                                     f"got {b.shape}.")
        self.hidden_activation = check_activation_name(hidden_activation,
                                                       "hidden_activation")
        self.output_activation = check_activation_name(output_activation,
                                                       "output_activation")

    # -- construction -------------------------------------------------------------

    @classmethod
    def from_seed(cls, weights_dict):
        """The course's 2-2-1 network from its dict of weights: ReLU everywhere,
        no biases. Column k of the first matrix is ``weights_dict['node_k']``."""
        checked = check_seed_weights(weights_dict)
        hidden = np.column_stack([checked["node_0"], checked["node_1"]])
        output = checked["output"].reshape(2, 1)
        return cls([hidden, output], None, "relu", "relu")

    @classmethod
    def random(cls, layer_sizes, hidden_activation="relu", output_activation="identity",
               use_biases=True, seed=0):
        """A network with Glorot-uniform random weights (as scikit-learn's MLP draws
        them) and zero biases.

        layer_sizes : sequence of ints >= 1, from the inputs to the outputs,
            e.g. (2, 2, 1) for the course's network.
        """
        sizes = [as_number(s, f"layer_sizes[{i}]", minimum=1, integer=True)
                 for i, s in enumerate(layer_sizes)]
        if len(sizes) < 2:
            raise ValueError(f"layer_sizes must have at least 2 entries (inputs and "
                             f"outputs), got {list(layer_sizes)}.")
        seed = as_number(seed, "seed", minimum=0, integer=True)
        check_activation_name(hidden_activation, "hidden_activation")
        rng = np.random.default_rng(seed)
        weights = []
        for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True):
            factor = 2.0 if hidden_activation == "sigmoid" else 6.0
            bound = np.sqrt(factor / (n_in + n_out))
            weights.append(rng.uniform(-bound, bound, size=(n_in, n_out)))
        biases = [np.zeros(n) for n in sizes[1:]] if use_biases else None
        return cls(weights, biases, hidden_activation, output_activation)

    def with_parameters(self, weights, biases=None):
        """A new network with the same activations and these weights and biases."""
        return Network(weights, biases, self.hidden_activation, self.output_activation)

    def copy(self):
        """A deep copy (the arrays are copied)."""
        biases = None if self.biases is None else [b.copy() for b in self.biases]
        return self.with_parameters([w.copy() for w in self.weights], biases)

    # -- shape ----------------------------------------------------------------------

    @property
    def layer_sizes(self):
        """Number of nodes per layer, inputs first: e.g. [2, 2, 1]."""
        return [self.weights[0].shape[0]] + [w.shape[1] for w in self.weights]

    @property
    def n_layers(self):
        """Number of weight layers (hidden layers + 1)."""
        return len(self.weights)

    def activation_name(self, layer):
        """Name of the activation at ``layer`` (1 .. n_layers; 0 is the input)."""
        if layer == 0:
            return "identity"
        return self.output_activation if layer == self.n_layers else self.hidden_activation

    def __repr__(self):
        return (f"Network(layer_sizes={self.layer_sizes}, "
                f"hidden_activation={self.hidden_activation!r}, "
                f"output_activation={self.output_activation!r}, "
                f"biases={'yes' if self.biases is not None else 'no'})")

    # -- forward ----------------------------------------------------------------------

    def check_inputs(self, X, name="X"):
        """Return X as a finite float64 array of shape (n_features,) or
        (n_samples, n_features) that fits the network's input layer."""
        X = as_finite_array(X, name, ndim=(1, 2))
        n_features = self.layer_sizes[0]
        if X.shape[-1] != n_features:
            raise ValueError(f"{name} must have {n_features} values per point to match "
                             f"the network's input layer, got {X.shape[-1]}.")
        return X

    def forward(self, X):
        """Forward propagation: every layer's node inputs and node values.

        node_input[l] = node_value[l-1] @ weights[l-1] (+ biases[l-1]);
        node_value[l] = activation(node_input[l]).

        X : array-like of shape (n_features,) or (n_samples, n_features)

        Returns
        -------
        ForwardPass
        """
        X = self.check_inputs(X)
        with np.errstate(all="ignore"):
            return self._forward(X)

    def _forward(self, X):
        node_inputs, node_values = [X], [X]
        value = X
        for layer, weights in enumerate(self.weights, start=1):
            node_input = value @ weights
            if self.biases is not None:
                node_input = node_input + self.biases[layer - 1]
            value = ACTIVATIONS[self.activation_name(layer)](node_input)
            node_inputs.append(np.asarray(node_input))
            node_values.append(np.asarray(value))
        return ForwardPass(node_inputs, node_values)

    def predict(self, X):
        """The output layer's values: shape (n_outputs,) for one point or
        (n_samples, n_outputs) for a batch."""
        return self.forward(X).prediction

    def activation_slopes(self, forward):
        """Slope of each layer's activation at its node inputs (layer 0: ones)."""
        with np.errstate(all="ignore"):
            return [ACTIVATION_SLOPES[self.activation_name(layer)](node_input)
                    for layer, node_input in enumerate(forward.node_inputs)]


@dataclass(frozen=True)
class PointErrors:
    """What ``seed_network_errors`` returns, one entry per point.

    predictions : ndarray of shape (n_samples,)
    errors : ndarray of shape (n_samples,), predictions - target_actuals
    squared_errors : ndarray of shape (n_samples,), errors**2
    mse : float, mean(squared_errors), the course's loss (no factor 1/2)
    """

    predictions: np.ndarray
    errors: np.ndarray
    squared_errors: np.ndarray
    mse: float


def seed_network_errors(input_data, target_actuals, weights):
    """Predictions, errors and squared errors of the course's 2-2-1 network on
    many points, and their mean squared error (task 1.10).

    prediction_i = predict_with_network(input_data[i], weights);
    error_i = prediction_i - target_actuals[i];
    mse = mean(error_i**2).

    Parameters
    ----------
    input_data : array-like of shape (n_samples, 2), one row a point
    target_actuals : array-like of shape (n_samples,)
    weights : dict with keys 'node_0', 'node_1', 'output', each array-like of shape (2,)

    Returns
    -------
    PointErrors

    Raises ValueError for a table that does not fit the network, for NaN or inf,
    and for numbers so large that a squared error or the MSE overflows float64.
    """
    input_data = as_finite_array(input_data, "input_data", ndim=2)
    if input_data.shape[1] != 2:
        raise ValueError(f"input_data must have 2 values per point (input_0, input_1) "
                         f"for the 2-2-1 network, got {input_data.shape[1]}.")
    target_actuals = as_finite_array(target_actuals, "target_actuals", ndim=1)
    if target_actuals.shape[0] != input_data.shape[0]:
        raise ValueError(f"target_actuals must hold one target per point of input_data "
                         f"({input_data.shape[0]}), got {target_actuals.shape[0]}.")
    network = Network.from_seed(weights)
    with np.errstate(all="ignore"):
        predictions = network.predict(input_data)[:, 0]
        errors = predictions - target_actuals
        squared_errors = errors ** 2
        mse = float(np.mean(squared_errors))
    bad = ~np.isfinite(squared_errors)
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(f"The squared error of point {row} (counting from 0) is too large "
                         "to compute: it overflows float64 (about 1.8e308). Use smaller "
                         "inputs, targets or weights.")
    if not np.isfinite(mse):
        raise ValueError("The mean squared error is too large to compute: the sum of the "
                         "squared errors overflows float64 (about 1.8e308). Use smaller "
                         "inputs, targets or weights.")
    return PointErrors(predictions=predictions, errors=errors,
                       squared_errors=squared_errors, mse=mse)
