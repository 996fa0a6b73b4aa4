"""AppTest fixtures: the real app script, run in-process by Streamlit's test runner."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ENTRYPOINT = str(Path(__file__).resolve().parents[2] / "streamlit_app.py")


def open_app_page(page=None, query_params=None, timeout=30):
    """Run the entrypoint, switch to ``page`` (e.g. "app_pages/errors.py"), return the AppTest."""
    at = AppTest.from_file(ENTRYPOINT, default_timeout=timeout)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


@pytest.fixture
def app_page():
    """Factory fixture: ``app_page("app_pages/errors.py", {"target": "5"})``."""
    return open_app_page
