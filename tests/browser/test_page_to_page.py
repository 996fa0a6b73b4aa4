"""Moving from one page to another through the sidebar after changing controls whose
keys another page also uses. The browser sends the old page's widget values with the
page switch and keeps the query string, so a key two pages share must not carry a
value the other page's widget cannot take (?x=3.0 from /slopes once raised TypeError
in a text area on /descent)."""

import pytest

from tests.browser.helpers import open_page, wait_for_app
from tests.browser.share_helpers import click_toggle, keyed, press
from ui.chapter import PAGES

NAV_LINK = '[data-testid="stSidebarNavLink"]'
TITLES = {f"/{path}": title for _, title, path, _, _ in PAGES}  # each page's st.title

# (page opened, controls changed there in the browser, page reached through the
# sidebar): each change is to a control whose key the second page uses too. The change
# has to happen in the browser: a value only seeded from the URL is not sent along.
MOVES = [
    ("/slopes", [("press", "x"), ("press", "lr")], "/descent"),
    ("/descent", [("press", "lr"), ("toggle", "log")], "/slopes"),
    ("/sgd", [("press", "lr"), ("press", "layers", 2), ("press", "nodes_1"),
              ("press", "nodes_2"), ("fill", "seed", "500000"), ("toggle", "log")],
     "/backprop"),
    ("/backprop?net=random+network", [("press", "layers"), ("fill", "nodes_1", "5"),
                                      ("fill", "seed", "9999"), ("press", "lr"),
                                      ("fill", "targets", "1")], "/sgd"),
    ("/sgd", [("press", "lr"), ("toggle", "log")], "/descent"),
    ("/descent", [("press", "lr"), ("toggle", "log")], "/sgd"),
    ("/descent", [("press", "lr")], "/backprop"),
    ("/backprop", [("press", "lr"), ("fill", "targets", "9")], "/descent"),
]


def change(page, action):
    kind, key, *rest = action
    if kind == "press":
        press(page, key, times=rest[0] if rest else 1)
    elif kind == "toggle":
        click_toggle(page, key)
    else:
        field = keyed(page, key).locator("input, textarea").first
        field.fill(rest[0])
        field.press("Enter")
    page.wait_for_timeout(150)
    wait_for_app(page)


@pytest.mark.parametrize(("start", "changes", "target"), MOVES,
                         ids=[f"{m[0].split('?')[0][1:]}-to-{m[2][1:]}" for m in MOVES])
def test_shared_keys_do_not_break_the_next_page(app_server, page, start, changes, target):
    open_page(page, app_server, start)
    for action in changes:
        change(page, action)
    page.locator(f'{NAV_LINK}[href$="{target}"]').click()
    page.wait_for_url(f"**{target}*")
    page.wait_for_function(
        "t => (document.querySelector('[data-testid=\"stMain\"] h1') || {}).textContent"
        "?.includes(t)", arg=TITLES[target])
    wait_for_app(page)  # asserts no exception box


def test_a_page_reached_through_the_sidebar_starts_from_its_own_defaults(app_server, page):
    """A move on /descent, then the sidebar to /backprop: descent's targets "0" must not
    become backprop's targets (quiz 4.4's slope read 3 × 24 × 1 = 72), nor stay in the
    URL. Found by the load generator (bench/load_protocol.py)."""
    open_page(page, app_server, "/descent")
    change(page, ("press", "n"))
    page.locator(f'{NAV_LINK}[href$="/backprop"]').click()
    page.wait_for_url("**/backprop*")
    page.get_by_text("= 3 × 2 × 1 = 6").first.wait_for(timeout=20000)
    wait_for_app(page)
    assert "targets" not in page.url
    # and a link still opens what it says
    open_page(page, app_server, "/backprop?targets=9")
    page.get_by_text("Targets (one per point)").first.wait_for()
    assert page.locator(".st-key-targets input").input_value() == "9"
