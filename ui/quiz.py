"""One quiz component for every chapter: question, choices, check, feedback, reset."""

import streamlit as st


def quiz(key, question, choices, answer, why_right, why_wrong=None):
    """Ask a multiple-choice question and give feedback once the learner checks.

    Parameters
    ----------
    key : str, unique per quiz on a page (prefixes the widget keys)
    question : str (Markdown)
    choices : sequence of choices, shown with ``str``
    answer : the right choice
    why_right : str (Markdown), shown with a right answer
    why_wrong : dict mapping a wrong choice to why it is tempting but wrong;
        choices not in it get a generic hint

    Returns
    -------
    None until the learner has checked an answer, then True or False.
    """
    why_wrong = why_wrong or {}
    checked_key = f"{key}_checked"
    choice_key = f"{key}_choice"

    def reset():
        st.session_state[checked_key] = None
        st.session_state[choice_key] = None

    def check():
        st.session_state[checked_key] = st.session_state.get(choice_key)

    st.markdown(question)
    st.radio("Your answer", list(choices), index=None, key=choice_key,
             format_func=str, label_visibility="collapsed")
    with st.container(horizontal=True):
        st.button("Check", key=f"{key}_check", on_click=check,
                  disabled=st.session_state.get(choice_key) is None)
        st.button("Reset", key=f"{key}_reset", on_click=reset)

    checked = st.session_state.get(checked_key)
    if checked is None:
        return None
    if checked == answer:
        st.success(f"Right: {_sentence(answer)} {why_right}")
        return True
    hint = why_wrong.get(checked, "Not quite. Look at the numbers below and try again.")
    st.error(f"{_sentence(checked)[:-1]} is not it. {hint}")
    return False


def _sentence(choice):
    """A choice ended by exactly one full stop ("Less accurate." stays as it is)."""
    return str(choice).rstrip(".") + "."
