"""The floor page (bench/floor_app) built as Backprop Studio builds its pages: the first
page of a seven-page app (the sidebar lists the pages), its slider bound to the URL, and
the slider, metric and line in a fragment, so that a move reruns only them. What being
a page of such an app costs per interaction, before the page draws anything of its own.
bench/latency.py prints it beside the bare floor."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st


@st.fragment
def floor_fragment():
    x = np.linspace(0.0, 10.0, 200)
    w = st.slider("w", 0.0, 10.0, 2.0, 0.1, key="w", bind="query-params")
    data = pd.DataFrame({"x": x, "y": np.sin(x * w)})
    st.metric("value", f"{float(np.sin(w)):.6f}")
    st.altair_chart(alt.Chart(data).mark_line().encode(x="x", y="y"), alt="floor line")


def floor():
    floor_fragment()


def other_page():
    st.write("Another page.")


pages = [st.Page(floor, title="Floor", url_path="floor", default=True)]
pages += [st.Page(other_page, title=f"Page {i}", url_path=f"page_{i}") for i in range(1, 7)]
st.navigation(pages).run()
