"""Hosted-ready: opening any page and using it makes no request beyond the app's own
server (no web fonts, CDNs, icon services or telemetry).

Every request the page makes is recorded; any request to another host is also
aborted, so the test itself never reaches outside the machine.
"""

from urllib.parse import urlsplit

import pytest

from tests.browser.helpers import (
    METRIC_VALUE,
    open_page,
    shown_text,
    slider,
    wait_for_app,
    wait_for_text_change,
)

# path -> (main slider's label, key to press, element whose text must change), or
# None for a page without a slider (the home page: open its expander instead)
PAGES = {
    "/": None,
    "/errors": ("target (actual value)", "ArrowRight", f"{METRIC_VALUE} >> nth=1"),
    "/mse": ("node_0 → output", "ArrowRight", f"{METRIC_VALUE} >> nth=0"),
    "/slopes": ("weight", "ArrowRight", f"{METRIC_VALUE} >> nth=0"),
    "/descent": ("Number of updates", "ArrowRight", f"{METRIC_VALUE} >> nth=1"),
    "/backprop": ("Step of the round", "ArrowLeft",
                  '[data-testid="stBidiComponentIsolated"] svg >> nth=0'),
    "/sgd": ("Epochs", "ArrowRight", f"{METRIC_VALUE} >> nth=1"),
}
LOCAL_SCHEMES = {"data", "blob", "about"}


def interact_once(page, path):
    """Use the page once: move its main slider and wait for the result."""
    if PAGES[path] is None:
        page.locator('[data-testid="stExpander"] summary').first.click()
        page.locator('[data-testid="stExpander"] [data-testid="stCode"]').first.wait_for()
        return
    label, key, watched = PAGES[path]
    element = page.locator(watched)
    before = shown_text(element)
    slider(page, label).first.focus()  # mse has one per weight set: the first
    page.keyboard.press(key)
    wait_for_text_change(element, before, timeout=20000)


@pytest.mark.parametrize("path", list(PAGES))
def test_a_page_only_talks_to_its_own_server(app_server, browser, path):
    own = urlsplit(app_server).netloc
    requests, sockets, aborted = [], [], []

    def outside(url):
        parts = urlsplit(url)
        return parts.scheme not in LOCAL_SCHEMES and parts.netloc != own

    def guard(route):
        if outside(route.request.url):
            aborted.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.on("websocket", lambda socket: sockets.append(socket.url))
        open_page(page, app_server, path)
        interact_once(page, path)
        wait_for_app(page)
        # late requests: the favicon, lazily loaded element code
        page.wait_for_timeout(1000)
    finally:
        context.close()

    assert requests, "no request recorded"
    assert sockets and all(urlsplit(url).netloc == own for url in sockets), sockets
    foreign = sorted({url for url in requests + aborted if outside(url)})
    assert not foreign, f"{path} fetched from other hosts: {foreign}"
