"""Axis ranges shared by the charts of the loss of a weight (the slopes page's loss
curve and the descent page's loss surface): wide enough for every point, and widened
to round numbers so that they stay put while the points move a little. A chart whose
grid stays put sends the browser the same curve or cells again, and Streamlit leaves a
dataset with the same bytes alone: only the moving marks are redrawn."""

import numpy as np

from core.checks import as_finite_array, as_number
from core.losses import FLOAT_MAX


def grid_around(points, n_points=41, margin=0.15, min_half_width=0.5):
    """Evenly spaced values covering every one of ``points`` with a margin.

    The range is [min(points), max(points)] widened by ``margin`` times its width
    on each side, and at least ``2 * min_half_width`` wide.

    Parameters
    ----------
    points : array-like, any shape, finite
    n_points : int >= 2
    margin : float >= 0
    min_half_width : float > 0

    Returns
    -------
    ndarray of shape (n_points,)
    """
    points = as_finite_array(points, "points")
    n_points = as_number(n_points, "n_points", minimum=2, integer=True)
    margin = as_number(margin, "margin", minimum=0)
    min_half_width = as_number(min_half_width, "min_half_width", minimum=0,
                               strict_minimum=True)
    low, high = float(points.min()), float(points.max())
    # Halves keep the arithmetic finite for points near +-1.8e308.
    centre = low / 2 + high / 2
    half = max((high / 2 - low / 2) * (1 + 2 * margin), min_half_width)
    half = min(half, FLOAT_MAX / 4)
    return np.clip(np.linspace(centre - half, centre + half, n_points), -FLOAT_MAX, FLOAT_MAX)


def nice_range(low, high):
    """[low, high] widened outward to multiples of a round step (a tenth or a half of
    the range's power of ten), so that a path that grows a little keeps its grid."""
    span = high - low
    if not np.isfinite(span) or span <= 0:
        return low, high
    step = 10.0 ** np.floor(np.log10(span)) / 2
    with np.errstate(over="ignore"):
        wide = float(np.floor(low / step) * step), float(np.ceil(high / step) * step)
    return wide if np.isfinite(wide).all() else (low, high)
