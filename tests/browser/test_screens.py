"""Every page fits every screen a class uses, in the light and the dark theme.

Screens: a phone (390x844), a classroom projector (853x480 at device scale 1.5) and a
desktop (1440x900); themes: the system's light and dark preference (Streamlit follows it,
since .streamlit/config.toml defines [theme.light] and [theme.dark]). On each page, each
screen and each theme:

(a) the theme asked for is the one drawn: the app's background is dark (relative
    luminance < 0.2) in the dark theme and light (> 0.5) in the light one;
(b) nothing scrolls sideways: neither the document nor Streamlit's main area is wider
    than the window;
(c) no text is cut: metric values and labels, buttons, display formulas and any text
    Streamlit would end with an ellipsis (widget labels, download buttons, page links)
    keep their whole text (scrollWidth <= clientWidth + 1), and every chart legend lies
    inside its chart;
    one failure lists every cut element of the page;
(d) on a phone, a collapsed sidebar hides no input widget (only the navigation).

Present mode (``?present=true``, for a projector): (a)-(c) again, no visible sidebar, and
the first metric value is drawn larger than on the same page without present mode.

``BACKPROP_SCREENSHOTS=1`` saves a whole-page screenshot of each case to docs/screenshots/screens/
(``{page}_{screen}_{theme}.png``, ``{page}_present_{theme}.png``); by default nothing is
written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.browser.helpers import METRIC_VALUE, wait_for_app

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = REPO_ROOT / "docs" / "screenshots" / "screens"

PAGES = ["", "errors", "mse", "slopes", "descent", "backprop", "sgd"]
SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1},
    "projector": {"viewport": {"width": 853, "height": 480}, "device_scale_factor": 1.5},
    "desktop": {"viewport": {"width": 1440, "height": 900}, "device_scale_factor": 1},
}
THEMES = ["light", "dark"]
CHART = '[data-testid="stVegaLiteChart"]'
SIDEBAR = '[data-testid="stSidebar"]'

# kind -> selector of the elements whose text must not be cut
TEXT_ELEMENTS = {
    "metric value": f'{METRIC_VALUE}, {METRIC_VALUE} div',
    "metric label": '[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] div,'
                    ' [data-testid="stMetricLabel"] p',
    "button": '[data-testid="stButton"] button, [data-testid="stButton"] button p',
    "formula": ".katex-display",
}


def page_name(path):
    return path or "home"


def case_id(path, screen, theme):
    return f"{page_name(path)}-{screen}-{theme}"


# ---------------------------------------------------------------------------------------
# measurements in the browser
# ---------------------------------------------------------------------------------------

def wait_for_charts(page, timeout=30000):
    """After wait_for_app: every Vega-Lite chart has drawn its svg or canvas, the fonts
    are loaded and two frames have been laid out."""
    page.wait_for_function(
        "(sel) => [...document.querySelectorAll(sel)].every(c => c.querySelector('svg, canvas'))",
        arg=CHART, timeout=timeout)
    page.evaluate("() => document.fonts.ready.then(() => new Promise("
                  "r => requestAnimationFrame(() => requestAnimationFrame(r))))")


def open_screen(page, base_url, path, query=""):
    page.goto(base_url.rstrip("/") + "/" + path + query)
    wait_for_app(page, timeout=60000)
    wait_for_charts(page)


def relative_luminance(css_colour):
    channels = [float(v) / 255 for v in re.findall(r"[\d.]+", css_colour)[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def theme_problems(page, theme):
    background = page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]'))"
        ".backgroundColor")
    luminance = relative_luminance(background)
    dark = luminance < 0.2
    light = luminance > 0.5
    if (theme == "dark" and not dark) or (theme == "light" and not light):
        return [f"theme: asked for {theme}, stApp background {background} "
                f"(luminance {luminance:.2f})"]
    return []


SIDEWAYS_JS = """() => {
    const main = document.querySelector('[data-testid="stMain"]');
    return {doc: document.documentElement.scrollWidth, window: window.innerWidth,
            main: main ? [main.scrollWidth, main.clientWidth] : null};
}"""


def sideways_problems(page):
    widths = page.evaluate(SIDEWAYS_JS)
    problems = []
    if widths["doc"] > widths["window"] + 1:
        problems.append(f"sideways scroll: document {widths['doc']} px wide in a "
                        f"{widths['window']} px window")
    if widths["main"] and widths["main"][0] > widths["main"][1] + 1:
        problems.append(f"sideways scroll: stMain scrollWidth {widths['main'][0]} > "
                        f"clientWidth {widths['main'][1]}")
    return problems


# Streamlit 1.67 marks a collapsed sidebar with data-collapsed="true" (older versions:
# aria-expanded="false" on the sidebar itself).
COLLAPSED_JS = """const collapsed = (side) => side.getAttribute('aria-expanded') === 'false'
    || side.getAttribute('data-collapsed') === 'true';"""

# Visible: laid out, not hidden, not inside a collapsed sidebar.
CUT_TEXT_JS = """([kinds, chart]) => {
    """ + COLLAPSED_JS + """
    const visible = (e) => {
        if (!e.getClientRects().length) return false;
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) return false;
        if (getComputedStyle(e).visibility === 'hidden') return false;
        const side = e.closest('[data-testid="stSidebar"]');
        return !(side && collapsed(side));
    };
    const text = (e) => (e.innerText || e.textContent || '').trim().replace(/\\s+/g, ' ')
        .slice(0, 40);
    const cut = [];
    for (const [kind, selector] of Object.entries(kinds)) {
        for (const e of document.querySelectorAll(selector)) {
            if (!visible(e) || getComputedStyle(e).display === 'inline') continue;
            if (e.scrollWidth > e.clientWidth + 1)
                cut.push([kind, text(e), e.scrollWidth, e.clientWidth]);
        }
    }
    // Any other text Streamlit shortens with an ellipsis (widget labels, download
    // buttons, page links) in the main area.
    const main = document.querySelector('[data-testid="stMain"]');
    for (const e of main ? main.querySelectorAll('*') : []) {
        if (getComputedStyle(e).textOverflow !== 'ellipsis' || !visible(e)) continue;
        if (e.closest('[inert]')) continue;  // inside a closed expander
        if (e.scrollWidth > e.clientWidth + 1) {
            const owner = e.closest('[data-testid]');
            cut.push(['text with an ellipsis in ' +
                      (owner ? owner.getAttribute('data-testid') : 'the page'),
                      text(e), e.scrollWidth, e.clientWidth]);
        }
    }
    for (const c of document.querySelectorAll(chart)) {
        if (!visible(c)) continue;
        const box = c.getBoundingClientRect();
        for (const drawn of c.querySelectorAll('svg, canvas')) {
            const d = drawn.getBoundingClientRect();
            for (const legend of drawn.querySelectorAll('g.role-legend')) {
                const g = legend.getBoundingClientRect();
                if (g.width === 0) continue;
                const inside = (b) => g.left >= b.left - 1 && g.right <= b.right + 1
                    && g.top >= b.top - 1 && g.bottom <= b.bottom + 1;
                if (!inside(d) || !inside(box)) {
                    const labels = [...legend.querySelectorAll('text')]
                        .map(t => t.textContent.trim()).filter(t => t).join(', ');
                    const left = Math.max(d.left, box.left);
                    cut.push(['chart legend', labels.slice(0, 40),
                              Math.round(g.right - left),
                              Math.round(Math.min(d.right, box.right) - left)]);
                }
            }
        }
    }
    return cut;
}"""


def cut_text_problems(page):
    problems = []
    for kind, text, scroll, client in page.evaluate(CUT_TEXT_JS, [TEXT_ELEMENTS, CHART]):
        if kind == "chart legend":  # its box's right edge, measured from the chart's left
            problems.append(f"cut {kind}: {text!r} reaches {scroll} px, chart box "
                            f"{client} px wide")
        else:
            problems.append(f"cut {kind}: {text!r} scrollWidth {scroll} > clientWidth {client}")
    return problems


SIDEBAR_INPUTS_JS = """() => {
    """ + COLLAPSED_JS + """
    const side = document.querySelector('[data-testid="stSidebar"]');
    if (!side || !collapsed(side)) return [];
    return [...side.querySelectorAll('input, textarea, [role="slider"], select')]
        .filter(e => !e.closest('[data-testid="stSidebarNav"]'))
        .map(e => {
            const box = e.closest('[data-testid^="st"]:not([data-testid="stSidebar"])');
            const label = box && box.closest('[data-testid="stElementContainer"], '
                + '[class*="st-key-"]');
            return [e.tagName.toLowerCase() + (e.type ? ':' + e.type : ''),
                    ((label || box || e).innerText || e.getAttribute('aria-label') || '')
                        .trim().replace(/\\s+/g, ' ').slice(0, 40)];
        });
}"""


def collapsed_sidebar_problems(page):
    return [f"input only in the collapsed sidebar: {kind} {label!r}"
            for kind, label in page.evaluate(SIDEBAR_INPUTS_JS)]


SIDEBAR_SHOWN_JS = """() => {
    const side = document.querySelector('[data-testid="stSidebar"]');
    if (!side || !side.getClientRects().length) return null;
    const style = getComputedStyle(side);
    const r = side.getBoundingClientRect();
    if (style.visibility === 'hidden' || style.display === 'none' || r.width === 0
        || r.right <= 0 || r.left >= window.innerWidth) return null;
    return [Math.round(r.left), Math.round(r.width), side.getAttribute('aria-expanded')];
}"""


def first_metric_font_px(page):
    """The computed font size (px) of the first metric value's text, or None."""
    return page.evaluate("""(sel) => {
        const m = document.querySelector(sel);
        if (!m) return null;
        const inner = m.querySelector('div') || m;
        return parseFloat(getComputedStyle(inner).fontSize);
    }""", METRIC_VALUE)


