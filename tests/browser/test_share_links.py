"""Share links (issue 7), in a real browser: on every page change several controls
(keyboard on sliders, clicks on radios, selectboxes, toggles and buttons), copy the
URL, open it in a new browser context and see the same numbers and controls.
Malformed URL parameters (text where a number belongs, values out of range, unknown
options and keys, repeated keys) open the page with its defaults and the seed's
numbers, and no traceback."""

from __future__ import annotations

import pytest

from tests.browser.helpers import METRIC_VALUE, metric_values, open_page, wait_for_text_change
from tests.browser.share_helpers import (
    choose,
    click_radio,
    click_toggle,
    keyed,
    press,
    reopened,
    settle,
    url_params,
    wait_for_url,
)

SGD_TIME = 2  # the sgd page's third metric is the training time: it varies by run


def change_then_share(page, browser, changes, keys, skip_metrics=()):
    """Apply ``changes`` (callables taking the page), wait for ``keys`` in the URL,
    then check a new context opened on that URL shows exactly the same state."""
    before = settle(page, skip_metrics)
    for change in changes:
        change(page)
        settle(page, skip_metrics)  # a click during a rerun can be lost
    wait_for_url(page, *keys)
    after = settle(page, skip_metrics)
    assert after["metrics"] != before["metrics"], "the changes did not change a number"
    with reopened(browser, page.url) as other:
        assert settle(other, skip_metrics) == after
        assert url_params(other.url) == url_params(page.url)
    return after


def test_errors_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/errors")
    error = page.locator(METRIC_VALUE).nth(1)
    after = change_then_share(page, browser, [
        lambda p: press(p, "target", "ArrowRight"),
        lambda p: wait_for_text_change(error, "6"),
        lambda p: press(p, "input_0", "ArrowRight", 2),
        lambda p: press(p, "output_1", "ArrowLeft", 3),
        lambda p: choose(p, "nudge_weight", "input_1 → node_1"),
        lambda p: press(p, "nudge_by", "ArrowRight", 2),
    ], ["target", "input_0", "output_1", "nudge_weight", "nudge_by"])
    assert after["metrics"][:2] != ["9", "6"]


def test_mse_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/mse")
    change_then_share(page, browser, [
        lambda p: press(p, "w0_node_0_0", "ArrowRight", 2),
        lambda p: press(p, "w1_output_1", "ArrowLeft", 1),
        lambda p: press(p, "w1_node_1_0", "ArrowRight", 3),
    ], ["w0_node_0_0", "w1_output_1", "w1_node_1_0"])


def test_slopes_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/slopes")
    change_then_share(page, browser, [
        lambda p: press(p, "w", "ArrowRight", 3),
        lambda p: press(p, "t", "ArrowLeft", 2),
        lambda p: press(p, "lr", "ArrowRight"),
        lambda p: click_radio(p, "example", "Tasks 2.5-2.6"),
        lambda p: press(p, "t25_lr", "ArrowRight", 2),
    ], ["w", "t", "lr", "example", "t25_lr"])


def test_descent_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/descent")
    change_then_share(page, browser, [
        lambda p: press(p, "n", "ArrowLeft", 5),
        lambda p: press(p, "lr", "ArrowRight"),
        lambda p: click_toggle(p, "log"),
        lambda p: choose(p, "sy", "weights[2]"),
    ], ["n", "lr", "log", "sy"])


def test_backprop_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/backprop")
    rounds_button = keyed(page, "update").locator("button >> visible=true")
    # two clicks of Update: the bound "rounds" number input goes to 2
    change_then_share(page, browser, [
        lambda p: press(p, "lr", "ArrowRight", 2),
        lambda p: rounds_button.click(),
        lambda p: rounds_button.click(),
        lambda p: p.wait_for_function("() => location.search.includes('rounds=2')"),
        lambda p: press(p, "step", "ArrowLeft", 2),
        lambda p: choose(p, "weight", "input_0 → node_0"),
    ], ["lr", "rounds", "step", "weight"])


