"""Fewer points for a chart: long loss histories and large scatter plots.

A run of stochastic gradient descent on 100,000 rows with batches of 1 makes
100,000 updates per epoch; a browser chart should get a few thousand points.
``downsample_history`` keeps, in each stretch of updates, the lowest and the
highest loss (so the noise of small batches stays visible) and every epoch
boundary; ``sample_rows`` picks rows for a scatter plot.
"""

import numpy as np

from ._checks import as_number


def epoch_boundaries(n_updates, updates_per_epoch):
    """Index (counted from 0) of the last update of each epoch, in order.

    n_updates : int >= 0, the number of updates recorded (a diverged run may stop
        inside an epoch; that unfinished epoch has no boundary)
    updates_per_epoch : int >= 1

    Returns
    -------
    ndarray of int, shape (n_updates // updates_per_epoch,)
    """
    n_updates = as_number(n_updates, "n_updates", minimum=0, integer=True)
    updates_per_epoch = as_number(updates_per_epoch, "updates_per_epoch", minimum=1,
                                  integer=True)
    return np.arange(updates_per_epoch - 1, n_updates, updates_per_epoch, dtype=np.int64)


def downsample_history(values, max_points=5000, keep=()):
    """Indices of at most ``max_points`` points of a history that keep its shape.

    The history is cut into equal stretches; from each the index of its lowest and
    its highest value are kept (a min-max envelope, so noisy stretches still look
    noisy). The first and last points and every index in ``keep`` (e.g. the epoch
    boundaries from ``epoch_boundaries``) are always kept. A history of at most
    ``max_points`` values is returned whole.

    Parameters
    ----------
    values : array-like of shape (n,), finite
    max_points : int >= 2
    keep : sequence of int indices in 0 .. n - 1 to keep; at most max_points - 2

    Returns
    -------
    ndarray of int, sorted and unique, of length <= max_points; take
    ``values[indices]`` for the chart.
    """
    values = np.asarray(values, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError(f"values must be 1-D, got shape {values.shape}.")
    n = values.shape[0]
    max_points = as_number(max_points, "max_points", minimum=2, integer=True)
    keep = np.asarray(keep, dtype=np.float64).ravel()
    if keep.size and (not np.all(np.isfinite(keep)) or np.any(keep != np.round(keep))):
        raise ValueError(f"keep must hold integer indices, got {keep[:5]}...")
    keep = np.unique(keep.astype(np.int64))
    if keep.size and (keep[0] < 0 or keep[-1] >= n):
        raise ValueError(f"keep must hold indices from 0 to {n - 1}, got {keep[0]} "
                         f"to {keep[-1]}.")
    if not np.all(np.isfinite(values)):
        raise ValueError("values must be finite (no NaN or inf).")
    if n <= max_points:
        return np.arange(n, dtype=np.int64)
    keep = np.union1d(keep, [0, n - 1])
    if keep.size > max_points:
        raise ValueError(f"keep holds {keep.size} indices with the first and last, more "
                         f"than max_points ({max_points}).")
    n_buckets = (max_points - keep.size) // 2
    if n_buckets == 0:
        return keep
    size = -(-n // n_buckets)
    n_buckets = -(-n // size)
    if n_buckets * size == n:
        stretches = values.reshape(n_buckets, size)
    else:
        # Pad the last stretch with its last value; a pick there is clipped back to n - 1.
        padded = np.empty(n_buckets * size)
        padded[:n] = values
        padded[n:] = values[-1]
        stretches = padded.reshape(n_buckets, size)
    offsets = np.arange(n_buckets, dtype=np.int64) * size
    lows = offsets + np.argmin(stretches, axis=1)
    highs = offsets + np.argmax(stretches, axis=1)
    picks = np.minimum(np.concatenate([lows, highs]), n - 1)
    return np.union1d(keep, picks)


def sample_rows(n_rows, max_points=2000, seed=0):
    """Indices of at most ``max_points`` rows drawn without replacement, sorted.

    All rows when there are no more than ``max_points``; otherwise a random
    subset from ``numpy.random.default_rng(seed)`` (the same one every time).

    n_rows : int >= 0; max_points : int >= 1; seed : int >= 0
    """
    n_rows = as_number(n_rows, "n_rows", minimum=0, integer=True)
    max_points = as_number(max_points, "max_points", minimum=1, integer=True)
    seed = as_number(seed, "seed", minimum=0, integer=True)
    if n_rows <= max_points:
        return np.arange(n_rows, dtype=np.int64)
    rng = np.random.default_rng(seed)
    return np.sort(rng.choice(n_rows, size=max_points, replace=False))


def finite_rows(*columns):
    """Boolean mask of the rows where every column is finite (for charts).

    columns : array-likes of shape (n,), all the same length
    """
    if not columns:
        raise ValueError("finite_rows needs at least one column.")
    arrays = [np.asarray(c, dtype=np.float64) for c in columns]
    lengths = {a.shape for a in arrays}
    if len(lengths) != 1 or arrays[0].ndim != 1:
        raise ValueError(f"columns must be 1-D and of the same length, got shapes "
                         f"{[a.shape for a in arrays]}.")
    mask = np.ones(arrays[0].shape[0], dtype=bool)
    for a in arrays:
        mask &= np.isfinite(a)
    return mask
