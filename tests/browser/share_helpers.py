"""Helpers of the share-link tests: drive URL-bound controls by keyboard and clicks,
take a snapshot of what a page shows, and reopen a URL in a new browser context."""

from __future__ import annotations

import contextlib
import time
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page

from tests.browser.helpers import APP_DONE, METRIC_VALUE, SKELETON, wait_for_app

SLIDER_VALUE = '[data-testid="stSliderThumbValue"]'


def keyed(page: Page, key: str):
    """The container Streamlit gives the widget with this key (class st-key-<key>)."""
    return page.locator(f".st-key-{key}").first


def press(page: Page, key: str, press_key: str = "ArrowRight", times: int = 1) -> None:
    """Focus the slider (or select slider) with this key and press a key."""
    thumb = keyed(page, key).locator('input[type="range"]')
    thumb.focus()
    for _ in range(times):
        page.keyboard.press(press_key)


def choose(page: Page, key: str, option: str) -> None:
    """Open the selectbox with this key from the keyboard (a click on its input does not
    open the list in 1.67) and click ``option``."""
    keyed(page, key).locator('input[role="combobox"]').focus()
    page.keyboard.press("ArrowDown")
    page.get_by_role("listbox").get_by_role("option", name=option, exact=True).click()


def click_radio(page: Page, key: str, label: str) -> None:
    """Click the radio option labelled exactly ``label``."""
    keyed(page, key).locator("label").filter(has_text=label).first.click()


def click_toggle(page: Page, key: str) -> None:
    keyed(page, key).locator("label").first.click()


def url_params(url: str) -> dict:
    return parse_qs(urlparse(url).query, keep_blank_values=True)


def wait_for_url(page: Page, *keys: str, timeout: float = 10.0) -> dict:
    """Wait until the page's URL holds every query key in ``keys``; return its params."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        params = url_params(page.url)
        if all(key in params for key in keys):
            return params
        time.sleep(0.05)
    raise AssertionError(f"URL {page.url} lacks one of {keys}")


def snapshot(page: Page, skip_metrics=()) -> dict:
    """What the page shows: metric values (minus the indices in ``skip_metrics``),
    slider thumb values, selectbox texts and checked radios and toggles."""
    metrics = [v for i, v in enumerate(page.locator(METRIC_VALUE).all_inner_texts())
               if i not in skip_metrics]
    return {
        "metrics": metrics,
        "sliders": page.locator(SLIDER_VALUE).all_inner_texts(),
        "selects": page.locator('[data-testid="stSelectbox"] input[role="combobox"]')
        .evaluate_all("els => els.map(e => e.value)"),
        "radios": page.locator('[data-testid="stRadio"] label:has(input:checked)')
        .all_inner_texts(),
        "toggles": page.locator('[data-testid="stCheckbox"] input').evaluate_all(
            "els => els.map(e => e.checked)"),
    }


def settle(page: Page, skip_metrics=(), timeout: float = 20.0) -> dict:
    """Wait until the app is idle and its snapshot stays the same for 0.4 s; return it."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        page.wait_for_selector(APP_DONE, state="attached", timeout=timeout * 1000)
        page.wait_for_function(
            f"() => document.querySelectorAll('{SKELETON}').length === 0",
            timeout=timeout * 1000)
        current = snapshot(page, skip_metrics)
        if current == last:
            wait_for_app(page)  # raises on an exception box
            return current
        last = current
        time.sleep(0.4)
    raise AssertionError(f"the page did not settle: {last}")


@contextlib.contextmanager
def reopened(browser, url: str):
    """``url`` opened in a new browser context (no shared state), once the app is ready."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(url)
        wait_for_app(other)
        yield other
    finally:
        context.close()
