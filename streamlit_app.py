"""Backprop Studio: the entrypoint routes the pages, one per step of the course."""

import streamlit as st

from ui.chapter import lesson_pages, start_page
from ui.layout import calm_reruns
from ui.reconnect import rerun_after_reconnect

st.set_page_config(page_title="Backprop Studio", page_icon="🧠", layout="wide")
home = st.Page("app_pages/home/page.py", title="Home", icon=":material/home:", default=True)
page = st.navigation({"Backprop Studio": [home], "The course, step by step": lesson_pages()})
start_page(page.url_path)
calm_reruns()
rerun_after_reconnect()
page.run()
