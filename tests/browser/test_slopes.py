"""Real Chromium against a real server: the slopes page (notes 2.1, 2.2; code 2.4)."""


from tests.browser.helpers import (
    METRIC_VALUE,
    metric_values,
    open_page,
    press_slider,
    screenshot,
    wait_for_app,
    wait_for_text_change,
)

CHART = '[data-testid="stVegaLiteChart"] svg'




def full_screenshot(page, name):
    """A screenshot of the whole page: Streamlit scrolls inside its own container,
    so the viewport is made tall enough first."""
    page.set_viewport_size({"width": 1280, "height": 2000})
    wait_for_app(page)
    screenshot(page, name)

def test_slopes_page_draws_the_curve_and_the_seeds_numbers(app_server, page):
    open_page(page, app_server, "/slopes")
    # slope, new weight, new loss; then error 5 and updated error 2.5 of code 2.4
    assert metric_values(page) == ["-24", "2.24", "10.7584", "5", "2.5"]
    page.wait_for_selector(CHART)
    assert page.locator(CHART).count() == 1
    # the curve, the tangent, the step and three points are drawn as SVG marks
    assert page.locator(f"{CHART} path").count() >= 4
    katex = " ".join(page.locator(".katex").all_inner_texts())
    assert "−24" in katex or "-24" in katex
    assert page.locator('[data-testid="stTable"]').count() == 1
    full_screenshot(page, "slopes")


def test_keyboard_learning_rate_changes_the_new_weight_and_the_url_reopens_it(
        app_server, page, browser):
    open_page(page, app_server, "/slopes")
    new_weight = page.locator(METRIC_VALUE).nth(1)
    assert new_weight.inner_text() == "2.24"
    press_slider(page, "Learning rate", "ArrowRight")
    # 0.01 -> 0.02: 2 - 0.02 * (-24) = 2.48
    assert wait_for_text_change(new_weight, "2.24") == "2.48"
    page.wait_for_function("() => window.location.search.includes('lr=0.02')")
    shared_url = page.url

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(shared_url)
        wait_for_app(other)
        assert metric_values(other)[:2] == ["-24", "2.48"]
    finally:
        context.close()


def test_a_large_rate_says_overshoot(app_server, page):
    open_page(page, app_server, "/slopes?lr=0.2")
    assert metric_values(page)[1] == "6.8"
    assert page.get_by_text("Overshoot", exact=False).first.is_visible()
