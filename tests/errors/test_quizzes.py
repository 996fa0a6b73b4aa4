"""AppTest of the errors page's chapter-1 additions: quiz 1.7, quiz 1.8 and the
"nudge a weight" tool (the page's forward pass is tested in test_home_and_errors)."""

import pytest

from app_pages.errors.lesson import nudge_weight
from core.course import (
    QUIZ_1_7_ANSWER,
    QUIZ_1_7_CHOICES,
    QUIZ_1_7_TARGET,
    QUIZ_1_8_ANSWER,
    QUIZ_1_8_CHOICES,
    TASK_1_9_ERRORS,
    TASK_1_9_INPUT,
    TASK_1_9_TARGET,
    TASK_1_9_WEIGHTS_0,
)
from tests.conftest import diagrams
from ui.format import course_number, signed

PAGE = "app_pages/errors/page.py"


def metrics(at):
    return {m.label: m.value for m in at.metric}


def markdown(at):
    return "\n".join(m.value for m in at.markdown)


def answer(at, quiz, choice):
    at.radio(key=f"{quiz}_choice").set_value(choice).run()
    return at.button(key=f"{quiz}_check").click().run()


def diagram(at, index):
    return diagrams(at)[index]


def node_values(data):
    return [n["value"] for layer in data["nodes"] for n in layer]


# -- quiz 1.7 ---------------------------------------------------------------------------


def test_quiz_1_7_asks_the_seeds_question_with_its_four_choices(app_page):
    at = app_page(PAGE)
    assert not at.exception
    radio = at.radio(key="quiz_1_7_choice")
    assert radio.options == [str(choice) for choice in QUIZ_1_7_CHOICES]
    assert radio.value is None
    assert "input data is [3, 2]" in markdown(at) and "target is 5?" in markdown(at)
    assert at.button(key="quiz_1_7_check").disabled
    # the diagram shows the weights and the inputs, not yet the hidden values
    values = node_values(diagram(at, 1))
    assert "3" in values and "2" in values and "16" not in values
    assert "forward pass, node by node" not in markdown(at)


def test_quiz_1_7_right_answer_explains_with_the_forward_pass(app_page):
    at = app_page(PAGE)
    answer(at, "quiz_1_7", QUIZ_1_7_ANSWER)
    assert not at.exception
    assert len(at.success) == 1 and not at.error
    assert at.success[0].value == "Right: 11. The prediction is 16, and 16 - 5 = 11."
    steps = markdown(at)
    assert "`node_0` = relu(3 × 2 + 2 × 1) = relu(8) = **8**" in steps
    assert "`node_1` = relu(3 × (-1) + 2 × 1) = relu(-1) = **0** (switched off" in steps
    assert "`output` = relu(8 × 2 + 0 × 3) = relu(16) = **16**, the prediction" in steps
    assert "error = predicted - actual = 16 - 5 = **11**" in steps
    assert "16" in node_values(diagram(at, 1))  # every node's value is now drawn


@pytest.mark.parametrize("choice, why", [
    (16, "16 is the prediction, not the error: subtract the actual value, 5."),
    (5, "5 is the actual value (the target), not the error"),
    (6, "does not come out of this forward pass"),
])
def test_quiz_1_7_wrong_answers_say_why_they_are_tempting(app_page, choice, why):
    at = app_page(PAGE)
    answer(at, "quiz_1_7", choice)
    assert not at.success
    assert len(at.error) == 1
    assert at.error[0].value.startswith(f"{choice} is not it.") and why in at.error[0].value
    assert "error = predicted - actual = 16 - 5 = **11**" in markdown(at)


def test_quiz_1_7_reset_clears_the_feedback(app_page):
    at = app_page(PAGE)
    answer(at, "quiz_1_7", 16)
    at.button(key="quiz_1_7_reset").click().run()
    assert not at.error and not at.success
    assert at.radio(key="quiz_1_7_choice").value is None
    assert "forward pass, node by node" not in markdown(at)


def test_quiz_1_7_numbers_agree_with_the_course():
    assert QUIZ_1_7_ANSWER == 11 and QUIZ_1_7_TARGET == 5


# -- quiz 1.8 ---------------------------------------------------------------------------


def test_quiz_1_8_asks_the_seeds_question_and_highlights_the_weight(app_page):
    at = app_page(PAGE)
    radio = at.radio(key="quiz_1_8_choice")
    assert radio.options == [choice.rstrip(".") for choice in QUIZ_1_8_CHOICES]
    text = markdown(at)
    assert "target is 7" in text and "to the output is 2" in text and "to 2.01" in text
    assert diagram(at, 2)["picked"] == "w_2_0_0"  # drawn bold, in the highlight colour
    assert "Prediction (weight 2)" not in metrics(at)


