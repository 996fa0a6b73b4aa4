"""Bad input raises ValueError with a message naming the parameter, the rule and the
value; overflow is reported, never returned; core imports nothing but numpy."""

import ast
import re
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import core
from core import course as c

CORE_DIR = Path(core.__file__).resolve().parent
VALID_NAMES = re.escape("['identity', 'relu', 'sigmoid', 'tanh']")


@pytest.fixture
def net():
    return core.Network.random([2, 3, 1], seed=0)


# -- shape mismatches ---------------------------------------------------------------


def test_get_error_weights_and_inputs_must_match():
    with pytest.raises(ValueError, match=r"^weights must have one value per input \(3\), got 2\.$"):
        core.get_error([1, 2, 3], 0, [1, 2])
    with pytest.raises(ValueError, match=r"weights must have one value per input \(2\), got 3"):
        core.get_slope([[1, 2], [3, 4]], [0, 0], [1, 2, 3])
    with pytest.raises(ValueError, match=r"weights must have 1 dimension\(s\), got shape \(1, 2\)"):
        core.get_mse([1, 2], 0, [[1, 2]])


def test_linear_target_shape_must_match():
    with pytest.raises(ValueError,
                       match=r"target must have shape \(2,\) to match input_data, got \(3,\)"):
        core.get_slope([[1, 2], [3, 4]], [1, 2, 3], [1, 2])
    with pytest.raises(ValueError, match=r"target must have shape \(\) to match input_data, "
                                         r"got \(2,\)"):
        core.get_error([1, 2], [1, 2], [1, 2])


def test_network_layers_must_chain():
    with pytest.raises(ValueError, match=r"weights\[1\] must have 3 rows to follow weights\[0\] "
                                         r"of shape \(2, 3\), got shape \(4, 1\)"):
        core.Network([np.ones((2, 3)), np.ones((4, 1))])


def test_network_weights_must_be_a_list_of_2d_arrays():
    with pytest.raises(ValueError, match=r"weights must be a list of 2-D arrays, one per layer, "
                                         r"got ndarray"):
        core.Network(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"weights must hold at least one layer"):
        core.Network([])
    with pytest.raises(ValueError, match=r"weights\[0\] must have 2 dimension\(s\), got shape \(3,\)"):
        core.Network([np.ones(3)])


def test_network_biases_shape():
    with pytest.raises(ValueError, match=r"biases\[0\] must have shape \(3,\), got \(2,\)"):
        core.Network([np.ones((2, 3))], [np.ones(2)])
    with pytest.raises(ValueError, match=r"biases\[1\] must have shape \(1,\), got \(3,\)"):
        core.Network([np.ones((2, 3)), np.ones((3, 1))], [np.ones(3), np.ones(3)])
    with pytest.raises(ValueError, match=r"biases must be None or a list of 1 arrays"):
        core.Network([np.ones((2, 3))], [np.ones(3), np.ones(1)])
    with pytest.raises(ValueError, match=r"biases\[0\] must have 1 dimension\(s\)"):
        core.Network([np.ones((2, 3))], [np.ones((1, 3))])


def test_y_shape_must_match_the_output_layer(net):
    with pytest.raises(ValueError, match=r"y must hold 1 target\(s\) per point of X, i\.e\. shape "
                                         r"\(4, 1\), got shape \(3,\)"):
        core.backprop(net, np.ones((4, 2)), np.ones(3))
    with pytest.raises(ValueError, match=r"y must hold 1 target\(s\) per point of X, i\.e\. shape "
                                         r"\(1,\), got shape \(2,\)"):
        core.loss(net, np.ones(2), np.ones(2))
    two_out = core.Network.random([2, 2], seed=0)
    with pytest.raises(ValueError, match=r"y must hold 2 target\(s\).*got shape \(4,\)"):
        core.train_sgd(two_out, np.ones((4, 2)), np.ones(4), 0.1, 1, 1)


