"""Input checks shared by the core: each raises ValueError naming the parameter,
the rule and the value received."""

import numbers

import numpy as np


def _short(value):
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def as_finite_array(value, name, ndim=None):
    """Return ``value`` as a float64 array, checking it is numeric and finite.

    ``ndim`` is an int or a tuple of allowed numbers of dimensions.
    """
    try:
        array = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {_short(value)}.") from None
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            dims = " or ".join(str(d) for d in allowed)
            raise ValueError(
                f"{name} must have {dims} dimension(s), got shape {array.shape}."
            )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty, got shape {array.shape}.")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must be finite (no NaN or inf), got {_short(value)}.")
    return array


def as_number(value, name, minimum=None, strict_minimum=False, integer=False, maximum=None):
    """Return ``value`` as a float (or int when ``integer``), checking range and finiteness."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        kind = "an integer" if integer else "a number"
        raise ValueError(f"{name} must be {kind}, got {_short(value)}.")
    if integer:
        if not float(value).is_integer():
            raise ValueError(f"{name} must be an integer, got {_short(value)}.")
        value = int(value)
    else:
        value = float(value)
        if not np.isfinite(value):
            raise ValueError(f"{name} must be finite, got {value}.")
    if minimum is not None:
        if strict_minimum and not value > minimum:
            raise ValueError(f"{name} must be > {minimum}, got {value}.")
        if not strict_minimum and not value >= minimum:
            raise ValueError(f"{name} must be >= {minimum}, got {value}.")
    if maximum is not None and value > maximum:
        raise ValueError(f"{name} must be <= {maximum}, got {value}.")
    return value
