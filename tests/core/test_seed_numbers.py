"""Every number the seed prints, recomputed with core and taken from core.course.

Each test names the seed's step. Where the seed prints a value, the test also
checks the printed text (the seed's ints print without ".0"; our floats are
formatted with ":g" for those, which is what the seed's print shows).
"""

import numpy as np
import pytest
from sklearn.metrics import mean_squared_error as sk_mean_squared_error

import core
from core import course as c


def _seed_dict(weights):
    """A copy of a seed-style weights dict (so no test can alter core.course)."""
    return {key: np.array(value, copy=True) for key, value in weights.items()}


# -- 1.7 [quiz-1] Calculating model errors ---------------------------------------------


def test_quiz_1_7_prediction_16_error_11():
    prediction = core.predict_with_network(c.QUIZ_1_7_INPUT, c.QUIZ_1_7_WEIGHTS)
    error = prediction - c.QUIZ_1_7_TARGET
    assert prediction == 16
    assert error == 11
    assert error == c.QUIZ_1_7_ANSWER
    assert c.QUIZ_1_7_ANSWER in c.QUIZ_1_7_CHOICES
    assert f"{error:g}" == "11"


def test_quiz_1_7_node_1_is_switched_off_by_relu():
    # node_1 receives 3 * -1 + 2 * 1 = -1 < 0, so its value is 0.
    node_1_input = float(np.dot(c.QUIZ_1_7_INPUT, c.QUIZ_1_7_WEIGHTS["node_1"]))
    assert node_1_input == -1
    assert core.relu(node_1_input) == 0


# -- 1.8 [quiz-2] Understanding how weights change model accuracy ------------------------


def test_quiz_1_8_raising_the_weight_to_2_01_is_less_accurate():
    weights = _seed_dict(c.QUIZ_1_8_WEIGHTS)
    assert weights["output"][0] == 2
    prediction_2 = core.predict_with_network(c.QUIZ_1_8_INPUT, weights)
    weights["output"][0] = c.QUIZ_1_8_NEW_OUTPUT_WEIGHT_0
    prediction_2_01 = core.predict_with_network(c.QUIZ_1_8_INPUT, weights)

    error_2 = prediction_2 - c.QUIZ_1_8_TARGET
    error_2_01 = prediction_2_01 - c.QUIZ_1_8_TARGET
    assert prediction_2 == 9
    assert prediction_2_01 == pytest.approx(9.05, abs=1e-12)
    assert abs(error_2_01) > abs(error_2)
    assert c.QUIZ_1_8_ANSWER == "Less accurate."
    assert c.QUIZ_1_8_ANSWER in c.QUIZ_1_8_CHOICES


# -- 1.9 [task-1] Coding how weight changes affect the accuracy ----------------------------


def test_task_1_9_errors_6_and_0():
    model_output_0 = core.predict_with_network(c.TASK_1_9_INPUT, c.TASK_1_9_WEIGHTS_0)
    error_0 = model_output_0 - c.TASK_1_9_TARGET
    model_output_1 = core.predict_with_network(c.TASK_1_9_INPUT, c.TASK_1_9_WEIGHTS_1)
    error_1 = model_output_1 - c.TASK_1_9_TARGET

    assert (error_0, error_1) == c.TASK_1_9_ERRORS == (6, 0)
    # The seed prints "6" and "0".
    assert (f"{error_0:g}", f"{error_1:g}") == ("6", "0")


def test_task_1_9_seed_literals_match_course_constants():
    # The seed's own literals, typed as the seed types them (ints).
    np.testing.assert_array_equal(c.TASK_1_9_INPUT, np.array([0, 3]))
    seed_weights_0 = {"node_0": [2, 1], "node_1": [1, 2], "output": [1, 1]}
    seed_weights_1 = {"node_0": [2, 1], "node_1": [1, 0], "output": [1, 1]}
    for key in ("node_0", "node_1", "output"):
        np.testing.assert_array_equal(c.TASK_1_9_WEIGHTS_0[key], seed_weights_0[key])
        np.testing.assert_array_equal(c.TASK_1_9_WEIGHTS_1[key], seed_weights_1[key])
    assert c.TASK_1_9_TARGET == 3
    # predict_with_network accepts the seed's plain lists of ints as well.
    assert core.predict_with_network(np.array([0, 3]), seed_weights_0) - 3 == 6
    assert core.predict_with_network(np.array([0, 3]), seed_weights_1) - 3 == 0


# -- 1.10 [task-2] Scaling up to multiple data points ------------------------------------


def _task_1_10_outputs(weights):
    return [core.predict_with_network(row, weights) for row in c.TASK_1_10_INPUT_DATA]