def test_x_must_fit_the_input_layer(net):
    with pytest.raises(ValueError, match=r"X must have 2 values per point to match the network's "
                                         r"input layer, got 3"):
        net.predict(np.ones(3))
    with pytest.raises(ValueError, match=r"X must have 1 or 2 dimension\(s\), got shape \(2, 2, 2\)"):
        net.forward(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match=r"X must be 2-D \(n_samples, n_features\), got shape \(2,\)"):
        core.train_sgd(net, np.ones(2), np.ones(1), 0.1, 1, 1)


def test_mean_squared_error_shapes():
    with pytest.raises(ValueError, match=r"actual and predicted must have the same shape, got "
                                         r"\(2,\) and \(3,\)"):
        core.mean_squared_error([1, 2], [1, 2, 3])


def test_empty_inputs():
    with pytest.raises(ValueError, match=r"input_data must not be empty, got shape \(0,\)"):
        core.get_error([], 0, [])


# -- non-finite and non-numeric values ------------------------------------------------------


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_values_are_rejected(bad, net):
    with pytest.raises(ValueError, match=r"input_data must be finite \(no NaN or inf\)"):
        core.get_error([1, bad], 0, [1, 2])
    with pytest.raises(ValueError, match=r"target must be finite \(no NaN or inf\)"):
        core.get_slope([1, 2], bad, [1, 2])
    with pytest.raises(ValueError, match=r"weights must be finite \(no NaN or inf\)"):
        core.gradient_descent([1, 2], 0, [bad, 2], 0.1, 1)
    with pytest.raises(ValueError, match=r"X must be finite \(no NaN or inf\)"):
        net.predict([[1, bad]])
    with pytest.raises(ValueError, match=r"y must be finite \(no NaN or inf\)"):
        core.backprop(net, [1, 2], [bad])
    with pytest.raises(ValueError, match=r"weights\[0\] must be finite \(no NaN or inf\)"):
        core.Network([np.array([[1.0, bad]])])
    with pytest.raises(ValueError, match=r"biases\[0\] must be finite"):
        core.Network([np.ones((2, 1))], [np.array([bad])])
    with pytest.raises(ValueError, match=r"input_data_point must be finite"):
        core.predict_with_network([bad, 1], c.TASK_1_9_WEIGHTS_0)
    with pytest.raises(ValueError, match=r"predicted must be finite"):
        core.mean_squared_error([1, 2], [1, bad])
    with pytest.raises(ValueError, match=rf"^learning_rate must be finite, got {bad}\.$"):
        core.gradient_descent([1, 2], 0, [1, 2], bad, 1)


def test_non_numeric_strings_are_rejected(net):
    with pytest.raises(ValueError, match=r"^input_data must be numeric, got 'abc'\.$"):
        core.get_error("abc", 0, [1, 2])
    with pytest.raises(ValueError, match=r"weights must be numeric, got \['a', 'b'\]"):
        core.get_error([1, 2], 0, ["a", "b"])
    with pytest.raises(ValueError, match=r"X must be numeric"):
        net.predict([["x", "y"]])
    with pytest.raises(ValueError, match=r"weights\['node_0'\] must be numeric, got \[1, 'x'\]"):
        core.predict_with_network([1, 2], {"node_0": [1, "x"], "node_1": [1, 2],
                                           "output": [1, 2]})
    with pytest.raises(ValueError, match=r"learning_rate must be a number, got '0\.1'"):
        core.gradient_descent([1, 2], 0, [1, 2], "0.1", 3)
    with pytest.raises(ValueError, match=r"epochs must be an integer, got '3'"):
        core.train_sgd(net, np.ones((3, 2)), np.ones(3), 0.1, 1, "3")


def test_long_values_are_shortened_in_messages():
    with pytest.raises(ValueError, match=r"input_data must be finite") as info:
        core.get_error([np.nan] * 200, 0, [1.0] * 200)
    assert len(str(info.value)) < 200
    assert "..." in str(info.value)


# -- learning rates, counts ---------------------------------------------------------------


@pytest.mark.parametrize(("rate", "shown"), [(-0.1, "-0.1"), (0, "0.0"), (0.0, "0.0")])
def test_learning_rate_must_be_positive(rate, shown, net):
    message = rf"^learning_rate must be > 0, got {re.escape(shown)}\.$"
    with pytest.raises(ValueError, match=message):
        core.gradient_descent([1, 2], 0, [1, 2], rate, 3)
    with pytest.raises(ValueError, match=message):
        core.train_sgd(net, np.ones((4, 2)), np.ones(4), rate, 1, 1)


