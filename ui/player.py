"""Play and pause for a page's animation (descent's updates, backprop's rounds, sgd's
epochs).

The animated part of a page is a fragment that Streamlit reruns on a timer while playing
(``st.fragment(run_every=...)``): no loop in the script, and the rest of the page does
not rerun at each frame. Each frame moves the page's own URL-bound control by one step
(the number of updates, of rounds, of epochs shown) before that control is drawn, so a
paused animation leaves the URL at the frame shown and a copied link opens that frame.
The timer belongs to the fragment's declaration, made when the whole page runs: Play,
Pause and the end of an animation rerun the whole page once to start or stop it.

A page uses it in three steps::

    @st.fragment(run_every=frame_interval("descent"))
    def animated():
        keep_playing("descent")             # first: a pending start or stop
        advance("descent", "n", last)       # before the slider "n" is drawn
        ... draw, and call stop("descent") at divergence or flatness ...
        player_controls("descent")
"""

import streamlit as st

from .url_widgets import url_select_slider

SPEEDS = {"slow": 1.0, "normal": 0.4, "fast": 0.15}  # seconds per frame
DEFAULT_SPEED = "normal"
# After a stop, one more run this long after it, from the browser's timer (see _settle).
SETTLE_AFTER = 0.5
# The stages of settling after a stop: the run that declares the settling timer, then
# the timer's run.
_DECLARE_TIMER, _FOLLOW_THE_URL = 1, 2


def _playing_key(name):
    return f"{name}_playing"


def _restart_key(name):
    return f"{name}_restart"


def _speed_key(name):
    return f"{name}_speed"


def is_playing(name):
    """True while the animation ``name`` plays."""
    return bool(st.session_state.get(_playing_key(name), False))


def frame_interval(name):
    """``run_every`` for the animated fragment: seconds per frame while playing, once
    ``SETTLE_AFTER`` after a stop, else None (no timer)."""
    if not is_playing(name):
        return SETTLE_AFTER if st.session_state.get(_settle_key(name)) else None
    return SPEEDS.get(st.session_state.get(_speed_key(name), DEFAULT_SPEED),
                      SPEEDS[DEFAULT_SPEED])


def _from_start_key(name):
    return f"{name}_from_start"


def _settle_key(name):
    return f"{name}_settle"


def _set_playing(name, playing):
    if is_playing(name) == playing:  # a replayed click: nothing to start or stop
        return
    st.session_state[_playing_key(name)] = playing
    st.session_state[_restart_key(name)] = True
    if playing:
        st.session_state[_from_start_key(name)] = True
        st.session_state.pop(_settle_key(name), None)
    else:
        st.session_state[_settle_key(name)] = _DECLARE_TIMER


def _settle(name, frame_key, first):
    """After a stop, make the frame drawn, the control and the URL agree.

    A Pause that arrives while a frame runs cuts that frame short; its messages and the
    Pause's reach the browser in either order, and the control, the URL and the numbers
    drawn can end one frame apart (a copied link would open another frame than the one
    on screen). Half a second later the browser's timer asks for one more run, sending
    the control and the URL as it shows them: the control takes the URL's frame and the
    page is drawn for it. Then the timer is dropped."""
    stage = st.session_state.get(_settle_key(name))
    if stage == _DECLARE_TIMER:
        st.session_state[_settle_key(name)] = _FOLLOW_THE_URL
    elif stage == _FOLLOW_THE_URL:
        del st.session_state[_settle_key(name)]
        in_url = st.query_params.get(frame_key)
        current = st.session_state.get(frame_key, first)
        try:
            wanted = type(current)(float(in_url)) if in_url is not None else first
        except ValueError:  # a malformed URL value: the control's own value stays
            wanted = current
        if wanted != current:
            st.session_state[frame_key] = wanted
        st.session_state[_restart_key(name)] = True  # drop the timer after this run


def stop(name):
    """Stop the animation (at its end, or when the numbers diverge or go flat)."""
    if is_playing(name):
        _set_playing(name, False)


def keep_playing(name):
    """Call first in the animated fragment: after Play, Pause or a stop, rerun the whole
    page so that the fragment is declared again with its timer started or stopped."""
    if st.session_state.pop(_restart_key(name), False):
        st.rerun(scope="app")


def advance(name, frame_key, last, first=0, start=0):
    """While playing, move the control ``frame_key`` one step forward, and stop at
    ``last``; call it before that control is drawn. ``last`` may be a function that
    returns it, called only while playing (where it costs a long computation, a paused
    page does not pay for it). ``first`` is the control's default (its value before the
    learner moves it); a Play pressed at the end starts again at ``start``. Returns True
    while playing."""
    if not is_playing(name):
        _settle(name, frame_key, first)
        return False
    if callable(last):
        last = last()
    frame = st.session_state.get(frame_key, first)
    just_started = st.session_state.pop(_from_start_key(name), False)
    if just_started and frame >= last:
        st.session_state[frame_key] = type(frame)(start)
        return True
    if frame >= last:
        stop(name)
        return False
    st.session_state[frame_key] = type(frame)(frame + 1)
    return True


def player_controls(name, what):
    """The Play/Pause button and the speed, bound to the URL; ``what`` says what plays
    (e.g. 'the updates')."""
    playing = is_playing(name)
    button, speed = st.columns([1, 2], vertical_alignment="bottom")
    # Play and Pause are two widgets (one shown at a time, in a container that keeps the
    # place), each setting its state rather than toggling: Streamlit replays a click that
    # arrives during a timer's frame, and a replayed toggle undid the pause.
    with button.container(key=f"{name}_play"):
        st.button("Pause" if playing else "Play",
                  key=f"{name}_pause" if playing else f"{name}_start",
                  icon=":material/pause:" if playing else ":material/play_arrow:",
                  on_click=_set_playing, args=(name, not playing),
                  help=f"Play {what} one by one; pause keeps the link at the one shown.",
                  width="stretch")
    with speed:
        url_select_slider("Speed", _speed_key(name), list(SPEEDS), DEFAULT_SPEED,
                          on_change=_restart_if_playing, args=(name,))


def _restart_if_playing(name):
    # A new speed is a new timer: the fragment must be declared again.
    if is_playing(name):
        st.session_state[_restart_key(name)] = True


def after_frame(name):
    """Call last in the animated fragment: a stop decided during this frame takes
    effect now (the page reruns once without the timer)."""
    keep_playing(name)
