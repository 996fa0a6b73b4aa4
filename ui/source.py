"""The "numpy behind this" expander: the source of the core functions a page uses,
so a learner can read the code beside the lesson."""

import inspect

import streamlit as st

# The expander's key: its open state, kept while the page reruns.
SOURCE_KEY = "numpy_behind_this"


def numpy_behind_this(*functions, expanded=False):
    """Show the source code of ``functions`` (core functions or classes) in an expander.

    The code is drawn only while the expander is open (opening it reruns the page):
    st.code's syntax highlighter costs the browser about 0.35 s of script to start, on
    the first page of a visit that shows code."""
    box = st.expander("The numpy behind this", expanded=expanded, key=SOURCE_KEY,
                      on_change="rerun")
    if not box.open:
        return
    with box:
        for function in functions:
            module = function.__module__
            st.caption(f"`{module}.{function.__qualname__}`")
            st.code(inspect.getsource(function), language="python")
