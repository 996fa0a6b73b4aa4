"""Accessibility: alternative text on every chart, colours that colour-blind viewers
can tell apart, and a page used with the keyboard alone.

(a) In Streamlit 1.67, ``alt=`` on st.altair_chart / st.vega_lite_chart becomes the
    ``aria-label`` of the chart's container (role "graphics-document"), and on
    st.graphviz_chart the ``aria-label`` of a role="figure" container. Every chart
    element on every page must carry a non-trivial label.
(b) Colours are checked on the charts the pages really draw (the Vega-Lite specs of
    every page, via AppTest) and on the network diagram as the browser draws it in the
    light and the dark theme (its colours come from the theme). Method: each colour is converted from sRGB to linear RGB and
    passed through the colour-vision-deficiency matrices of Machado, Oliveira and
    Fernandes (2009, severity 1: protanopia, deuteranopia, tritanopia), then to
    CIELAB (D65); two colours that share a chart must stay at least 10 CIEDE2000
    units apart under normal vision and under each simulation. 10 is just below
    the closest pair of the Okabe-Ito palette under these simulations (orange and
    reddish purple under tritanopia, 10.9), the palette the app's charts use.
    Colour schemes given by name (heat maps) must be perceptually uniform,
    colour-blind-safe ones. Text drawn in the diagrams must reach the WCAG AA
    contrast of 4.5:1 against what it is drawn on.
(c) The errors page used with the keyboard alone: Tab to the first slider, move it
    with the arrow keys, Tab to "Load weights_1" and press Enter, Tab to quiz 1.7's
    answers, choose with the arrow keys, Tab to "Check", press Enter.
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest

from tests.browser.helpers import METRIC_VALUE, open_page, screenshot, wait_for_app

REPO_ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(REPO_ROOT / "streamlit_app.py")

# ---------------------------------------------------------------------------------------
# (a) alternative text
# ---------------------------------------------------------------------------------------

CHARTS = ", ".join(f'[data-testid="{testid}"]' for testid in (
    "stVegaLiteChart", "stArrowVegaLiteChart", "stPlotlyChart",
    "stDeckGlJsonChart", "stPyplot", "stBokehChart"))
IMAGES = '[data-testid="stImage"] img, [data-testid="stFullScreenFrame"] img'
MIN_ALT_LENGTH = 15

# path -> the fewest chart elements the page draws once opened (and, for sgd, after
# "Compare the three"): guards against a selector that silently matches nothing
MIN_CHARTS = {"/": 0, "/errors": 3, "/mse": 1, "/slopes": 1, "/descent": 3,
              "/backprop": 3, "/sgd": 4}


def chart_labels(page):
    """(test id, role, aria-label) of every chart element, of every network diagram
    (its SVG in the component's shadow root) and (img, alt) of images."""
    return page.evaluate(
        """([charts, images]) => [
            ...[...document.querySelectorAll(charts)].map(e => [
                e.dataset.testid, e.getAttribute('role') || '',
                (e.getAttribute('aria-label') || '').trim()]),
            ...[...document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')]
                .map(h => h.shadowRoot && h.shadowRoot.querySelector('svg'))
                .filter(svg => svg).map(svg => [
                    'network diagram', svg.getAttribute('role') || '',
                    (svg.getAttribute('aria-label') || '').trim()]),
            ...[...document.querySelectorAll(images)].map(e => [
                'img', 'img', (e.getAttribute('alt') || '').trim()]),
        ]""", [CHARTS, IMAGES])


@pytest.mark.parametrize("path", list(MIN_CHARTS))
def test_every_chart_has_alternative_text(app_server, page, path):
    open_page(page, app_server, path)
    if path == "/sgd":  # the comparison's two charts appear on request
        page.locator(".st-key-compare button").click()
        page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]').length"
            f" >= {MIN_CHARTS[path]}", timeout=60000)
        wait_for_app(page, timeout=60000)
    labels = chart_labels(page)
    assert len(labels) >= MIN_CHARTS[path], labels
    for testid, role, label in labels:
        assert len(label) >= MIN_ALT_LENGTH, f"{path}: {testid} without alt text: {label!r}"
        assert role in {"figure", "img", "graphics-document", "group"}, (path, testid, role)
        assert label.lower() not in {"chart", "figure", "image", "diagram"}, (path, label)


# ---------------------------------------------------------------------------------------
# (b) colours
# ---------------------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB
MACHADO = {
    "protanopia": [[0.152286, 1.052583, -0.204868],
                   [0.114503, 0.786281, 0.099216],
                   [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968],
                     [0.280085, 0.672501, 0.047413],
                     [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779],
                   [-0.078411, 0.930809, 0.147602],
                   [0.004733, 0.691367, 0.303900]],
}
VISIONS = ["normal", *MACHADO]
MIN_DELTA_E = 10.0
MIN_TEXT_CONTRAST = 4.5
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000"}
NAMED = {"white": "#FFFFFF", "black": "#000000", "grey": "#808080", "gray": "#808080",
         "red": "#FF0000", "green": "#008000", "blue": "#0000FF", "orange": "#FFA500",
         "purple": "#800080", "steelblue": "#4682B4"}
