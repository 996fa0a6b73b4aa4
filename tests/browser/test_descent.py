"""Real Chromium against a real server: the descent page (task 2.7)."""

from pathlib import Path

from tests.browser.helpers import (
    METRIC_VALUE,
    metric_values,
    open_page,
    press_slider,
    screenshot,
    wait_for_app,
    wait_for_text_change,
    watch_metric_values,
    watched_metric_values,
)

CHART = '[data-testid="stVegaLiteChart"]'
SEED_MSE_20 = "9.62711e-05"




def full_screenshot(page, name):
    """A screenshot of the whole page: Streamlit scrolls inside its own container,
    so the viewport is made tall enough first."""
    page.set_viewport_size({"width": 1280, "height": 2000})
    wait_for_app(page)
    screenshot(page, name)

def test_descent_page_draws_three_charts_at_the_seeds_defaults(app_server, page):
    open_page(page, app_server, "/descent")
    assert metric_values(page) == ["49", SEED_MSE_20, "20"]
    page.wait_for_selector(f"{CHART} svg")
    assert page.locator(f"{CHART} svg").count() == 3
    # the heat map is drawn: one picture of the loss (a PNG the page carries itself),
    # as large as the plot, under the invisible cells a click lands on
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"] svg image')]"
        ".some(i => (i.getAttribute('href') || '').startsWith('data:image/png') &&"
        " i.getBBox().width > 200 && i.getBBox().height > 150)")
    full_screenshot(page, "descent")


def test_keyboard_learning_rate_changes_the_run_and_the_url_reopens_it(app_server, page,
                                                                       browser):
    open_page(page, app_server, "/descent")
    mse = page.locator(METRIC_VALUE).nth(1)
    assert mse.inner_text() == SEED_MSE_20
    press_slider(page, "Learning rate", "ArrowRight")
    changed = wait_for_text_change(mse, SEED_MSE_20)
    page.wait_for_function("() => window.location.search.includes('lr=0.02')")
    shared_url = page.url

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        other = context.new_page()
        other.goto(shared_url)
        wait_for_app(other)
        assert metric_values(other) == ["49", changed, "20"]
    finally:
        context.close()


def test_step_button_adds_one_update(app_server, page):
    open_page(page, app_server, "/descent")
    count = page.locator(METRIC_VALUE).nth(2)
    page.get_by_role("button", name="Step: one more update").click()
    assert wait_for_text_change(count, "20") == "21"
    page.wait_for_function("() => window.location.search.includes('n=21')")


def test_a_diverging_rate_says_where_and_suggests_a_rate(app_server, page):
    open_page(page, app_server, "/descent?lr=1&n=200")
    assert page.get_by_text("Diverged at update 108").first.is_visible()
    assert metric_values(page)[2] == "107"
    page.wait_for_selector(f"{CHART} svg")
    full_screenshot(page, "descent_diverged")
    watch_metric_values(page)
    page.get_by_role("button", name="Use 0.02").click()
    count = page.locator(METRIC_VALUE).nth(2)
    assert wait_for_text_change(count, "107") == "200"
    page.wait_for_function("() => window.location.search.includes('lr=0.02')")
    wait_for_app(page)
    # The error and its button leave the page. Until the rerun ends, the browser must not show
    # the old metrics beside the new ones (both sets were on screen before the messages got a
    # fixed slot). It may update the three metrics one at a time.
    states = watched_metric_values(page)
    assert all(len(state) == 3 for state in states), states
    assert states[-1] == ["49", "1.97215e-31", "200"]


def test_the_download_holds_the_history_shown(app_server, browser):
    # The CSV is made when the button is pressed (a callable), from the page's state.
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    try:
        page = context.new_page()
        open_page(page, app_server, "/descent?n=3")
        with page.expect_download() as download:
            page.get_by_role("button", name="Download the history (CSV)").click()
        lines = Path(download.value.path()).read_text().splitlines()
    finally:
        context.close()
    assert lines[0].startswith("update,weights[0],weights[1],weights[2]")
    assert lines[0].endswith(",mse")
    # the start (task 2.5: error 7, MSE 49, slope [14 28 42]) and updates 1 to 3
    assert [line.split(",")[0] for line in lines[1:]] == ["0", "1", "2", "3"]
    assert lines[1].split(",")[4:] == ["14.0", "28.0", "42.0", "49.0"]
