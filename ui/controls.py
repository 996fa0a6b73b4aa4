"""Controls bound to the URL, so a copied link reopens the same state.

Each wrapper passes ``bind="query-params"``: the widget's key is the URL parameter,
values equal to the default stay out of the URL, and a malformed or out-of-range
parameter is dropped by Streamlit in favour of the default. Numbers typed as text
(``numbers_input``) come back as text; ``parse_numbers`` reads them and raises
ValueError with a message fit to show the learner as it is.
"""

import math

import numpy as np
import streamlit as st

from core.checks import as_number

from .format import course_number


def url_slider(label, key, min_value, max_value, value, step, **kwargs):
    """A slider whose value lives in the URL under ``key``."""
    return st.slider(label, min_value=min_value, max_value=max_value, value=value,
                     step=step, key=key, bind="query-params", **kwargs)


def url_select_slider(label, key, options, value, **kwargs):
    """A select slider (e.g. log-spaced learning rates) bound to the URL."""
    return st.select_slider(label, options=options, value=value, key=key,
                            bind="query-params", **kwargs)


def url_number(label, key, value, min_value=None, max_value=None, step=None, **kwargs):
    """A number input bound to the URL.

    An integer input is drawn as a float input showing whole numbers: Streamlit 1.67's
    integer input raises OverflowError (int(inf)) when the URL holds ?key=1e999,
    while a float input treats it as out of range and falls back to the default."""
    if not isinstance(value, int) or isinstance(step, float):
        return st.number_input(label, value=value, min_value=min_value,
                               max_value=max_value, step=step, key=key,
                               bind="query-params", **kwargs)
    as_float = [None if v is None else float(v) for v in (min_value, max_value, step)]
    # "%.0f", not "%d": Streamlit logs a warning with a stack at every rerun when a
    # float input has an integer format.
    kwargs.setdefault("format", "%.0f")
    number = st.number_input(label, value=float(value), min_value=as_float[0],
                             max_value=as_float[1], step=as_float[2] or 1.0, key=key,
                             bind="query-params", **kwargs)
    return int(number)


def url_selectbox(label, key, options, index=0, **kwargs):
    """A selectbox bound to the URL."""
    return st.selectbox(label, options, index=index, key=key, bind="query-params",
                        **kwargs)


def url_radio(label, key, options, index=0, **kwargs):
    """A radio group bound to the URL."""
    return st.radio(label, options, index=index, key=key, bind="query-params", **kwargs)


def url_toggle(label, key, value=False, **kwargs):
    """A toggle bound to the URL."""
    return st.toggle(label, value=value, key=key, bind="query-params", **kwargs)


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
