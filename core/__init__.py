"""Backprop Studio's model of the course, in numpy only.

Names from the course first (``relu``, ``predict_with_network``, ``get_error``,
``get_slope``, ``get_mse``), then the general ones (``Network``, ``backprop``,
``train_sgd``). Every loss here is the course's MSE, mean((predicted - actual)**2).
"""

from .activations import (
    ACTIVATION_SLOPES,
    ACTIVATIONS,
    get_activation,
    identity,
    identity_slope,
    relu,
    relu_slope,
    sigmoid,
    sigmoid_slope,
    tanh,
    tanh_slope,
)
from .backprop import (
    Gradients,
    NodeSlopeTerms,
    WeightFactors,
    backprop,
    loss,
    node_slope_terms,
    numerical_gradient,
    weight_factors,
)
from .linear import DescentHistory, get_error, get_mse, get_slope, gradient_descent
from .losses import mean_squared_error
from .network import ForwardPass, Network, predict_with_network
from .sgd import SGDResult, epoch_orders, train_sgd

__all__ = [
    "ACTIVATIONS",
    "ACTIVATION_SLOPES",
    "DescentHistory",
    "ForwardPass",
    "Gradients",
    "Network",
    "NodeSlopeTerms",
    "SGDResult",
    "WeightFactors",
    "backprop",
    "epoch_orders",
    "get_activation",
    "get_error",
    "get_mse",
    "get_slope",
    "gradient_descent",
    "identity",
    "identity_slope",
    "loss",
    "mean_squared_error",
    "node_slope_terms",
    "numerical_gradient",
    "predict_with_network",
    "relu",
    "relu_slope",
    "sigmoid",
    "sigmoid_slope",
    "tanh",
    "tanh_slope",
    "train_sgd",
    "weight_factors",
]
