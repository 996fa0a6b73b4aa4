"""Data for stochastic gradient descent (note 4.3): the course's bank setting as a
synthetic data set, and standardization of inputs and targets.

The course predicts a bank customer's number of transactions from a few facts about
the customer. ``bank_transactions`` generates such a table with a seed, a size and
a noise level, so every learner with the same three numbers gets the same rows.
"""

from dataclasses import dataclass

import numpy as np

from .checks import as_finite_array, as_number

BANK_FEATURES = ("age", "accounts", "children", "income")
BANK_TARGET = "transactions"
BANK_MAX_ROWS = 100_000


@dataclass(frozen=True)
class Dataset:
    """A table for regression.

    X : ndarray of shape (n_samples, n_features), the inputs
    y : ndarray of shape (n_samples,), the target
    feature_names : tuple of str, one per column of X
    target_name : str
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple
    target_name: str

    @property
    def n_samples(self):
        """Number of rows."""
        return self.X.shape[0]


def bank_transactions(n_samples=1000, noise=3.0, seed=0):
    """A synthetic bank: each row a customer, the target their transactions per month.

    Inputs: ``age`` (years, 18-80), ``accounts`` (1-8), ``children`` (0-6) and
    ``income`` (thousands per month). The number of transactions grows with the
    accounts, the income and (for customers with more than one account) the
    children, and peaks around age 35:

        signal = 3 + 5 * accounts + 2 * children * (accounts > 1)
                 + 4 * sqrt(income) + 10 * exp(-((age - 35) / 15)**2)
        transactions = max(0, round(signal + noise * N(0, 1)))

    Parameters
    ----------
    n_samples : int, 2 .. 100,000
    noise : float >= 0, standard deviation of the noise, in transactions
    seed : int >= 0, seeds ``numpy.random.default_rng``

    Returns
    -------
    Dataset with X of shape (n_samples, 4) and integer-valued y.
    """
    n_samples = as_number(n_samples, "n_samples", minimum=2, maximum=BANK_MAX_ROWS,
                          integer=True)
    noise = as_number(noise, "noise", minimum=0)
    seed = as_number(seed, "seed", minimum=0, integer=True)
    rng = np.random.default_rng(seed)
    age = rng.integers(18, 81, size=n_samples).astype(np.float64)
    accounts = np.minimum(1 + rng.poisson(1.5, size=n_samples), 8).astype(np.float64)
    children = np.minimum(rng.poisson(1.2, size=n_samples), 6).astype(np.float64)
    income = np.round(np.exp(rng.normal(np.log(2.5), 0.5, size=n_samples)), 1)
    signal = (3.0 + 5.0 * accounts + 2.0 * children * (accounts > 1)
              + 4.0 * np.sqrt(income) + 10.0 * np.exp(-(((age - 35.0) / 15.0) ** 2)))
    transactions = np.maximum(0.0, np.round(signal + noise * rng.normal(size=n_samples)))
    X = np.column_stack([age, accounts, children, income])
    return Dataset(X, transactions, BANK_FEATURES, BANK_TARGET)


def standardize(X):
    """Centre each column on 0 and scale it to standard deviation 1.

    Z = (X - mean) / scale, with mean and scale (the population standard
    deviation) taken per column. A constant column gets scale 1, so it becomes 0
    rather than NaN (as scikit-learn's StandardScaler does).

    Parameters
    ----------
    X : array-like of shape (n_samples,) or (n_samples, n_features), finite

    Returns
    -------
    (Z, mean, scale) : Z shaped like X; mean and scale of shape (n_features,)
    for 2-D X, floats for 1-D X.
    """
    X = as_finite_array(X, "X", ndim=(1, 2))
    mean = X.mean(axis=0)
    with np.errstate(over="ignore"):
        scale = X.std(axis=0)
    if not np.all(np.isfinite(scale)):
        raise ValueError("X must have values small enough to square without overflow, "
                         f"got a column with standard deviation {scale}.")
    scale = np.where(scale > 0.0, scale, 1.0)
    Z = (X - mean) / scale
    if X.ndim == 1:
        return Z, float(mean), float(scale)
    return Z, mean, scale


def unstandardize(Z, mean, scale):
    """Undo ``standardize``: X = Z * scale + mean (back to the original units).

    Z : array-like of shape (n_samples,) or (n_samples, n_features)
    mean, scale : as returned by ``standardize``; scale > 0
    """
    Z = as_finite_array(Z, "Z", ndim=(0, 1, 2))
    mean = as_finite_array(mean, "mean", ndim=(0, 1))
    scale = as_finite_array(scale, "scale", ndim=(0, 1))
    if np.any(scale <= 0):
        raise ValueError(f"scale must be > 0, got {scale}.")
    return Z * scale + mean
