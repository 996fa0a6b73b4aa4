"""AppTest of the errors page (course 1.1, 1.9): the seed's errors 6 and 0, slider changes
computed as core computes them, and URL parameters (bad ones fall back to the defaults)."""

import pytest

import core
from core.course import TASK_1_9_ERRORS
from tests.conftest import diagrams


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_errors_page_defaults_show_the_seeds_error_6(app_page):
    at = app_page("app_pages/errors/page.py")
    assert not at.exception
    assert metrics(at)["Prediction"] == "9"
    assert metrics(at)["Error (predicted - actual)"] == str(TASK_1_9_ERRORS[0])
    names = [n["name"] for layer in diagrams(at)[0]["nodes"] for n in layer]
    assert "node_0" in names and "node_1" in names and "output" in names


def test_loading_weights_1_gives_the_seeds_error_0(app_page):
    at = app_page("app_pages/errors/page.py")
    at.button(key="load_weights_1").click().run()
    assert not at.exception
    assert metrics(at)["Error (predicted - actual)"] == str(TASK_1_9_ERRORS[1])
    assert at.slider(key="node_1_1").value == 0.0
    at.button(key="load_weights_0").click().run()
    assert metrics(at)["Error (predicted - actual)"] == "6"


@pytest.mark.parametrize("key, value", [("input_0", 2.0), ("node_0_1", -1.5),
                                        ("output_1", 3.0), ("target", -4.0)])
def test_a_slider_change_updates_prediction_and_error_as_the_core_computes(app_page, key,
                                                                             value):
    at = app_page("app_pages/errors/page.py")
    at.slider(key=key).set_value(value).run()
    assert at.slider(key=key).value == value
    weights = {node: [at.slider(key=f"{node}_{i}").value for i in range(2)]
               for node in ("node_0", "node_1", "output")}
    point = [at.slider(key="input_0").value, at.slider(key="input_1").value]
    expected = core.predict_with_network(point, weights) - at.slider(key="target").value
    assert float(metrics(at)["Error (predicted - actual)"]) == expected


def test_url_parameters_set_the_state_and_bad_ones_fall_back_to_defaults(app_page):
    at = app_page("app_pages/errors/page.py", {"node_1_1": "0.0", "target": "3.0"})
    # the URL binding is read when the page's widgets are first created
    assert at.slider(key="node_1_1").value == 0.0
    assert metrics(at)["Error (predicted - actual)"] == "0"
    at = app_page("app_pages/errors/page.py", {"node_1_1": "banana", "target": "1e9", "nope": "1"})
    assert not at.exception
    assert metrics(at)["Error (predicted - actual)"] == "6"
