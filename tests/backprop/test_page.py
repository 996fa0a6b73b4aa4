"""AppTest of the backprop page (chapters 3-4): quiz 4.4 by default, stepping through
a round, the three factors for every weight, updates and counters, zero error, the
quizzes, URL state and bad input."""

import re

import pytest

import core
from app_pages.backprop import lesson
from core.course import QUIZ_3_3_ANSWER, QUIZ_3_4_ANSWER, QUIZ_4_4_ANSWER, QUIZ_4_4_SLOPE
from tests.conftest import diagram_edge, diagram_node, diagrams

PAGE = "app_pages/backprop/page.py"


def metrics(at):
    return {m.label: m.value for m in at.metric}


def diagram(at):
    return diagrams(at)[0]


def node(at, layer, index):
    return diagram_node(diagram(at), layer, index)


def no_slopes_drawn(at):
    return all(n["slope"] is None for layer in diagram(at)["nodes"] for n in layer)


def factor_text(at):
    return next(m.value for m in at.markdown if "slope of the loss w.r.t. the value" in m.value)


def slope_table(at):
    return next(t.value for t in at.table if "backprop's slope" in t.value.columns)


def test_default_reproduces_quiz_4_4_with_slope_6(app_page):
    at = app_page(PAGE)
    assert not at.exception and not at.error
    assert at.selectbox(key="weight").value == "input_1 → node_1"
    assert at.select_slider(key="step").value == "backward: hidden layer 1"
    assert factor_text(at).endswith(f"= 3 × 2 × 1 = **{QUIZ_4_4_SLOPE:g}**")
    row = slope_table(at).iloc[0]
    assert row["backprop's slope"] == row["finite differences"] == "6"
    assert metrics(at)["Prediction"] == "6" and metrics(at)["Loss (MSE)"] == "0.25"
    # the diagram: value 3 on input_1, slope 2 in purple on node_1, weight highlighted
    assert node(at, 0, 1)["value"] == "3"
    assert node(at, 1, 1)["slope"] == "2"
    assert diagram_edge(diagram(at), 1, 1, 1)["text"] == "1"
    assert diagram(at)["picked"] == "w_1_1_1"


def test_stepping_reveals_the_round_layer_by_layer(app_page):
    at = app_page(PAGE)
    at.button(key="step_start").click().run()
    assert at.select_slider(key="step").value == "start"
    assert no_slopes_drawn(at)
    assert node(at, 0, 1)["value"] == "3"  # the inputs are known at the start
    assert node(at, 1, 0)["value"] is None and metrics(at)["Prediction"] == "?"
    assert any("Not computed yet" in i.value for i in at.info)

    seen = []
    for _ in range(4):
        at.button(key="step_next").click().run()
        seen.append(at.select_slider(key="step").value)
    assert seen == ["forward: hidden layer 1", "forward: output", "backward: output",
                    "backward: hidden layer 1"]
    assert at.button(key="step_next").disabled

    at.button(key="step_back").click().run()  # backward: output
    assert node(at, 2, 0)["slope"] == "1"  # the output's slope 2 * 0.5
    assert node(at, 1, 0)["slope"] is None
    assert any("Not computed yet" in i.value for i in at.info)  # input_1 → node_1
    at.button(key="step_back").click().run()  # forward: output
    assert metrics(at)["Prediction"] == "6" and no_slopes_drawn(at)
    at.button(key="step_back").click().run()  # forward: hidden layer 1
    assert node(at, 1, 0)["input"] == "in 4" and node(at, 2, 0)["value"] is None
    at.button(key="step_all").click().run()
    assert at.select_slider(key="step").value == "backward: hidden layer 1"
    assert factor_text(at).endswith("= **6**")


@pytest.mark.parametrize("query", [
    {},
    {"net": "random network", "layers": "2", "nodes_1": "3", "nodes_2": "2", "act": "tanh",
     "biases": "true", "points": "1, 3; 2, -1; 0.5, 0.5", "targets": "1; 2; 3", "seed": "4"},
])
def test_the_three_factors_multiply_to_the_gradient_for_every_weight(app_page, query):
    at = app_page(PAGE, query)
    options = at.selectbox(key="weight").options
    assert len(options) == (6 if not query else 2 * 3 + 3 * 2 + 2)
    for name in options:
        at.selectbox(key="weight").set_value(name).run()
        assert not at.exception
        row = slope_table(at).iloc[0]
        if not query:
            numbers = re.findall(r"= (\S+) × (\S+) × (\S+) = \*\*(\S+)\*\*", factor_text(at))
            feeding, fed, act, product = (float(x.strip("()")) for x in numbers[0])
            assert feeding * fed * act == pytest.approx(product, rel=1e-3)
        else:
            table = next(t.value for t in at.table if "product" in t.value.columns)
            assert len(table) == 3
            products = [float(a) * float(b) * float(c) for a, b, c in
                        table.iloc[:, 1:4].itertuples(index=False)]
            assert products == pytest.approx([float(p) for p in table["product"]], rel=1e-3)
            product = sum(float(p) for p in table["product"])
        assert float(row["backprop's slope"]) == pytest.approx(product, rel=1e-3, abs=1e-4)
        assert float(row["finite differences"]) == pytest.approx(product, rel=1e-3,
                                                                 abs=1e-4)
        assert float(row["relative difference"]) < 1e-4