@pytest.mark.parametrize(
    ("weights", "expected", "printed"),
    [
        (c.TASK_1_10_WEIGHTS_0, 37.5, "37.500000"),
        (c.TASK_1_10_WEIGHTS_1, 49.890625, "49.890625"),
    ],
    ids=["weights_0", "weights_1"],
)
def test_task_1_10_mse_ours_and_sklearn(weights, expected, printed):
    model_output = _task_1_10_outputs(weights)
    ours = core.mean_squared_error(c.TASK_1_10_TARGETS, model_output)
    theirs = sk_mean_squared_error(c.TASK_1_10_TARGETS, model_output)
    assert ours == expected
    assert theirs == expected
    # the seed's own formatting: print("...: %f" % mse_0)
    assert "%f" % ours == printed  # noqa: UP031
    assert "%f" % theirs == printed  # noqa: UP031


def test_task_1_10_course_constants():
    assert c.TASK_1_10_MSE == (37.5, 49.890625)
    outputs = [_task_1_10_outputs(w) for w in (c.TASK_1_10_WEIGHTS_0, c.TASK_1_10_WEIGHTS_1)]
    mses = tuple(core.mean_squared_error(c.TASK_1_10_TARGETS, o) for o in outputs)
    assert mses == c.TASK_1_10_MSE
    # The predictions behind them (worked by hand): weights_0 gives 9, 9, 0, 12
    # (errors 8, 6, -5, 5: (64 + 36 + 25 + 25) / 4 = 37.5).
    assert outputs[0] == [9, 9, 0, 12]
    np.testing.assert_array_equal(c.TASK_1_10_TARGETS, [1, 3, 5, 7])


# -- Network.from_seed is the same network as predict_with_network ---------------------------

SEED_CASES = [
    (c.QUIZ_1_7_INPUT, c.QUIZ_1_7_WEIGHTS),
    (c.QUIZ_1_8_INPUT, c.QUIZ_1_8_WEIGHTS),
    (c.TASK_1_9_INPUT, c.TASK_1_9_WEIGHTS_0),
    (c.TASK_1_9_INPUT, c.TASK_1_9_WEIGHTS_1),
] + [(row, w) for w in (c.TASK_1_10_WEIGHTS_0, c.TASK_1_10_WEIGHTS_1)
     for row in c.TASK_1_10_INPUT_DATA]


@pytest.mark.parametrize(("point", "weights"), SEED_CASES)
def test_from_seed_predict_equals_predict_with_network(point, weights):
    network = core.Network.from_seed(weights)
    prediction = network.predict(point)
    assert prediction.shape == (1,)
    assert prediction[0] == core.predict_with_network(point, weights)


def test_from_seed_batch_equals_rowwise():
    network = core.Network.from_seed(c.TASK_1_10_WEIGHTS_1)
    batch = network.predict(c.TASK_1_10_INPUT_DATA)
    assert batch.shape == (4, 1)
    assert batch[:, 0].tolist() == _task_1_10_outputs(c.TASK_1_10_WEIGHTS_1)


# -- 2.2 [note-2] Slope calculation example --------------------------------------------------


def test_note_2_2_slope_minus_24_new_weight_2_24():
    slope = core.get_slope([c.NOTE_2_2_INPUT], c.NOTE_2_2_TARGET, [c.NOTE_2_2_WEIGHT])
    assert slope.shape == (1,)
    assert slope[0] == -24 == c.NOTE_2_2_SLOPE
    # the three factors: 2 * error, the input value, no activation
    error = core.get_error([c.NOTE_2_2_INPUT], c.NOTE_2_2_TARGET, [c.NOTE_2_2_WEIGHT])
    assert error == 6 - 10
    assert 2 * error * c.NOTE_2_2_INPUT == -24

    new_weight = c.NOTE_2_2_WEIGHT - c.NOTE_2_2_LEARNING_RATE * slope[0]
    assert new_weight == 2.24 == c.NOTE_2_2_NEW_WEIGHT
    assert str(new_weight) == "2.24"


def test_note_2_2_one_gradient_descent_update():
    history = core.gradient_descent([c.NOTE_2_2_INPUT], c.NOTE_2_2_TARGET,
                                    [c.NOTE_2_2_WEIGHT], c.NOTE_2_2_LEARNING_RATE, 1)
    assert history.slopes[0, 0] == -24
    assert history.weights[1, 0] == 2.24
    assert str(float(history.weights[1, 0])) == "2.24"


# -- 2.4 [code-1] Calculate slopes and update weights ----------------------------------------


