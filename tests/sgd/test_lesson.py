"""The sgd page's lesson logic (app_pages/sgd/lesson.py): chart points (epoch boundaries, a
min-max envelope within the budget, sampled rows, finite rows) and the work a run asks
for (the training budget)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from app_pages.sgd import lesson


def test_epoch_boundaries_are_the_last_update_of_each_finished_epoch():
    np.testing.assert_array_equal(lesson.epoch_boundaries(12, 4), [3, 7, 11])
    # a run that diverged inside epoch 3 has two boundaries
    np.testing.assert_array_equal(lesson.epoch_boundaries(10, 4), [3, 7])
    assert lesson.epoch_boundaries(0, 4).size == 0
    with pytest.raises(ValueError, match=r"updates_per_epoch must be >= 1, got 0"):
        lesson.epoch_boundaries(10, 0)
    with pytest.raises(ValueError, match=r"n_updates must be >= 0, got -1"):
        lesson.epoch_boundaries(-1, 3)


def test_a_short_history_is_kept_whole():
    np.testing.assert_array_equal(lesson.downsample_history([3.0, 1.0, 2.0], 5), [0, 1, 2])
    assert lesson.downsample_history([], 5).size == 0


def test_a_long_history_keeps_boundaries_ends_and_extremes_within_the_budget():
    rng = np.random.default_rng(0)
    updates_per_epoch = 3125
    values = rng.normal(size=10 * updates_per_epoch)
    values[12_345] = -50.0  # the lowest and the highest loss must survive
    values[23_456] = 80.0
    boundaries = lesson.epoch_boundaries(values.size, updates_per_epoch)
    kept = lesson.downsample_history(values, 4000, boundaries)
    assert kept.size <= 4000
    assert np.all(np.diff(kept) > 0)
    assert set(boundaries) <= set(kept)
    assert {0, values.size - 1, 12_345, 23_456} <= set(kept)


@given(n=st.integers(1, 5000), max_points=st.integers(2, 300), seed=st.integers(0, 9))
def test_downsampled_indices_are_sorted_unique_in_range_and_few_enough(n, max_points, seed):
    values = np.random.default_rng(seed).normal(size=n)
    kept = lesson.downsample_history(values, max_points)
    assert np.all(np.diff(kept) > 0) and kept[0] == 0 and kept[-1] == n - 1
    if n <= max_points:
        assert kept.size == n
    else:
        assert kept.size <= max_points
        if max_points >= 4:  # room for at least one stretch's lowest and highest
            assert np.argmin(values) in kept and np.argmax(values) in kept


def test_downsampling_twenty_million_updates_gives_a_chart_sized_answer():
    values = np.linspace(1.0, 0.0, 20_000_000)
    kept = lesson.downsample_history(values, 5000, lesson.epoch_boundaries(values.size, 100_000))
    assert kept.size <= 5000


@pytest.mark.parametrize("args, message", [
    (([[1.0, 2.0]], 5), r"values must be 1-D"),
    (([1.0, np.nan, 2.0], 5), r"values must be finite"),
    (([1.0, 2.0, 3.0], 1), r"max_points must be >= 2, got 1"),
    (([1.0, 2.0, 3.0], 5, [3]), r"keep must hold indices from 0 to 2"),
    (([1.0, 2.0, 3.0], 5, [0.5]), r"keep must hold integer indices"),
    ((np.zeros(100), 4, [10, 20, 30]), r"keep holds 5 indices .* more than max_points \(4\)"),
])
def test_downsample_history_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        lesson.downsample_history(*args)


def test_sample_rows_is_all_rows_or_a_fixed_sorted_sample():
    np.testing.assert_array_equal(lesson.sample_rows(5, 10), np.arange(5))
    sample = lesson.sample_rows(100_000, 2000, seed=0)
    assert sample.size == 2000 and np.all(np.diff(sample) > 0) and sample[-1] < 100_000
    np.testing.assert_array_equal(sample, lesson.sample_rows(100_000, 2000, seed=0))
    with pytest.raises(ValueError, match=r"max_points must be >= 1, got 0"):
        lesson.sample_rows(10, 0)


def test_finite_rows_masks_rows_with_nan_or_inf():
    mask = lesson.finite_rows([1.0, np.nan, 3.0, 4.0], [1.0, 2.0, np.inf, 4.0])
    np.testing.assert_array_equal(mask, [True, False, False, True])
    with pytest.raises(ValueError, match=r"same length"):
        lesson.finite_rows([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match=r"at least one column"):
        lesson.finite_rows()


def test_epoch_work_counts_updates_rows_and_weights():
    small = lesson.epoch_work(1000, (4, 8, 1), 32)
    assert small > 0
    # more rows, more updates (smaller batches) and more weights all cost more
    assert lesson.epoch_work(2000, (4, 8, 1), 32) > small
    assert lesson.epoch_work(1000, (4, 8, 1), 1) > small
    assert lesson.epoch_work(1000, (4, 64, 64, 1), 32) > small
    # a batch larger than the data is the full batch, as in train_sgd
    assert lesson.epoch_work(1000, (4, 8, 1), 5000) == lesson.epoch_work(1000, (4, 8, 1), 1000)
    # one row at a time: ceil(n / 1) updates, each with a fixed cost per layer of weights
    one_more_update = lesson.epoch_work(1001, (4, 8, 1), 1) - lesson.epoch_work(1000, (4, 8, 1), 1)
    one_more_row = lesson.epoch_work(1001, (4, 8, 1), 2000) - lesson.epoch_work(1000, (4, 8, 1),
                                                                           2000)
    assert one_more_update - one_more_row == pytest.approx(2 * lesson.UPDATE_WORK_PER_LAYER)


@pytest.mark.parametrize(("args", "message"), [
    ((0, (4, 8, 1), 1), "n_samples must be >= 1"),
    ((10.5, (4, 8, 1), 1), "n_samples must be an integer"),
    ((10, (4, 8, 1), 0), "batch_size must be >= 1"),
    ((10, (4,), 1), "layer_sizes needs at least the inputs and the outputs"),
    ((10, "481", 1), "layer_sizes must be a sequence"),
    ((10, 4, 1), "layer_sizes must be a sequence"),
    ((10, (4, 0, 1), 1), r"layer_sizes\[1\] must be >= 1"),
])
def test_epoch_work_rejects_bad_input(args, message):
    with pytest.raises(ValueError, match=message):
        lesson.epoch_work(*args)


def test_training_budget_epochs_keeps_what_fits_and_at_least_one():
    assert lesson.training_budget_epochs(20, 1e6, 1e9) == 20        # all of them fit
    assert lesson.training_budget_epochs(200, 1e7, 1e9) == 100      # floor(budget / work)
    assert lesson.training_budget_epochs(200, 1.5e7, 1e8) == 6
    assert lesson.training_budget_epochs(5, 1e12, 1e9) == 1         # one epoch always runs
    for args, message in [((0, 1.0, 1.0), "epochs must be >= 1"),
                          ((5, 0.0, 1.0), "work_per_epoch must be > 0"),
                          ((5, 1.0, float("nan")), "budget must be finite")]:
        with pytest.raises(ValueError, match=message):
            lesson.training_budget_epochs(*args)


def test_the_lesson_module_stays_free_of_streamlit_pandas_and_sklearn():
    import inspect

    source = inspect.getsource(lesson)
    for name in ("streamlit", "pandas", "sklearn", "altair"):
        assert f"import {name}" not in source and f"from {name}" not in source