def test_quiz_1_8_right_answer_shows_both_predictions_and_errors(app_page):
    at = app_page(PAGE)
    answer(at, "quiz_1_8", QUIZ_1_8_ANSWER.rstrip("."))
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("Right: Less accurate. ")
    assert "from 9 to 9.05" in at.success[0].value
    values = metrics(at)
    assert values["Prediction (weight 2)"] == "9"
    assert values["Error (weight 2)"] == "2"
    assert values["Prediction (weight 2.01)"] == "9.05"
    assert values["Error (weight 2.01)"] == "2.05"
    assert "the prediction is **less accurate**" in markdown(at)


@pytest.mark.parametrize("choice, why", [
    ("More accurate", "the prediction 9 is already above the target 7"),
    ("Stay the same", "`node_0`'s value is 5, not 0, so this weight matters"),
])
def test_quiz_1_8_wrong_answers_explain(app_page, choice, why):
    at = app_page(PAGE)
    answer(at, "quiz_1_8", choice)
    assert not at.success and len(at.error) == 1
    assert at.error[0].value.startswith(f"{choice} is not it.") and why in at.error[0].value
    assert metrics(at)["Error (weight 2.01)"] == "2.05"  # shown side by side to learn from


def test_the_two_quizzes_are_independent(app_page):
    at = app_page(PAGE)
    answer(at, "quiz_1_7", QUIZ_1_7_ANSWER)
    answer(at, "quiz_1_8", "More accurate")
    assert len(at.success) == 1 and len(at.error) == 1


# -- nudge a weight -----------------------------------------------------------------


def test_nudge_defaults_to_0_01_on_node_0_to_output(app_page):
    at = app_page(PAGE)
    change = nudge_weight(TASK_1_9_INPUT, TASK_1_9_TARGET, TASK_1_9_WEIGHTS_0, "output", 0,
                          0.01)
    values = metrics(at)
    assert values["Error before"] == str(TASK_1_9_ERRORS[0])
    assert values["Error after"] == course_number(change.error_after) == "6.03"
    assert values["Weight after the nudge"] == "1.01"
    after = next(m for m in at.metric if m.label == "Error after")
    assert after.proto.delta == signed(change.error_change) == "+0.03"
    assert "the prediction is **less accurate**" in markdown(at)
    assert "the error changes by 3" in markdown(at)


@pytest.mark.parametrize("label, node, index, amount", [
    ("input_1 → node_1", "node_1", 1, -0.5),
    ("node_1 → output", "output", 1, -1.0),
    ("input_1 → node_0", "node_0", 1, 0.1),
])
def test_nudge_any_weight_by_any_amount_matches_the_core(app_page, label, node, index,
                                                         amount):
    at = app_page(PAGE)
    at.selectbox(key="nudge_weight").set_value(label).run()
    at.select_slider(key="nudge_by").set_value(amount).run()
    assert at.select_slider(key="nudge_by").value == amount
    change = nudge_weight(TASK_1_9_INPUT, TASK_1_9_TARGET, TASK_1_9_WEIGHTS_0, node, index,
                          amount)
    values = metrics(at)
    assert values["Error after"] == course_number(change.error_after)
    assert values["Weight after the nudge"] == course_number(change.weight_after)
    assert f"the prediction is **{change.accuracy}**" in markdown(at)


def test_nudge_acts_on_the_pages_network_and_is_url_bound(app_page):
    at = app_page(PAGE, {"nudge_weight": "input_0 → node_0", "nudge_by": "1",
                         "target": "9.0"})
    assert at.selectbox(key="nudge_weight").value == "input_0 → node_0"
    values = metrics(at)
    # input_0 is 0 in task 1.9, so this weight does not matter; the target 9 makes error 0
    assert values["Error before"] == values["Error after"] == "0"
    assert "does not matter for this point" in markdown(at)


def test_nudge_bad_url_values_fall_back_to_defaults(app_page):
    at = app_page(PAGE, {"nudge_weight": "node_9", "nudge_by": "0.3"})
    assert not at.exception
    assert at.selectbox(key="nudge_weight").value == "node_0 → output"
    assert at.select_slider(key="nudge_by").value == 0.01


def test_page_keeps_its_forward_pass_and_load_buttons(app_page):
    at = app_page(PAGE)
    at.button(key="load_weights_1").click().run()
    assert metrics(at)["Error (predicted - actual)"] == str(TASK_1_9_ERRORS[1])
    assert metrics(at)["Error before"] == str(TASK_1_9_ERRORS[1])
    assert len(diagrams(at)) == 3