def test_code_2_4_error_5_gradient_30_40_updated_error_2_5():
    error = core.get_error(c.CODE_2_4_INPUT, c.CODE_2_4_TARGET, c.CODE_2_4_WEIGHTS)
    assert error == 5 == c.CODE_2_4_ERROR
    assert f"{error:g}" == "5"

    gradient = core.get_slope(c.CODE_2_4_INPUT, c.CODE_2_4_TARGET, c.CODE_2_4_WEIGHTS)
    np.testing.assert_array_equal(gradient, [30, 40])
    np.testing.assert_array_equal(gradient, c.CODE_2_4_GRADIENT)
    assert repr(gradient.astype(int)) == "array([30, 40])"

    weights_updated = c.CODE_2_4_WEIGHTS - c.CODE_2_4_LEARNING_RATE * gradient
    error_updated = core.get_error(c.CODE_2_4_INPUT, c.CODE_2_4_TARGET, weights_updated)
    assert error_updated == 2.5 == c.CODE_2_4_UPDATED_ERROR
    assert str(float(error_updated)) == "2.5"


# -- 2.5 [task-1] Calculating slopes ------------------------------------------------------------


def test_task_2_5_slope_14_28_42():
    slope = core.get_slope(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS)
    np.testing.assert_array_equal(slope, [14, 28, 42])
    np.testing.assert_array_equal(slope, c.TASK_2_5_SLOPE)
    # Whole numbers, so the seed's int printing is exact.
    assert np.array_equal(slope, slope.astype(int))
    assert str(slope.astype(int)) == "[14 28 42]"


def test_task_2_5_seed_literals_match_course_constants():
    np.testing.assert_array_equal(c.TASK_2_5_INPUT, np.array([1, 2, 3]))
    np.testing.assert_array_equal(c.TASK_2_5_WEIGHTS, np.array([0, 2, 1]))
    assert c.TASK_2_5_TARGET == 0


# -- 2.6 [task-2] Improving model weights -------------------------------------------------------


def test_task_2_6_error_7_then_5_04():
    rate = c.TASK_2_6_LEARNING_RATE
    error = core.get_error(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS)
    slope = core.get_slope(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS)
    weights_updated = c.TASK_2_5_WEIGHTS - rate * slope
    error_updated = core.get_error(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, weights_updated)

    assert error == 7 == c.TASK_2_6_ERROR
    assert f"{error:g}" == "7"
    assert error_updated == 5.04 == c.TASK_2_6_UPDATED_ERROR
    assert str(float(error_updated)) == "5.04"


# -- 2.7 [task-3] Making multiple updates to weights ------------------------------------------


def _seed_task_2_7_mse_hist():
    """The seed's code for task 2.7, literally (its own int literals, its functions)."""
    input_data = np.array([1, 2, 3])
    weights = np.array([0, 2, 1])
    target = 0

    def get_error(input_data, target, weights):
        preds = (weights * input_data).sum()
        error = preds - target
        return error

    def get_slope(input_data, target, weights):
        error = get_error(input_data, target, weights)
        slope = 2 * input_data * error
        return slope

    def get_mse(input_data, target, weights):
        errors = get_error(input_data, target, weights)
        mse = np.mean(errors**2)
        return mse

    n_updates = 20
    mse_hist = []
    for _ in range(n_updates):
        slope = get_slope(input_data, target, weights)
        weights = weights - 0.01 * slope
        mse = get_mse(input_data, target, weights)
        mse_hist.append(mse)
    return mse_hist, weights


def test_task_2_7_gradient_descent_equals_the_seed_loop_exactly():
    history = core.gradient_descent(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS,
                                    c.TASK_2_7_LEARNING_RATE, c.TASK_2_7_N_UPDATES)
    seed_mse_hist, seed_weights = _seed_task_2_7_mse_hist()

    assert c.TASK_2_7_N_UPDATES == 20
    assert c.TASK_2_7_LEARNING_RATE == 0.01
    assert history.diverged_at is None
    assert history.weights.shape == (21, 3)
    assert history.mse.shape == (21,)
    assert history.n_updates == 20
    # Exact equality, element by element, with the seed's own loop.
    assert history.mse[1:].tolist() == [float(m) for m in seed_mse_hist]
    assert history.weights[-1].tolist() == seed_weights.tolist()
    # Row 0 is the start: error 7, so MSE 49.
    assert history.mse[0] == 49
    np.testing.assert_array_equal(history.weights[0], c.TASK_2_5_WEIGHTS)
    np.testing.assert_array_equal(history.slopes[0], c.TASK_2_5_SLOPE)
    # Every update lowers the MSE; the first one gives 5.04 ** 2.
    assert np.all(np.diff(history.mse) < 0)
    assert history.mse[1] == pytest.approx(5.04**2, rel=1e-14)


