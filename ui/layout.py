"""Page layout that stays put from one rerun to the next, and fits every screen a class
uses: a phone, a projector (with the "Present" mode), light and dark themes."""

from pathlib import Path

import streamlit as st

from ui.url_widgets import url_toggle

SCREENS_CSS = (Path(__file__).with_name("screens.css")).read_text()
PRESENT_CSS = (Path(__file__).with_name("present.css")).read_text()
SKIP_LINK_JS = (Path(__file__).with_name("skip_link.js")).read_text()
# The Present toggle's key and URL parameter (?present=true); ui/chapter.py keeps it
# from page to page.
PRESENT_KEY = "present"


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


def results_slot(page, horizontal=True):
    """A container for a page's results, placed above its controls and filled once the
    results are known; on a phone it stays in view while the controls below it move.

    ui/screens.css makes it sticky by its key's "_results" ending. ``horizontal``:
    its metrics side by side, also on a phone (columns would stack)."""
    return st.container(key=f"{page}_results", horizontal=horizontal)


def page_styles(present):
    """Keep elements steady while a rerun replaces them (no stale fade), keep numbers,
    buttons and formulas whole on small screens, draw a clear focus ring, and in
    presentation mode enlarge the text; call once per page run, from the entrypoint."""
    css = CALM_RERUNS_CSS + SCREENS_CSS + (PRESENT_CSS if present else "")
    st.html(f"<style>{css}</style>")
    # Our own script, the same on every page (no learner input reaches it).
    st.html(f"<script>{SKIP_LINK_JS}</script>", unsafe_allow_javascript=True)


def present_toggle():
    """The "Present" toggle, bound to the URL so that a teacher's link opens in it; top
    right of every page, outside the sidebar (present mode has none). Returns its value."""
    with st.container(horizontal=True, horizontal_alignment="right", key="present_bar"):
        return url_toggle("Present", PRESENT_KEY,
                          help="Presentation mode for a projector: no sidebar, larger "
                               "numbers, labels and axis text.")


def presenting():
    """Whether this session shows the presentation mode (charts enlarge their text)."""
    return bool(st.session_state.get(PRESENT_KEY, False))
