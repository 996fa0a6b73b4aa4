"""Direct manipulation of the network diagram (issue 15): a click on an arrow picks that
weight, a click on a node explains that node, on the errors and the backprop pages; the
URL keeps the pick as the matching select would; the keyboard does the same (Tab to the
diagram, arrow keys between its arrows and nodes, Enter)."""

from urllib.parse import parse_qs, urlsplit

from tests.browser.helpers import open_page, wait_for_app

DIAGRAM = '[data-testid="stBidiComponentIsolated"]'


def item(page, item_id, nth=0):
    """An arrow ('w_...') or a node ('n_...') of the nth diagram on the page."""
    return page.locator(DIAGRAM).nth(nth).locator(f'[data-id="{item_id}"]')


def click_item(page, item_id, nth=0):
    target = item(page, item_id, nth)
    (target.locator(".hit") if item_id.startswith("w_") else target.locator(".body")).click()


def select_value(page, key):
    """What the selectbox with this key shows (its combobox input's value)."""
    return page.locator(f".st-key-{key} input[role='combobox']").input_value()


def wait_for_select(page, key, text, timeout=20000):
    page.wait_for_function(
        "([key, text]) => { const e = document.querySelector(`.st-key-${key} "
        "input[role='combobox']`); return e && e.value === text; }",
        arg=[key, text], timeout=timeout)
    wait_for_app(page)


def query(page):
    return {key: values[0] for key, values in parse_qs(urlsplit(page.url).query).items()}


def test_errors_a_click_on_an_arrow_picks_the_weight_to_nudge(app_server, page):
    open_page(page, app_server, "/errors")
    assert "node_0 → output" in select_value(page, "nudge_weight")
    click_item(page, "w_1_1_0")  # input_1 → node_0
    wait_for_select(page, "nudge_weight", "input_1 → node_0")
    assert query(page)["nudge_weight"] == "input_1 → node_0"
    page.wait_for_function("() => document.querySelector('[data-testid=\"stMain\"]')"
                           ".innerText.includes('Nudging input_1 → node_0 from 1 to 1.01')")
    assert item(page, "w_1_1_0").get_attribute("aria-pressed") == "true"
    assert item(page, "w_2_0_0").get_attribute("aria-pressed") == "false"


def test_errors_a_click_on_a_node_explains_it(app_server, page):
    open_page(page, app_server, "/errors")
    click_item(page, "n_1_1")
    wait_for_select(page, "explain_node", "node_1")
    assert query(page)["explain_node"] == "node_1"
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "node_1 = relu(input_0 × 1 + input_1 × 2) = relu(0 × 1 + 3 × 2)" in text
    assert "relu(6) = 6" in text


def test_errors_the_keyboard_picks_too(app_server, page):
    open_page(page, app_server, "/errors")
    first = item(page, "w_1_0_0")
    assert first.get_attribute("tabindex") == "0"  # the diagram's one Tab stop
    first.focus()
    page.keyboard.press("ArrowRight")  # the next arrow: input_0 → node_1
    assert item(page, "w_1_0_1").get_attribute("tabindex") == "0"
    page.keyboard.press("Enter")
    wait_for_select(page, "nudge_weight", "input_0 → node_1")
    assert query(page)["nudge_weight"] == "input_0 → node_1"


def test_backprop_clicks_pick_the_weight_and_the_node_to_study(app_server, page):
    open_page(page, app_server, "/backprop")
    assert "input_1 → node_1" in select_value(page, "weight")
    click_item(page, "w_2_0_0")  # node_0 → output
    wait_for_select(page, "weight", "node_0 → output")
    assert query(page)["weight"] == "node_0 → output"
    main = page.locator('[data-testid="stMain"]')
    heading = main.locator("h4").filter(has_text="The slope of the weight")
    assert "node_0 → output" in heading.inner_text()
    click_item(page, "n_1_1")
    wait_for_select(page, "node", "node_1")
    assert query(page)["node"] == "node_1"
    click_item(page, "n_2_0")  # the output: its slope is 2 × error / points
    wait_for_select(page, "node", "output")
    assert "2 × error / 1 = 2 × 0.5 / 1 = 1" in main.inner_text()
    # the link opens the same picks
    page.goto(page.url)
    wait_for_app(page)
    assert "node_0 → output" in select_value(page, "weight")
    assert item(page, "w_2_0_0").get_attribute("aria-pressed") == "true"
    assert item(page, "n_2_0").get_attribute("aria-pressed") == "true"


def chart(page, nth):
    return page.locator('[data-testid="stVegaLiteChart"]').nth(nth)


def click_in(page, locator, fx, fy):
    """Click at fractions (fx, fy) of the element's box, the way a learner would."""
    locator.scroll_into_view_if_needed()
    box = locator.bounding_box()
    page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)


def test_slopes_a_click_on_the_loss_curve_sets_the_weight(app_server, page):
    open_page(page, app_server, "/slopes")
    metrics = page.locator('[data-testid="stMetricValue"]')
    assert metrics.nth(0).inner_text() == "-24"
    click_in(page, chart(page, 0), 0.7, 0.5)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stMetricValue\"]')"
                           "[0].innerText !== '-24'", timeout=20000)
    wait_for_app(page)
    weight = query(page)["w"]
    assert 2 < float(weight) <= 10
    shown = [metrics.nth(i).inner_text() for i in range(3)]
    # the same numbers as the slider at that weight: a fresh page opened at ?w=...
    open_page(page, app_server, f"/slopes?w={weight}")
    assert [metrics.nth(i).inner_text() for i in range(3)] == shown
    thumb = page.locator('.st-key-w [data-testid="stSliderThumbValue"]')
    assert float(thumb.inner_text()) == float(weight)


def test_descent_a_click_on_the_loss_surface_starts_the_descent_there(app_server, page):
    open_page(page, app_server, "/descent")
    metrics = page.locator('[data-testid="stMetricValue"]')
    assert metrics.nth(0).inner_text() == "49"
    click_in(page, chart(page, 1), 0.4, 0.4)
    page.wait_for_function("() => document.querySelectorAll('[data-testid=\"stMetricValue\"]')"
                           "[0].innerText !== '49'", timeout=20000)
    wait_for_app(page)
    start = query(page)["w_start"]
    weights = [float(w) for w in start.split(",")]
    assert len(weights) == 3 and weights[2] == 1  # the weight off the axes is kept
    # the field of the starting weights, beside the descent's controls, shows them
    assert page.locator(".st-key-w_start input").input_value() == start
    shown = [metrics.nth(i).inner_text() for i in range(3)]
    open_page(page, app_server, "/descent?w_start=" + start.replace(" ", "+"))
    assert [metrics.nth(i).inner_text() for i in range(3)] == shown
    field = page.locator(".st-key-w_start input")
    assert field.input_value() == start