def test_batch_size_epochs_n_updates(net):
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match=r"^batch_size must be >= 1, got 0\.$"):
        core.train_sgd(net, X, y, 0.1, 0, 1)
    with pytest.raises(ValueError, match=r"^batch_size must be an integer, got 2\.5\.$"):
        core.train_sgd(net, X, y, 0.1, 2.5, 1)
    with pytest.raises(ValueError, match=r"^epochs must be >= 1, got 0\.$"):
        core.train_sgd(net, X, y, 0.1, 1, 0)
    with pytest.raises(ValueError, match=r"^seed must be >= 0, got -1\.$"):
        core.train_sgd(net, X, y, 0.1, 1, 1, seed=-1)
    with pytest.raises(ValueError, match=r"^n_updates must be >= 0, got -1\.$"):
        core.gradient_descent([1, 2], 0, [1, 2], 0.1, -1)
    with pytest.raises(ValueError, match=r"^n_updates must be an integer, got 2\.5\.$"):
        core.gradient_descent([1, 2], 0, [1, 2], 0.1, 2.5)
    with pytest.raises(ValueError, match=r"^n_updates must be an integer, got True\.$"):
        core.gradient_descent([1, 2], 0, [1, 2], 0.1, True)
    with pytest.raises(ValueError, match=r"^n_samples must be >= 1, got 0\.$"):
        core.epoch_orders(0, 1)


def test_zero_updates_is_allowed():
    history = core.gradient_descent([1, 2], 0, [1, 2], 0.1, 0)
    assert history.weights.shape == (1, 2)
    assert history.mse.tolist() == [25.0]
    assert history.n_updates == 0 and history.diverged_at is None


def test_network_random_sizes():
    with pytest.raises(ValueError, match=r"layer_sizes must have at least 2 entries \(inputs and "
                                         r"outputs\), got \[2\]"):
        core.Network.random([2])
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be >= 1, got 0"):
        core.Network.random([2, 0, 1])


# -- activations --------------------------------------------------------------------------


def test_unknown_activation_names():
    with pytest.raises(ValueError, match=rf"^hidden_activation must be one of {VALID_NAMES}, "
                                         r"got 'nope'\.$"):
        core.Network([np.ones((2, 3))], hidden_activation="nope")
    with pytest.raises(ValueError, match=rf"^output_activation must be one of {VALID_NAMES}, "
                                         r"got 'softmax'\.$"):
        core.Network([np.ones((2, 3))], output_activation="softmax")
    with pytest.raises(ValueError, match=rf"^hidden_activation must be one of {VALID_NAMES}"):
        core.Network.random([2, 2, 1], hidden_activation="logistic")
    with pytest.raises(ValueError, match=rf"^activation must be one of {VALID_NAMES}, got 'nope'"):
        core.get_activation("nope")


# -- the course's dict of weights ------------------------------------------------------------


def test_predict_with_network_bad_dict_keys():
    with pytest.raises(ValueError, match=re.escape(
            "weights is missing keys ['output']; it needs ['node_0', 'node_1', 'output'], "
            "got keys ['node_0', 'node_1'].")):
        core.predict_with_network([1, 2], {"node_0": [1, 2], "node_1": [1, 2]})
    with pytest.raises(ValueError, match=re.escape("weights is missing keys ['node_1', 'output']")):
        core.predict_with_network([1, 2], {"node_0": [1, 2], "node_2": [1, 2]})
    with pytest.raises(ValueError, match=re.escape(
            "weights must be a dict with keys ['node_0', 'node_1', 'output'], got list.")):
        core.predict_with_network([1, 2], [[1, 2], [1, 2], [1, 2]])
    with pytest.raises(ValueError, match=re.escape("weights is missing keys ['node_1', 'output']")):
        core.Network.from_seed({"node_0": [1, 2]})


