"""Backward propagation: backprop's slopes against finite differences, against the
course's three factors (note 4.1) and node sums (note 3.2), and a case worked by hand."""

import zlib

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import core
from core import course as c

ACTIVATION_NAMES = ["identity", "relu", "tanh", "sigmoid"]

# Gradient check tolerance.
#
# numerical_gradient takes central differences with eps = 1e-6 in float64:
# - truncation error: eps**2 / 6 * |d3L/dw3|, about 1e-13 for the networks below;
# - rounding error: each loss is off by about 1e-16 * L, divided by 2 * eps, so
#   about 1e-10 * L: it grows with the loss, not with the slope.
# We check |a - b| <= 1e-7 * max(1, |a|, |b|): relative for slopes above 1, absolute
# 1e-7 below. That needs L well under ~1e3, so the values are kept moderate: weights
# are Glorot-style (uniform +-sqrt(3 / n_in), times 0.5 or 1) so node inputs stay
# O(1), and inputs and targets lie in [-2, 2]. Measured on 20,000 such random
# examples, the worst |a - b| / max(1, |a|, |b|) was 7.7e-9, 13x under the tolerance.
# With weights twice as large, 4-layer identity networks reach L ~ 900 and the
# rounding floor alone gave 1.8e-7; a larger eps (1e-5) trades that for truncation
# error (1.1e-7 for tanh), so moderate values with eps = 1e-6 is the honest choice.
# ReLU is not differentiable at 0: an example is rejected if any ReLU node input is
# within KINK_MARGIN of 0, far more than a 1e-6 weight nudge can move it.
GRAD_TOL = 1e-7
KINK_MARGIN = 1e-4


def close(a, b, tol=GRAD_TOL):
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    assert a.shape == b.shape
    bound = tol * np.maximum(1.0, np.maximum(np.abs(a), np.abs(b)))
    return bool(np.all(np.abs(a - b) <= bound))


