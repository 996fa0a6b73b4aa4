"""core.rounds (note 4.2): one round subtracts learning rate times slope, train_rounds
counts one forward and one backward pass per round, stops when flat or diverging, and
reports overflow clearly."""

import numpy as np
import pytest

import core
from core import rounds
from core.course import QUIZ_4_4_INPUT, QUIZ_4_4_TARGET, QUIZ_4_4_WEIGHTS


def quiz_4_4_network():
    """The course's 2-2-1 ReLU network with the quiz-4.4 weights (no biases)."""
    return core.Network.from_seed(QUIZ_4_4_WEIGHTS)


def quiz_4_4_data():
    """The quiz-4.4 point and target as a batch of one row."""
    return QUIZ_4_4_INPUT.reshape(1, -1).copy(), np.array([QUIZ_4_4_TARGET])


def test_one_round_subtracts_rate_times_slope_and_lowers_the_loss():
    network = quiz_4_4_network()
    X, y = quiz_4_4_data()
    result = rounds.one_round(network, X, y, 0.01)
    gradients = core.backprop(network, X, y)
    for new, old, slope in zip(result.network.weights, network.weights, gradients.weights,
                               strict=True):
        np.testing.assert_allclose(new, old - 0.01 * slope)
    assert result.loss_before == 0.25
    assert result.loss_after < result.loss_before
    assert result.loss_after == core.loss(result.network, X, y)
    # the network passed in is unchanged
    assert network.weights[0][1, 1] == 1


def test_train_rounds_counts_one_forward_and_one_backward_pass_per_round():
    network = quiz_4_4_network()
    X, y = quiz_4_4_data()
    history = rounds.train_rounds(network, X, y, 0.001, 4)
    assert history.rounds_done == history.forward_passes == history.backward_passes == 4
    assert history.losses.shape == (5,) and np.all(np.diff(history.losses) < 0)
    assert history.loss_before == history.losses[3] and history.loss_after == history.losses[4]
    step = rounds.one_round(network, X, y, 0.001)
    assert history.losses[1] == step.loss_after
    assert rounds.train_rounds(network, X, y, 0.01, 0).loss_before is None


def test_train_until_flat_stops_when_every_slope_is_near_zero():
    network = quiz_4_4_network()
    X, y = quiz_4_4_data()
    history = rounds.train_rounds(network, X, y, 0.01, rounds.MAX_ROUNDS, until_flat=True)
    assert history.flat_at == history.rounds_done < rounds.MAX_ROUNDS
    assert history.is_flat and history.max_slopes[-1] < rounds.FLAT_TOLERANCE
    assert np.all(history.max_slopes[:-1] >= rounds.FLAT_TOLERANCE)
    # replaying the same number of rounds without the stopping rule lands on the same state
    again = rounds.train_rounds(network, X, y, 0.01, history.rounds_done)
    np.testing.assert_array_equal(again.losses, history.losses)


def test_a_learning_rate_that_diverges_is_detected_without_nan():
    network = core.Network.random([2, 3, 1], "identity", "identity", True, 1)
    X = np.array([[1.0, 3.0], [2.0, -1.0]])
    history = rounds.train_rounds(network, X, [5.0, 1.0], 1.0, 500)
    assert history.diverged_at is not None and history.rounds_done == history.diverged_at - 1
    assert np.isfinite(history.losses).all() and np.isfinite(history.max_slopes).all()
    assert history.losses[-1] <= rounds.DIVERGENCE_FACTOR * max(history.losses[0], 1)
    assert all(np.isfinite(w).all() for w in history.network.weights)


def test_overflowing_inputs_give_a_clear_error():
    network = quiz_4_4_network()
    with pytest.raises(ValueError, match="too large to compute"):
        rounds.train_rounds(network, [[1e300, 3.0]], [5.5], 0.01, 1)
    with pytest.raises(ValueError, match="too large to compute"):
        rounds.one_round(network, [[1.0, 3.0]], [1e300], 0.01)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        rounds.train_rounds(network, [[1.0, 3.0]], [5.5], 0, 1)
    with pytest.raises(ValueError, match="n_rounds must be <= 2000"):
        rounds.train_rounds(network, [[1.0, 3.0]], [5.5], 0.01, 2001)