def test_predict_with_network_wrong_lengths():
    with pytest.raises(ValueError, match=r"^input_data_point must hold 2 values, got 3\.$"):
        core.predict_with_network([1, 2, 3], c.TASK_1_9_WEIGHTS_0)
    with pytest.raises(ValueError, match=r"^weights\['output'\] must hold 2 values, got 3\.$"):
        core.predict_with_network([1, 2], {"node_0": [1, 2], "node_1": [1, 2],
                                           "output": [1, 2, 3]})
    with pytest.raises(ValueError, match=r"^weights\['node_1'\] must hold 2 values, got 1\.$"):
        core.predict_with_network([1, 2], {"node_0": [1, 2], "node_1": [1], "output": [1, 2]})
    with pytest.raises(ValueError, match=r"weights\['node_0'\] must have 1 dimension\(s\)"):
        core.predict_with_network([1, 2], {"node_0": [[1, 2]], "node_1": [1, 2],
                                           "output": [1, 2]})
    with pytest.raises(ValueError, match=r"input_data_point must have 1 dimension\(s\), "
                                         r"got shape \(1, 2\)"):
        core.predict_with_network([[1, 2]], c.TASK_1_9_WEIGHTS_0)


def test_network_type_is_checked(net):
    with pytest.raises(ValueError, match=r"^network must be a core\.Network, got str\.$"):
        core.train_sgd("x", np.ones((2, 2)), np.ones(2), 0.1, 1, 1)
    with pytest.raises(ValueError, match=r"^network must be a core\.Network, got dict\.$"):
        core.loss({}, np.ones(2), 1.0)


# -- overflow ------------------------------------------------------------------------------------


def test_gradient_descent_starting_loss_overflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=re.escape(
                "weights give a loss too large to compute (it overflows float64) at the "
                "start; use smaller weights or inputs.")):
            core.gradient_descent([1e200, 1e200], 0, [1e200, 1e200], 0.1, 3)


@pytest.mark.parametrize("batch", [False, True])
def test_gradient_descent_divergence_is_reported_not_returned(batch):
    # Task 2.7's data with rate 1 instead of 0.01: every update multiplies the error
    # by 1 - 2 * 1 * (1 + 4 + 9) = -27, so the weights overflow after ~200 updates.
    input_data, target = c.TASK_2_5_INPUT, c.TASK_2_5_TARGET
    if batch:
        input_data, target = np.array([c.TASK_2_5_INPUT, 2 * c.TASK_2_5_INPUT]), [0.0, 1.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        history = core.gradient_descent(input_data, target, c.TASK_2_5_WEIGHTS, 1.0, 1000)
    assert history.diverged_at is not None
    assert 1 < history.diverged_at < 1000
    rows = history.diverged_at
    assert history.weights.shape == (rows, 3)
    assert history.mse.shape == (rows,)
    assert history.slopes.shape == (rows, 3)
    assert history.n_updates == rows - 1
    for array in (history.weights, history.mse, history.slopes):
        assert np.isfinite(array).all()
    # it really was diverging: the loss grows every update
    assert np.all(np.diff(history.mse) > 0)


def test_gradient_descent_does_not_change_its_inputs():
    weights = c.TASK_2_5_WEIGHTS.copy()
    core.gradient_descent(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, weights, 0.01, 5)
    np.testing.assert_array_equal(weights, c.TASK_2_5_WEIGHTS)


# -- dependencies -------------------------------------------------------------------------------

FORBIDDEN = {"streamlit", "pandas", "altair", "sklearn", "matplotlib", "scipy", "torch"}


def _imports(path):
    tree = ast.parse(path.read_text(), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_core_imports_numpy_and_the_standard_library_only():
    files = sorted(CORE_DIR.glob("*.py"))
    assert {f.name for f in files} >= {"activations.py", "checks.py", "losses.py",
                                       "linear.py", "network.py", "backprop.py", "sgd.py",
                                       "course.py", "__init__.py"}
    for path in files:
        modules = _imports(path)
        assert not modules & FORBIDDEN, (path.name, modules & FORBIDDEN)
        third_party = modules - set(sys.stdlib_module_names)
        assert third_party <= {"numpy"}, (path.name, third_party)
