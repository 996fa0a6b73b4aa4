"""The "numpy behind this" expander: the source of the core functions a page uses,
so a learner can read the code beside the lesson."""

import inspect

import streamlit as st


def numpy_behind_this(*functions, expanded=False):
    """Show the source code of ``functions`` (core functions or classes) in an expander."""
    with st.expander("The numpy behind this", expanded=expanded):
        for function in functions:
            module = function.__module__
            st.caption(f"`{module}.{function.__qualname__}`")
            st.code(inspect.getsource(function), language="python")