def test_task_2_7_get_mse_matches_history():
    history = core.gradient_descent(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS,
                                    c.TASK_2_7_LEARNING_RATE, c.TASK_2_7_N_UPDATES)
    for weights, mse, slope in zip(history.weights, history.mse, history.slopes, strict=True):
        assert core.get_mse(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, weights) == mse
        np.testing.assert_array_equal(
            core.get_slope(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, weights), slope)


# -- 3.3 / 3.4 quizzes -------------------------------------------------------------------------


def test_quiz_3_3_four_updates_four_forward_passes():
    assert c.QUIZ_3_3_ANSWER == 4
    assert c.QUIZ_3_3_ANSWER in c.QUIZ_3_3_CHOICES
    # gradient_descent makes one forward pass (error) per update: 4 updates, 4 new rows.
    history = core.gradient_descent(c.TASK_2_5_INPUT, c.TASK_2_5_TARGET, c.TASK_2_5_WEIGHTS,
                                    0.01, c.QUIZ_3_3_ANSWER)
    assert history.n_updates == 4


def test_quiz_3_4_zero_errors_zero_updates():
    # Task 1.9's weights_1 predict the target exactly (error 0): every slope is 0.
    network = core.Network.from_seed(c.TASK_1_9_WEIGHTS_1)
    grads = core.backprop(network, c.TASK_1_9_INPUT, c.TASK_1_9_TARGET)
    assert grads.loss == 0
    for g in grads.weights:
        assert not g.any()
    assert c.QUIZ_3_4_CHOICES[0] == c.QUIZ_3_4_ANSWER
    assert "also be 0" in c.QUIZ_3_4_ANSWER


# -- 4.4 [quiz-1] A round of backpropagation ------------------------------------------------


def test_quiz_4_4_constants_3_times_2_times_1_is_6():
    relu_slope_positive = core.activations.relu_slope(1.0)
    assert relu_slope_positive == 1
    slope = c.QUIZ_4_4_FEEDING_VALUE * c.QUIZ_4_4_FED_SLOPE * relu_slope_positive
    assert slope == 6 == c.QUIZ_4_4_SLOPE
    assert f"{slope:g}" == c.QUIZ_4_4_ANSWER == "6"
    assert c.QUIZ_4_4_ANSWER in c.QUIZ_4_4_CHOICES


def test_quiz_4_4_weight_factors_on_a_network_realising_it():
    # One weight from a node of value 3 to a ReLU output node. With weight 1 the
    # prediction is 3; target 2 makes the loss slope at the output 2 * (3 - 2) = 2.
    network = core.Network([[[1.0]]], None, "relu", "relu")
    grads = core.backprop(network, [c.QUIZ_4_4_FEEDING_VALUE], [2.0])
    factors = core.weight_factors(grads, 1, 0, 0)
    assert factors.feeding_value == c.QUIZ_4_4_FEEDING_VALUE
    assert factors.fed_value_slope == c.QUIZ_4_4_FED_SLOPE
    assert factors.activation_slope == 1
    assert factors.gradient == c.QUIZ_4_4_SLOPE
    assert grads.weights[0][0, 0] == c.QUIZ_4_4_SLOPE


def test_quiz_4_4_on_the_seed_network_of_the_backprop_page():
    # The course's 2-2-1 ReLU network on input [1, 3], target 5.5 (core.course):
    # node inputs 4 and 2, prediction 0.5*4 + 2*2 = 6, error 0.5, output loss slope 1;
    # node_1's value slope is 2 * 1 = 2; the weight input_1 -> node_1 is fed by 3.
    network = core.Network.from_seed(c.QUIZ_4_4_WEIGHTS)
    grads = core.backprop(network, c.QUIZ_4_4_INPUT, c.QUIZ_4_4_TARGET)
    np.testing.assert_array_equal(grads.forward.node_inputs[1], [4, 2])
    assert grads.forward.prediction[0] == 6
    f = core.weight_factors(grads, *c.QUIZ_4_4_WEIGHT)
    assert f.feeding_value == c.QUIZ_4_4_FEEDING_VALUE == 3
    assert f.fed_value_slope == c.QUIZ_4_4_FED_SLOPE == 2
    assert f.activation_slope == 1
    assert f.gradient == c.QUIZ_4_4_SLOPE == 6
    layer, source, target = c.QUIZ_4_4_WEIGHT
    assert grads.weights[layer - 1][source, target] == 6
