"""core.datasets: the synthetic bank data (reproducible, the course's setting) and
standardization (mean 0, standard deviation 1, round trips, bad input)."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from core.datasets import BANK_MAX_ROWS


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