NOT_A_COLOUR = {"transparent", "none", ""}
# perceptually uniform sequential schemes that stay readable with colour blindness
SAFE_SCHEMES = {"viridis", "cividis", "magma", "inferno", "plasma", "greys", "blues"}


def to_hex(colour):
    colour = colour.strip()
    if colour.lower() in NAMED:
        return NAMED[colour.lower()]
    if re.fullmatch(r"#[0-9A-Fa-f]{3}", colour):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    assert re.fullmatch(r"#[0-9A-Fa-f]{6}", colour), f"unknown colour {colour!r}"
    return colour.upper()


def linear_rgb(colour):
    rgb = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def simulated_lab(colour, vision):
    rgb = linear_rgb(colour)
    if vision != "normal":
        rgb = np.clip(np.array(MACHADO[vision]) @ rgb, 0.0, 1.0)
    xyz = np.array([[0.4124564, 0.3575761, 0.1804375],
                    [0.2126729, 0.7151522, 0.0721750],
                    [0.0193339, 0.1191920, 0.9503041]]) @ rgb
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def delta_e_2000(lab1, lab2):
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1, h2 = np.degrees(np.arctan2(b1, a1)) % 360, np.degrees(np.arctan2(b2, a2)) % 360
    dh = 0.0 if c1 * c2 == 0 else (h2 - h1 + 180) % 360 - 180
    d_big_h = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh) / 2)
    l_mean, c_mean = (l1 + l2) / 2, (c1 + c2) / 2
    if c1 * c2 == 0:
        h_mean = h1 + h2
    elif abs(h1 - h2) <= 180:
        h_mean = (h1 + h2) / 2
    else:
        h_mean = (h1 + h2 + 360) / 2 if h1 + h2 < 360 else (h1 + h2 - 360) / 2
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    rotation = -np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))) * 2 * np.sqrt(
        c_mean ** 7 / (c_mean ** 7 + 25 ** 7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean, 1 + 0.015 * c_mean * t
    dl, dc, dh_term = (l2 - l1) / s_l, (c2 - c1) / s_c, d_big_h / s_h
    return float(np.sqrt(dl ** 2 + dc ** 2 + dh_term ** 2 + rotation * dc * dh_term))


def contrast(foreground, background):
    """WCAG 2 contrast ratio of two colours."""
    lum = sorted((float(linear_rgb(c) @ [0.2126, 0.7152, 0.0722])
                  for c in (foreground, background)), reverse=True)
    return (lum[0] + 0.05) / (lum[1] + 0.05)


def closest_pair(colours):
    """(smallest CIEDE2000 difference, vision, pair) over every pair and vision."""
    return min(((delta_e_2000(simulated_lab(a, v), simulated_lab(b, v)), v, (a, b))
                for a, b in itertools.combinations(sorted(colours), 2) for v in VISIONS),
               default=(float("inf"), None, None))


def test_the_method_reproduces_known_values():
    # Sharma et al.'s first CIEDE2000 test pair, and black on white
    assert delta_e_2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425,
                                                                                    abs=1e-4)
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    # the Okabe-Ito palette passes the threshold, a red/green pair fails it
    assert closest_pair(OKABE_ITO)[0] >= MIN_DELTA_E
    assert closest_pair({"#D62728", "#2CA02C"})[0] < MIN_DELTA_E  # Tableau red/green


def vega_colours(spec):
    """(colours, scheme names) a Vega-Lite spec draws its marks with."""
    colours, schemes = set(), set()

    def walk(node, channel=None):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "datasets":
                    continue
                if key in ("color", "fill", "stroke"):
                    if isinstance(value, str):
                        colours.add(value)
                    else:
                        walk(value, key)
                elif key == "value" and channel and isinstance(value, str):
                    colours.add(value)
                elif key == "range" and channel and isinstance(value, list):
                    colours.update(v for v in value if isinstance(v, str))
                elif key == "scheme" and channel:
                    schemes.add(value if isinstance(value, str) else value.get("name"))
                else:
                    walk(value, channel)
        elif isinstance(node, list):
            for item in node:
                walk(item, channel)

    walk(spec)
    return {to_hex(c) for c in colours if c.lower() not in NOT_A_COLOUR}, schemes


@pytest.fixture(scope="module")
def drawn_charts():
    """Every page's Vega-Lite specs as the app draws them (AppTest), with sgd's
    comparison charts."""
    from streamlit.testing.v1 import AppTest

    from ui.chapter import existing_pages

    specs = []
    for script, _, url_path, _, _ in existing_pages():
        at = AppTest.from_file(ENTRYPOINT, default_timeout=120)
        at.run()
        at.switch_page(script).run()
        if url_path == "sgd":
            at.button(key="compare").click().run()
        assert not at.exception, url_path
        specs += [(url_path, json.loads(el.proto.spec)) for el in at.get("vega_lite_chart")]
    assert specs
    return specs


def test_chart_colours_stay_distinct_for_colour_blind_viewers(drawn_charts):
    specs = drawn_charts
    problems = []
    for page, spec in specs:
        colours, schemes = vega_colours(spec)
        distance, vision, pair = closest_pair(colours)
        if distance < MIN_DELTA_E:
            problems.append(f"{page}: {pair} only {distance:.1f} apart for {vision}")
        problems += [f"{page}: scheme {s!r} is not colour-blind safe"
                     for s in schemes if s not in SAFE_SCHEMES]
    assert not problems, problems


def test_chart_colours_come_from_the_okabe_ito_palette_or_are_greys(drawn_charts):
    specs = drawn_charts

    def grey(colour):
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        return max(r, g, b) - min(r, g, b) <= 16

    off_palette = {(page, c) for page, spec in specs for c in vega_colours(spec)[0]
                   if c not in OKABE_ITO and not grey(c)}
    assert not off_palette, sorted(off_palette)


# What the network diagram draws, with the colours the browser resolved from the active
# theme's CSS variables (ui/diagram.css), read inside the component's shadow root.
DIAGRAM_COLOURS_JS = """() => {
    const host = document.querySelectorAll('[data-testid="stBidiComponentIsolated"]');
    const root = [...host].map(h => h.shadowRoot).find(r => r && r.querySelector('.node'));
    const style = (selector, property) => {
        const el = root.querySelector(selector);
        return el ? getComputedStyle(el)[property] : null;
    };
    return {
        page: getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor,
        node: style('.node:not(.off) .body', 'fill'),
        node_text: style('.node:not(.off) text.value', 'fill'),
        off_node: style('.node.off .body', 'fill'),
        off_text: style('.node.off text.value', 'fill'),
        badge: style('.badge rect', 'fill'),
        slope: style('.badge text.slope', 'fill'),
        label: style('text.weight:not(.picked)', 'fill'),
        picked_label: style('text.weight.picked', 'fill'),
        edge: style('.edge:not(.picked) .stroke', 'stroke'),
        picked_edge: style('.edge.picked .stroke', 'stroke'),
        ring: style('.node.picked .ring', 'stroke'),
    };
}"""


def css_hex(value):
    """'rgb(49, 51, 63)' or 'color(srgb 0.5 0.5 0.5)' (what color-mix resolves to) as
    '#31333F'."""
    if value.startswith("color(srgb"):
        parts = [float(v) for v in value[len("color(srgb"):].strip(" )").split()[:3]]
        channels = [round(v * 255) for v in parts]
    else:
        channels = [round(float(v)) for v in re.findall(r"[\d.]+", value)[:3]]
    return "#" + "".join(f"{c:02X}" for c in channels)


def diagram_colours(browser, app_server, scheme):
    """The diagram's colours on /errors (quiz 1.7 answered: a switched-off node) and
    /backprop (slopes, a picked weight and node) in the ``scheme`` theme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme=scheme)
    page = context.new_page()
    try:
        found = {}
        open_page(page, app_server, "/errors")
        box = page.locator(".st-key-quiz_1_7_box")
        box.get_by_text("11", exact=True).click()
        box.get_by_role("button", name="Check").click()
        page.locator(".st-key-quiz_1_7_box [data-testid='stAlert']").wait_for()
        page.wait_for_function("() => [...document.querySelectorAll("
                               "'[data-testid=\"stBidiComponentIsolated\"]')].some("
                               "h => h.shadowRoot && h.shadowRoot.querySelector('.node.off'))")
        found.update({k: v for k, v in page.evaluate(DIAGRAM_COLOURS_JS.replace(
            ".find(r => r && r.querySelector('.node'))",
            ".find(r => r && r.querySelector('.node.off'))")).items() if v})
        open_page(page, app_server, "/backprop")
        found.update({k: v for k, v in page.evaluate(DIAGRAM_COLOURS_JS).items() if v})
        return {name: css_hex(value) for name, value in found.items()}
    finally:
        context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_diagram_colours_come_from_the_theme_with_aa_contrast(browser, app_server, scheme):
    """Text on the diagram reaches 4.5:1 against what it is drawn on, lines and nodes
    3:1 against the page, in the light and the dark theme; the picked weight stays
    distinct from the others for colour-blind viewers."""
    colours = diagram_colours(browser, app_server, scheme)
    expected = {"page", "node", "node_text", "off_node", "off_text", "badge", "slope",
                "label", "picked_label", "edge", "picked_edge", "ring"}
    assert set(colours) == expected, colours
    page = colours["page"]
    text_on = {"node_text": "node", "off_text": "off_node", "slope": "badge",
               "label": "page", "picked_label": "page"}
    problems = [f"{text} {colours[text]} on {under} {colours[under]}: "
                f"{contrast(colours[text], colours[under]):.2f}"
                for text, under in text_on.items()
                if contrast(colours[text], colours[under]) < MIN_TEXT_CONTRAST]
    problems += [f"{line} {colours[line]} on the page {page}: "
                 f"{contrast(colours[line], page):.2f}"
                 for line in ("node", "edge", "picked_edge", "ring")
                 if contrast(colours[line], page) < 3.0]
    distance, vision, pair = closest_pair({colours["edge"], colours["picked_edge"]})
    if distance < MIN_DELTA_E:
        problems.append(f"picked and plain weights {pair} {distance:.1f} apart for {vision}")
    assert not problems, (scheme, colours, problems)
    if scheme == "dark":
        assert contrast(page, "#000000") < contrast(page, "#FFFFFF"), "not a dark page"


# ---------------------------------------------------------------------------------------
# (c) the keyboard alone
# ---------------------------------------------------------------------------------------

ACTIVE_KEY = """() => {
    const e = document.activeElement;
    const box = e && e.closest('[class*="st-key-"]');
    const key = box ? [...box.classList].find(c => c.startsWith('st-key-')) : '';
    return [key.slice(7), e ? e.tagName.toLowerCase() + ':' + (e.type || '') : ''];
}"""


def tab_to(page, key, kind, limit=60):
    """Press Tab until the focused element sits in the widget ``key`` and is a ``kind``
    (e.g. 'input:range', 'button:submit'); return how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        focused_key, focused_kind = page.evaluate(ACTIVE_KEY)
        if focused_key == key and focused_kind == kind:
            return presses
    raise AssertionError(f"{limit} Tabs never reached {key} ({kind}); last: "
                         f"{page.evaluate(ACTIVE_KEY)}")


def wait_for_metric(page, index, text, timeout=10000):
    page.wait_for_function(
        "([sel, i, text]) => (document.querySelectorAll(sel)[i] || {}).innerText === text",
        arg=[METRIC_VALUE, index, text], timeout=timeout)


def test_the_errors_page_works_with_the_keyboard_alone(app_server, page):
    open_page(page, app_server, "/errors")
    error = page.locator(METRIC_VALUE).nth(1)
    assert error.inner_text() == "6"
    page.locator("body").focus()

    # the first slider, input_0 (0): one step right is 0.5 and changes the error
    presses = [tab_to(page, "input_0", "input:range")]
    page.keyboard.press("ArrowRight")
    page.wait_for_function(
        "([sel]) => document.querySelectorAll(sel)[1].innerText !== '6'", arg=[METRIC_VALUE])
    wait_for_app(page)
    assert page.evaluate(ACTIVE_KEY)[0] == "input_0", "the rerun took the focus away"
    page.keyboard.press("ArrowLeft")
    wait_for_metric(page, 1, "6")
    wait_for_app(page)

    # "Load weights_1" with Enter: the seed's perfect prediction
    presses.append(tab_to(page, "load_weights_1", "button:submit"))
    page.keyboard.press("Enter")
    wait_for_metric(page, 1, "0")
    wait_for_app(page)

    # quiz 1.7: Tab into the answers, arrows to 11, Tab to Check, Enter
    presses.append(tab_to(page, "quiz_1_7_choice", "input:radio"))
    box = page.locator(".st-key-quiz_1_7_box")
    for _ in range(5):
        checked = box.locator('input[type="radio"]:checked')
        if checked.count() and checked.locator(
                "xpath=ancestor::label").inner_text().strip() == "11":
            break
        page.keyboard.press("ArrowDown")
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the arrow keys never chose 11")
    check = box.get_by_role("button", name="Check")
    page.wait_for_function("(b) => !b.disabled", arg=check.element_handle())
    wait_for_app(page)
    presses.append(tab_to(page, "quiz_1_7_check", "button:submit", limit=5))
    page.keyboard.press("Enter")
    feedback = box.locator('[data-testid="stAlert"]').filter(has_text="Right: 11.")
    feedback.wait_for(timeout=10000)
    assert "16 - 5 = 11" in feedback.inner_text()
    wait_for_app(page)
    print(f"\nTab presses to each control: {presses}")
    box.scroll_into_view_if_needed()
    screenshot(page, "errors_keyboard")
