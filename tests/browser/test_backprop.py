"""Browser test of the backprop page: the diagram shows values and slopes, the step
buttons walk through a round, an update lowers the loss; screenshots of the default
and of the largest network."""

from __future__ import annotations

import statistics
import time

from tests.browser.helpers import metric_values, open_page, screenshot, wait_for_app

CHART = '[data-testid="stBidiComponentIsolated"]'
DIAGRAM = f"{CHART} svg"  # the first diagram on the page is the live one (a shadow root)
# The slopes written on the live diagram: the texts of the badges that are shown.
SLOPES_JS = f"""() => {{
    const root = document.querySelector('{CHART}').shadowRoot;
    return root ? [...root.querySelectorAll('g.badge')]
        .filter(b => b.style.display !== 'none')
        .map(b => b.querySelector('text.slope').textContent) : [];
}}"""
STEP_VALUE = '.st-key-step [data-testid="stSliderThumbValue"]'


def open_backprop(page, base_url, query=""):
    open_page(page, base_url, "/backprop" + query)
    page.wait_for_selector(f"{DIAGRAM} g.node")


def button(page, key):
    """The st.button with this key (Streamlit gives its container the class st-key-<key>;
    a button with help text also has a hidden twin, hence the visible filter). While a
    rerun moves elements a stale copy can linger for a moment: wait for one container."""
    page.wait_for_function(f"() => document.querySelectorAll('.st-key-{key}').length == 1")
    return page.locator(f".st-key-{key} button >> visible=true")


def diagram(page):
    return page.locator(CHART).first.locator("svg")


def slope_texts(page):
    return page.evaluate(SLOPES_JS)


def wait_for_slopes(page, count):
    page.wait_for_function(f"() => ({SLOPES_JS})().length == {count}")


def wait_for_step(page, label, timeout=10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if page.locator(STEP_VALUE).inner_text() == label:
            return
        time.sleep(0.01)
    raise AssertionError(f"step stayed {page.locator(STEP_VALUE).inner_text()!r}")


def metric(page, label):
    return page.locator('[data-testid="stMetric"]').filter(has_text=label).locator(
        '[data-testid="stMetricValue"]').inner_text()


def test_a_round_steps_forward_and_backward_and_an_update_lowers_the_loss(page, app_server):
    open_backprop(page, app_server)
    assert diagram(page).locator("g.node").count() == 5
    diagram_text = diagram(page).text_content()
    assert "input_1" in diagram_text and "node_1" in diagram_text
    assert sorted(slope_texts(page)) == ["0.5", "1", "2"]  # node_0, output, node_1
    assert "3 × 2 × 1 = 6" in page.get_by_text("= 3 × 2 × 1").inner_text()
    # the screenshot for the README: the default, quiz 4.4 after a whole round
    page.set_viewport_size({"width": 1280, "height": 2300})
    wait_for_app(page)
    assert screenshot(page, "backprop").stat().st_size > 50_000
    page.set_viewport_size({"width": 1280, "height": 900})

    button(page, "step_start").click()
    wait_for_step(page, "start")
    wait_for_slopes(page, 0)

    timings = []
    for label in ["forward: hidden layer 1", "forward: output", "backward: output",
                  "backward: hidden layer 1"]:
        started = time.perf_counter()
        button(page, "step_next").click()
        wait_for_step(page, label)
        timings.append(time.perf_counter() - started)
        wait_for_app(page)
    wait_for_slopes(page, 3)
    print(f"\nstep click → label: max {max(timings) * 1000:.0f} ms, "
          f"median {statistics.median(timings) * 1000:.0f} ms")

    assert metric(page, "Forward passes") == "0"
    button(page, "update").click()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
        ".some(m => m.innerText.includes('Forward passes') && m.innerText.trim().endsWith('1'))")
    wait_for_app(page)
    assert metric(page, "Loss before") == "0.25"
    assert float(metric(page, "Loss now")) < 0.25
    assert metric(page, "Backward passes") == "1"
    assert "rounds=1" in page.url  # the round count is in the link


def test_the_largest_network_stays_readable(page, app_server):
    query = ("?net=random+network&layers=3&nodes_1=5&nodes_2=5&nodes_3=5&act=tanh"
             "&biases=true&points=1,3;2,-1;0.5,0.5&targets=1;2;3&point=point+2")
    open_backprop(page, app_server, query)
    assert diagram(page).locator("g.node").count() == 2 + 15 + 1
    assert len(slope_texts(page)) == 15 + 1
    assert len(metric_values(page)) >= 8
    page.set_viewport_size({"width": 1280, "height": 2400})
    wait_for_app(page)
    screenshot(page, "backprop_3x5")


def test_step_clicks_are_fast(page, app_server):
    open_backprop(page, app_server)
    timings = []
    for _ in range(6):
        for key, label, slopes in (("step_back", "backward: output", 1),
                                   ("step_next", "backward: hidden layer 1", 3)):
            started = time.perf_counter()
            button(page, key).click()
            wait_for_step(page, label)
            wait_for_slopes(page, slopes)
            timings.append(time.perf_counter() - started)
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"\nstep click → diagram redrawn: median {statistics.median(timings) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms")
    # A loose guard (2-core CI shared with other jobs); the printed figures are the measure.
    assert p95 < 2.0