def test_sgd_page_share_link(app_server, page, browser):
    open_page(page, app_server, "/sgd?reference=false")
    change_then_share(page, browser, [
        lambda p: press(p, "epochs", "ArrowLeft", 5),
        lambda p: click_radio(p, "batch_mode", "all rows (full)"),
        lambda p: choose(p, "activation", "tanh"),
        lambda p: press(p, "lr", "ArrowRight"),
        lambda p: press(p, "nodes_1", "ArrowLeft", 3),
    ], ["epochs", "batch_mode", "activation", "lr", "nodes_1"], skip_metrics=(SGD_TIME,))


# -- malformed URL parameters ----------------------------------------------------------------

# page, query with malformed, out-of-range, unknown and repeated parameters, the seed's
# numbers at the defaults (metric values; None: not compared), bound keys that must
# leave the URL (Streamlit drops the values it refuses)
MALFORMED = [
    ("/errors",
     "?target=abc&input_0=99&input_1=-1e999&node_0_0=nan&node_1_1=&output_0=1&output_0=2"
     "&nudge_weight=nope&nudge_by=7&zzz=1&utm_source=mail",
     ["9", "6", "1.01", "6", "6.03"],
     ["target", "input_0", "input_1", "node_0_0", "node_1_1", "output_0", "nudge_weight",
      "nudge_by"]),
    ("/mse",
     "?w0_node_0_0=two&w0_output_1=6&w1_node_1_1=0.3x&w1_output_0=1&w1_output_0=1.5"
     "&w9_node_0_0=1&weights=1",
     ["37.5", "37.5", "49.890625", "49.890625"],
     ["w0_node_0_0", "w0_output_1", "w1_node_1_1", "w1_output_0"]),
    ("/slopes",
     "?w=ten&x=11&t=-1e999&lr=0.3&example=Code%202.5&predict=maybe&c24_lr=7&zzz=&w=2&w=3",
     ["-24", "2.24", "10.7584", "5", "2.5"],
     ["w", "x", "t", "lr", "example", "predict", "c24_lr"]),
    ("/descent",
     "?n=-3&lr=0.3&log=2&sx=weights[7]&sy=banana&at=x&n=5&n=6&foo[]=1",
     ["49", "9.62711e-05", "20"],
     ["n", "lr", "log", "sx", "sy", "at"]),
    ("/backprop",
     "?rounds=abc&lr=0.5&net=nope&layers=9&seed=-1&nodes_1=0&act=softmax&step=zzz"
     "&weight=bad&node=node_7&point=point%209&biases=yes&zzz=1&lr=0.1&lr=0.3",
     ["6", "5.5", "0.5", "0.25", "–", "0.25", "0", "0"],
     ["rounds", "lr", "net", "layers", "seed", "nodes_1", "act", "step", "weight", "node",
      "point", "biases"]),
    ("/sgd",
     "?epochs=abc&rows=7&lr=2&batch_mode=huge&activation=softmax&data=nope&noise=-1"
     "&batch=1&seed=-5&layers=0&zzz=1&epochs=3&epochs=5",
     ["32", "640", None, "0.2235"],
     ["epochs", "rows", "lr", "batch_mode", "activation", "data", "noise", "batch", "seed",
      "layers"]),
]


@pytest.mark.parametrize(("path", "query", "seed_numbers", "dropped"), MALFORMED,
                         ids=[m[0].strip("/") for m in MALFORMED])
def test_malformed_url_parameters_fall_back_to_the_defaults(app_server, page, path, query,
                                                            seed_numbers, dropped):
    open_page(page, app_server, path + query)  # raises on an exception box
    settle(page)
    shown = metric_values(page)[:len(seed_numbers)]
    assert [s if want is not None else None for s, want in zip(shown, seed_numbers,
                                                                strict=True)] == seed_numbers
    with_defaults = url_params(page.url)
    assert not [key for key in dropped if key in with_defaults], page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_bad_number_typed_in_a_text_input_link_says_so_and_keeps_the_rest(app_server, page):
    open_page(page, app_server, "/slopes?c24_w=1,%20abc&x=4")
    settle(page)
    # weight 2, input 4, target 10: slope 2 · (8 - 10) · 4, new weight 2 + 0.16,
    # new loss (2.16 · 4 - 10)²
    assert metric_values(page)[:3] == ["-16", "2.16", "1.8496"]
    assert page.get_by_text("weights: 'abc' is not a number").count() == 1


def test_an_infinite_number_for_an_integer_input_opens_the_defaults(app_server, page):
    open_page(page, app_server, "/sgd?seed=inf&reference=false")
