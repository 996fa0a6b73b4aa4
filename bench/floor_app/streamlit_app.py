"""The floor: one slider, one metric, one 200-point Altair line. What Streamlit and
the browser themselves cost per interaction on this machine."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

x = np.linspace(0.0, 10.0, 200)
w = st.slider("w", 0.0, 10.0, 2.0, 0.1, key="w")
data = pd.DataFrame({"x": x, "y": np.sin(x * w)})
st.metric("value", f"{float(np.sin(w)):.6f}")
st.altair_chart(alt.Chart(data).mark_line().encode(x="x", y="y"), alt="floor line")
