"""Widgets bound to the URL, so a copied link reopens the same state.

Each wrapper passes ``bind="query-params"``: the widget's key is the URL parameter,
values equal to the default stay out of the URL, and a malformed or out-of-range
parameter is dropped by Streamlit in favour of the default. Streamlit only: the home
page, the first one a new server draws, needs no numpy (ui/layout.py's Present toggle
comes from here).
"""

import streamlit as st


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
