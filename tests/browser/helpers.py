"""Helpers for real-browser tests (Playwright sync API against a live Streamlit server).

Import them as ``from tests.browser.helpers import open_page, press_slider, ...``.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import Locator, Page

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "screenshots"

APP_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
EXCEPTION = '[data-testid="stException"]'
DIAGRAM_HOST = '[data-testid="stBidiComponentIsolated"]'
METRIC_VALUE = '[data-testid="stMetricValue"]'
SLIDER = '[data-testid="stSlider"]'
WIDGET_LABEL = '[data-testid="stWidgetLabel"]'


def wait_for_app(page: Page, timeout: float = 20000) -> None:
    """Wait until the script has finished and every lazily loaded element has rendered.

    Then assert that the page shows no Streamlit exception box.
    ``timeout`` is in milliseconds, as everywhere in Playwright.
    """
    page.wait_for_selector(APP_DONE, state="attached", timeout=timeout)
    page.wait_for_function(
        f"() => document.querySelectorAll('{SKELETON}').length === 0", timeout=timeout
    )
    # The network diagram is drawn by its component's script after the element mounts.
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{DIAGRAM_HOST}')].every("
        "h => h.shadowRoot && h.shadowRoot.querySelector('svg'))", timeout=timeout
    )
    exceptions = page.locator(EXCEPTION)
    if exceptions.count():
        texts = "\n---\n".join(exceptions.all_inner_texts())
        raise AssertionError(f"Streamlit exception on {page.url}:\n{texts}")


def open_page(page: Page, base_url: str, path: str = "/") -> None:
    """Open ``base_url + path`` (e.g. ``"/errors?w=2.5"``) and wait until the app is ready."""
    url = base_url.rstrip("/") + "/" + path.lstrip("/")
    page.goto(url)
    wait_for_app(page)


def shown_text(locator: Locator, timeout: float = 10000) -> str:
    """The locator's inner text, or its text content for an SVG element (SVG has no
    innerText: the network diagram is SVG in a component's shadow root)."""
    if locator.evaluate("e => e instanceof SVGElement", timeout=timeout):
        return locator.text_content(timeout=timeout) or ""
    return locator.inner_text(timeout=timeout)


def wait_for_text_change(locator: Locator, old_text: str, timeout: float = 10000) -> str:
    """Poll until ``locator``'s inner text differs from ``old_text``; return the new text.

    After an input, wait for the content to change, not for the script-state flag: the app does
    not always visibly enter ``running``.
    """
    deadline = time.monotonic() + timeout / 1000
    text = old_text
    while time.monotonic() < deadline:
        remaining_ms = max(1.0, (deadline - time.monotonic()) * 1000)
        text = shown_text(locator, timeout=remaining_ms)
        if text != old_text:
            return text
        time.sleep(0.02)
    raise AssertionError(f"text stayed {old_text!r} for {timeout:.0f} ms (last seen {text!r})")


def metric_values(page: Page) -> list[str]:
    """Inner texts of every ``st.metric`` value on the page, in document order."""
    return page.locator(METRIC_VALUE).all_inner_texts()


def watch_metric_values(page: Page) -> None:
    """Record every distinct state of the page's metric values from now on, as the browser
    draws them; read the record with ``watched_metric_values``.

    Polling can miss a state that lasts a few milliseconds; a MutationObserver sees each one.
    """
    page.evaluate(
        """(selector) => {
        window.metricStates = [];
        const record = () => {
            const values = [...document.querySelectorAll(selector)].map(e => e.innerText);
            const last = window.metricStates[window.metricStates.length - 1];
            if (JSON.stringify(last) !== JSON.stringify(values)) window.metricStates.push(values);
        };
        new MutationObserver(record).observe(
            document.body, {subtree: true, childList: true, characterData: true});
        record();
        }""",
        METRIC_VALUE,
    )


def watched_metric_values(page: Page) -> list[list[str]]:
    """Every distinct state of the metric values since ``watch_metric_values``, in order."""
    return page.evaluate("window.metricStates")


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG to ``<repo>/screenshots/<name>.png`` and return its path."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def slider(page: Page, label: str) -> Locator:
    """The range input of the ``st.slider`` whose visible label text is exactly ``label``.

    Not ``get_by_role("slider", name=label, exact=True)``: in 1.67 the input is labelled by itself
    and its group, so its accessible name is the label twice ("w w") and only a substring match
    would find it, which also matches longer labels. It only builds a locator, so it serves
    Playwright's async pages too (bench/load.py).
    """
    exact_label = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return (
        page.locator(SLIDER)
        .filter(has=page.locator(WIDGET_LABEL).filter(has_text=exact_label))
        .locator('input[type="range"]')
    )


def press_slider(page: Page, label: str, key: str = "ArrowRight", times: int = 1) -> Locator:
    """Focus the slider labelled ``label`` and press ``key`` ``times`` times.

    Returns the slider's locator. Wait for the result with ``wait_for_text_change``.
    """
    thumb = slider(page, label)
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(key)
    return thumb
