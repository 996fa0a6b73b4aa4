"""The backprop page's lesson logic (app_pages/backprop/lesson.py): the quiz-4.4 network
gives the course's numbers, the steps of a round, and each weight's three factors equal
backprop and finite differences over many random configurations the page allows."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from app_pages.backprop import lesson
from core import rounds
from core.course import (
    QUIZ_4_4_ANSWER,
    QUIZ_4_4_FED_SLOPE,
    QUIZ_4_4_FEEDING_VALUE,
    QUIZ_4_4_INPUT,
    QUIZ_4_4_SLOPE,
    QUIZ_4_4_TARGET,
    QUIZ_4_4_WEIGHT,
)

ACTIVATIONS = ("relu", "tanh", "sigmoid", "identity")


config = st.fixed_dictionaries({
    "n_inputs": st.integers(1, lesson.MAX_INPUTS),
    "hidden": st.lists(st.integers(1, lesson.MAX_NODES_PER_LAYER), min_size=1,
                       max_size=lesson.MAX_HIDDEN_LAYERS),
    "activation": st.sampled_from(ACTIVATIONS),
    "output_activation": st.sampled_from(ACTIVATIONS),
    "biases": st.booleans(),
    "seed": st.integers(0, 9999),
    "n_points": st.integers(1, lesson.MAX_POINTS),
    "data_seed": st.integers(0, 2**32 - 1),
})


def _problem(c):
    network = lesson.random_network(c["n_inputs"], c["hidden"], c["activation"],
                                    c["output_activation"], c["biases"], c["seed"])
    rng = np.random.default_rng(c["data_seed"])
    X = rng.uniform(-3, 3, size=(c["n_points"], c["n_inputs"]))
    y = rng.uniform(-3, 3, size=c["n_points"])
    if network.biases is not None:  # non-zero biases, as after some updates
        network = network.with_parameters(
            network.weights, [rng.uniform(-1, 1, size=b.shape) for b in network.biases])
    return network, X, y


def test_the_quiz_4_4_network_gives_the_course_numbers():
    network = lesson.quiz_4_4_network()
    X, y = lesson.quiz_4_4_data()
    gradients = core.backprop(network, X, y)
    factors = core.weight_factors(gradients, *QUIZ_4_4_WEIGHT)
    assert factors.feeding_value[0] == QUIZ_4_4_FEEDING_VALUE == 3
    assert factors.fed_value_slope[0] == QUIZ_4_4_FED_SLOPE == 2
    assert factors.activation_slope[0] == 1  # ReLU in its positive region
    assert factors.gradient == QUIZ_4_4_SLOPE == float(QUIZ_4_4_ANSWER) == 6
    layer, source, target = QUIZ_4_4_WEIGHT
    assert gradients.weights[layer - 1][source, target] == 6
    # hand-worked: prediction 6, target 5.5, error 0.5, output slope 2 * 0.5 = 1
    assert gradients.forward.prediction[0, 0] == 6 and y[0] == QUIZ_4_4_TARGET
    assert gradients.value_slopes[2][0, 0] == 1
    # the same with the seed's one-point (1-D) call
    one = core.weight_factors(core.backprop(network, QUIZ_4_4_INPUT, QUIZ_4_4_TARGET),
                              *QUIZ_4_4_WEIGHT)
    assert (one.feeding_value, one.fed_value_slope, one.gradient) == (3, 2, 6)


def test_a_node_slope_is_the_sum_over_the_weights_leaving_it_on_the_quiz_network():
    network = lesson.quiz_4_4_network()
    gradients = core.backprop(network, *lesson.quiz_4_4_data())
    terms = core.node_slope_terms(network, gradients, 1, 1)
    assert terms.terms[0].tolist() == [2.0]  # weight 2 × output input slope 1
    assert terms.value_slope[0] == QUIZ_4_4_FED_SLOPE


@given(config)
def test_three_factors_equal_backprop_and_finite_differences_for_every_weight(c):
    network, X, y = _problem(c)
    gradients = core.backprop(network, X, y)
    numerical = core.numerical_gradient(network, X, y)
    for layer, weights in enumerate(gradients.weights, start=1):
        n_in, n_out = weights.shape
        for source in range(n_in):
            for target in range(n_out):
                ws = lesson.weight_slope(gradients, numerical, layer, source, target)
                product_sum = float(np.sum(ws.products))
                assert product_sum == pytest.approx(ws.gradient, rel=1e-12, abs=1e-15)
                assert ws.factors.gradient == pytest.approx(ws.gradient, rel=1e-12,
                                                            abs=1e-15)
                assert ws.numerical == pytest.approx(ws.gradient, rel=1e-4, abs=1e-7)
    for layer in range(1, network.n_layers):
        for node in range(network.layer_sizes[layer]):
            terms = core.node_slope_terms(network, gradients, layer, node)
            np.testing.assert_allclose(terms.value_slope, gradients.value_slopes[layer][:, node],
                                       rtol=1e-12, atol=1e-15)


def test_the_factor_check_runs_on_two_hundred_seeded_configurations():
    rng = np.random.default_rng(2024)
    worst = 0.0
    for _ in range(200):
        c = {"n_inputs": int(rng.integers(1, 5)),
             "hidden": [int(n) for n in rng.integers(1, 6, size=rng.integers(1, 4))],
             "activation": str(rng.choice(ACTIVATIONS)),
             "output_activation": str(rng.choice(ACTIVATIONS)),
             "biases": bool(rng.integers(2)), "seed": int(rng.integers(10000)),
             "n_points": int(rng.integers(1, 9)), "data_seed": int(rng.integers(2**32))}
        network, X, y = _problem(c)
        gradients = core.backprop(network, X, y)
        numerical = core.numerical_gradient(network, X, y)
        for layer, weights in enumerate(gradients.weights, start=1):
            for source, target in np.ndindex(weights.shape):
                ws = lesson.weight_slope(gradients, numerical, layer, source, target)
                assert float(np.sum(ws.products)) == pytest.approx(ws.gradient, rel=1e-12,
                                                                   abs=1e-15)
                if abs(ws.gradient) > 1e-6:
                    worst = max(worst, ws.relative_difference)
    assert worst < 1e-4


@pytest.mark.parametrize("n_layers", [2, 3, 4])
def test_round_stages_go_forward_then_backward_one_layer_at_a_time(n_layers):
    stages = lesson.round_stages(n_layers)
    assert len(stages) == 2 * n_layers + 1
    assert stages[0].label == "start" and stages[0].forward_layers == (0,)
    assert stages[n_layers].label == "forward: output"
    assert stages[n_layers + 1].label == "backward: output"
    assert stages[n_layers + 1].backward_layers == (n_layers,)
    assert stages[-1].label == "backward: hidden layer 1"
    assert stages[-1].backward_layers == tuple(range(1, n_layers + 1))
    known = [len(s.forward_layers) + len(s.backward_layers) for s in stages]
    assert known == sorted(known) and len(set(known)) == len(known)


def test_dead_relu_layers_and_all_zero_slopes():
    network = lesson.quiz_4_4_network()
    X = np.array([[-1.0, -3.0]])
    gradients = core.backprop(network, X, [5.5])
    assert lesson.dead_relu_layers(network, gradients.forward) == [1, 2]
    assert lesson.all_slopes_zero(gradients)
    alive = core.backprop(network, *lesson.quiz_4_4_data())
    assert lesson.dead_relu_layers(network, alive.forward) == []
    assert not lesson.all_slopes_zero(alive)


def test_zero_error_targets_make_every_slope_zero():
    network = lesson.random_network(3, [4, 2], "tanh", "identity", True, 7)
    X = np.random.default_rng(0).normal(size=(5, 3))
    y = lesson.zero_error_targets(network, X)
    assert y.shape == (5,)
    np.testing.assert_array_equal(lesson.prediction_errors(network.forward(X), y), 0)
    assert rounds.max_slope(lesson.zero_error_gradients(network, X)) == 0
    history = rounds.train_rounds(network, X, y, 0.1, 3)
    np.testing.assert_array_equal(history.network.weights[0], network.weights[0])


def test_build_problem_reads_the_page_settings():
    quiz = lesson.build_problem("quiz 4.4 network", "1, 3", "5.5")
    assert quiz.X.tolist() == [[1.0, 3.0]] and quiz.y.tolist() == [5.5]
    assert quiz.network.layer_sizes == [2, 2, 1] and quiz.network.biases is None
    big = lesson.build_problem("random network", "1 2 3; 4 5 6\n7 8 9", "1; 2; 3", (5, 5, 5),
                               "sigmoid", "relu", True, 3)
    assert big.network.layer_sizes == [3, 5, 5, 5, 1] and big.y.shape == (3,)
    zero = lesson.build_problem("random network", "1, 3; 2, 0", "ignored", zero_error=True)
    assert lesson.all_slopes_zero(core.backprop(zero.network, zero.X, zero.y))


@pytest.mark.parametrize("kwargs, message", [
    ({"network_kind": "mine"}, "network_kind must be one of"),
    ({"points": ""}, "points is empty"),
    ({"points": "1, banana"}, "'banana', which is not a number"),
    ({"points": "1, 3; 2"}, "same number of values"),
    ({"points": "1e400, 3"}, "too large for float64"),
    ({"points": "1, 2, 3"}, "quiz 4.4 network has 2 inputs"),
    ({"points": ";".join(["1, 2"] * 9)}, "at most 8 points"),
    ({"targets": "1; 2"}, "one value per point"),
    ({"targets": "nan"}, "too large for float64"),
])
def test_build_problem_rejects_bad_settings_clearly(kwargs, message):
    settings = {"network_kind": "quiz 4.4 network", "points": "1, 3", "targets": "5.5"}
    settings.update(kwargs)
    with pytest.raises(ValueError, match=message):
        lesson.build_problem(**settings)


@pytest.mark.parametrize("args, message", [
    ((0, [2]), "n_inputs must be >= 1"),
    ((2, []), "1 to 3 layers"),
    ((2, [2, 2, 2, 2]), "1 to 3 layers"),
    ((2, [6]), r"hidden_sizes\[0\] must be <= 5"),
    ((2, "22"), "sequence of ints"),
])
def test_random_network_checks_its_settings(args, message):
    with pytest.raises(ValueError, match=message):
        lesson.random_network(*args)
    with pytest.raises(ValueError, match="hidden_activation must be one of"):
        lesson.random_network(2, [2], "softmax")


def test_small_helpers():
    assert lesson.relative_difference(6, 6) == 0 == lesson.relative_difference(0, 0)
    assert lesson.relative_difference(1, 2) == 0.5
    assert lesson.layer_label(3, 0) == "inputs" and lesson.layer_label(3, 3) == "output"
    assert lesson.layer_label(3, 2) == "hidden layer 2"
    assert lesson.parse_targets("5.5", 1).tolist() == [5.5]
    with pytest.raises(ValueError, match="gradients must be core.Gradients"):
        rounds.max_slope("no")
    with pytest.raises(ValueError, match="numerical must be the dict"):
        network = lesson.quiz_4_4_network()
        lesson.weight_slope(core.backprop(network, [1, 3], 5.5), None, 1, 0, 0)


@pytest.mark.parametrize("text", [",", "1, 2; ,", " , ; 3, 4"])
def test_a_point_of_separators_only_is_named_not_a_zero_input_network(text):
    """Found by the fuzz test: "," made a point with no value, and a random network
    with 0 inputs raised core's message instead of the page's."""
    with pytest.raises(ValueError, match=r"point \d \(.*\) holds no number"):
        lesson.parse_points(text)
