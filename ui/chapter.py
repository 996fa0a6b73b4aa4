"""The chapter map: one page per step of the course, in the chapter's order."""

from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent

# (script, title, url path, icon, what the learner does there)
PAGES = [
    ("app_pages/errors/page.py", "Prediction errors", "errors", ":material/calculate:",
     "Forward pass through the 2-2-1 ReLU network: edit inputs and weights, see the "
     "prediction and its error (course 1.1, 1.7-1.9)."),
    ("app_pages/mse/page.py", "Mean squared error", "mse", ":material/functions:",
     "Many data points, two weight sets: one loss per point, one number overall "
     "(1.2, 1.3, 1.10)."),
    ("app_pages/slopes/page.py", "Slopes", "slopes", ":material/trending_down:",
     "The slope of the loss for a weight, its tangent, one update with a learning "
     "rate (1.4-1.6, 2.1-2.6)."),
    ("app_pages/descent/page.py", "Gradient descent", "descent", ":material/stairs_2:",
     "Many updates: the MSE history, the path on the loss surface, divergence (2.7)."),
    ("app_pages/backprop/page.py", "Backpropagation", "backprop", ":material/hub:",
     "A full round on a live diagram: forward values, backward slopes, any weight's "
     "gradient as three factors (3, 4.1, 4.2, 4.4)."),
    ("app_pages/sgd/page.py", "Stochastic gradient descent", "sgd", ":material/shuffle:",
     "Batches and epochs: full-batch, mini-batch and stochastic descent on real and "
     "synthetic data (4.3)."),
]


# The course's coding tasks, done on their pages ("Try it yourself", ui/practice.py):
# (task, url path of its page, the course's title of the task)
PRACTICE_TASKS = [
    ("1.9", "errors", "Coding how weight changes affect the accuracy"),
    ("1.10", "mse", "Scaling up to multiple data points"),
    ("2.5", "slopes", "Calculating slopes"),
    ("2.6", "slopes", "Improving model weights"),
    ("2.7", "descent", "Making multiple updates to weights"),
]
# The tasks this session has passed (a set of task ids); "app_": kept from page to page.
PRACTICE_PASSED_KEY = "app_practice_passed"


def existing_pages():
    """The PAGES entries whose script exists (pages not written yet are left out)."""
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def lesson_pages():
    """st.Page objects for the existing lesson pages, numbered in order."""
    return [st.Page(script, title=f"{number} · {title}", url_path=url_path, icon=icon)
            for number, (script, title, url_path, icon, _) in
            enumerate(existing_pages(), start=1)]


# Session state every page keeps: keys starting with this (the practice tasks passed)
# and the presentation mode, which a teacher keeps from page to page.
APP_STATE_PREFIX = "app_"
APP_WIDE_KEYS = frozenset({"present"})
_CURRENT_PAGE = APP_STATE_PREFIX + "page"


def start_page(url_path):
    """Call before a page runs: when the learner has moved here from another page of
    this session, forget that page's controls.

    Several pages use the same control keys (targets, lr, seed, layers, log...), and
    the browser sends the last page's widget values with the page switch and keeps its
    query string: descent's targets "0" would become backprop's targets and quiz 4.4's
    slope 6 would read 72. A page reached through the sidebar starts from its own
    defaults; a page opened from a link (the first of a session) reads its URL."""
    last = st.session_state.get(_CURRENT_PAGE)
    if last is not None and last != url_path:
        for key in list(st.session_state):
            if not str(key).startswith(APP_STATE_PREFIX) and key not in APP_WIDE_KEYS:
                del st.session_state[key]
        for key in list(st.query_params):
            if key not in APP_WIDE_KEYS:
                del st.query_params[key]
    st.session_state[_CURRENT_PAGE] = url_path
