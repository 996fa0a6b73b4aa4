"""Activation functions and their slopes."""

import math
import re
import warnings

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import core
from core.activations import check_activation_name

NAMES = ["relu", "identity", "tanh", "sigmoid"]


def test_registry_has_the_four_activations_with_their_slopes():
    assert sorted(core.ACTIVATIONS) == sorted(NAMES)
    assert sorted(core.ACTIVATION_SLOPES) == sorted(NAMES)
    for name in NAMES:
        f, f_slope = core.get_activation(name)
        assert f is core.ACTIVATIONS[name]
        assert f_slope is core.ACTIVATION_SLOPES[name]


@pytest.mark.parametrize(
    ("name", "x", "value", "slope"),
    [
        ("relu", -2.0, 0.0, 0.0),
        ("relu", 0.0, 0.0, 0.0),
        ("relu", 3.0, 3.0, 1.0),
        ("identity", -2.5, -2.5, 1.0),
        ("identity", 0.0, 0.0, 1.0),
        ("identity", 4.0, 4.0, 1.0),
        ("tanh", 0.0, 0.0, 1.0),
        ("tanh", 1.0, math.tanh(1.0), 1.0 - math.tanh(1.0) ** 2),
        ("tanh", -2.0, math.tanh(-2.0), 1.0 - math.tanh(2.0) ** 2),
        ("sigmoid", 0.0, 0.5, 0.25),
        ("sigmoid", 2.0, 1.0 / (1.0 + math.exp(-2.0)),
         math.exp(-2.0) / (1.0 + math.exp(-2.0)) ** 2),
        ("sigmoid", -3.0, 1.0 / (1.0 + math.exp(3.0)),
         math.exp(3.0) / (1.0 + math.exp(3.0)) ** 2),
    ],
)
def test_values_and_slopes(name, x, value, slope):
    f, f_slope = core.get_activation(name)
    assert f(x) == pytest.approx(value, rel=1e-15, abs=1e-300)
    assert f_slope(x) == pytest.approx(slope, rel=1e-14, abs=1e-300)


def test_relu_is_the_seeds_max_0_x():
    for x in [-5, -1, 0, 2, 7.5]:
        assert core.relu(x) == max(0, x)


def test_relu_slope_at_the_kink_is_0():
    assert core.activations.relu_slope(0) == 0
    assert core.activations.relu_slope(0.0) == 0
    assert core.activations.relu_slope(-0.0) == 0
    np.testing.assert_array_equal(core.activations.relu_slope([-1.0, 0.0, 1e-300, 2.0]), [0, 0, 1, 1])


@pytest.mark.parametrize("name", NAMES)
def test_scalars_give_float_scalars_and_arrays_keep_their_shape(name):
    f, f_slope = core.get_activation(name)
    for fn in (f, f_slope):
        scalar = fn(1)
        assert np.ndim(scalar) == 0
        assert isinstance(float(scalar), float)
        out = fn(np.arange(6.0).reshape(2, 3) - 2)
        assert out.shape == (2, 3)
        assert out.dtype == np.float64
        # int input gives float output
        assert fn(np.array([1, 2])).dtype == np.float64


@pytest.mark.parametrize("name", NAMES)
def test_array_calls_equal_elementwise_calls(name):
    f, f_slope = core.get_activation(name)
    xs = np.linspace(-6, 6, 25)
    np.testing.assert_array_equal(f(xs), [f(x) for x in xs])
    np.testing.assert_array_equal(f_slope(xs), [f_slope(x) for x in xs])


# Central differences: truncation error is h**2 * f'''/6 (f''' <= 1 for tanh and
# sigmoid), rounding error about 1e-16 * |f(x)| / h. With h = 1e-6 and |x| <= 20
# both are below 1e-8, so 1e-7 is a safe yet tight tolerance.
H = 1e-6


@pytest.mark.parametrize("name", NAMES)
@given(x=st.floats(min_value=-20, max_value=20, allow_nan=False, allow_infinity=False))
def test_slope_equals_central_finite_difference(name, x):
    if name == "relu":
        assume(abs(x) > 1e-3)  # away from the kink at 0
    f, f_slope = core.get_activation(name)
    numeric = (f(x + H) - f(x - H)) / (2 * H)
    assert abs(f_slope(x) - numeric) <= 1e-7 * max(1.0, abs(numeric))


@given(x=st.floats(min_value=-30, max_value=30, allow_nan=False, allow_infinity=False))
def test_sigmoid_symmetry_and_tanh_relation(x):
    s = core.sigmoid(x)
    assert 0.0 <= s <= 1.0
    assert core.sigmoid(-x) == pytest.approx(1.0 - s, abs=1e-15)
    # tanh(x) = 2 sigmoid(2x) - 1
    assert core.tanh(x) == pytest.approx(2.0 * core.sigmoid(2.0 * x) - 1.0, abs=1e-14)


@pytest.mark.parametrize("x", [1000.0, -1000.0, 710.0, -710.0, 1e308, -1e308])
def test_sigmoid_and_tanh_do_not_overflow_or_warn_at_large_inputs(x):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        s = core.sigmoid(x)
        ds = core.activations.sigmoid_slope(x)
        t = core.tanh(x)
        dt = core.activations.tanh_slope(x)
        arr = core.sigmoid(np.array([x, -x, 0.0]))
        darr = core.activations.sigmoid_slope(np.array([x, -x, 0.0]))
    # exactly 0 or 1 except a subnormal leftover (about 4e-309 at -710)
    assert s == pytest.approx(1.0 if x > 0 else 0.0, rel=0, abs=1e-300)
    assert 0.0 <= ds <= 1e-300
    assert t == (1.0 if x > 0 else -1.0)
    assert dt == 0.0
    assert np.isfinite(arr).all() and np.isfinite(darr).all()
    np.testing.assert_allclose(arr, [s, 1.0 - s, 0.5], rtol=0, atol=1e-300)


def test_get_activation_unknown_name_lists_the_valid_ones():
    with pytest.raises(ValueError, match=r"activation must be one of .*'identity'.*'relu'.*"
                                         r"'sigmoid'.*'tanh'.*got 'nope'"):
        core.get_activation("nope")


@pytest.mark.parametrize("bad", ["ReLU", "", None, 3, "logistic"])
def test_get_activation_rejects_other_names(bad):
    with pytest.raises(ValueError, match=re.escape(f"got {bad!r}")):
        core.get_activation(bad)


def test_check_activation_name_names_the_parameter():
    with pytest.raises(ValueError, match=r"^hidden_activation must be one of"):
        check_activation_name("softmax", "hidden_activation")
    assert check_activation_name("tanh") == "tanh"
