"""Every page opens, without an exception, with every other page's parameters in its
URL whatever their types (a link edited by hand, or a query string kept from another
page: Streamlit keeps it when the learner moves on). Values the browser itself carries
from page to page are tested in tests/browser/test_page_to_page.py.
"""

import pytest

from tests.conftest import open_app_page
from ui.chapter import existing_pages

PAGES = [page[0] for page in existing_pages()]


def _url_value(value):
    if isinstance(value, bool):
        return "true" if not value else "false"  # the opposite of the page's default
    if isinstance(value, (list, tuple)):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.fixture(scope="module")
def page_parameters():
    """{page: {key: a value of that page's widget, as URL text}} for each page's keyed
    widgets (buttons aside: they have no value to carry)."""
    parameters = {}
    for page in PAGES:
        at = open_app_page(page, timeout=60)
        assert not at.exception, (page, at.exception)
        values = {}
        for widget in (*at.slider, *at.select_slider, *at.number_input, *at.text_input,
                       *at.text_area, *at.selectbox, *at.radio, *at.toggle,
                       *at.checkbox):
            if widget.key and not widget.key.startswith("$$") and widget.value is not None:
                values[widget.key] = _url_value(widget.value)
        parameters[page] = values
    return parameters


@pytest.mark.parametrize("page", PAGES)
def test_a_page_opens_with_every_other_pages_parameters(page, page_parameters):
    query = {}
    for other, values in page_parameters.items():
        if other != page:
            query.update(values)
    at = open_app_page(page, query, timeout=120)
    assert not at.exception, (page, query, at.exception)
