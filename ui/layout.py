"""Page layout that stays put from one rerun to the next."""

import streamlit as st


def steady_slot():
    """A place on the page for what shows only sometimes, or as a varying number of
    elements (a message, two or three formula lines); use it as ``with steady_slot():``
    or call ``.error(...)`` on it.

    The slot is there whatever it holds, and empty it takes no space. Without it, a rerun
    that adds or removes an element shifts every element after it by one place, and until
    the rerun ends the browser shows the new elements beside the stale ones (six metrics
    where the page has three).
    """
    return st.container()
