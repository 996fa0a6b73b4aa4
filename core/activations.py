"""Activation functions and their slopes, in one registry keyed by name.

Each activation ``f`` has a slope ``f'`` taken with respect to the node's *input*
(the weighted sum that flows into the node), the third factor of a weight's
gradient in the course (note 4.1).
"""

import numpy as np


def _as_float(x):
    """Return ``x`` as float64: a numpy scalar for a scalar, an array otherwise."""
    return np.asarray(x, dtype=np.float64)[()]


def identity(x):
    """Identity activation: f(x) = x."""
    return _as_float(x)


def identity_slope(x):
    """Slope of the identity: f'(x) = 1 everywhere."""
    return _as_float(np.ones_like(np.asarray(x, dtype=np.float64)))


def relu(x):
    """Rectified linear unit, the course's activation: f(x) = max(0, x)."""
    return _as_float(np.maximum(np.asarray(x, dtype=np.float64), 0.0))


def relu_slope(x):
    """Slope of ReLU: 1 where x > 0, else 0 (the kink at 0 takes slope 0)."""
    return _as_float((np.asarray(x, dtype=np.float64) > 0.0).astype(np.float64))


def tanh(x):
    """Hyperbolic tangent: f(x) = tanh(x)."""
    return _as_float(np.tanh(np.asarray(x, dtype=np.float64)))


def tanh_slope(x):
    """Slope of tanh: f'(x) = 1 - tanh(x)**2."""
    t = np.tanh(np.asarray(x, dtype=np.float64))
    return _as_float(1.0 - t * t)


def sigmoid(x):
    """Logistic sigmoid: f(x) = 1 / (1 + exp(-x)), computed without overflow."""
    x = np.asarray(x, dtype=np.float64)
    # exp of a large positive number overflows; this form only ever takes exp(-|x|).
    e = np.exp(-np.abs(x))
    return _as_float(np.where(x >= 0, 1.0 / (1.0 + e), e / (1.0 + e)))


def sigmoid_slope(x):
    """Slope of the sigmoid: f'(x) = f(x) * (1 - f(x))."""
    s = sigmoid(x)
    return _as_float(s * (1.0 - s))


ACTIVATIONS = {
    "relu": relu,
    "identity": identity,
    "tanh": tanh,
    "sigmoid": sigmoid,
}

ACTIVATION_SLOPES = {
    "relu": relu_slope,
    "identity": identity_slope,
    "tanh": tanh_slope,
    "sigmoid": sigmoid_slope,
}


def check_activation_name(name, parameter="activation"):
    """Return ``name`` if it is a registered activation, else raise ValueError."""
    if not isinstance(name, str) or name not in ACTIVATIONS:
        raise ValueError(
            f"{parameter} must be one of {sorted(ACTIVATIONS)}, got {name!r}."
        )
    return name


def get_activation(name):
    """Return the pair ``(f, f_slope)`` registered under ``name``.

    Raises ValueError naming the valid activations for an unknown name.
    """
    check_activation_name(name)
    return ACTIVATIONS[name], ACTIVATION_SLOPES[name]
