"""The linear model's loss as a landscape (core.losses: loss_along, loss_surface): the same
numbers as get_mse with weights moved, finite for huge weights, clear errors for bad
input."""

import numpy as np
import pytest

import core
from core.course import (
    NOTE_2_2_INPUT,
    NOTE_2_2_TARGET,
    NOTE_2_2_WEIGHT,
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
)
from core.losses import FLOAT_MAX, loss_along, loss_surface

BATCH_X = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0], [2.0, 0.0, -1.0], [1.0, 1.0, 1.0]])
BATCH_Y = np.array([1.0, -2.0, 0.5, 3.0])


@pytest.mark.parametrize("x, y, w", [(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS),
                                     (BATCH_X, BATCH_Y, np.array([0.5, -1.0, 2.0]))])
@pytest.mark.parametrize("index", [0, 2])
def test_loss_along_is_get_mse_with_one_weight_moved(x, y, w, index):
    values = np.linspace(-3, 3, 13)
    curve = loss_along(x, y, w, index, values)
    for value, loss in zip(values, curve, strict=True):
        moved = w.copy()
        moved[index] = value
        assert loss == pytest.approx(core.get_mse(x, y, moved), rel=1e-12, abs=1e-12)


def test_loss_along_single_weight_is_the_squared_error_of_note_2_2():
    curve = loss_along([NOTE_2_2_INPUT], NOTE_2_2_TARGET, [0.0], 0, [NOTE_2_2_WEIGHT])
    assert curve.tolist() == [16.0]  # (2 * 3 - 10)**2


@pytest.mark.parametrize("x, y, w", [(TASK_2_5_INPUT, TASK_2_5_TARGET, TASK_2_5_WEIGHTS),
                                     (BATCH_X, BATCH_Y, np.array([0.5, -1.0, 2.0]))])
def test_loss_surface_is_get_mse_over_the_grid(x, y, w):
    gx, gy = np.linspace(-2, 2, 5), np.linspace(0, 3, 4)
    surface = loss_surface(x, y, w, 2, 0, gx, gy)
    assert surface.shape == (4, 5)
    for j, vy in enumerate(gy):
        for i, vx in enumerate(gx):
            moved = w.copy()
            moved[2], moved[0] = vx, vy
            assert surface[j, i] == pytest.approx(core.get_mse(x, y, moved), rel=1e-12,
                                                  abs=1e-12)


def test_loss_surface_and_curve_stay_finite_for_huge_weights():
    huge = [1e300, -1e300]
    assert np.isfinite(loss_along(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0, huge)).all()
    surface = loss_surface(TASK_2_5_INPUT, 0.0, TASK_2_5_WEIGHTS, 0, 1, huge, huge)
    assert np.isfinite(surface).all() and surface.max() == FLOAT_MAX


@pytest.mark.parametrize("call, message", [
    (lambda: loss_surface(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 1, 1, [0], [0]),
     "two different weights"),
    (lambda: loss_surface(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, 3, [0], [0]),
     "index_y must be <= 2"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, -1, [0]), "index must be >= 0"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, []), "values must not be"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, [1, 2], 0, [0]), "one value per input"),
    (lambda: loss_along(TASK_2_5_INPUT, 0, TASK_2_5_WEIGHTS, 0, [np.nan]), "finite"),
])
def test_surface_functions_reject_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
