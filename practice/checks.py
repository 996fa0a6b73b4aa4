"""What each task's objects must be, computed by ``core`` on the pre-loaded data, and the
common mistakes recognised in them, each with its own hint.

A task's checks run in the task's order; the feedback names the first object that is
missing or wrong. Pre-loaded data the code must leave alone are checked before them:
with changed data every later number would differ for a reason the learner cannot see.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

import core
from core import course

from .encoding import MISSING, Unreadable
from .tasks import get_task

RTOL, ATOL = 1e-6, 1e-9


def close(value, expected):
    """True when a learner's (decoded) value equals ``expected`` up to float rounding:
    same shape, every number within 1e-6 relative (1e-9 absolute)."""
    if value is MISSING or isinstance(value, (bool, dict, Unreadable)):
        return False
    if isinstance(expected, dict):
        return False
    try:
        learner = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    target = np.asarray(expected, dtype=np.float64)
    return learner.shape == target.shape and bool(
        np.allclose(learner, target, rtol=RTOL, atol=ATOL))


def same_data(value, expected):
    """``close`` for pre-loaded data, which may be a dict of arrays (the weights) or a
    list of arrays (1.10's points)."""
    if isinstance(expected, dict):
        return (isinstance(value, dict) and value.keys() == expected.keys()
                and all(close(value[key], expected[key]) for key in expected))
    return close(value, expected)


@dataclass(frozen=True)
class Mistake:
    """A common mistake: ``matches(value, values)`` says whether the learner's value
    (with all their values beside it) is what this slip gives."""

    mistake_id: str
    hint: str
    matches: Callable


def gives(mistake_id, hint, wrong_value):
    """A mistake recognised by the value it produces, ``wrong_value(values)``."""
    return Mistake(mistake_id, hint, lambda value, values: close(value, wrong_value(values)))


def has_length(mistake_id, hint, length):
    """A mistake recognised by the length of a list (an append forgotten or misplaced)."""
    def matches(value, values):
        return isinstance(value, (list, np.ndarray)) and len(value) == length
    return Mistake(mistake_id, hint, matches)


@dataclass(frozen=True)
class Check:
    """One object the task names.

    name : the variable, e.g. "error_0"
    meaning : what it is, in the course's words (the seed's comment)
    expected : values -> the expected value (most ignore the learner's values;
        1.9's model_output_1 follows the learner's own weights_1)
    mistakes : recognised slips, tried in order
    accept : (value, values) -> bool, when more than one value is right
        (1.9's weights_1); default ``close(value, expected(values))``
    """

    name: str
    meaning: str
    expected: Callable
    mistakes: tuple = ()
    accept: Callable | None = None

    def accepts(self, value, values):
        """True when the learner's value is right."""
        if self.accept is not None:
            return self.accept(value, values)
        return close(value, self.expected(values))


@dataclass(frozen=True)
class ErrorHint:
    """A mistake recognised by the exception it raises: its type name and a pattern
    its message matches."""

    mistake_id: str
    hint: str
    error_type: str
    pattern: str

    def matches(self, error_type, message):
        """True for an exception of this type whose message matches the pattern."""
        return error_type == self.error_type and re.search(self.pattern, message) is not None


@dataclass(frozen=True)
class TaskChecks:
    """Everything the checker compares for one task."""

    task_id: str
    data_names: tuple
    checks: tuple
    success: str
    error_hints: tuple = field(default_factory=tuple)

    @property
    def result_names(self):
        """The names the worker sends back: the data, then the checked objects."""
        return tuple(dict.fromkeys(self.data_names + tuple(c.name for c in self.checks)))

    def mistakes(self):
        """Every recognised mistake of the task: (mistake_id, hint)."""
        found = [(m.mistake_id, m.hint) for check in self.checks for m in check.mistakes]
        return found + [(h.mistake_id, h.hint) for h in self.error_hints]


def _const(value):
    return lambda values: value


# -- 1.9 -----------------------------------------------------------------------------------

_OUTPUT_1_9 = core.predict_with_network(course.TASK_1_9_INPUT, course.TASK_1_9_WEIGHTS_0)
_TARGET_1_9 = course.TASK_1_9_TARGET


def _weights_problem(weights):
    """None when ``weights`` is a network's dict of weights, else what is wrong."""
    if not isinstance(weights, dict):
        return "it should be a dict with the keys 'node_0', 'node_1' and 'output'"
    try:
        core.predict_with_network(course.TASK_1_9_INPUT, weights)
    except ValueError as problem:
        return str(problem)
    return None


def _prediction_1_9(weights):
    return core.predict_with_network(course.TASK_1_9_INPUT, weights)


def _perfect(weights, values):
    return _weights_problem(weights) is None and math.isclose(
        _prediction_1_9(weights), _TARGET_1_9, rel_tol=RTOL, abs_tol=ATOL)


def _not_perfect(weights, values):
    return _weights_problem(weights) is None and not _perfect(weights, values)


def _output_1_of(values):
    weights = values.get("weights_1")
    if _weights_problem(weights) is None:
        return _prediction_1_9(weights)
    return _TARGET_1_9


CHECKS_1_9 = TaskChecks(
    task_id="1.9",
    data_names=("input_data", "weights_0", "target_actual"),
    checks=(
        Check("model_output_0", "the prediction with the original weights, "
              "`predict_with_network(input_data, weights_0)`", _const(_OUTPUT_1_9)),
        Check("error_0", "the error with the original weights, `model_output_0 - "
              "target_actual` (predicted − actual)", _const(_OUTPUT_1_9 - _TARGET_1_9),
              mistakes=(
                  gives("error_actual_minus_predicted",
                        "The course's error is predicted − actual: "
                        "`model_output_0 - target_actual`. You computed actual − predicted.",
                        _const(_TARGET_1_9 - _OUTPUT_1_9)),
                  gives("error_is_prediction",
                        "That is the prediction itself: subtract the actual value, "
                        "`target_actual`, to get the error.",
                        _const(_OUTPUT_1_9)),
              )),
        Check("weights_1", "weights that cause the network to make a perfect "
              "prediction (3)", _const(course.TASK_1_9_WEIGHTS_1),
              accept=_perfect,
              mistakes=(
                  Mistake("weights_not_perfect",
                          "These weights do not predict exactly 3. With `weights_0`, "
                          "node_1 adds 6 to the output: which of its weights can turn "
                          "it off?", _not_perfect),
              )),
        Check("model_output_1", "the prediction with the new weights, "
              "`predict_with_network(input_data, weights_1)`", _output_1_of,
              mistakes=(
                  gives("output_1_with_weights_0",
                        "That is the prediction of the original weights: pass "
                        "`weights_1` to `predict_with_network`.", _const(_OUTPUT_1_9)),
              )),
        Check("error_1", "the error with the new weights, `model_output_1 - "
              "target_actual`", lambda values: _output_1_of(values) - _TARGET_1_9,
              mistakes=(
                  gives("error_1_from_output_0",
                        "That is the error of the original weights: compute error_1 "
                        "from `model_output_1`.", _const(_OUTPUT_1_9 - _TARGET_1_9)),
              )),
    ),
    success="The prediction with `weights_0` is 9, 6 too high; changing one weight "
            "makes it 3, a perfect prediction with error 0.",
    error_hints=(
        ErrorHint("weights_before_data",
                  "`predict_with_network` takes the data point first, then the weights: "
                  "`predict_with_network(input_data, weights_0)`.",
                  "ValueError", r"^input_data_point must be numeric"),
    ),
)


# -- 1.10 ----------------------------------------------------------------------------------

def _outputs_1_10(weights):
    return [core.predict_with_network(row, weights) for row in course.TASK_1_10_INPUT_DATA]


_OUTPUTS_1_10 = {"model_output_0": _outputs_1_10(course.TASK_1_10_WEIGHTS_0),
                 "model_output_1": _outputs_1_10(course.TASK_1_10_WEIGHTS_1)}
_TARGETS_1_10 = course.TASK_1_10_TARGETS
_N_POINTS = len(_TARGETS_1_10)


def _errors_1_10(outputs_name):
    return np.asarray(_OUTPUTS_1_10[outputs_name]) - _TARGETS_1_10


def _mse_1_10(outputs_name):
    return core.mean_squared_error(_TARGETS_1_10, _OUTPUTS_1_10[outputs_name])


def _output_list_check(name, weights_name, other_name):
    return Check(
        name, f"the list of the predictions with `{weights_name}`, one per point of "
              "`input_data`", _const(_OUTPUTS_1_10[name]),
        mistakes=(
            has_length(f"{name}_empty",
                       f"`{name}` is empty: inside the loop, append "
                       f"`predict_with_network(row, {weights_name})` to it.", 0),
            has_length(f"{name}_append_outside_loop",
                       f"`{name}` holds one prediction, not {_N_POINTS}: the append must "
                       "be inside the loop (indented under `for row in input_data:`).", 1),
            has_length(f"{name}_both_appends",
                       f"`{name}` holds {2 * _N_POINTS} predictions: append the "
                       f"predictions with `{weights_name}` to `{name}` only.",
                       2 * _N_POINTS),
            gives(f"{name}_other_weights",
                  f"These are the predictions with the other weights: use `{weights_name}` "
                  f"for `{name}`.", _const(_OUTPUTS_1_10[other_name])),
        ))


def _mse_check(name, outputs_name, other_outputs):
    errors = _errors_1_10(outputs_name)
    return Check(
        name, f"the mean squared error of `{outputs_name}`, "
              f"`mean_squared_error(target_actuals, {outputs_name})`",
        _const(_mse_1_10(outputs_name)),
        mistakes=(
            gives(f"{name}_sum_not_mean",
                  "That is the sum of the squared errors: the mean squared error divides "
                  f"it by the number of points ({_N_POINTS}), e.g. with `np.mean`.",
                  _const(float(np.sum(errors ** 2)))),
            gives(f"{name}_root",
                  "That is the square root of the mean squared error: leave out the root.",
                  _const(math.sqrt(_mse_1_10(outputs_name)))),
            gives(f"{name}_not_squared",
                  "That is the mean of the errors: square each error before the mean, or "
                  "use `mean_squared_error`.", _const(float(np.mean(errors)))),
            gives(f"{name}_other_outputs",
                  f"That is the mean squared error of `{other_outputs}`: compare "
                  f"`{outputs_name}` with the targets.", _const(_mse_1_10(other_outputs))),
        ))


CHECKS_1_10 = TaskChecks(
    task_id="1.10",
    data_names=("input_data", "weights_0", "weights_1", "target_actuals"),
    checks=(
        _output_list_check("model_output_0", "weights_0", "model_output_1"),
        _output_list_check("model_output_1", "weights_1", "model_output_0"),
        _mse_check("mse_0", "model_output_0", "model_output_1"),
        _mse_check("mse_1", "model_output_1", "model_output_0"),
    ),
    success="Mean squared error with weights_0: 37.5; with weights_1: 49.890625. "
            "`weights_1` fit one point better in task 1.9, yet over all four points "
            "`weights_0` are more accurate.",
    error_hints=(
        ErrorHint("lists_subtracted",
                  "Python lists cannot be subtracted: use `mean_squared_error(target_actuals, "
                  "model_output_0)`, or make arrays first with `np.array(...)`.",
                  "TypeError", r"unsupported operand type\(s\) for -: 'list' and 'list'"),
    ),
)


# -- 2.5 and 2.6 ---------------------------------------------------------------------------

_INPUT_2 = course.TASK_2_5_INPUT
_WEIGHTS_2 = course.TASK_2_5_WEIGHTS
_TARGET_2 = course.TASK_2_5_TARGET
_RATE_2_6 = course.TASK_2_6_LEARNING_RATE
_ERROR_2 = core.get_error(_INPUT_2, _TARGET_2, _WEIGHTS_2)
_PREDS_2 = _ERROR_2 + _TARGET_2
_SLOPE_2 = core.get_slope(_INPUT_2, _TARGET_2, _WEIGHTS_2)
_UPDATE_2_6 = core.linear_update(_INPUT_2, _TARGET_2, _WEIGHTS_2, _RATE_2_6)


def _preds_check():
    return Check("preds", "the prediction, `(weights * input_data).sum()`", _const(_PREDS_2),
                 mistakes=(
                     gives("preds_not_summed",
                           "`weights * input_data` gives one product per input: `.sum()` "
                           "them to get the prediction.", _const(_WEIGHTS_2 * _INPUT_2)),
                 ))


def _error_check():
    return Check("error", "the error, `preds - target` (predicted − actual)",
                 _const(_ERROR_2),
                 mistakes=(
                     gives("error_actual_minus_predicted",
                           "The course's error is predicted − actual: `preds - target`. "
                           "You computed actual − predicted.", _const(-_ERROR_2)),
                 ))


_SLOPE_WITHOUT_2 = gives(
    "slope_without_2",
    "The slope of the squared error is 2 × error × input: you left out the factor 2 "
    "(the derivative of error² is 2 × error).", _const(_SLOPE_2 / 2))

CHECKS_2_5 = TaskChecks(
    task_id="2.5",
    data_names=("input_data", "weights", "target"),
    checks=(
        _preds_check(),
        _error_check(),
        Check("slope", "the slope of the mean squared error for each weight, "
              "`2 * input_data * error`", _const(_SLOPE_2),
              mistakes=(
                  _SLOPE_WITHOUT_2,
                  gives("slope_without_input",
                        "That is 2 × error, the slope for the prediction. Each weight's "
                        "slope also multiplies by the input feeding it: `2 * error * "
                        "input_data`, one slope per weight.", _const(2 * _ERROR_2)),
                  gives("slope_negated",
                        "The sign is flipped: with error = predicted − actual the slope is "
                        "`2 * error * input_data`.", _const(-_SLOPE_2)),
              )),
    ),
    success="The slope is [14 28 42]: positive for every weight, so lowering the weights "
            "lowers the error.",
)

CHECKS_2_6 = TaskChecks(
    task_id="2.6",
    data_names=("input_data", "weights", "target"),
    checks=(
        Check("learning_rate", "the learning rate, 0.01", _const(_RATE_2_6)),
        _preds_check(),
        _error_check(),
        Check("slope", "the slope, `2 * input_data * error`", _const(_SLOPE_2),
              mistakes=(_SLOPE_WITHOUT_2,)),
        Check("weights_updated", "the updated weights, `weights - learning_rate * slope`",
              _const(_UPDATE_2_6.new_weights),
              mistakes=(
                  gives("update_added",
                        "You added the step: going downhill means subtracting it, "
                        "`weights - learning_rate * slope`.",
                        _const(_WEIGHTS_2 + _RATE_2_6 * _SLOPE_2)),
                  gives("update_without_rate",
                        "You subtracted the whole slope: multiply it by the learning rate "
                        "first, `weights - learning_rate * slope`.",
                        _const(_WEIGHTS_2 - _SLOPE_2)),
                  gives("update_is_step",
                        "That is the step, `learning_rate * slope`: subtract it from "
                        "`weights` to get the updated weights.",
                        _const(_RATE_2_6 * _SLOPE_2)),
              )),
        Check("preds_updated", "the prediction with the updated weights, "
              "`(weights_updated * input_data).sum()`", _const(_UPDATE_2_6.new_prediction),
              mistakes=(
                  gives("preds_updated_old_weights",
                        "That is the prediction of the old weights: use `weights_updated`.",
                        _const(_PREDS_2)),
              )),
        Check("error_updated", "the updated error, `preds_updated - target`",
              _const(_UPDATE_2_6.new_error),
              mistakes=(
                  gives("error_updated_actual_minus_predicted",
                        "The course's error is predicted − actual: `preds_updated - target`.",
                        _const(-_UPDATE_2_6.new_error)),
                  gives("error_updated_is_old_error",
                        "That is the error before the update: compute it from "
                        "`preds_updated`.", _const(_ERROR_2)),
              )),
    ),
    success="The error falls from 7 to 5.04: one small step downhill.",
)


# -- 2.7 -----------------------------------------------------------------------------------

_N_UPDATES = course.TASK_2_7_N_UPDATES
_RATE_2_7 = course.TASK_2_7_LEARNING_RATE
_DESCENT = core.gradient_descent(_INPUT_2, _TARGET_2, _WEIGHTS_2, _RATE_2_7, _N_UPDATES)


def _added_updates_mse():
    """mse_hist when every update adds learning rate × slope (a walk uphill)."""
    weights, history = _WEIGHTS_2, []
    for _ in range(_N_UPDATES):
        weights = weights + _RATE_2_7 * core.get_slope(_INPUT_2, _TARGET_2, weights)
        history.append(float(core.get_mse(_INPUT_2, _TARGET_2, weights)))
    return history


def _holds_arrays(value, values):
    return isinstance(value, np.ndarray) and value.ndim == 2


def _wrong_length(value, values):
    return isinstance(value, (list, np.ndarray)) and len(value) not in (0, 1, _N_UPDATES)


CHECKS_2_7 = TaskChecks(
    task_id="2.7",
    data_names=("input_data", "target"),
    checks=(
        Check("mse_hist", f"the list of the {_N_UPDATES} mean squared errors, one "
              "appended after each update", _const(_DESCENT.mse[1:].tolist()),
              mistakes=(
                  has_length("forgot_append",
                             "`mse_hist` is empty: append each update's `mse` to it, "
                             "`mse_hist.append(mse)`, inside the loop.", 0),
                  has_length("append_outside_loop",
                             f"`mse_hist` holds one value, not {_N_UPDATES}: the append "
                             "must be inside the loop (indented under `for i in "
                             "range(n_updates):`).", 1),
                  gives("mse_before_update",
                        "Each value is the MSE before its update, one step behind: "
                        "compute `mse` after updating the weights.",
                        _const(_DESCENT.mse[:-1].tolist())),
                  gives("update_added",
                        "The MSE grows: you added the step. Going downhill means "
                        "`weights = weights - 0.01 * slope`.",
                        _const(_added_updates_mse())),
                  Mistake("appended_arrays",
                          "`mse_hist` holds arrays: append `mse`, one number per update, "
                          "not the slope or the weights.", _holds_arrays),
                  Mistake("wrong_number_of_updates",
                          f"`mse_hist` should hold {_N_UPDATES} values, one per update: "
                          "loop over `range(n_updates)` with `n_updates = 20`.",
                          _wrong_length),
              )),
        Check("weights", f"the weights after {_N_UPDATES} updates",
              _const(_DESCENT.weights[-1])),
    ),
    success="The MSE falls with every update, quickly at first and then more slowly as "
            "the slope flattens.",
    error_hints=(
        ErrorHint("slope_after_update",
                  "`slope` is used before it is computed: in each update, compute the "
                  "slope of the current weights first, then update the weights.",
                  "NameError", r"name 'slope' is not defined"),
        ErrorHint("plot_not_available",
                  "`plt` (matplotlib) is not available here: leave the plot out, the "
                  "page plots your `mse_hist`.",
                  "NameError", r"name 'plt' is not defined"),
    ),
)

CHECKS = {checks.task_id: checks for checks in (CHECKS_1_9, CHECKS_1_10, CHECKS_2_5,
                                                 CHECKS_2_6, CHECKS_2_7)}


def task_checks(task_id):
    """The checks of one task. Raises ValueError for an unknown task id."""
    get_task(task_id)
    return CHECKS[task_id]


def preloaded_data(task_id):
    """The course's data of a task, as the checker compares them (course constants)."""
    return get_task(task_id).data
