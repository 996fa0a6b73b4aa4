"""Fuzzing every page (issue 7): random valid combinations of every URL-bound control,
their extremes, malformed and repeated URL parameters, unknown keys and a few button
clicks; after every run no exception, no NaN/inf in a metric, chart, table or text,
and every message is one of the page's clear messages (see fuzz_helpers).

CI runs a modest number of examples per page; the large profile is
``FUZZ_EXAMPLES=500 python -m pytest tests/all_pages/test_fuzz_pages.py``.
``FUZZ_SGD_BUDGET`` (seconds of estimated training per sgd example, default 0.6)
bounds the sgd page's runs, which could otherwise take minutes (20 million updates
at 100,000 rows, batch 1, 200 epochs).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

import core
from app_pages.backprop.controls import HIDDEN_ACTIVATIONS, OUTPUT_ACTIVATIONS
from app_pages.backprop.controls import LEARNING_RATES as BACKPROP_RATES
from app_pages.backprop.lesson import (
    MAX_HIDDEN_LAYERS,
    MAX_NODES_PER_LAYER,
    NETWORK_KINDS,
    round_stages,
)
from app_pages.errors.nudge import DEFAULT_NUDGE, DEFAULT_SLOT, NUDGES, SLOTS
from app_pages.sgd.data import ROW_OPTIONS, SOURCES
from app_pages.sgd.lesson import epoch_work
from app_pages.sgd.train import BATCH_MODES
from app_pages.sgd.train import LEARNING_RATES as SGD_RATES
from app_pages.slopes.lesson import SLOPE_EXAMPLES
from core.course import (
    NOTE_2_2_INPUT,
    NOTE_2_2_LEARNING_RATE,
    NOTE_2_2_TARGET,
    NOTE_2_2_WEIGHT,
    QUIZ_1_7_CHOICES,
    QUIZ_1_8_CHOICES,
    QUIZ_3_3_CHOICES,
    QUIZ_3_4_CHOICES,
    QUIZ_4_4_CHOICES,
    TASK_1_9_INPUT,
    TASK_1_9_TARGET,
    TASK_1_9_WEIGHTS_0,
    TASK_1_10_WEIGHTS_0,
    TASK_1_10_WEIGHTS_1,
    TASK_2_7_LEARNING_RATE,
    TASK_2_7_N_UPDATES,
)
from core.rounds import MAX_ROUNDS
from tests.conftest import open_app_page
from ui.controls import LEARNING_RATES as LINEAR_RATES
from ui.format import course_number
from ui.seed_network import WEIGHT_SLOTS, weight_key

from .fuzz_helpers import (
    UNCHECKED,
    UNKNOWN_KEYS,
    Example,
    Param,
    control,
    fuzz_settings,
    grid_values,
    number_text,
    numbers_text,
    run_example,
    text_control,
)

CI_EXAMPLES = 20
SGD_BUDGET = float(os.environ.get("FUZZ_SGD_BUDGET", "0.6"))
QUIZ_RIGHT_OR_WRONG = [r"Right: ", r".+ is not it\. "]


# -- building blocks -----------------------------------------------------------------------


def slider(low, high, step, default):
    """A URL-bound slider: grid values (ends often), out-of-range and malformed text."""
    values = grid_values(low, high, step)
    if isinstance(low, int) and isinstance(step, int):
        values = values.map(int)
    valid = values.map(lambda v: Param(number_text(v), v))
    too_low, too_high = number_text(low - step), number_text(high + 10 * step)
    return control(valid, default, extra_malformed=(too_low, too_high))


def number_box(low, high, default):
    """A URL-bound integer number input."""
    valid = st.one_of(st.sampled_from([low, high]), st.integers(low, high)).map(
        lambda v: Param(str(v), v))
    # Streamlit truncates a fraction (?seed=1.5 gives 1): fine, but not the default
    fraction = st.just(Param("1.5", UNCHECKED, checked=False))
    return st.one_of(control(valid, default, extra_malformed=(str(low - 1), str(high + 1))),
                     fraction)


def choice(options, default, to_text=str):
    """A URL-bound select slider, selectbox or radio over ``options`` (the URL holds
    the option as formatted by ``to_text``)."""
    valid = st.sampled_from(list(options)).map(lambda v: Param(to_text(v), v))
    wrong = ["not an option", "0", str(to_text(options[0])).upper() + "X",
             " " + str(to_text(options[-1]))]
    return control(valid, default, extra_malformed=wrong)


def toggle(default):
    valid = st.booleans().map(lambda v: Param("true" if v else "false", v))
    return control(valid, default, extra_malformed=("yes", "maybe", "2"))


def actions(*possible, max_size=3):
    return st.lists(st.sampled_from(possible), max_size=max_size)


def with_unknown_keys(params, unknown):
    params = dict(params)
    for key, value in unknown.items():
        params.setdefault(key, Param(value, UNCHECKED, checked=False))
    return params


def page_examples(params, page_actions, fit=None):
    """Examples of one page: its controls (``params``), unknown URL keys, then actions;
    ``fit(params, todo)`` may trim an example (the sgd page's training budget)."""
    def example(params, unknown, todo):
        if fit is not None:
            params, todo = fit(params, todo)
        return Example(with_unknown_keys(params, unknown), todo)

    return st.builds(example, params, UNKNOWN_KEYS, page_actions)


def effective(param, default, worst=None):
    """The value a control takes for a budget: the seeded one, else its default; a
    repeated key counts as the costlier of its values (the larger number, or
    ``worst`` if it is one of them)."""
    if param is None:
        return default
    if isinstance(param.expected, tuple):
        if worst is not None and worst in param.expected:
            return worst
        numbers = [v for v in param.expected if isinstance(v, (int, float))]
        return max(numbers + [default]) if numbers else default
    return default if param.expected is UNCHECKED or param.expected is None else param.expected


# -- a Streamlit 1.67 bug that ui.controls.url_number works around --------------------


@pytest.mark.parametrize(("page", "key"), [("app_pages/sgd/page.py", "seed"),
                                           ("app_pages/backprop/page.py", "rounds")])
def test_an_infinite_url_number_for_an_integer_input_falls_back_to_the_default(page, key):
    # Streamlit 1.67's integer number input raises OverflowError on int(inf) for
    # ?key=1e999; url_number draws integer inputs as whole-number float inputs.
    at = open_app_page(page, {key: "1e999"}, timeout=60)
    assert not at.exception


# -- the errors page -------------------------------------------------------------------------

ERRORS_PAGE = "app_pages/errors/page.py"
ERRORS_MESSAGES = [r"A perfect prediction: the error is 0\.$",
                   r"The (error (before|after)|change of the error) .*too large to compute",
                   *QUIZ_RIGHT_OR_WRONG]


def errors_params():
    params = {f"input_{i}": slider(-10.0, 10.0, 0.5, float(TASK_1_9_INPUT[i]))
              for i in range(2)}
    params["target"] = slider(-20.0, 20.0, 0.5, float(TASK_1_9_TARGET))
    for node, index, _ in WEIGHT_SLOTS:
        params[weight_key("", node, index)] = slider(
            -5.0, 5.0, 0.5, float(TASK_1_9_WEIGHTS_0[node][index]))
    params["nudge_weight"] = choice(list(SLOTS), DEFAULT_SLOT)
    params["nudge_by"] = choice(NUDGES, DEFAULT_NUDGE, course_number)
    return st.fixed_dictionaries(params)


QUIZ_1_8 = [c.rstrip(".") for c in QUIZ_1_8_CHOICES]
errors_examples = page_examples(
    errors_params(),
    actions(("button", "load_weights_0"), ("button", "load_weights_1"),
            *[("choose", "quiz_1_7", c) for c in QUIZ_1_7_CHOICES],
            *[("choose", "quiz_1_8", c) for c in QUIZ_1_8], ("button", "quiz_1_7_reset"),
            ("set", "target", -20.0), ("set", "output_0", 5.0), ("set", "input_1", -10.0),
            ("set", "nudge_by", 1.0)))


@fuzz_settings(CI_EXAMPLES)
@given(example=errors_examples)
def test_fuzz_errors_page(example):
    run_example(ERRORS_PAGE, example, ERRORS_MESSAGES)


# -- the mse page ------------------------------------------------------------------------------

MSE_PAGE = "app_pages/mse/page.py"
MSE_MESSAGES = [r"Both weight sets give the same loss: ",
                r"\*\*weights_[01]\*\* gives the lower loss, so it is the better model",
                r".* The results below are for the last points and weights that worked\.$"]


def mse_params():
    params = {}
    for prefix, weights in (("w0_", TASK_1_10_WEIGHTS_0), ("w1_", TASK_1_10_WEIGHTS_1)):
        for node, index, _ in WEIGHT_SLOTS:
            params[weight_key(prefix, node, index)] = slider(-5.0, 5.0, 0.5,
                                                             float(weights[node][index]))
    return st.fixed_dictionaries(params)


mse_examples = page_examples(
    mse_params(),
    actions(("button", "mse_reset_table"), ("set", "w0_output_0", -5.0),
            ("set", "w1_node_1_1", 5.0), max_size=2))


@fuzz_settings(CI_EXAMPLES)
@given(example=mse_examples)
def test_fuzz_mse_page(example):
    run_example(MSE_PAGE, example, MSE_MESSAGES)


# -- the slopes page ---------------------------------------------------------------------------

SLOPES_PAGE = "app_pages/slopes/page.py"
SLOPES_MESSAGES = [
    r"What will the new weight be\? ",
    r"With input 0 the prediction is 0 whatever the weight",
    r"The slope is 0: the weight is already at the minimum",
    r"This step lands exactly on the minimum",
    r"The step goes downhill toward the minimum",
    r"\*\*Overshoot\*\*: the step jumps ",
    r"Right: you guessed ", r"You guessed ",
    r"(weights|input_data|target) is empty: type numbers",
    r"(weights|input_data|target): '.*' is not a (finite )?number",
    r"target must be one number, got \d+\.$",
    r"weights must have one value per input \(\d+\), got \d+\.$",
    r"These weights and inputs give numbers too large to compute",
]


def slopes_params():
    params = {
        "w": slider(-10.0, 10.0, 0.01, NOTE_2_2_WEIGHT),
        "x": slider(-10.0, 10.0, 0.5, NOTE_2_2_INPUT),
        "t": slider(-20.0, 20.0, 0.5, NOTE_2_2_TARGET),
        "lr": choice(LINEAR_RATES, NOTE_2_2_LEARNING_RATE, course_number),
        "predict": toggle(False),
        "guess": st.one_of(
            st.none(),
            st.floats(-1e6, 1e6, allow_nan=False).map(lambda g: round(g, 4)).map(
                lambda g: Param(number_text(g), g)),
            st.sampled_from(["abc", "1e999", "nan", ""]).map(
                lambda t: Param(t, UNCHECKED, checked=False))),
        "example": choice(list(SLOPE_EXAMPLES), list(SLOPE_EXAMPLES)[0]),
    }
    for prefix, defaults in SLOPE_EXAMPLES.values():
        n = len(defaults["weights"])
        params[f"{prefix}w"] = text_control(numbers_text(n, n) | numbers_text())
        params[f"{prefix}x"] = text_control(numbers_text(n, n) | numbers_text())
        params[f"{prefix}t"] = text_control(numbers_text(1, 1) | numbers_text(1, 3))
        params[f"{prefix}lr"] = choice(LINEAR_RATES, defaults["learning_rate"], course_number)
    return st.fixed_dictionaries(params)


slopes_examples = page_examples(
    slopes_params(),
    actions(("button", "guess_again"), ("set", "predict", True), ("set", "x", 0.0),
            ("set", "w", 10.0), ("set", "lr", 1.0), ("set", "guess", 2.24), max_size=3))


@fuzz_settings(CI_EXAMPLES)
@given(example=slopes_examples)
def test_fuzz_slopes_page(example):
    run_example(SLOPES_PAGE, example, SLOPES_MESSAGES)


# -- the descent page ---------------------------------------------------------------------------

DESCENT_PAGE = "app_pages/descent/page.py"
DESCENT_MESSAGES = [
    r"\*\*Flat ground\*\* from update \d+: every slope is below 0\.001",
    r"(Inputs|Targets)(, line \d+)?( is empty|: '.*' is not a (finite )?"
    r"number| is ragged: line \d+ has).* \(Fix it under \*Data\*\.\)$",
    r"targets: there are \d+ data point.* \(Fix it under \*Data\*\.\)$",
    r"(Starting weights( is empty|: '.*' is not a (finite )?number)|starting weights: each "
    r"data point has \d+ inputs).* \(Fix it in \*Starting weights\*\.\)$",
    r"weights give a loss too large to compute \(it overflows float64\) at the start",
    r"0 updates: the history holds only the start\.",
    r"\*\*Diverged at update \d+\*\*: the weights or the MSE grew too large",
    r"\*\*The MSE grows at every update\.\*\* The learning rate",
    r"The learning rate \S+ overshoots: each step jumps past the minimum",
    r"Even 0\.0001, the smallest rate offered, is too large for inputs this big",
    r"Try \S+: the largest rate offered whose steps go straight downhill",
    r"input_data is too large: the curvature of its MSE overflows float64\. No advice on "
    r"the learning rate",
    r"Choose two different weights for the axes of the surface\.$",
]


def rows_text():
    """Inputs of the descent: one data point per line."""
    def rows(shape_and_tokens):
        n_rows, n_cols, tokens = shape_and_tokens
        return "\n".join(", ".join(tokens[r * n_cols:(r + 1) * n_cols]) for r in range(n_rows))

    token = st.one_of(st.integers(-20, 20).map(str),
                      st.floats(-100, 100, allow_nan=False).map(lambda x: f"{x:.4g}"),
                      st.sampled_from(["0", "1e300", "1e154", "-1e200", "1e-300", "1000"]))
    shape = st.tuples(st.integers(1, 5), st.integers(1, 4))
    return shape.flatmap(lambda s: st.tuples(
        st.just(s[0]), st.just(s[1]),
        st.lists(token, min_size=s[0] * s[1], max_size=s[0] * s[1]))).map(rows)


def descent_params():
    names = [f"weights[{i}]" for i in range(4)]
    return st.fixed_dictionaries({
        "inputs": text_control(rows_text() | numbers_text(3, 3)),
        "targets": text_control(numbers_text(1, 5)),
        "w_start": text_control(numbers_text(1, 4)),
        "n": slider(0, 500, 1, TASK_2_7_N_UPDATES),
        "lr": choice(LINEAR_RATES, TASK_2_7_LEARNING_RATE, course_number),
        # its range follows the run: any value is only checked for not breaking the page
        "at": st.one_of(st.none(), st.integers(0, 520).map(lambda v: Param(str(v), v,
                                                                          checked=False))),
        "log": toggle(False),
        "sx": st.one_of(st.none(), st.sampled_from(names).map(
            lambda v: Param(v, v, checked=False))),
        "sy": st.one_of(st.none(), st.sampled_from(names).map(
            lambda v: Param(v, v, checked=False))),
    })


descent_examples = page_examples(
    descent_params(),
    actions(("button", "add_update"), ("button", "use_rate"), ("set", "log", True),
            ("set", "n", 0), ("set", "n", 1), ("set", "n", 500), ("set", "at", 0),
            ("set", "lr", 1.0), max_size=4))


@fuzz_settings(CI_EXAMPLES)
@given(example=descent_examples)
def test_fuzz_descent_page(example):
    run_example(DESCENT_PAGE, example, DESCENT_MESSAGES)


# -- the backprop page ---------------------------------------------------------------------------

BACKPROP_PAGE = "app_pages/backprop/page.py"
BACKPROP_MESSAGES = [
    r"(points|targets)( is empty: type at least one number| may hold at most \d+ points|: "
    r"point \d+ \(.*\) holds|: every point must hold the same number|: each point may hold "
    r"at most| must hold one value per point)",
    r"The quiz 4\.4 network has 2 inputs: give 2 values per point",
    r"The numbers are too large to compute: ",
    r"The predictions overflow float64 for these inputs",
    r"The learning rate \S+ diverges: round \d+ would send the loss",
    r"The last update raised the loss: the step overshot",
    r"Flat ground after \d+ rounds: every slope is below",
    r"Still not flat after \d+ rounds \(largest slope ",
    r"Dying ReLU: in .*, every node gets an input ≤ 0",
    r"Every slope is exactly 0: all the errors are 0",
    r"Not computed yet: the backward pass reaches `",
    r"Backprop and finite differences disagree here: a ReLU node sits at its kink",
    *QUIZ_RIGHT_OR_WRONG,
]


def points_text():
    """Data points for the backprop page: 1-9 points of 1-5 values, ';' or new lines."""
    token = st.one_of(st.integers(-10, 10).map(str),
                      st.floats(-10, 10, allow_nan=False).map(lambda x: f"{x:.3g}"),
                      st.sampled_from(["0", "1e300", "-1e200", "1e154", "1e-300", "100"]))

    def build(shape):
        n_rows, n_cols = shape
        return st.tuples(st.lists(token, min_size=n_rows * n_cols, max_size=n_rows * n_cols),
                         st.sampled_from(["; ", "\n", ";"])).map(
            lambda t: t[1].join(", ".join(t[0][r * n_cols:(r + 1) * n_cols])
                                for r in range(n_rows)))

    shape = st.tuples(st.integers(1, 9), st.one_of(st.just(2), st.integers(1, 5)))
    return shape.flatmap(build)


def stage_labels():
    labels = []
    for n_layers in range(2, MAX_HIDDEN_LAYERS + 2):
        labels += [s.label for s in round_stages(n_layers) if s.label not in labels]
    return labels


def backprop_params():
    params = {
        "net": choice(NETWORK_KINDS, NETWORK_KINDS[0]),
        "layers": slider(1, MAX_HIDDEN_LAYERS, 1, 1),
        "act": choice(HIDDEN_ACTIVATIONS, HIDDEN_ACTIVATIONS[0]),
        "out_act": choice(OUTPUT_ACTIVATIONS, OUTPUT_ACTIVATIONS[1]),
        "seed": number_box(0, 9999, 0),
        "biases": toggle(False),
        "zero_error": toggle(False),
        "points": text_control(points_text()),
        "targets": text_control(numbers_text(1, 9, separators=("; ", "\n", ", "))),
        "lr": choice(BACKPROP_RATES, NOTE_2_2_LEARNING_RATE),
        "rounds": number_box(0, MAX_ROUNDS, 0),
        # these follow the network: seeded with names that may or may not exist
        "step": st.one_of(st.none(), st.sampled_from(stage_labels()).map(
            lambda v: Param(v, v, checked=False))),
        "weight": st.one_of(st.none(), st.sampled_from(
            ["input_0 → node_0", "input_1 → node_1", "node_1 → output", "node_0 → node_3",
             "node_4 → output", "input_3 → node_2"]).map(lambda v: Param(v, v, checked=False))),
        "node": st.one_of(st.none(), st.sampled_from(["node_0", "node_1", "node_2", "node_9"])
                          .map(lambda v: Param(v, v, checked=False))),
        "point": st.one_of(st.none(), st.integers(1, 10).map(
            lambda i: Param(f"point {i}", f"point {i}", checked=False))),
    }
    for i in range(1, MAX_HIDDEN_LAYERS + 1):
        params[f"nodes_{i}"] = number_box(1, MAX_NODES_PER_LAYER, 2)
    return st.fixed_dictionaries(params)


backprop_examples = page_examples(
    backprop_params(),
    actions(("button", "update"), ("button", "train_flat"), ("button", "reset_rounds"),
            ("button", "step_start"), ("button", "step_back"), ("button", "step_next"),
            ("button", "step_all"),
            *[("choose", "q33", c) for c in QUIZ_3_3_CHOICES],
            *[("choose", "q34", c) for c in QUIZ_3_4_CHOICES],
            *[("choose", "q44", c) for c in QUIZ_4_4_CHOICES],
            ("set", "layers", 3), ("set", "lr", 1.0), ("set", "rounds", MAX_ROUNDS),
            ("set", "zero_error", True), max_size=4))


@fuzz_settings(CI_EXAMPLES)
@given(example=backprop_examples)
def test_fuzz_backprop_page(example):
    run_example(BACKPROP_PAGE, example, BACKPROP_MESSAGES)


# -- the sgd page ------------------------------------------------------------------------------------

SGD_PAGE = "app_pages/sgd/page.py"
SGD_MESSAGES = [
    r"The run diverged at update [\d,]+ \(epoch \d+\): the loss or the weights overflowed",
    r"No predictions to plot: the run diverged",
    r"This run trains [\d,]+ of the [\d,]+ epochs asked for: that many rows",
    r"Until a good CSV file is uploaded, the page keeps training on the previous data\.",
    r"No CSV file is loaded in this session\. An uploaded file is kept only in the memory",
    # a bad upload: the file's name, then what is wrong with it
    r"\*\*[^*]+\*\*: (The file is|This is not a CSV file|The file has|Column|Columns|Missing "
    r"values)",
    r"(The target column '.*' is (not in the file|constant)|Input column\(s\) .* are not in "
    r"the file|Pick at least one input column besides the target)",
]
SGD_DEFAULTS = {"data": "bank", "rows": 1000, "layers": 1, "nodes": 8, "batch_mode": "mini",
                "batch": 32, "epochs": 20, "reference": True}
UPLOADS = ["uploads/houses.csv", "bad_uploads/constant_target.csv", "bad_uploads/empty.csv",
           "bad_uploads/missing_values.csv", "bad_uploads/not_csv.json",
           "bad_uploads/not_csv.txt", "bad_uploads/one_column.csv", "bad_uploads/ragged.csv",
           "bad_uploads/text_column.csv", "bad_uploads/binary.png",
           "bad_uploads/too_many_columns.csv"]


def sgd_params():
    params = {
        "data": choice(list(SOURCES), "bank", SOURCES.get),
        "rows": choice(ROW_OPTIONS, 1000),
        "noise": slider(0.0, 20.0, 0.5, 3.0),
        "data_seed": number_box(0, 1_000_000, 0),
        "layers": slider(1, 3, 1, 1),
        "activation": choice(list(core.ACTIVATIONS), "relu"),
        "lr": choice(SGD_RATES, 0.01, course_number),
        "batch_mode": choice(list(BATCH_MODES), "mini", BATCH_MODES.get),
        "batch": slider(2, 1024, 1, 32),
        "epochs": slider(1, 200, 1, 20),
        "shuffle": toggle(True),
        "seed": number_box(0, 1_000_000, 0),
        "log": toggle(False),
        "reference": toggle(True),
    }
    for i in range(1, 4):
        params[f"nodes_{i}"] = slider(1, 64, 1, 8)
    return st.fixed_dictionaries(params)


def sgd_cost(params, epochs=None, rows=None, compare=False):
    """Estimated seconds of training (ours, scikit-learn's and the comparison's): the
    page's own estimate, epoch_work (units of about a nanosecond), with
    scikit-learn ~2.5 times ours."""
    data = effective(params["data"], "bank")
    n = {"bank": rows or effective(params["rows"], 1000), "diabetes": 442, "csv": 1000}[data]
    layers = effective(params["layers"], 1)
    sizes = [4 if data != "diabetes" else 10] + [
        effective(params[f"nodes_{i}"], 8) for i in range(1, layers + 1)] + [1]
    epochs = epochs or effective(params["epochs"], 20)
    batch = {"sgd": 1, "mini": min(effective(params["batch"], 32), n),
             "full": n}[effective(params["batch_mode"], "mini", worst="sgd")]

    def run(batch_size):
        return epochs * epoch_work(n, sizes, batch_size) * 1e-9

    cost = run(batch) * (3.5 if effective(params["reference"], True, worst=True) else 1.0)
    if compare:
        cost += run(n) + run(min(effective(params["batch"], 32), n)) + run(1)
    return cost


def fit_budget(params, todo):
    """Lower the epochs, then the rows, until the run fits SGD_BUDGET; drop the
    comparison if its stochastic run alone would not fit."""
    params = dict(params)
    for rows in sorted(ROW_OPTIONS, reverse=True):
        if rows > effective(params["rows"], 1000):
            continue
        epochs = effective(params["epochs"], 20)
        while epochs > 1 and sgd_cost(params, epochs, rows) > SGD_BUDGET:
            epochs = max(1, epochs // 2)
        if sgd_cost(params, epochs, rows) <= SGD_BUDGET or rows == ROW_OPTIONS[0]:
            if epochs != effective(params["epochs"], 20):
                params["epochs"] = Param(str(epochs), epochs)
            if rows != effective(params["rows"], 1000):
                params["rows"] = Param(str(rows), rows)
            break
    if ("button", "compare") in todo and sgd_cost(params, compare=True) > 2 * SGD_BUDGET:
        todo = [action for action in todo if action != ("button", "compare")]
    return params, todo


sgd_examples = page_examples(
    sgd_params(),
    actions(("button", "compare"), *[("upload", "sgd_upload", name) for name in UPLOADS],
            ("set", "log", True), ("set", "reference", False), ("set", "epochs", 1),
            ("set", "lr", 3.0), max_size=2),
    fit=fit_budget)


@fuzz_settings(CI_EXAMPLES)
@given(example=sgd_examples)
def test_fuzz_sgd_page(example):
    run_example(SGD_PAGE, example, SGD_MESSAGES, timeout=120)
