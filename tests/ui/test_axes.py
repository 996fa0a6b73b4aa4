"""ui.axes.grid_around: chart ranges that cover every point, finite at the edge of float64."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ui.axes import grid_around


@given(st.lists(st.floats(-1e6, 1e6), min_size=1, max_size=20))
def test_grid_around_covers_every_point(points):
    grid = grid_around(points, 11)
    assert len(grid) == 11 and np.all(np.diff(grid) > 0)
    assert grid[0] <= min(points) and grid[-1] >= max(points)
    assert grid[-1] - grid[0] >= 1.0 - 1e-9  # 2 * min_half_width


def test_grid_around_stays_finite_at_the_edge_of_float64():
    grid = grid_around([-1e308, 1.7e308], 5)
    assert np.isfinite(grid).all()


@pytest.mark.parametrize("call, message", [
    (lambda: grid_around([], 5), "points must not be empty"),
    (lambda: grid_around([1], 1), "n_points must be >= 2"),
    (lambda: grid_around([1], 5, min_half_width=0), "min_half_width must be > 0"),
])
def test_grid_around_rejects_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()
