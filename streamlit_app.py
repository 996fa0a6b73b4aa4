"""Backprop Studio: the entrypoint routes the pages, one per step of the course."""

import streamlit as st

from ui.chapter import lesson_pages, start_page
from ui.layout import page_styles, present_toggle
from ui.reconnect import rerun_after_reconnect

st.set_page_config(page_title="Backprop Studio", page_icon="🧠", layout="wide")
home = st.Page("app_pages/home/page.py", title="Home", icon=":material/home:", default=True)
present = present_toggle()
# Presenting, the pages are listed along the top: no sidebar takes a projector's width.
page = st.navigation({"Backprop Studio": [home], "The course, step by step": lesson_pages()},
                     position="top" if present else "sidebar")
start_page(page.url_path)
page_styles(present)
rerun_after_reconnect()
page.run()
