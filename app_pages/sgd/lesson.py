"""The sgd page's lesson logic (note 4.3), numpy only: fewer points for a chart
(long loss histories, large scatter plots) and the work a run asks for.

A run of stochastic gradient descent on 100,000 rows with batches of 1 makes
100,000 updates per epoch; a browser chart should get a few thousand points.
``downsample_history`` keeps, in each stretch of updates, the lowest and the
highest loss (so the noise of small batches stays visible) and every epoch
boundary; ``sample_rows`` picks rows for a scatter plot. ``epoch_work`` estimates
what a run costs, so that one shared link cannot occupy the server for minutes.
"""

import numpy as np

from core.checks import as_number


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


# Work of a run, in units of about a nanosecond of this module's numpy time on a
# 2-core machine (fitted on runs of 100 to 100,000 rows, 1 to 3 hidden layers of
# 8 to 64 nodes, batches of 1 to all rows; within a factor 2 of the measured times).
# Per update: a fixed cost per layer of weights (numpy calls on small arrays).
# Per row: a multiply-add per weight forward and two backward, plus elementwise
# work per node and per input.
UPDATE_WORK_PER_LAYER = 12_000
ROW_WORK_PER_WEIGHT = 0.45
ROW_WORK_PER_NODE = 8
ROW_WORK_PER_INPUT = 4
ROW_WORK = 100


def epoch_work(n_samples, layer_sizes, batch_size):
    """Estimated work of one epoch of ``train_sgd``, in units of about a nanosecond.

    Parameters
    ----------
    n_samples : int >= 1, rows of training data
    layer_sizes : sequence of ints >= 1, inputs first, outputs last, e.g. (3, 8, 1)
    batch_size : int >= 1 (larger values are clipped to n_samples)

    Returns
    -------
    float : updates times the work of an update's fixed cost plus rows times the
        work per row; ``training_budget_epochs`` turns it into a number of epochs.
    """
    n_samples = as_number(n_samples, "n_samples", minimum=1, integer=True)
    batch_size = min(as_number(batch_size, "batch_size", minimum=1, integer=True), n_samples)
    if isinstance(layer_sizes, (str, bytes)) or not hasattr(layer_sizes, "__len__"):
        raise ValueError(f"layer_sizes must be a sequence of layer widths, got {layer_sizes!r}.")
    if len(layer_sizes) < 2:
        raise ValueError("layer_sizes needs at least the inputs and the outputs, "
                         f"got {tuple(layer_sizes)}.")
    sizes = [as_number(size, f"layer_sizes[{i}]", minimum=1, integer=True)
             for i, size in enumerate(layer_sizes)]
    weights = sum((n_in + 1) * n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True))
    per_row = (ROW_WORK + ROW_WORK_PER_WEIGHT * weights + ROW_WORK_PER_NODE * sum(sizes[1:])
               + ROW_WORK_PER_INPUT * sizes[0])
    updates = -(-n_samples // batch_size)
    return float(updates * UPDATE_WORK_PER_LAYER * (len(sizes) - 1) + n_samples * per_row)


def training_budget_epochs(epochs, work_per_epoch, budget):
    """How many of ``epochs`` fit in ``budget`` units of work: at least 1, at most
    ``epochs`` (work_per_epoch as from ``epoch_work``)."""
    epochs = as_number(epochs, "epochs", minimum=1, integer=True)
    work_per_epoch = as_number(work_per_epoch, "work_per_epoch", minimum=0,
                               strict_minimum=True)
    budget = as_number(budget, "budget", minimum=0, strict_minimum=True)
    return int(max(1, min(epochs, budget // work_per_epoch)))
