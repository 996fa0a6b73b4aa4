"""Backprop Studio's model of the course, in numpy only.

Names from the course first (``relu``, ``predict_with_network``, ``get_error``,
``get_slope``, ``get_mse``), then the general ones (``Network``, ``backprop``,
``train_sgd``). Every loss here is the course's MSE, mean((predicted - actual)**2).
The submodules hold a few more names for the pages (input checks in
``core.checks``, the activations' slopes in ``core.activations``, the course's
numbers in ``core.course``); ``__all__`` is the library a learner reads first.
"""

from .activations import ACTIVATION_SLOPES, ACTIVATIONS, get_activation, relu, sigmoid, tanh
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
from .datasets import Dataset, bank_transactions, standardize, unstandardize
from .linear import (
    DescentHistory,
    LinearUpdate,
    get_error,
    get_mse,
    get_slope,
    gradient_descent,
    linear_update,
)
from .losses import loss_along, loss_surface, mean_squared_error
from .network import ForwardPass, Network, PointErrors, predict_with_network, seed_network_errors
from .rounds import RoundsHistory, one_round, train_rounds
from .sgd import SGDResult, epoch_orders, train_sgd
from .sgd_chunks import train_sgd_in_chunks

__all__ = [
    # activations (note 4.4: ReLU and its slope)
    "relu",
    "sigmoid",
    "tanh",
    "ACTIVATIONS",
    "ACTIVATION_SLOPES",
    "get_activation",
    # forward propagation (chapter 1)
    "predict_with_network",
    "seed_network_errors",
    "PointErrors",
    "Network",
    "ForwardPass",
    # the linear model, its slopes and the update rule (chapter 2)
    "get_error",
    "get_slope",
    "get_mse",
    "linear_update",
    "LinearUpdate",
    "gradient_descent",
    "DescentHistory",
    # losses (notes 1.3-1.6)
    "mean_squared_error",
    "loss_along",
    "loss_surface",
    # backpropagation (chapters 3-4)
    "backprop",
    "Gradients",
    "loss",
    "numerical_gradient",
    "weight_factors",
    "WeightFactors",
    "node_slope_terms",
    "NodeSlopeTerms",
    "one_round",
    "train_rounds",
    "RoundsHistory",
    # stochastic gradient descent (note 4.3)
    "train_sgd",
    "train_sgd_in_chunks",
    "SGDResult",
    "epoch_orders",
    # data
    "Dataset",
    "bank_transactions",
    "standardize",
    "unstandardize",
]