def save_screenshot(page, name):
    """The whole page: Streamlit scrolls its main area, not the document, so a full-page
    screenshot would hold one screen; the window is made as tall as the main area's
    content (at most 8000 px) for the picture."""
    if os.environ.get("BACKPROP_SCREENSHOTS") != "1":
        return
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate(
        "() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(height + 16, 8000)})
    page.wait_for_timeout(1000)  # charts redraw at the new size
    page.screenshot(path=str(SCREENSHOT_DIR / f"{name}.png"))
    page.set_viewport_size(size)


def new_screen_page(browser, screen, theme):
    context = browser.new_context(color_scheme=theme, **SCREENS[screen])
    return context, context.new_page()


# ---------------------------------------------------------------------------------------
# the tests
# ---------------------------------------------------------------------------------------

CASES = [pytest.param(path, screen, theme, id=case_id(path, screen, theme))
         for path in PAGES for screen in SCREENS for theme in THEMES]


@pytest.mark.parametrize(("path", "screen", "theme"), CASES)
def test_page_fits_the_screen(browser, app_server, path, screen, theme):
    context, page = new_screen_page(browser, screen, theme)
    try:
        open_screen(page, app_server, path)
        problems = theme_problems(page, theme) + sideways_problems(page) + \
            cut_text_problems(page)
        if screen == "phone":
            problems += collapsed_sidebar_problems(page)
        save_screenshot(page, f"{page_name(path)}_{screen}_{theme}")
    finally:
        context.close()
    assert not problems, f"/{path} on {screen} in {theme}:\n" + "\n".join(problems)


PRESENT_CASES = [pytest.param(path, theme, id=f"{page_name(path)}-projector-present-{theme}")
                 for path in PAGES for theme in THEMES]


@pytest.mark.parametrize(("path", "theme"), PRESENT_CASES)
def test_present_mode_fits_the_projector(browser, app_server, path, theme):
    context, page = new_screen_page(browser, "projector", theme)
    try:
        open_screen(page, app_server, path)
        plain_font = first_metric_font_px(page)
        open_screen(page, app_server, path, "?present=true")
        problems = theme_problems(page, theme) + sideways_problems(page) + \
            cut_text_problems(page)
        sidebar = page.evaluate(SIDEBAR_SHOWN_JS)
        if sidebar:
            problems.append(f"present mode shows the sidebar (left {sidebar[0]} px, "
                            f"width {sidebar[1]} px, aria-expanded {sidebar[2]})")
        if plain_font is not None:
            present_font = first_metric_font_px(page)
            if present_font is None or present_font <= plain_font:
                problems.append(f"present mode does not enlarge the first metric value: "
                                f"{present_font} px, {plain_font} px without it")
        save_screenshot(page, f"{page_name(path)}_present_{theme}")
    finally:
        context.close()
    assert not problems, f"/{path}?present=true on projector in {theme}:\n" + \
        "\n".join(problems)
