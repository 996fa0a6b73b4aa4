"""A page that comes back whole after its server is lost (a replica behind nginx dies,
a hosted app restarts).

When the browser reconnects, Streamlit's frontend asks the new server for a script run
only in some cases: the last run was a fragment's, or the page has a timed fragment
(``run_every``). Otherwise it keeps the old page drawn and expects the server to still
hold the session. A new server does not; it drops every fragment rerun it does not know,
so each move of a control inside a fragment (most of our controls) is lost and the page
answers nothing until a reload. A timed fragment on every page, drawing nothing and due
once an hour, makes every reconnect ask for a full run, with the browser's widget
values (the URL's): the page is drawn anew on the new server.
"""

from datetime import timedelta

import streamlit as st

# Long enough to cost nothing (one empty fragment run an hour), short enough to be kept
# by browsers' timers.
CHECK_EVERY = timedelta(hours=1)


@st.fragment(run_every=CHECK_EVERY)
def rerun_after_reconnect():
    """Call once per page run, from the entrypoint; it draws nothing."""
