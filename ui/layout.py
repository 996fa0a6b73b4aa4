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



# While a script runs, Streamlit marks the elements it has not sent again yet as stale
# and fades them (an opacity transition on each element container). Our reruns take
# tens of milliseconds: the fade is never seen, but starting and cancelling it on every
# element of a fragment cost the browser about a quarter of a slider move's CPU on this
# machine (errors page: 280 -> 200 ms per move). Long runs (sgd's training) show their
# own progress bar.
CALM_RERUNS_CSS = ("[data-stale='true'] {opacity: 1 !important; transition: none !important;"
                   " animation: none !important; filter: none !important}")


def calm_reruns():
    """Keep elements steady while a rerun replaces them (no stale fade); call once per
    page run, from the entrypoint."""
    st.html(f"<style>{CALM_RERUNS_CSS}</style>")
