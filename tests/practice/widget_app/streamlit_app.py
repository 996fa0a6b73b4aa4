"""A page of nothing but practice sections, for the widget's AppTest and browser tests.

``?tasks=2.5,2.6`` draws those tasks' sections one after another (default: 2.7), as the
slopes page will; the last line lists the tasks this session has passed.
"""

import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

import streamlit as st  # noqa: E402

from ui.practice import passed_tasks, practice_section  # noqa: E402
from ui.runtime import freeze_imports  # noqa: E402

freeze_imports()  # as every page does: see ui/runtime.py
st.set_page_config(page_title="Practice widget", layout="wide")
for task_id in st.query_params.get("tasks", "2.7").split(","):
    practice_section(task_id)
st.markdown("Passed tasks: " + (", ".join(passed_tasks()) or "none"))