@st.composite
def network_cases(draw):
    """A random network, inputs and targets.

    Hypothesis draws the structure (sizes, depth, activations, biases, batch or
    point) and a seed; the values come from numpy with that seed, so they are
    continuous and almost never sit on a ReLU kink.
    """
    n_layers = draw(st.integers(1, 4), label="weight layers")
    sizes = [draw(st.integers(1, 8), label="n_inputs")]
    sizes += [draw(st.integers(1, 8), label=f"hidden {i}") for i in range(n_layers - 1)]
    sizes.append(draw(st.integers(1, 3), label="n_outputs"))
    hidden = draw(st.sampled_from(ACTIVATION_NAMES), label="hidden_activation")
    output = draw(st.sampled_from(ACTIVATION_NAMES), label="output_activation")
    use_biases = draw(st.booleans(), label="biases")
    n_rows = draw(st.one_of(st.none(), st.integers(1, 5)), label="rows (None: one point)")
    weight_scale = draw(st.sampled_from([0.5, 1.0]), label="weight scale")
    seed = draw(st.integers(0, 2**32 - 1), label="seed")

    rng = np.random.default_rng(seed)
    weights = [rng.uniform(-1, 1, size=(a, b)) * weight_scale * np.sqrt(3.0 / a)
               for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = [rng.uniform(-0.5, 0.5, size=b) for b in sizes[1:]] if use_biases else None
    network = core.Network(weights, biases, hidden, output)
    shape_x = (sizes[0],) if n_rows is None else (n_rows, sizes[0])
    shape_y = (sizes[-1],) if n_rows is None else (n_rows, sizes[-1])
    X = rng.uniform(-2, 2, size=shape_x)
    y = rng.uniform(-2, 2, size=shape_y)
    return network, X, y


def assume_off_relu_kinks(network, X):
    forward = network.forward(X)
    for layer in range(1, network.n_layers + 1):
        if network.activation_name(layer) == "relu":
            assume(np.all(np.abs(forward.node_inputs[layer]) > KINK_MARGIN))


@settings(max_examples=60, deadline=None)
@given(case=network_cases())
def test_backprop_equals_numerical_gradient(case):
    network, X, y = case
    assume_off_relu_kinks(network, X)
    grads = core.backprop(network, X, y)
    numeric = core.numerical_gradient(network, X, y)

    assert len(grads.weights) == len(numeric["weights"]) == network.n_layers
    for layer, (g, n) in enumerate(zip(grads.weights, numeric["weights"], strict=True)):
        assert g.shape == network.weights[layer].shape
        assert close(g, n), (layer, g, n)
    if network.biases is None:
        assert grads.biases is None and numeric["biases"] is None
    else:
        for layer, (g, n) in enumerate(zip(grads.biases, numeric["biases"], strict=True)):
            assert g.shape == network.biases[layer].shape
            assert close(g, n), (layer, g, n)
    pred = network.predict(X)
    assert grads.loss == pytest.approx(core.mean_squared_error(y, pred), rel=1e-15)
    assert grads.loss == core.loss(network, X, y)


@pytest.mark.parametrize("rows", [None, 4], ids=["point", "batch"])
@pytest.mark.parametrize("use_biases", [True, False], ids=["biases", "no biases"])
@pytest.mark.parametrize("output", ACTIVATION_NAMES)
@pytest.mark.parametrize("hidden", ACTIVATION_NAMES)
def test_backprop_equals_numerical_gradient_every_combination(hidden, output, use_biases,
                                                               rows):
    # The property test above samples; this grid makes sure every pairing of hidden
    # and output activation, with and without biases, point and batch, is checked.
    rng = np.random.default_rng(zlib.crc32(repr((hidden, output, use_biases, rows)).encode()))
    sizes = [3, 5, 4, 2]
    for _ in range(100):  # redraw until no ReLU input sits near its kink
        weights = [rng.uniform(-1, 1, size=(a, b)) * np.sqrt(3.0 / a)
                   for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
        biases = [rng.uniform(-0.5, 0.5, size=b) for b in sizes[1:]] if use_biases else None
        network = core.Network(weights, biases, hidden, output)
        X = rng.uniform(-2, 2, size=(3,) if rows is None else (rows, 3))
        y = rng.uniform(-2, 2, size=(2,) if rows is None else (rows, 2))
        forward = network.forward(X)
        if all(np.all(np.abs(forward.node_inputs[layer]) > KINK_MARGIN)
               for layer in range(1, network.n_layers + 1)
               if network.activation_name(layer) == "relu"):
            break
    grads = core.backprop(network, X, y)
    numeric = core.numerical_gradient(network, X, y)
    for g, n in zip(grads.weights, numeric["weights"], strict=True):
        assert close(g, n)
    for g, n in zip(grads.biases or [], numeric["biases"] or [], strict=True):
        assert close(g, n)
    assert (grads.biases is None) == (not use_biases)


@settings(max_examples=60, deadline=None)
@given(case=network_cases())
def test_weight_factors_product_is_the_weight_gradient(case):
    network, X, y = case
    grads = core.backprop(network, X, y)
    for layer in range(1, network.n_layers + 1):
        n_in, n_out = network.weights[layer - 1].shape
        for source in range(n_in):
            for target in range(n_out):
                f = core.weight_factors(grads, layer, source, target)
                expected = grads.weights[layer - 1][source, target]
                # Same products, summed in another order: equal to rounding.
                assert f.gradient == pytest.approx(expected, rel=1e-12, abs=1e-14)
                assert np.all(f.feeding_value
                              == grads.forward.node_values[layer - 1][..., source])
                assert np.all(f.fed_value_slope == grads.value_slopes[layer][..., target])
                assert np.all(f.activation_slope
                              == grads.activation_slopes[layer][..., target])
                if X.ndim == 1:
                    assert np.ndim(f.feeding_value) == 0
                    assert f.gradient == pytest.approx(
                        f.feeding_value * f.fed_value_slope * f.activation_slope,
                        rel=1e-15, abs=1e-300)
                else:
                    assert np.shape(f.feeding_value) == (X.shape[0],)


@settings(max_examples=60, deadline=None)
@given(case=network_cases())
def test_node_slope_terms_sum_is_the_value_slope(case):
    network, X, y = case
    grads = core.backprop(network, X, y)
    for layer in range(network.n_layers):
        for node in range(network.layer_sizes[layer]):
            terms = core.node_slope_terms(network, grads, layer, node)
            n_next = network.layer_sizes[layer + 1]
            np.testing.assert_array_equal(terms.weights, network.weights[layer][node])
            expected_shape = (n_next,) if X.ndim == 1 else (X.shape[0], n_next)
            assert terms.terms.shape == expected_shape
            np.testing.assert_allclose(terms.value_slope,
                                       grads.value_slopes[layer][..., node],
                                       rtol=1e-12, atol=1e-14)
            np.testing.assert_allclose(terms.terms.sum(axis=-1), terms.value_slope,
                                       rtol=0, atol=0)


@settings(max_examples=40, deadline=None)
@given(case=network_cases())
def test_zero_error_gives_all_zero_gradients(case):
    # Quiz 3.4: if every prediction is exactly right, every update is 0.
    network, X, _ = case
    y = network.predict(X)
    grads = core.backprop(network, X, y)
    assert grads.loss == 0.0
    for g in grads.weights:
        assert not g.any()
    for g in grads.biases or []:
        assert not g.any()
    for s in grads.value_slopes + grads.input_slopes:
        assert not np.asarray(s).any()


def test_hand_worked_seed_network():
    # The course's 2-2-1 network with task 1.9's weights_0, input [0, 3], target 3;
    # ReLU on hidden and output nodes, no biases.
    #
    # forward
    #   node_0 input = 0*2 + 3*1 = 3,  value relu(3) = 3
    #   node_1 input = 0*1 + 3*2 = 6,  value relu(6) = 6
    #   output input = 3*1 + 6*1 = 9,  prediction relu(9) = 9
    #   error = 9 - 3 = 6,  loss = 6**2 = 36
    # backward
    #   dL/d(prediction) = 2 * 6 = 12;  relu slope at 9 is 1, so dL/d(output input) = 12
    #   output weights: feeding values [3, 6] * 12 * 1 = [36, 72]
    #   dL/d(node_k value) = weight to output (1) * 12 = 12 for both
    #   relu slopes at 3 and 6 are 1, so dL/d(node_k input) = [12, 12]
    #   hidden weights: input value * 12: from input 0 (value 0) -> [0, 0],
    #                                     from input 1 (value 3) -> [36, 36]
    #   dL/d(input values) = [2*12 + 1*12, 1*12 + 2*12] = [36, 36]
    network = core.Network.from_seed(c.TASK_1_9_WEIGHTS_0)
    np.testing.assert_array_equal(network.weights[0], [[2, 1], [1, 2]])
    np.testing.assert_array_equal(network.weights[1], [[1], [1]])
    grads = core.backprop(network, c.TASK_1_9_INPUT, c.TASK_1_9_TARGET)

    fwd = grads.forward
    np.testing.assert_array_equal(fwd.node_inputs[1], [3, 6])
    np.testing.assert_array_equal(fwd.node_values[1], [3, 6])
    np.testing.assert_array_equal(fwd.node_inputs[2], [9])
    np.testing.assert_array_equal(fwd.prediction, [9])
    assert grads.loss == 36

    np.testing.assert_array_equal(grads.value_slopes[2], [12])
    np.testing.assert_array_equal(grads.activation_slopes[2], [1])
    np.testing.assert_array_equal(grads.input_slopes[2], [12])
    np.testing.assert_array_equal(grads.weights[1], [[36], [72]])
    np.testing.assert_array_equal(grads.value_slopes[1], [12, 12])
    np.testing.assert_array_equal(grads.activation_slopes[1], [1, 1])
    np.testing.assert_array_equal(grads.input_slopes[1], [12, 12])
    np.testing.assert_array_equal(grads.weights[0], [[0, 0], [36, 36]])
    np.testing.assert_array_equal(grads.value_slopes[0], [36, 36])
    assert grads.biases is None

    # The three factors of the weight node_1 -> output: 6 * 12 * 1 = 72.
    f = core.weight_factors(grads, 2, 1, 0)
    assert (f.feeding_value, f.fed_value_slope, f.activation_slope, f.gradient) == (6, 12, 1, 72)
    # node_0's value slope as a sum over its one outgoing weight: 1 * 12.
    t = core.node_slope_terms(network, grads, 1, 0)
    np.testing.assert_array_equal(t.terms, [12])
    assert t.value_slope == 12

    # Finite differences agree (every node is far from ReLU's kink).
    numeric = core.numerical_gradient(network, c.TASK_1_9_INPUT, c.TASK_1_9_TARGET)
    for g, n in zip(grads.weights, numeric["weights"], strict=True):
        assert close(g, n)

    # One gradient-descent step at rate 0.01 lowers the loss.
    stepped = network.with_parameters(
        [w - 0.01 * g for w, g in zip(network.weights, grads.weights, strict=True)])
    assert core.loss(stepped, c.TASK_1_9_INPUT, c.TASK_1_9_TARGET) < 36


def test_batch_gradient_is_the_mean_of_point_gradients():
    # The batch loss is the mean of the point losses, so its gradient is the mean.
    network = core.Network.random([3, 4, 2], "tanh", "identity", seed=3)
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    batch = core.backprop(network, X, y)
    points = [core.backprop(network, x, t) for x, t in zip(X, y, strict=True)]
    for layer in range(network.n_layers):
        np.testing.assert_allclose(batch.weights[layer],
                                   np.mean([p.weights[layer] for p in points], axis=0),
                                   rtol=1e-13, atol=1e-15)
        np.testing.assert_allclose(batch.biases[layer],
                                   np.mean([p.biases[layer] for p in points], axis=0),
                                   rtol=1e-13, atol=1e-15)
    assert batch.loss == pytest.approx(np.mean([p.loss for p in points]), rel=1e-14)


def test_one_point_accepts_a_scalar_target_and_a_batch_a_1d_target():
    network = core.Network.random([2, 3, 1], seed=1)
    a = core.backprop(network, [1.0, -1.0], 0.5)
    b = core.backprop(network, [1.0, -1.0], [0.5])
    for ga, gb in zip(a.weights, b.weights, strict=True):
        np.testing.assert_array_equal(ga, gb)
    X = np.array([[1.0, -1.0], [0.5, 2.0]])
    c1 = core.backprop(network, X, [0.5, 1.0])
    c2 = core.backprop(network, X, [[0.5], [1.0]])
    for ga, gb in zip(c1.weights, c2.weights, strict=True):
        np.testing.assert_array_equal(ga, gb)


def test_backprop_leaves_the_network_unchanged():
    network = core.Network.random([3, 4, 1], "relu", "identity", seed=5)
    before = network.copy()
    core.backprop(network, np.ones((2, 3)), [1.0, 2.0])
    core.numerical_gradient(network, np.ones((2, 3)), [1.0, 2.0])
    for a, b in zip(network.weights + network.biases, before.weights + before.biases,
                    strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"layer": 0, "source": 0, "target": 0}, r"layer must be >= 1, got 0"),
        ({"layer": 3, "source": 0, "target": 0}, r"layer must be <= 2, got 3"),
        ({"layer": 1, "source": 2, "target": 0}, r"source must be <= 1, got 2"),
        ({"layer": 2, "source": 0, "target": 1}, r"target must be <= 0, got 1"),
        ({"layer": 1.5, "source": 0, "target": 0}, r"layer must be an integer, got 1\.5"),
    ],
)
def test_weight_factors_rejects_bad_indices(kwargs, message):
    grads = core.backprop(core.Network.from_seed(c.TASK_1_9_WEIGHTS_0), [0, 3], 3)
    with pytest.raises(ValueError, match=message):
        core.weight_factors(grads, **kwargs)


def test_node_slope_terms_rejects_bad_indices():
    network = core.Network.from_seed(c.TASK_1_9_WEIGHTS_0)
    grads = core.backprop(network, [0, 3], 3)
    with pytest.raises(ValueError, match=r"layer must be <= 1, got 2"):
        core.node_slope_terms(network, grads, 2, 0)
    with pytest.raises(ValueError, match=r"node must be <= 1, got 2"):
        core.node_slope_terms(network, grads, 0, 2)


def test_numerical_gradient_rejects_bad_eps():
    network = core.Network.from_seed(c.TASK_1_9_WEIGHTS_0)
    with pytest.raises(ValueError, match=r"eps must be > 0, got 0\.0"):
        core.numerical_gradient(network, [0, 3], 3, eps=0)


def test_backprop_rejects_a_non_network():
    with pytest.raises(ValueError, match=r"network must be a core\.Network, got dict"):
        core.backprop(c.TASK_1_9_WEIGHTS_0, [0, 3], 3)
