"""Backprop Studio: the entrypoint routes the pages, one per step of the course."""

import streamlit as st

from ui.chapter import lesson_pages

st.set_page_config(page_title="Backprop Studio", page_icon="🧠", layout="wide")
home = st.Page("app_pages/home.py", title="Home", icon=":material/home:", default=True)
st.navigation({"Backprop Studio": [home], "The course, step by step": lesson_pages()}).run()
