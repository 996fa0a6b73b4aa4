"""Shared pytest configuration for all Backprop Studio tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parent.parent
ENTRYPOINT = str(REPO_ROOT / "streamlit_app.py")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Shared CI machines are slow and noisy: no per-example deadline, no "too slow" health check.
settings.register_profile(
    "backprop",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("backprop")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """Absolute path of the repository root."""
    return REPO_ROOT


def open_app_page(page=None, query_params=None, timeout=30):
    """Run the entrypoint, switch to ``page`` (e.g. "app_pages/errors/page.py"), return the AppTest."""
    from streamlit.testing.v1 import AppTest  # here, so core tests do not load Streamlit

    at = AppTest.from_file(ENTRYPOINT, default_timeout=timeout)
    for key, value in (query_params or {}).items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


@pytest.fixture
def app_page():
    """Factory fixture: ``app_page("app_pages/errors/page.py", {"target": "5"})``."""
    return open_app_page


def diagrams(at):
    """The data of every network diagram on the page (what ui.diagram.diagram_data
    sends to the browser), in page order."""
    return [json.loads(element.proto.json) for element in at.get("bidi_component")
            if element.proto.component_name == "backprop_studio.network_diagram"]


def diagram_node(data, layer, index):
    """One node of a diagram's data: name, value, input, slope, off."""
    return data["nodes"][layer][index]


def diagram_edge(data, layer, source, target):
    """One weight of a diagram's data: its text and id."""
    return next(edge for edge in data["edges"] if edge["id"] == f"w_{layer}_{source}_{target}")


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (its own browser download does not work here).

    One for the whole run, here at the root: Playwright's sync API refuses to start a
    second instance while one is open, so browser, deploy and practice tests share it."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser):
    """A fresh 1280x900 browser context and page, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
