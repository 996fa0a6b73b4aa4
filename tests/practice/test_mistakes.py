"""Guards the feedback on wrong answers: every mistake the checker recognises is made by
a submission here (the task's solution with one slip), run in a real worker, and gets
its own hint; the feedback names the first wrong object with its value and the expected
one; no recognised mistake is left without an example."""

from __future__ import annotations

import pytest

from practice import check_code, get_task
from practice.checks import task_checks


def edit(task_id, *replacements):
    """The task's solution with each (old, new) replacement made once."""
    code = get_task(task_id).solution
    for old, new in replacements:
        assert code.count(old) == 1, f"{old!r} is not once in the {task_id} solution"
        code = code.replace(old, new)
    return code


MSE_1_10 = "mse_0 = mean_squared_error(target_actuals, model_output_0)"
MSE_1_10_B = "mse_1 = mean_squared_error(target_actuals, model_output_1)"
APPEND_0 = "    model_output_0.append(predict_with_network(row, weights_0))"
APPEND_1 = "    model_output_1.append(predict_with_network(row, weights_1))"
AFTER_LOOP_1_10 = "# Calculate the mean squared error for model_output_0: mse_0"
UPDATE_2_6 = "weights_updated = weights - learning_rate * slope"
LOOP_2_7 = """\
    # Calculate the slope: slope
    slope = get_slope(input_data, target, weights)

    # Update the weights: weights
    weights = weights - 0.01 * slope

    # Calculate mse with new weights: mse
    mse = get_mse(input_data, target, weights)
"""


def mse_mistakes(name, outputs, other):
    line = f"{name} = mean_squared_error(target_actuals, {outputs})"
    errors = f"(np.array({outputs}) - np.array(target_actuals))"
    return [
        ("1.10", f"{name}_sum_not_mean", edit("1.10", (line, f"{name} = np.sum({errors} ** 2)"))),
        ("1.10", f"{name}_root", edit("1.10", (line, f"{name} = np.sqrt({line.split(' = ')[1]})"))),
        ("1.10", f"{name}_not_squared", edit("1.10", (line, f"{name} = np.mean({errors})"))),
        ("1.10", f"{name}_other_outputs",
         edit("1.10", (line, f"{name} = mean_squared_error(target_actuals, {other})"))),
    ]


def output_list_mistakes(name, append, other_append):
    weights = "weights_0" if name == "model_output_0" else "weights_1"
    other_weights = "weights_1" if name == "model_output_0" else "weights_0"
    return [
        ("1.10", f"{name}_empty", edit("1.10", (append, "    pass"))),
        ("1.10", f"{name}_append_outside_loop",
         edit("1.10", (append, "    pass"),
              (AFTER_LOOP_1_10, append.strip() + "\n\n" + AFTER_LOOP_1_10))),
        ("1.10", f"{name}_both_appends",
         edit("1.10", (append, append + "\n" + append.replace(weights, other_weights)))),
        ("1.10", f"{name}_other_weights",
         edit("1.10", (append, append.replace(weights, other_weights)))),
    ]


