"""The floor of bench/practice_speed.py --browser: the practice section's elements (an
editor in a form, Run, Reset, a success message, a 20-point line chart) with no code
checked or run. What Streamlit and the browser themselves cost per Run here."""

import altair as alt
import pandas as pd
import streamlit as st

HISTORY = pd.DataFrame({"Iterations": range(1, 21),
                        "Mean Squared Error": [25.4 * 0.52 ** i for i in range(20)]})


def run():
    st.session_state.done = True


def reset():
    st.session_state.done = False


with st.form("floor_form", border=False):
    st.text_area("Your code", height=440)
    st.form_submit_button("Run", type="primary", on_click=run)
st.button("Reset", on_click=reset)
if st.session_state.get("done"):
    st.success("Correct! The MSE falls with every update")
    st.altair_chart(alt.Chart(HISTORY).mark_line(point=True).encode(
        x="Iterations", y="Mean Squared Error").properties(height=220), width="stretch",
        alt="floor line")
