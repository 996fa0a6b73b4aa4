"""The "numpy behind this" expander: the source of the core functions a page uses,
so a learner can read the code beside the lesson."""

import inspect

import streamlit as st

# The "numpy behind this" expander's key: its open state, kept while the page reruns.
SOURCE_KEY = "numpy_behind_this"


def code_box(label, key, expanded=False):
    """An expander for code whose content is drawn only while it is open (opening it
    reruns the page): the expander when open, else None. Use it as
    ``if (box := code_box(...)) is not None: with box: st.code(...)``.

    Why: st.code makes the browser start Streamlit's syntax highlighter, about 0.35 s of
    script on the first page of a visit that shows code, also inside a closed expander.
    """
    box = st.expander(label, expanded=expanded, key=key, on_change="rerun")
    return box if box.open else None


def numpy_behind_this(*functions, expanded=False):
    """Show the source code of ``functions`` (core functions or classes) in an expander,
    drawn while it is open (``code_box``)."""
    box = code_box("The numpy behind this", SOURCE_KEY, expanded=expanded)
    if box is None:
        return
    with box:
        for function in functions:
            module = function.__module__
            st.caption(f"`{module}.{function.__qualname__}`")
            st.code(inspect.getsource(function), language="python")
