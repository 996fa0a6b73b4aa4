"""AppTest of the home page and the errors page (course 1.1, 1.9)."""

import pytest

import core
from core.course import TASK_1_9_ERRORS
from ui.chapter import existing_pages


def metrics(at):
    return {m.label: m.value for m in at.metric}


def test_home_lists_every_existing_page_and_the_recap(app_page):
    at = app_page()
    assert not at.exception
    assert at.title[0].value == "Backprop Studio"
    text = " ".join(m.value for m in at.markdown)
    assert "Keep going with that cycle" in text
    # the version box prints the course's section-5 frame
    versions = at.get("code")[0].proto.code_text
    assert "## " in versions and "numpy==" in versions and "streamlit==" in versions
    links = at.get("page_link")
    assert len(links) == len(existing_pages()) >= 1


def test_errors_page_defaults_show_the_seeds_error_6(app_page):
    at = app_page("app_pages/errors.py")
    assert not at.exception
    assert metrics(at)["Prediction"] == "9"
    assert metrics(at)["Error (predicted - actual)"] == str(TASK_1_9_ERRORS[0])
    dot = at.get("graphviz_chart")[0].proto.spec
    assert "node_0" in dot and "node_1" in dot and "output" in dot


def test_loading_weights_1_gives_the_seeds_error_0(app_page):
    at = app_page("app_pages/errors.py")
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
    at = app_page("app_pages/errors.py")
    at.slider(key=key).set_value(value).run()
    assert at.slider(key=key).value == value
    weights = {node: [at.slider(key=f"{node}_{i}").value for i in range(2)]
               for node in ("node_0", "node_1", "output")}
    point = [at.slider(key="input_0").value, at.slider(key="input_1").value]
    expected = core.predict_with_network(point, weights) - at.slider(key="target").value
    assert float(metrics(at)["Error (predicted - actual)"]) == expected


def test_url_parameters_set_the_state_and_bad_ones_fall_back_to_defaults(app_page):
    at = app_page("app_pages/errors.py", {"node_1_1": "0.0", "target": "3.0"})
    # the URL binding is read when the page's widgets are first created
    assert at.slider(key="node_1_1").value == 0.0
    assert metrics(at)["Error (predicted - actual)"] == "0"
    at = app_page("app_pages/errors.py", {"node_1_1": "banana", "target": "1e9", "nope": "1"})
    assert not at.exception
    assert metrics(at)["Error (predicted - actual)"] == "6"
