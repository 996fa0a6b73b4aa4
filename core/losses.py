"""The course's loss: the mean squared error.

Note: this is the course's MSE, mean((predicted - actual)**2), with no factor 1/2.
scikit-learn's MLP trains on half of it, so its learning rate must be doubled
to take the same steps (see ``core.sgd``).
"""

import numpy as np

from ._checks import as_finite_array


def mean_squared_error(actual, predicted):
    """Mean squared error, argument order and meaning as ``sklearn.metrics``.

    MSE = mean((actual - predicted)**2), averaged over every value (rows and,
    for 2-D inputs, outputs alike).

    Parameters
    ----------
    actual : array-like of shape (n_samples,) or (n_samples, n_outputs)
    predicted : array-like of the same shape as ``actual``

    Returns
    -------
    float
    """
    actual = as_finite_array(actual, "actual", ndim=(0, 1, 2))
    predicted = as_finite_array(predicted, "predicted", ndim=(0, 1, 2))
    if actual.shape != predicted.shape:
        raise ValueError(
            "actual and predicted must have the same shape, got "
            f"{actual.shape} and {predicted.shape}."
        )
    with np.errstate(over="ignore"):
        return float(np.mean((actual - predicted) ** 2))
