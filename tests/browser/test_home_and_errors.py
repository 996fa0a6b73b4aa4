"""Real Chromium against a real server: the home page and the errors page."""

from tests.browser.helpers import (
    METRIC_VALUE,
    metric_values,
    open_page,
    press_slider,
    screenshot,
    wait_for_app,
    wait_for_text_change,
)


def test_home_page_shows_the_chapter_map(app_server, page):
    open_page(page, app_server, "/")
    assert page.get_by_role("heading", name="Backprop Studio").first.is_visible()
    links = page.locator('[data-testid="stPageLink"]')
    assert links.count() >= 1
    assert page.locator('[data-testid="stSidebarNavLink"]').count() >= 2
    screenshot(page, "home")


def test_errors_page_draws_the_network_and_the_seeds_error(app_server, page):
    open_page(page, app_server, "/errors")
    assert metric_values(page)[:2] == ["9", "6"]
    page.wait_for_selector('[data-testid="stBidiComponentIsolated"] svg g.node')
    # 2 inputs + 2 hidden + 1 output
    network = page.locator('[data-testid="stBidiComponentIsolated"]').first
    assert network.locator('svg g.node').count() == 5
    screenshot(page, "errors")


def test_keyboard_slider_move_changes_the_error_and_the_url_reopens_it(app_server, page,
                                                                         browser):
    open_page(page, app_server, "/errors")
    error = page.locator(METRIC_VALUE).nth(1)
    assert error.inner_text() == "6"
    press_slider(page, "target (actual value)", "ArrowRight")
    assert wait_for_text_change(error, "6") == "5.5"
    page.wait_for_function("() => window.location.search.includes('target=3.5')")
    shared_url = page.url

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(shared_url)
        wait_for_app(other)
        assert metric_values(other)[:2] == ["9", "5.5"]
    finally:
        context.close()


def test_load_weights_1_button_gives_error_0(app_server, page):
    open_page(page, app_server, "/errors")
    error = page.locator(METRIC_VALUE).nth(1)
    page.get_by_role("button", name="Load weights_1").click()
    assert wait_for_text_change(error, "6") == "0"


def test_first_visit_straight_to_a_lesson_page_gets_the_apps_navigation(fresh_server, page):
    """A teacher's link is often the first request a server sees: it must open the page
    inside the app (its navigation, not a list of script files)."""
    open_page(page, fresh_server, "/descent?n=5")
    nav = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    assert any("Gradient descent" in text for text in nav), nav
    assert not any("streamlit app" in text.lower() for text in nav), nav