MISTAKES = [
    # 1.9
    ("1.9", "error_actual_minus_predicted",
     edit("1.9", ("error_0 = model_output_0 - target_actual",
                  "error_0 = target_actual - model_output_0"))),
    ("1.9", "error_is_prediction",
     edit("1.9", ("error_0 = model_output_0 - target_actual", "error_0 = model_output_0"))),
    ("1.9", "weights_not_perfect", edit("1.9", ("'node_1': [1, 0]", "'node_1': [1, 1]"))),
    ("1.9", "output_1_with_weights_0",
     edit("1.9", ("model_output_1 = predict_with_network(input_data, weights_1)",
                  "model_output_1 = predict_with_network(input_data, weights_0)"))),
    ("1.9", "error_1_from_output_0",
     edit("1.9", ("error_1 = model_output_1 - target_actual",
                  "error_1 = model_output_0 - target_actual"))),
    ("1.9", "weights_before_data",
     edit("1.9", ("predict_with_network(input_data, weights_0)",
                  "predict_with_network(weights_0, input_data)"))),
    # 1.10
    *output_list_mistakes("model_output_0", APPEND_0, APPEND_1),
    *output_list_mistakes("model_output_1", APPEND_1, APPEND_0),
    *mse_mistakes("mse_0", "model_output_0", "model_output_1"),
    *mse_mistakes("mse_1", "model_output_1", "model_output_0"),
    ("1.10", "lists_subtracted",
     edit("1.10", (MSE_1_10, "mse_0 = np.mean((target_actuals - model_output_0) ** 2)"))),
    # 2.5
    ("2.5", "preds_not_summed",
     edit("2.5", ("preds = (weights * input_data).sum()", "preds = weights * input_data"))),
    ("2.5", "error_actual_minus_predicted",
     edit("2.5", ("error = preds - target", "error = target - preds"))),
    ("2.5", "slope_without_2",
     edit("2.5", ("slope = 2 * error * input_data", "slope = error * input_data"))),
    ("2.5", "slope_without_input",
     edit("2.5", ("slope = 2 * error * input_data", "slope = 2 * error"))),
    ("2.5", "slope_negated",
     edit("2.5", ("slope = 2 * error * input_data",
                  "slope = 2 * (target - preds) * input_data"))),
    # 2.6
    ("2.6", "preds_not_summed",
     edit("2.6", ("preds = (weights * input_data).sum()", "preds = weights * input_data"))),
    ("2.6", "error_actual_minus_predicted",
     edit("2.6", ("error = preds - target", "error = target - preds"))),
    ("2.6", "slope_without_2",
     edit("2.6", ("slope = 2 * input_data * error", "slope = input_data * error"))),
    ("2.6", "update_added",
     edit("2.6", (UPDATE_2_6, "weights_updated = weights + learning_rate * slope"))),
    ("2.6", "update_without_rate", edit("2.6", (UPDATE_2_6, "weights_updated = weights - slope"))),
    ("2.6", "update_is_step",
     edit("2.6", (UPDATE_2_6, "weights_updated = learning_rate * slope"))),
    ("2.6", "preds_updated_old_weights",
     edit("2.6", ("preds_updated = (weights_updated * input_data).sum()",
                  "preds_updated = (weights * input_data).sum()"))),
    ("2.6", "error_updated_actual_minus_predicted",
     edit("2.6", ("error_updated = preds_updated - target",
                  "error_updated = target - preds_updated"))),
    ("2.6", "error_updated_is_old_error",
     edit("2.6", ("error_updated = preds_updated - target",
                  "error_updated = preds - target"))),
    # 2.7
    ("2.7", "forgot_append", edit("2.7", ("    mse_hist.append(mse)", "    pass"))),
    ("2.7", "append_outside_loop", edit("2.7", ("    mse_hist.append(mse)", "mse_hist.append(mse)"))),
    ("2.7", "mse_before_update",
     edit("2.7", (LOOP_2_7, "    slope = get_slope(input_data, target, weights)\n"
                            "    mse = get_mse(input_data, target, weights)\n"
                            "    weights = weights - 0.01 * slope\n"))),
    ("2.7", "update_added",
     edit("2.7", ("weights = weights - 0.01 * slope", "weights = weights + 0.01 * slope"))),
    ("2.7", "appended_arrays", edit("2.7", ("mse_hist.append(mse)", "mse_hist.append(slope)"))),
    ("2.7", "wrong_number_of_updates", edit("2.7", ("n_updates = 20", "n_updates = 10"))),
    ("2.7", "slope_after_update",
     edit("2.7", (LOOP_2_7, "    weights = weights - 0.01 * slope\n"
                            "    slope = get_slope(input_data, target, weights)\n"
                            "    mse = get_mse(input_data, target, weights)\n"))),
    ("2.7", "plot_not_available",
     edit("2.7", ("# The page plots your mse_hist", "plt.plot(mse_hist)\n# The page plots your mse_hist"))),
]


@pytest.mark.parametrize(("task_id", "mistake_id", "code"), MISTAKES,
                         ids=[f"{task}-{mistake}" for task, mistake, _ in MISTAKES])
def test_each_mistake_gets_its_own_hint(pool, task_id, mistake_id, code):
    feedback = check_code(task_id, code, runner=pool)
    assert not feedback.passed
    assert feedback.mistake_id == mistake_id, feedback.message
    hint = dict(task_checks(task_id).mistakes())[mistake_id]
    assert f"Hint: {hint}" in feedback.message


def test_every_recognised_mistake_has_an_example():
    examples = {(task_id, mistake_id) for task_id, mistake_id, _ in MISTAKES}
    for task_id in ("1.9", "1.10", "2.5", "2.6", "2.7"):
        for mistake_id, _ in task_checks(task_id).mistakes():
            assert (task_id, mistake_id) in examples


