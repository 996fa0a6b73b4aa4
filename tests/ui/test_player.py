"""ui/player.py without a browser: what a frame asks for while paused and while playing
(the browser tests in tests/browser/test_play.py play the pages themselves)."""

from streamlit.testing.v1 import AppTest


def _frame_script():
    import streamlit as st

    from ui.player import advance

    asked = st.session_state.setdefault("asked", [])

    def last_frame():
        asked.append(True)
        return 3

    st.session_state["playing_now"] = advance("demo", "n", last_frame, first=0)


def test_a_paused_frame_does_not_ask_for_the_last_frame():
    at = AppTest.from_function(_frame_script)
    at.run()
    at.run()
    assert not at.exception
    assert at.session_state["asked"] == [] and at.session_state["playing_now"] is False


def test_a_playing_frame_asks_for_it_and_stops_there():
    at = AppTest.from_function(_frame_script)
    at.session_state["demo_playing"] = True
    at.session_state["n"] = 1
    at.run()
    assert at.session_state["asked"] == [True] and at.session_state["n"] == 2
    at.run()
    assert at.session_state["n"] == 3 and at.session_state["playing_now"] is True
    at.run()  # at the last frame: the animation stops, the frame stays
    assert at.session_state["n"] == 3 and at.session_state["playing_now"] is False
    assert at.session_state["demo_playing"] is False
