"""Controls bound to the URL that deal in numbers: numbers typed as text and learning
rates (the plain URL-bound widgets are in ui/url_widgets.py).

Numbers typed as text (``numbers_input``) come back as text; ``parse_numbers`` reads
them and raises ValueError with a message fit to show the learner as it is.
"""

import math

import numpy as np
import streamlit as st

from core.checks import as_number

from .format import course_number
from .url_widgets import url_select_slider


def set_widget_values(values):
    """Callback helper: set several widgets' values at once (e.g. "load weights_1")."""
    for key, value in values.items():
        st.session_state[key] = value


def format_numbers(values):
    """Numbers as the learner types them: "0, 2, 1"."""
    return ", ".join(course_number(v) for v in np.ravel(values))


def parse_numbers(text, name):
    """The numbers in ``text``, separated by commas or spaces, as a list of floats.

    Raises ValueError naming ``name`` when the text is empty, holds something that
    is not a number, or a number too large for float64.
    """
    tokens = [token for token in str(text).replace(",", " ").split() if token]
    if not tokens:
        raise ValueError(f"{name} is empty: type numbers separated by commas, e.g. 1, 2, 3.")
    numbers = []
    for token in tokens:
        try:
            number = float(token)
        except ValueError:
            raise ValueError(f"{name}: {token!r} is not a number. Type numbers separated "
                             "by commas, e.g. 1, 2, 3.") from None
        if not np.isfinite(number):
            raise ValueError(f"{name}: {token!r} is not a finite number (too large, inf "
                             "or nan); use numbers below 1e308.")
        numbers.append(number)
    return numbers


def numbers_input(label, key, default, help=None):
    """A text input bound to the URL holding comma-separated numbers.

    Returns the raw text; parse it with ``parse_numbers``.
    """
    return st.text_input(label, value=format_numbers(default), key=key,
                         bind="query-params", help=help)


def log_spaced_rates(low=1e-4, high=1.0):
    """Learning rates from ``low`` to ``high`` on the 1-2-5 series:
    0.0001, 0.0002, 0.0005, 0.001, ..., 0.5, 1 for the defaults.

    Returns
    -------
    list of floats, each as short as Python prints it (0.0002, not 0.00020000000000000001)
    """
    low = as_number(low, "low", minimum=0, strict_minimum=True)
    high = as_number(high, "high", minimum=low)
    rates = []
    for exponent in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1):
        for mantissa in (1, 2, 5):
            rate = float(f"{mantissa}e{exponent}")
            if low * (1 - 1e-12) <= rate <= high * (1 + 1e-12):
                rates.append(rate)
    return rates


LEARNING_RATES = log_spaced_rates(1e-4, 1.0)


def learning_rate_slider(key, default, label="Learning rate"):
    """A log-spaced learning-rate choice (0.0001 ... 1) bound to the URL."""
    return url_select_slider(label, key, LEARNING_RATES, float(default),
                             format_func=course_number,
                             help="Each update subtracts learning rate × slope from "
                                  "each weight (note 2.1).")
