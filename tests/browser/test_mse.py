"""Real Chromium against a real server: the mse page (course 1.2, 1.3, 1.10).

The points table is a glide-data-grid canvas: a cell is edited by double-clicking its
position, typing and pressing Enter (see ``edit_cell``).
"""

import time

import numpy as np

from core.course import (
    TASK_1_10_INPUT_DATA,
    TASK_1_10_TARGETS,
    TASK_1_10_WEIGHTS_0,
    TASK_1_10_WEIGHTS_1,
)
from core.network import seed_network_errors
from tests.browser.helpers import (
    METRIC_VALUE,
    metric_values,
    open_page,
    screenshot,
    slider,
    wait_for_app,
    wait_for_text_change,
    watch_metric_values,
    watched_metric_values,
)
from ui.format import course_number

EDITOR = '[data-testid="stDataFrame"]'
HEADER_HEIGHT = ROW_HEIGHT = 35  # Streamlit's data grid defaults
COLUMN_WIDTH = 90  # app_pages/mse/view.py sets each editor column to 90 px
CHART = '[data-testid="stVegaLiteChart"]'
SEED_METRICS = ["37.5", "37.5", "49.890625", "49.890625"]


def open_mse(page, base_url):
    open_page(page, base_url, "/mse")
    page.wait_for_selector(f"{CHART} svg")


def edit_cell(page, row, column_from_right, value):
    """Type ``value`` into the editor's cell at ``row`` (from 0), in the column
    ``column_from_right`` places from the last one (0 is 'target')."""
    box = page.locator(EDITOR).first.bounding_box()
    x = box["x"] + box["width"] - (column_from_right + 0.5) * COLUMN_WIDTH
    y = box["y"] + HEADER_HEIGHT + (row + 0.5) * ROW_HEIGHT
    overlay = page.locator("input.gdg-input")
    for _ in range(3):  # a grid that has just been drawn may take the first click as focus
        page.mouse.dblclick(x, y)
        try:
            overlay.wait_for(state="visible", timeout=1000)
            break
        except Exception:  # noqa: BLE001 - retry the double click
            continue
    overlay.fill(value)
    # glide commits the value React has rendered: let it catch up before Enter
    page.wait_for_function("v => document.querySelector('input.gdg-input')?.value === v",
                           arg=value)
    page.wait_for_timeout(200)
    page.keyboard.press("Enter")


def full_screenshot(page, name):
    """A screenshot of the whole page: Streamlit scrolls inside stMain, so grow the
    viewport to the content's height first."""
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1280, "height": min(int(height) + 40, 4000)})
    page.wait_for_timeout(500)
    wait_for_app(page)
    return screenshot(page, name)


def test_mse_page_shows_the_table_the_chart_and_the_seeds_mse(app_server, page):
    open_mse(page, app_server)
    assert metric_values(page)[:4] == SEED_METRICS
    assert page.locator(f'{EDITOR} canvas[data-testid="data-grid-canvas"]').count() == 2
    # 4 points x 2 weight sets as bars, one dashed rule per weight set
    page.wait_for_function(
        f"() => document.querySelectorAll('{CHART} g.mark-rect path').length === 8")
    assert page.locator(f"{CHART} g.mark-rule.role-mark line").count() == 2
    assert "weights_0 gives the lower loss" in page.locator('[data-testid="stAlert"]').first \
        .inner_text()
    full_screenshot(page, "mse")


