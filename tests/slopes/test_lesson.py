"""The slopes page's lesson logic (app_pages/slopes/lesson.py): the tangent, the best
single weight, where a step lands, and the slips a learner's guess is checked against."""

import math

import pytest

import core
from app_pages.slopes.lesson import (
    AWAY,
    LANDS,
    OVERSHOOT,
    OVERSHOOT_RISES,
    STAYS,
    TOWARD,
    best_single_weight,
    check_guess,
    guess_mistakes,
    step_outcome,
    tangent_line,
)
from core.course import (
    NOTE_2_2_INPUT,
    NOTE_2_2_SLOPE,
    NOTE_2_2_TARGET,
    NOTE_2_2_WEIGHT,
)
from core.linear import linear_update
from core.losses import loss_along


def test_tangent_touches_the_curve_with_get_slopes_slope():
    w, x, t = NOTE_2_2_WEIGHT, NOTE_2_2_INPUT, NOTE_2_2_TARGET
    loss = float(loss_along([x], t, [w], 0, [w])[0])
    slope = float(core.get_slope([x], t, [w])[0])
    assert slope == NOTE_2_2_SLOPE
    line = tangent_line(w, loss, slope, [w - 0.5, w, w + 0.5])
    assert line.tolist() == [loss + 12.0, loss, loss - 12.0]
    # the slope of the curve itself at w, by central differences
    h = 1e-6
    ends = loss_along([x], t, [w], 0, [w - h, w + h])
    assert (ends[1] - ends[0]) / (2 * h) == pytest.approx(slope, rel=1e-6)


def test_best_single_weight_and_the_flat_case():
    assert best_single_weight(3.0, 10.0) == 10.0 / 3.0
    with pytest.raises(ValueError, match="must not be 0"):
        best_single_weight(0.0, 10.0)
    with pytest.raises(ValueError, match="too large"):
        best_single_weight(1e-300, 1e300)


@pytest.mark.parametrize("weight, new, best, outcome", [
    (2.0, 2.0, 10 / 3, STAYS),
    (2.0, 2.24, 10 / 3, TOWARD),
    (2.0, 10 / 3, 10 / 3, LANDS),
    (2.0, 4.4, 10 / 3, OVERSHOOT),
    (2.0, 6.8, 10 / 3, OVERSHOOT_RISES),
    (2.0, 1.0, 10 / 3, AWAY),
    (10 / 3, 4.0, 10 / 3, OVERSHOOT_RISES),
])
def test_step_outcome(weight, new, best, outcome):
    assert step_outcome(weight, new, best) == outcome


@pytest.mark.parametrize("rate, outcome", [(0.01, TOWARD), (0.1, OVERSHOOT),
                                           (0.2, OVERSHOOT_RISES)])
def test_note_2_2_steps_at_growing_rates(rate, outcome):
    update = linear_update([3.0], 10.0, [2.0], rate)
    assert step_outcome(2.0, update.new_weights[0], 10 / 3) == outcome
    assert (update.new_loss > update.loss) == (outcome == OVERSHOOT_RISES)


def test_guess_check_names_the_slip():
    mistakes = guess_mistakes(3.0, 10.0, 2.0, 0.01)
    assert check_guess(2.24, 2.24, mistakes) == (True, None)
    assert check_guess(2.2401, 2.24, mistakes) == (True, None)
    right, slip = check_guess(1.76, 2.24, mistakes)
    assert not right and "subtracting" in slip
    assert "learning rate" in check_guess(26, 2.24, mistakes)[1]
    assert "factor 2" in check_guess(2.12, 2.24, mistakes)[1]
    assert "input" in check_guess(2.08, 2.24, mistakes)[1]
    assert "change" in check_guess(0.24, 2.24, mistakes)[1]
    assert check_guess(5.0, 2.24, mistakes) == (False, None)
    with pytest.raises(ValueError, match="guess must be a number"):
        check_guess("two", 2.24)


def test_tangent_line_rejects_a_slope_that_is_not_finite():
    with pytest.raises(ValueError, match="slope must be finite"):
        tangent_line(1, 2, math.inf, [0])
