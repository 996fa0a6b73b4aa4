"""Real Chromium against a real server: the errors page's quizzes 1.7 and 1.8 and
the "nudge a weight" tool."""

import re

from tests.browser.helpers import (
    METRIC_VALUE,
    open_page,
    screenshot,
    wait_for_app,
    wait_for_text_change,
)

DIAGRAM = '[data-testid="stBidiComponentIsolated"]'


def open_errors(page, base_url):
    """Open /errors and wait until its three diagrams (the page's, quiz 1.7's and quiz
    1.8's) have drawn their 15 nodes (in the components' shadow roots)."""
    open_page(page, base_url, "/errors")
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{DIAGRAM}')].map(h => h.shadowRoot ? "
        "h.shadowRoot.querySelectorAll('svg g.node').length : 0).reduce((a, b) => a + b, 0)"
        " === 15")


def choose(box, choice):
    """Click the radio option whose label is exactly ``choice`` inside ``box``."""
    box.locator('[data-testid="stRadio"] label').filter(
        has_text=re.compile(rf"^\s*{re.escape(choice)}\s*$")).click()


def alert(box, text):
    found = box.locator('[data-testid="stAlert"]').filter(has_text=text)
    found.wait_for(timeout=10000)
    return found.inner_text()


def test_answer_quiz_1_7_wrong_then_right(app_server, page):
    open_errors(page, app_server)
    box = page.locator(".st-key-quiz_1_7_box")
    box.scroll_into_view_if_needed()
    check = box.get_by_role("button", name="Check")
    assert check.is_disabled()

    choose(box, "16")
    check.click()
    assert "16 is the prediction, not the error" in alert(box, "16 is not it.")

    choose(box, "11")
    check.click()
    assert "16 - 5 = 11" in alert(box, "Right: 11.")
    steps = box.get_by_text("The forward pass, node by node")
    assert steps.is_visible()
    assert "relu(3 × (-1) + 2 × 1) = relu(-1) = 0" in box.inner_text()
    # the quiz's diagram now writes every node's value, 16 on the output
    quiz_diagram = page.locator(DIAGRAM).nth(1)
    page.wait_for_function(
        f"() => [...document.querySelectorAll('{DIAGRAM}')][1].shadowRoot"
        ".textContent.includes('16')")
    assert quiz_diagram.locator("svg g.node").count() == 5
    assert page.locator('[data-testid="stException"]').count() == 0

    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 4000)})
    page.wait_for_timeout(500)
    wait_for_app(page)
    screenshot(page, "errors_quiz")


def test_answer_quiz_1_8_and_see_both_predictions(app_server, page):
    open_errors(page, app_server)
    box = page.locator(".st-key-quiz_1_8_box")
    box.scroll_into_view_if_needed()
    choose(box, "Less accurate")
    box.get_by_role("button", name="Check").click()
    assert "from 9 to 9.05" in alert(box, "Right: Less accurate.")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
        ".map(e => e.innerText).join('|').endsWith('9|2|9.05|2.05')")


def test_nudge_a_weight(app_server, page):
    open_errors(page, app_server)
    error_after = page.locator(METRIC_VALUE).nth(4)
    assert error_after.inner_text() == "6.03"  # node_0 → output, 1 to 1.01
    thumb = page.locator('[data-testid="stSlider"]').filter(has_text="Nudge it by") \
        .locator('[role="slider"], input[type="range"]').first
    thumb.focus()
    page.keyboard.press("ArrowRight")  # 0.01 -> 0.1
    assert wait_for_text_change(error_after, "6.03") == "6.3"
    page.wait_for_function("() => window.location.search.includes('nudge_by=0.1')")
