"""An axe-core audit of every page, in the light and the dark theme (desktop, 1280x900).

axe-core (via axe-playwright-python, which ships axe.min.js: nothing is fetched at run
time) checks contrast, names of controls, landmarks, ARIA use and the rest of its WCAG
rules on the page as the browser draws it. No violation of impact "serious" or
"critical" may remain; the failure lists each rule, its impact, its help text and the
first few elements it flags.

Violations that lie only on Streamlit's own chrome (its toolbar, menus, sidebar frame),
which the app cannot change, are listed one by one in ``STREAMLIT_CHROME``: each entry
names the rule and the exact element selectors, and only those elements are left out,
for that rule only (axe's ``context.exclude``); the rule still runs on the rest of the
page, and every other rule still runs on those elements.
"""

from __future__ import annotations

import pytest

from tests.browser.helpers import open_page

PAGES = ["", "errors", "mse", "slopes", "descent", "backprop", "sgd"]
THEMES = ["light", "dark"]
BLOCKING = {"serious", "critical"}
SHOWN_NODES = 4

# (axe rule id, selector of a Streamlit element, why it is Streamlit's and not the app's)
STREAMLIT_CHROME: list[tuple[str, str, str]] = [
    # The sidebar's page list that st.navigation draws: Streamlit 1.67 writes each
    # section ("Backprop Studio", "The course, step by step") as a <div> holding a
    # heading and that section's <li> items, directly inside its <ul>. The markup is
    # Streamlit's (SidebarNav); the app only names the pages and sections.
    ("list", '[data-testid="stSidebarNavItems"]',
     "Streamlit's navigation <ul> has section <div>s as children"),
    ("listitem", '[data-testid="stSidebarNavItems"]',
     "Streamlit's navigation <li>s sit in those section <div>s, not in the <ul>"),
]


def axe_run(page, context=None, options=None):
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, context=context, options=options or {"resultTypes": ["violations"]})


def audit(page):
    """Violations of the whole page: every rule with no known exception runs on the whole
    page; each rule of STREAMLIT_CHROME runs on the page minus its listed elements."""
    excepted = {}
    for rule, selector, _ in STREAMLIT_CHROME:
        excepted.setdefault(rule, []).append([selector])
    options = {"resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in excepted}}
    violations = list(axe_run(page, options=options).response["violations"])
    for rule, selectors in excepted.items():
        response = axe_run(page, context={"exclude": selectors},
                           options={"resultTypes": ["violations"],
                                    "runOnly": {"type": "rule", "values": [rule]}}).response
        violations += response["violations"]
    return violations


def describe_node(node):
    """A flagged element: its selector (through shadow roots), its opening HTML and, for
    colour contrast, the ratio and the two colours."""
    target = " ".join(t if isinstance(t, str) else " >>> ".join(t) for t in node["target"])
    if len(target) > 120:  # Streamlit's generated class chains: the end says the most
        target = "..." + target[-117:]
    html = " ".join(node.get("html", "").split())[:60]
    data = next((check.get("data") for check in node.get("any", [])
                 if isinstance(check.get("data"), dict)
                 and "contrastRatio" in check["data"]), None)
    contrast = (f" [{data['contrastRatio']}:1, {data['fgColor']} on {data['bgColor']}]"
                if data else "")
    return f"{target} ({html}){contrast}"


def describe(violation):
    nodes = violation["nodes"]
    more = f"\n    (+{len(nodes) - SHOWN_NODES} more)" if len(nodes) > SHOWN_NODES else ""
    shown = "".join(f"\n    {describe_node(node)}" for node in nodes[:SHOWN_NODES])
    return f"{violation['id']} [{violation['impact']}] {violation['help']}:{shown}{more}"


def test_the_axe_script_is_bundled():
    """The package carries axe's JavaScript itself (no download at run time)."""
    from axe_playwright_python import base

    assert base.AXE_FILE_PATH.name == "axe.min.js" and base.AXE_FILE_PATH.is_file()
    assert base.AXE_SCRIPT.lstrip().startswith("/*! axe v4")


def test_each_streamlit_exception_is_still_needed(browser, app_server):
    """Each STREAMLIT_CHROME entry still flags its element on the home page: when a
    Streamlit upgrade fixes it, this fails and the entry must go."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        open_page(page, app_server, "/")
        stale = []
        for rule, selector, _ in STREAMLIT_CHROME:
            response = axe_run(page, context={"include": [[selector]]},
                               options={"resultTypes": ["violations"],
                                        "runOnly": {"type": "rule", "values": [rule]}})
            if not response.response["violations"]:
                stale.append(f"{rule} on {selector}")
    finally:
        context.close()
    assert not stale, f"no longer violated, remove from STREAMLIT_CHROME: {stale}"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_serious_axe_violations(browser, app_server, path, theme):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=theme)
    page = context.new_page()
    try:
        open_page(page, app_server, "/" + path)
        page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
            ".every(c => c.querySelector('svg, canvas'))", timeout=30000)
        violations = audit(page)
    finally:
        context.close()
    blocking = [describe(v) for v in violations if v["impact"] in BLOCKING]
    others = [describe(v) for v in violations if v["impact"] not in BLOCKING]
    if others:
        print(f"\n/{path} {theme}: minor/moderate axe findings:\n" + "\n".join(others))
    assert not blocking, f"/{path} in {theme}:\n" + "\n".join(blocking)