def test_update_lowers_the_loss_and_counts_the_passes(app_page):
    at = app_page(PAGE)
    assert metrics(at)["Forward passes"] == "0" and metrics(at)["Loss before"] == "–"
    at.button(key="update").click().run()
    m = metrics(at)
    assert m["Loss before"] == "0.25" and float(m["Loss now"]) < 0.25
    assert m["Forward passes"] == m["Backward passes"] == "1"
    assert at.number_input(key="rounds").value == 1
    for _ in range(3):
        at.button(key="update").click().run()
    assert metrics(at)["Forward passes"] == metrics(at)["Backward passes"] == "4"  # quiz 3.3
    network, X, y = lesson.quiz_4_4_network(), *lesson.quiz_4_4_data()
    expected = core.train_rounds(network, X, y, 0.01, 4).loss_after
    assert metrics(at)["Loss now"] == f"{expected:.4g}"
    chart = at.get("vega_lite_chart")[0].proto
    assert "Rounds applied" in chart.spec
    at.button(key="reset_rounds").click().run()
    assert metrics(at)["Forward passes"] == "0"


def test_train_to_flat_repeats_rounds_until_the_slopes_are_near_zero(app_page):
    at = app_page(PAGE)
    at.button(key="train_flat").click().run()
    rounds = at.number_input(key="rounds").value
    assert 0 < rounds < core.rounds.MAX_ROUNDS
    assert any("Flat ground" in s.value for s in at.success)
    assert float(metrics(at)["Loss now"]) < 1e-6


def test_zero_error_gives_all_zero_slopes(app_page):
    at = app_page(PAGE)
    at.toggle(key="zero_error").set_value(True).run()
    assert not at.exception
    assert metrics(at)["Error (predicted - actual)"] == "0"
    table = next(d.value for d in at.dataframe)
    assert set(table["slope"]) == {"0"}
    assert any("Every slope is exactly 0" in s.value for s in at.success)
    at.button(key="update").click().run()
    assert metrics(at)["Loss before"] == metrics(at)["Loss now"] == "0"


@pytest.mark.parametrize("key, answer, wrong", [
    ("q33", QUIZ_3_3_ANSWER, 8),
    ("q34", QUIZ_3_4_ANSWER, None),
    ("q44", QUIZ_4_4_ANSWER, "2"),
])
def test_each_quiz_gives_the_right_feedback_and_a_live_explanation(app_page, key, answer,
                                                                   wrong):
    at = app_page(PAGE)
    radio = at.radio(key=f"{key}_choice")
    if wrong is None:
        wrong = next(c for c in radio.options if c != answer)
    radio.set_value(wrong).run()
    at.button(key=f"{key}_check").click().run()
    assert any(str(wrong).rstrip(".") in e.value for e in at.error)
    at.radio(key=f"{key}_choice").set_value(answer).run()
    at.button(key=f"{key}_check").click().run()
    assert any(s.value.startswith(f"Right: {answer}") for s in at.success)
    live = [c.value for c in at.caption if c.value.startswith("Live:")]
    assert live
    if key == "q44":
        assert live[0].endswith("3 × 2 × 1 = 6.")
    if key == "q34":
        assert "largest slope of any weight or bias is 0." in live[0]


def test_a_link_reopens_the_exact_network_step_weight_and_round(app_page):
    at = app_page(PAGE, {"step": "forward: output", "weight": "node_0 → output",
                         "rounds": "3", "lr": "0.001", "node": "node_1"})
    assert at.select_slider(key="step").value == "forward: output"
    assert at.selectbox(key="weight").value == "node_0 → output"
    assert at.selectbox(key="node").value == "node_1"
    assert metrics(at)["Forward passes"] == "3"
    assert no_slopes_drawn(at)


def test_a_three_by_five_network_renders(app_page):
    at = app_page(PAGE, {"net": "random network", "layers": "3", "nodes_1": "5",
                         "nodes_2": "5", "nodes_3": "5", "biases": "true"})
    assert not at.exception and not at.error
    assert len(at.selectbox(key="weight").options) == 10 + 25 + 25 + 5
    # every hidden and output node has its slope in a badge
    assert sum(n["slope"] is not None for layer in diagram(at)["nodes"] for n in layer) == 15 + 1
    assert at.select_slider(key="step").options[-1] == "backward: hidden layer 1"
    assert len(at.select_slider(key="step").options) == 9


@pytest.mark.parametrize("query, kind, text", [
    ({"points": "1e300, 3"}, "error", "too large to compute"),
    ({"targets": "1e300"}, "error", "too large to compute"),
    ({"points": "1, banana"}, "error", "not a number"),
    ({"points": "1, 2, 3"}, "error", "quiz 4.4 network has 2 inputs"),
    ({"points": "-1, -3"}, "warning", "Dying ReLU"),
    ({"net": "random network", "act": "identity", "lr": "1.0", "rounds": "200",
      "points": "1, 3; 2, -1", "targets": "5; 1"}, "error", "diverges"),
])
def test_bad_input_gives_a_clear_message_and_no_traceback(app_page, query, kind, text):
    at = app_page(PAGE, query)
    assert not at.exception
    assert any(text in m.value for m in getattr(at, kind)), [m.value for m in at.error]


def test_changing_the_architecture_keeps_the_page_working(app_page):
    at = app_page(PAGE)
    at.button(key="step_start").click().run()
    at.radio(key="net").set_value("random network").run()
    assert not at.exception and not at.error
    at.slider(key="layers").set_value(3).run()
    assert not at.exception
    assert at.select_slider(key="step").value in at.select_slider(key="step").options
    assert len(at.select_slider(key="step").options) == 9
    at.number_input(key="nodes_2").set_value(1).run()
    at.selectbox(key="weight").set_value("node_1_1 → node_2_0").run()
    at.selectbox(key="act").set_value("sigmoid").run()
    at.slider(key="layers").set_value(1).run()
    assert not at.exception
    assert at.selectbox(key="weight").value in at.selectbox(key="weight").options
    assert len(at.select_slider(key="step").options) == 5
