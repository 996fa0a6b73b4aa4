"""The sgd page in Chromium: train on the synthetic bank, both charts draw, the
comparison runs, a CSV uploaded with the file chooser trains, bad files are refused."""

import time
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.helpers import (
    EXCEPTION,
    metric_values,
    open_page,
    press_slider,
    screenshot,
    wait_for_app,
    wait_for_text_change,
)

DATA = Path(__file__).resolve().parents[1] / "data"
# A chart drawn: Vega draws an svg, or a canvas where the chart asks for one (the
# predictions' scatter plot).
CHART_DRAWN = ('[data-testid="stVegaLiteChart"] svg, '
               '[data-testid="stVegaLiteChart"] canvas')
METRIC = '[data-testid="stMetricValue"]'
UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'


def open_sgd(page, base_url):
    open_page(page, base_url, "/sgd")


def wait_for_charts(page, count, timeout=30000):
    page.wait_for_function(
        f"() => document.querySelectorAll('{CHART_DRAWN}').length >= {count}", timeout=timeout)


def tall_screenshot(page, name):
    """A screenshot of the whole page: Streamlit scrolls inside its main container, so
    the viewport is stretched to the content first."""
    height = page.evaluate(
        "() => Math.max(document.body.scrollHeight, ...Array.from(document.querySelectorAll("
        "'[data-testid=stMain], [data-testid=stAppViewContainer]')).map(e => e.scrollHeight))")
    page.set_viewport_size({"width": 1280, "height": int(height)})
    time.sleep(1.0)  # the charts redraw at the new size
    path = screenshot(page, name)
    page.set_viewport_size({"width": 1280, "height": 900})
    return path


def updates_in_all(page):
    return page.locator(METRIC).nth(1)


def test_train_compare_and_screenshot(app_server, page):
    open_sgd(page, app_server)
    wait_for_charts(page, 2)
    assert metric_values(page)[:2] == ["32", "640"]
    assert page.get_by_text("The two curves are at most").count() == 1

    # train again: 5 more epochs
    press_slider(page, "Epochs", "ArrowRight", 5)  # each press reruns: wait for the last
    expect(updates_in_all(page)).to_have_text("800", timeout=20000)
    wait_for_app(page)
    wait_for_charts(page, 2)
    assert "epochs=25" in page.url

    page.get_by_role("button", name="Compare the three").click()
    page.wait_for_selector('[data-testid="stTable"]', timeout=60000)
    wait_for_app(page, timeout=60000)
    wait_for_charts(page, 4)
    table = page.locator('[data-testid="stTable"]').inner_text()
    for method, per_epoch, total in (("full batch", "1", "25"), ("mini-batch", "32", "800"),
                                     ("stochastic (batch 1)", "1000", "25000")):
        assert method in table and per_epoch in table and total in table
    assert page.locator(EXCEPTION).count() == 0
    tall_screenshot(page, "sgd")


def test_upload_a_csv_with_the_file_chooser_and_refuse_bad_files(app_server, page):
    open_sgd(page, app_server)
    page.get_by_text("CSV upload", exact=True).click()
    page.wait_for_selector(UPLOAD_INPUT, state="attached", timeout=20000)
    wait_for_app(page)
    old = page.locator(METRIC).first.inner_text()
    page.set_input_files(UPLOAD_INPUT, str(DATA / "uploads" / "houses.csv"))
    assert wait_for_text_change(page.locator(METRIC).first, old, timeout=20000) == "7"
    wait_for_app(page)
    wait_for_charts(page, 2)
    assert page.get_by_text("houses.csv (200 rows)").count() == 1

    # a text column: the page says so and keeps training on the houses
    page.set_input_files(UPLOAD_INPUT, str(DATA / "bad_uploads" / "text_column.csv"))
    page.get_by_text("Column 'city' holds text").wait_for(timeout=20000)
    wait_for_app(page)
    assert metric_values(page)[0] == "7"
    tall_screenshot(page, "sgd_upload_error")

    # larger than the 5 MB upload limit: the browser refuses it before sending it
    huge = b"a,b\n" + b"123456,654321\n" * 400_000
    page.set_input_files(UPLOAD_INPUT, files=[{"name": "huge.csv", "mimeType": "text/csv",
                                               "buffer": huge}])
    page.get_by_text("File must be 5.0MB or smaller").wait_for(timeout=20000)
    wait_for_app(page)
    assert metric_values(page)[0] == "7"
    assert page.locator(EXCEPTION).count() == 0


def test_a_long_run_shows_progress_and_a_control_change_stops_it(app_server, page):
    open_page(page, app_server, "/")
    # 100,000 rows one at a time for 50 epochs: 5,000,000 updates, minutes of work
    page.goto(app_server + "/sgd?rows=100000&batch_mode=1+%28stochastic%29&epochs=50"
              "&reference=false")
    bar = page.locator('[data-testid="stProgress"]')
    bar.wait_for(timeout=30000)
    expect(bar).to_contain_text("Training: update", timeout=10000)
    first = bar.inner_text()
    expect(bar).not_to_have_text(first, timeout=10000)  # it moves within the epoch
    # the learner changes their mind: the run stops and the new one is shown quickly
    started = time.monotonic()
    page.get_by_text("Diabetes (scikit-learn)", exact=True).click()
    expect(page.locator(METRIC).first).to_have_text("442", timeout=15000)
    print(f"switched after {time.monotonic() - started:.2f} s")
    assert time.monotonic() - started < 15
    wait_for_app(page)
    assert bar.count() == 0