@pytest.mark.parametrize("task_id", ["1.9", "1.10", "2.5", "2.6", "2.7"])
def test_mistakes_are_unique_and_at_least_three_per_task(task_id):
    mistakes = task_checks(task_id).mistakes()
    ids = [mistake_id for mistake_id, _ in mistakes]
    assert len(ids) == len(set(ids)) >= 3
    for check in task_checks(task_id).checks:
        hints = [mistake.hint for mistake in check.mistakes]
        assert len(hints) == len(set(hints)), f"{check.name} has two mistakes with one hint"


def test_wrong_value_names_object_value_and_expected_value_in_course_words(pool):
    code = edit("2.5", ("slope = 2 * error * input_data", "slope = error * input_data"))
    feedback = check_code("2.5", code, runner=pool)
    assert feedback.status == "wrong" and feedback.name == "slope"
    assert feedback.message.startswith(
        "`slope` is `[7 14 21]`, but it should be the slope of the mean squared error for "
        "each weight, `2 * input_data * error`: `[14 28 42]`.")
    assert feedback.stdout == "[ 7 14 21]\n"


def test_first_wrong_object_is_named_not_a_later_one(pool):
    code = edit("2.6", ("error = preds - target", "error = target - preds"))
    feedback = check_code("2.6", code, runner=pool)
    assert feedback.name == "error"  # the slope and the update are wrong too, later


def test_missing_object_is_named_with_what_to_create(pool):
    code = edit("1.9", ("error_1 = model_output_1 - target_actual", "pass"),
                ("print(error_1)", "pass"))
    feedback = check_code("1.9", code, runner=pool)
    assert feedback.mistake_id == "missing" and feedback.name == "error_1"
    assert feedback.message == ("`error_1` is missing: create it, the error with the new "
                                "weights, `model_output_1 - target_actual`.")


def test_changed_preloaded_data_is_named_first(pool):
    code = "target_actual = 9\n" + get_task("1.9").solution
    feedback = check_code("1.9", code, runner=pool)
    assert feedback.mistake_id == "changed_data" and feedback.name == "target_actual"
    assert "it is now `9`, the course's is `3`" in feedback.message


def test_any_perfect_weights_1_pass(pool):
    code = edit("1.9", ("'node_1': [1, 0]", "'node_1': [1, -5]"))
    assert check_code("1.9", code, runner=pool).passed


def test_exception_after_a_wrong_object_names_that_object(pool):
    code = edit("1.10", (APPEND_0, "    pass"),
                (AFTER_LOOP_1_10, APPEND_0.strip() + "\n" + AFTER_LOOP_1_10))
    feedback = check_code("1.10", code, runner=pool)
    assert feedback.status == "error" and feedback.line == 18
    assert feedback.message.startswith(
        "Line 18: `ValueError: actual and predicted must have the same shape, got (4,) "
        "and (1,).`\n\n`model_output_0` is `[12]`, but it should be the list of the "
        "predictions with `weights_0`")


def test_exception_is_the_learners_line_and_message_not_a_traceback(pool):
    code = "x = 1\ny = x / 0\n"
    feedback = check_code("2.7", code, runner=pool)
    assert feedback.status == "error" and feedback.line == 2
    assert feedback.message == "Line 2: `ZeroDivisionError: division by zero`"
    assert "Traceback" not in feedback.message and "File" not in feedback.message


def test_exception_inside_a_core_function_points_at_the_learners_call(pool):
    code = "n_updates = 20\n\nslope = get_slope(input_data, target, [1, 2])\n"
    feedback = check_code("2.7", code, runner=pool)
    assert feedback.line == 3
    assert "weights must have one value per input (3), got 2." in feedback.message


@pytest.mark.parametrize("code", [
    'raise ValueError("a`\\n\\n![x](http://example.com/i.png) $x$")',
    'mse_hist = "![x](http://example.com/i.png)"',
    'weights_1 = {"`![x](http://example.com/i.png)": 1}\nmodel_output_0 = 9.0\nerror_0 = 6.0',
])
def test_learner_text_in_feedback_stays_inside_code_spans(pool, code):
    task_id = "1.9" if "weights_1" in code else "2.7"
    message = check_code(task_id, code, runner=pool).message
    outside_code = message.split("`")[::2]  # the text between code spans
    assert all("![" not in part and "http" not in part and "$" not in part
               for part in outside_code), message
