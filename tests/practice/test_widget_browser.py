"""Guards the practice section in a real browser (Debian's Chromium via Playwright)
against a real ``streamlit run`` of ``widget_app/streamlit_app.py``: typing the task
2.7 solution into the editor and pressing Ctrl+Enter runs it in a worker and shows it
accepted, with the tick, the chart of mse_hist and the passed list; the page makes no
request beyond its own server and the code stays out of the URL."""

from __future__ import annotations

import os

import pytest

from practice import get_task
from tests.browser.conftest import streamlit_server
from tests.browser.helpers import open_page

from .conftest import WIDGET_APP_DIR

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def widget_server(request):
    """``streamlit run`` of the widget page (streamlit_server runs the streamlit_app.py
    of BACKPROP_APP_DIR)."""
    before = os.environ.get("BACKPROP_APP_DIR")
    os.environ["BACKPROP_APP_DIR"] = str(WIDGET_APP_DIR)
    try:
        with streamlit_server(request) as base_url:
            yield base_url
    finally:
        if before is None:
            os.environ.pop("BACKPROP_APP_DIR", None)
        else:
            os.environ["BACKPROP_APP_DIR"] = before


def test_typing_a_solution_and_pressing_ctrl_enter_gets_it_accepted(widget_server, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    open_page(page, widget_server, "/?tasks=2.7")

    editor = page.get_by_role("textbox", name="Your code")
    assert editor.input_value() == get_task("2.7").scaffold
    editor.fill(get_task("2.7").solution)
    editor.press("Control+Enter")

    page.get_by_text("Correct! The MSE falls with every update").wait_for(timeout=20000)
    page.get_by_text("Passed tasks: 2.7").wait_for(timeout=5000)
    page.locator('[data-testid="stVegaLiteChart"] svg').first.wait_for(timeout=10000)
    heading = page.locator('[data-testid="stHeading"]').first
    # The tick is the bundled Material Symbols font's check_circle ligature.
    assert heading.inner_text().split() == ["Try", "it", "yourself:", "task", "2.7",
                                            "check_circle"]

    assert "mse_hist" not in page.url and "get_slope" not in page.url
    foreign = sorted({url for url in requests if not url.startswith(widget_server)})
    assert foreign == [], foreign