def test_editing_a_target_cell_changes_the_mse(app_server, page):
    open_mse(page, app_server)
    mse_0 = page.locator(METRIC_VALUE).nth(0)
    edit_cell(page, 3, 0, "12")
    assert wait_for_text_change(mse_0, "37.5") == "31.25"
    targets = np.array(TASK_1_10_TARGETS, copy=True)
    targets[3] = 12
    expected_1 = course_number(seed_network_errors(TASK_1_10_INPUT_DATA, targets,
                                                   TASK_1_10_WEIGHTS_1).mse)
    page.wait_for_function(
        "v => [...document.querySelectorAll('[data-testid=\"stMetricValue\"]')]"
        ".map(e => e.innerText).slice(0, 4).join('|') === v",
        arg="|".join(["31.25", "31.25", expected_1, expected_1]))

    # the reset button gives back the course's points, and later edits still count
    page.get_by_role("button", name="Reset to the course's points").click()
    assert wait_for_text_change(mse_0, "31.25") == "37.5"
    edit_cell(page, 0, 0, "2")
    assert wait_for_text_change(mse_0, "37.5") == "33.75"  # (9 - 2)² replaces (9 - 1)²


def test_an_emptied_cell_shows_a_message_and_keeps_the_last_good_state(app_server, page):
    open_mse(page, app_server)
    mse_0 = page.locator(METRIC_VALUE).nth(0)
    edit_cell(page, 3, 0, "12")
    assert wait_for_text_change(mse_0, "37.5") == "31.25"
    wait_for_app(page)
    good = metric_values(page)
    watch_metric_values(page)
    edit_cell(page, 1, 0, "")
    message = page.locator('[data-testid="stAlert"]').filter(has_text="Point 1 has no target")
    message.wait_for(timeout=10000)
    assert "last points and weights that worked" in message.inner_text()
    assert mse_0.inner_text() == "31.25"
    wait_for_app(page)
    # The message takes a slot of its own: no state drawn meanwhile shows more metrics
    # than the page has, and the last good numbers stay.
    assert all(len(state) == len(good) for state in watched_metric_values(page))
    assert metric_values(page) == good
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_weight_slider_updates_the_mse_quickly(app_server, page):
    open_mse(page, app_server)
    mse_1 = page.locator(METRIC_VALUE).nth(2)
    thumb = slider(page, "node_1 → output").nth(1)  # weights_1's (weights_0's comes first)
    thumb.focus()
    timings = []
    for i in range(6):
        old = mse_1.inner_text()
        started = time.perf_counter()
        page.keyboard.press("ArrowLeft" if i % 2 == 0 else "ArrowRight")
        wait_for_text_change(mse_1, old)
        timings.append(time.perf_counter() - started)
    assert page.url.endswith("w1_output_1=1.5") or "w1_output_1" not in page.url
    print(f"\nmse slider move to metric change: {[round(t * 1000) for t in timings]} ms")
    assert max(timings) < 2.0


def test_pasting_many_rows_computes_the_mse_of_all_of_them(app_server, page):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_mse(page, app_server)
    mse_0 = page.locator(METRIC_VALUE).nth(0)
    data = np.array([[i % 7, i % 5 - 2] for i in range(300)], dtype=float)
    targets = np.array([i % 11 for i in range(300)], dtype=float)
    text = "\n".join(f"{a:g}\t{b:g}\t{t:g}" for (a, b), t in zip(data, targets, strict=True))
    # select the first cell (input_0 of point 0), then paste 300 rows over and below it
    box = page.locator(EDITOR).first.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2.5 * COLUMN_WIDTH,
                     box["y"] + HEADER_HEIGHT + 0.5 * ROW_HEIGHT)
    page.evaluate("t => navigator.clipboard.writeText(t)", text)
    page.keyboard.press("Control+V")
    expected = course_number(seed_network_errors(data, targets,
                                                 TASK_1_10_WEIGHTS_0).mse)
    assert wait_for_text_change(mse_0, "37.5", timeout=20000) == expected
    # the pasted table became the editor's data: a later edit still counts
    edit_cell(page, 0, 0, "100")
    targets[0] = 100
    expected = course_number(seed_network_errors(data, targets,
                                                 TASK_1_10_WEIGHTS_0).mse)
    page.wait_for_function(
        "v => document.querySelector('[data-testid=\"stMetricValue\"]').innerText === v",
        arg=expected)
