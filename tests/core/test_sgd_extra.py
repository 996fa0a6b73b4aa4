"""core.datasets (synthetic bank, standardization) and core.downsample (chart points)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from core.datasets import BANK_MAX_ROWS

# -- the synthetic bank ---------------------------------------------------------------


def test_bank_transactions_has_the_courses_setting_and_is_reproducible():
    data = core.bank_transactions(500, noise=2.0, seed=3)
    assert isinstance(data, core.Dataset)
    assert data.X.shape == (500, 4) and data.y.shape == (500,) and data.n_samples == 500
    assert data.feature_names == ("age", "accounts", "children", "income")
    assert data.target_name == "transactions"
    age, accounts, children, income = data.X.T
    assert age.min() >= 18 and age.max() <= 80
    assert accounts.min() >= 1 and accounts.max() <= 8
    assert children.min() >= 0 and children.max() <= 6
    assert income.min() > 0
    # transactions are counts: whole numbers, never negative
    assert np.all(data.y >= 0) and np.all(data.y == np.round(data.y))
    again = core.bank_transactions(500, noise=2.0, seed=3)
    np.testing.assert_array_equal(again.X, data.X)
    np.testing.assert_array_equal(again.y, data.y)
    other = core.bank_transactions(500, noise=2.0, seed=4)
    assert not np.array_equal(other.X, data.X)


def test_bank_noise_changes_only_the_target_and_zero_noise_is_the_rounded_signal():
    quiet = core.bank_transactions(300, noise=0.0, seed=1)
    loud = core.bank_transactions(300, noise=10.0, seed=1)
    np.testing.assert_array_equal(quiet.X, loud.X)
    age, accounts, children, income = quiet.X.T
    signal = (3 + 5 * accounts + 2 * children * (accounts > 1) + 4 * np.sqrt(income)
              + 10 * np.exp(-(((age - 35) / 15) ** 2)))
    np.testing.assert_array_equal(quiet.y, np.round(signal))
    assert np.std(loud.y - quiet.y) > 5


def test_bank_transactions_reaches_the_page_maximum_quickly():
    data = core.bank_transactions(BANK_MAX_ROWS, noise=3.0, seed=0)
    assert data.X.shape == (100_000, 4)


@pytest.mark.parametrize("kwargs, message", [
    ({"n_samples": 1}, r"n_samples must be >= 2, got 1"),
    ({"n_samples": 100_001}, r"n_samples must be <= 100000, got 100001"),
    ({"n_samples": 10.5}, r"n_samples must be an integer"),
    ({"noise": -1.0}, r"noise must be >= 0, got -1.0"),
    ({"noise": float("nan")}, r"noise must be finite"),
    ({"seed": -3}, r"seed must be >= 0, got -3"),
    ({"n_samples": "many"}, r"n_samples must be an integer, got 'many'"),
])
def test_bank_transactions_rejects_bad_parameters(kwargs, message):
    with pytest.raises(ValueError, match=message):
        core.bank_transactions(**kwargs)


# -- standardization ------------------------------------------------------------------------


def test_standardize_gives_mean_0_and_standard_deviation_1_per_column():
    X = np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 60.0]])
    Z, mean, scale = core.standardize(X)
    np.testing.assert_allclose(mean, [2.0, 30.0])
    np.testing.assert_allclose(scale, [np.std([1, 2, 3]), np.std([10, 20, 60])])
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-15)
    np.testing.assert_allclose(Z.std(axis=0), 1)
    np.testing.assert_allclose(core.unstandardize(Z, mean, scale), X)


def test_standardize_a_target_returns_floats_and_a_constant_column_becomes_zero():
    z, mean, scale = core.standardize([2.0, 4.0, 6.0])
    assert isinstance(mean, float) and isinstance(scale, float)
    assert mean == 4.0 and scale == pytest.approx(np.sqrt(8 / 3))
    Z, mean, scale = core.standardize([[5.0, 1.0], [5.0, 2.0]])
    np.testing.assert_array_equal(Z[:, 0], [0.0, 0.0])
    assert scale[0] == 1.0


@given(st.lists(st.floats(-1e6, 1e6), min_size=2, max_size=30))
def test_standardize_round_trips(values):
    z, mean, scale = core.standardize(values)
    assert np.all(np.isfinite(z))
    np.testing.assert_allclose(core.unstandardize(z, mean, scale), values, atol=1e-6)


@pytest.mark.parametrize("X, message", [
    ([], r"X must not be empty"),
    ([[1.0, np.nan]], r"X must be finite"),
    ([[[1.0]]], r"X must have 1 or 2 dimension\(s\)"),
    ([1e300, -1e300], r"small enough to square"),
    ("abc", r"X must be numeric"),
])
def test_standardize_rejects_bad_input(X, message):
    with pytest.raises(ValueError, match=message):
        core.standardize(X)


def test_unstandardize_rejects_a_scale_that_is_not_positive():
    with pytest.raises(ValueError, match=r"scale must be > 0"):
        core.unstandardize([1.0], 0.0, 0.0)


# -- downsampling -----------------------------------------------------------------------------


def test_epoch_boundaries_are_the_last_update_of_each_finished_epoch():
    np.testing.assert_array_equal(core.epoch_boundaries(12, 4), [3, 7, 11])
    # a run that diverged inside epoch 3 has two boundaries
    np.testing.assert_array_equal(core.epoch_boundaries(10, 4), [3, 7])
    assert core.epoch_boundaries(0, 4).size == 0
    with pytest.raises(ValueError, match=r"updates_per_epoch must be >= 1, got 0"):
        core.epoch_boundaries(10, 0)
    with pytest.raises(ValueError, match=r"n_updates must be >= 0, got -1"):
        core.epoch_boundaries(-1, 3)


def test_a_short_history_is_kept_whole():
    np.testing.assert_array_equal(core.downsample_history([3.0, 1.0, 2.0], 5), [0, 1, 2])
    assert core.downsample_history([], 5).size == 0


def test_a_long_history_keeps_boundaries_ends_and_extremes_within_the_budget():
    rng = np.random.default_rng(0)
    updates_per_epoch = 3125
    values = rng.normal(size=10 * updates_per_epoch)
    values[12_345] = -50.0  # the lowest and the highest loss must survive
    values[23_456] = 80.0
    boundaries = core.epoch_boundaries(values.size, updates_per_epoch)
    kept = core.downsample_history(values, 4000, boundaries)
    assert kept.size <= 4000
    assert np.all(np.diff(kept) > 0)
    assert set(boundaries) <= set(kept)
    assert {0, values.size - 1, 12_345, 23_456} <= set(kept)


@given(n=st.integers(1, 5000), max_points=st.integers(2, 300), seed=st.integers(0, 9))
def test_downsampled_indices_are_sorted_unique_in_range_and_few_enough(n, max_points, seed):
    values = np.random.default_rng(seed).normal(size=n)
    kept = core.downsample_history(values, max_points)
    assert np.all(np.diff(kept) > 0) and kept[0] == 0 and kept[-1] == n - 1
    if n <= max_points:
        assert kept.size == n
    else:
        assert kept.size <= max_points
        if max_points >= 4:  # room for at least one stretch's lowest and highest
            assert np.argmin(values) in kept and np.argmax(values) in kept


def test_downsampling_twenty_million_updates_gives_a_chart_sized_answer():
    values = np.linspace(1.0, 0.0, 20_000_000)
    kept = core.downsample_history(values, 5000, core.epoch_boundaries(values.size, 100_000))
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
        core.downsample_history(*args)


def test_sample_rows_is_all_rows_or_a_fixed_sorted_sample():
    np.testing.assert_array_equal(core.sample_rows(5, 10), np.arange(5))
    sample = core.sample_rows(100_000, 2000, seed=0)
    assert sample.size == 2000 and np.all(np.diff(sample) > 0) and sample[-1] < 100_000
    np.testing.assert_array_equal(sample, core.sample_rows(100_000, 2000, seed=0))
    with pytest.raises(ValueError, match=r"max_points must be >= 1, got 0"):
        core.sample_rows(10, 0)


def test_finite_rows_masks_rows_with_nan_or_inf():
    mask = core.finite_rows([1.0, np.nan, 3.0, 4.0], [1.0, 2.0, np.inf, 4.0])
    np.testing.assert_array_equal(mask, [True, False, False, True])
    with pytest.raises(ValueError, match=r"same length"):
        core.finite_rows([1.0, 2.0], [1.0])
    with pytest.raises(ValueError, match=r"at least one column"):
        core.finite_rows()


def test_core_stays_free_of_streamlit_pandas_and_sklearn():
    import inspect

    for module in (core.datasets, core.downsample):
        source = inspect.getsource(module)
        for name in ("streamlit", "pandas", "sklearn", "altair"):
            assert f"import {name}" not in source and f"from {name}" not in source


# -- training in chunks ----------------------------------------------------------------------


def _same_result(a, b):
    assert a.updates_per_epoch == b.updates_per_epoch
    assert a.diverged_at == b.diverged_at and a.diverged_epoch == b.diverged_epoch
    np.testing.assert_array_equal(a.loss_per_update, b.loss_per_update)
    np.testing.assert_array_equal(a.loss_per_epoch, b.loss_per_epoch)
    for p, q in zip(a.network.weights + (a.network.biases or []),
                    b.network.weights + (b.network.biases or []), strict=True):
        np.testing.assert_array_equal(p, q)


@pytest.mark.parametrize("activation, rate, batch, epochs, shuffle, chunk", [
    ("relu", 0.01, 32, 5, True, 7),
    ("relu", 0.01, 7, 3, False, 1),      # every update its own chunk
    ("identity", 0.05, 33, 4, True, 2000),  # one chunk per epoch, last batch short
    ("sigmoid", 0.1, 300, 3, True, 1),   # full batch
    ("tanh", 1.0, 32, 20, True, 3),      # diverges inside a chunk, in a later epoch
    ("relu", 1.0, 1, 2, False, 100),     # diverges in the first chunk
])
def test_train_sgd_in_chunks_gives_exactly_what_train_sgd_gives(activation, rate, batch,
                                                                 epochs, shuffle, chunk):
    data = core.bank_transactions(300, 3.0, 0)
    X, y = core.standardize(data.X)[0], core.standardize(data.y)[0]
    network = core.Network.random([4, 5, 1], activation, "identity", True, seed=1)
    reports = []
    whole = core.train_sgd(network, X, y, rate, batch, epochs, shuffle, seed=3)
    pieces = core.train_sgd_in_chunks(network, X, y, rate, batch, epochs, shuffle, seed=3,
                                      progress=lambda done, total: reports.append((done, total)),
                                      chunk_updates=chunk)
    _same_result(whole, pieces)
    done = [d for d, _ in reports]
    assert done == sorted(done)
    if whole.diverged_at is None:
        assert reports[-1] == (epochs * whole.updates_per_epoch,) * 2
        per_epoch = -(-whole.updates_per_epoch // chunk)
        assert len(reports) == epochs * per_epoch


def test_train_sgd_in_chunks_checks_its_inputs():
    network = core.Network.random([2, 3, 1], seed=0)
    X, y = np.ones((4, 2)), np.ones(4)
    with pytest.raises(ValueError, match=r"chunk_updates must be >= 1, got 0"):
        core.train_sgd_in_chunks(network, X, y, 0.1, 2, 1, chunk_updates=0)
    with pytest.raises(ValueError, match=r"network must be a core.Network"):
        core.train_sgd_in_chunks("net", X, y, 0.1, 2, 1)
    with pytest.raises(ValueError, match=r"learning_rate must be > 0"):
        core.train_sgd_in_chunks(network, X, y, 0.0, 2, 1)
    with pytest.raises(ValueError, match=r"X must be 2-D"):
        core.train_sgd_in_chunks(network, [1.0, 2.0], 1.0, 0.1, 1, 1)


# -- the work of a run (core.epoch_work, core.training_budget_epochs) -------------------


def test_epoch_work_counts_updates_rows_and_weights():
    small = core.epoch_work(1000, (4, 8, 1), 32)
    assert small > 0
    # more rows, more updates (smaller batches) and more weights all cost more
    assert core.epoch_work(2000, (4, 8, 1), 32) > small
    assert core.epoch_work(1000, (4, 8, 1), 1) > small
    assert core.epoch_work(1000, (4, 64, 64, 1), 32) > small
    # a batch larger than the data is the full batch, as in train_sgd
    assert core.epoch_work(1000, (4, 8, 1), 5000) == core.epoch_work(1000, (4, 8, 1), 1000)
    # one row at a time: ceil(n / 1) updates, each with a fixed cost per layer of weights
    one_more_update = core.epoch_work(1001, (4, 8, 1), 1) - core.epoch_work(1000, (4, 8, 1), 1)
    one_more_row = core.epoch_work(1001, (4, 8, 1), 2000) - core.epoch_work(1000, (4, 8, 1),
                                                                           2000)
    assert one_more_update - one_more_row == pytest.approx(2 * core.sgd.UPDATE_WORK_PER_LAYER)


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
        core.epoch_work(*args)


def test_training_budget_epochs_keeps_what_fits_and_at_least_one():
    assert core.training_budget_epochs(20, 1e6, 1e9) == 20        # all of them fit
    assert core.training_budget_epochs(200, 1e7, 1e9) == 100      # floor(budget / work)
    assert core.training_budget_epochs(200, 1.5e7, 1e8) == 6
    assert core.training_budget_epochs(5, 1e12, 1e9) == 1         # one epoch always runs
    for args, message in [((0, 1.0, 1.0), "epochs must be >= 1"),
                          ((5, 0.0, 1.0), "work_per_epoch must be > 0"),
                          ((5, 1.0, float("nan")), "budget must be finite")]:
        with pytest.raises(ValueError, match=message):
            core.training_budget_epochs(*args)
