"""Controls for the linear model of chapter 2: numbers typed as text, the data of
tasks 2.5-2.7 as an editable table of text, and the learning-rate choice.

Text controls are bound to the URL, so a copied link reopens the same data. The
parsers raise ValueError with a message fit to show the learner as it is.
"""

import numpy as np
import streamlit as st

from core.course import (
    CODE_2_4_INPUT,
    CODE_2_4_LEARNING_RATE,
    CODE_2_4_TARGET,
    CODE_2_4_WEIGHTS,
    TASK_2_5_INPUT,
    TASK_2_5_TARGET,
    TASK_2_5_WEIGHTS,
    TASK_2_6_LEARNING_RATE,
)
from core.update import log_spaced_rates

from .controls import url_select_slider
from .format import course_number

LEARNING_RATES = log_spaced_rates(1e-4, 1.0)

# The slopes page's two examples of several weights: label -> (URL key prefix, numbers).
SLOPE_EXAMPLES = {
    "Code 2.4: weights [1 2], input [3 4]": ("c24_", {
        "weights": CODE_2_4_WEIGHTS, "input": CODE_2_4_INPUT, "target": CODE_2_4_TARGET,
        "learning_rate": CODE_2_4_LEARNING_RATE}),
    "Tasks 2.5-2.6: weights [0 2 1], input [1 2 3]": ("t25_", {
        "weights": TASK_2_5_WEIGHTS, "input": TASK_2_5_INPUT, "target": TASK_2_5_TARGET,
        "learning_rate": TASK_2_6_LEARNING_RATE}),
}


def format_numbers(values):
    """Numbers as the learner types them: "0, 2, 1"."""
    return ", ".join(course_number(v) for v in np.ravel(values))


def parse_numbers(text, name):
    """The numbers in ``text``, separated by commas or spaces, as a list of floats.

    Raises ValueError naming ``name`` when the text is empty, holds something that
    is not a number, or a number too large for float64.
    """
    tokens = [token for token in str(text).replace(",", " ").split() if token]
    if not tokens:
        raise ValueError(f"{name} is empty: type numbers separated by commas, e.g. 1, 2, 3.")
    numbers = []
    for token in tokens:
        try:
            number = float(token)
        except ValueError:
            raise ValueError(f"{name}: {token!r} is not a number. Type numbers separated "
                             "by commas, e.g. 1, 2, 3.") from None
        if not np.isfinite(number):
            raise ValueError(f"{name}: {token!r} is not a finite number (too large, inf "
                             "or nan); use numbers below 1e308.")
        numbers.append(number)
    return numbers


def parse_rows(text, name):
    """One row of numbers per non-empty line of ``text``, every row as long.

    Returns
    -------
    list of lists of floats

    Raises ValueError when there is no row, a row is malformed (see
    ``parse_numbers``) or the rows are ragged.
    """
    lines = [line for line in str(text).splitlines() if line.strip()]
    if not lines:
        raise ValueError(f"{name} is empty: type one data point per line, its inputs "
                         "separated by commas, e.g. 1, 2, 3.")
    rows = [parse_numbers(line, f"{name}, line {i}") for i, line in enumerate(lines, 1)]
    for i, row in enumerate(rows[1:], start=2):
        if len(row) != len(rows[0]):
            raise ValueError(
                f"{name} is ragged: line {i} has {len(row)} numbers but line 1 has "
                f"{len(rows[0])}. Every data point needs one value per input.")
    return rows


def numbers_input(label, key, default, help=None):
    """A text input bound to the URL holding comma-separated numbers.

    Returns the raw text; parse it with ``parse_numbers``.
    """
    return st.text_input(label, value=format_numbers(default), key=key,
                         bind="query-params", help=help)


def learning_rate_slider(key, default, label="Learning rate"):
    """A log-spaced learning-rate choice (0.0001 ... 1) bound to the URL."""
    return url_select_slider(label, key, LEARNING_RATES, float(default),
                             format_func=course_number,
                             help="Each update subtracts learning rate × slope from "
                                  "each weight (note 2.1).")


def linear_data(input_rows, targets, weights):
    """Turn parsed rows, targets and weights into plain lists for ``core.linear``
    (plain values also key the caches): one data point stays 1-D as in the seed
    (its error is a number), several make a batch. Raises ValueError when the
    counts do not match."""
    if len(targets) != len(input_rows):
        raise ValueError(
            f"targets: there are {len(input_rows)} data point(s) but {len(targets)} "
            "target(s); give one target per line of inputs.")
    if len(weights) != len(input_rows[0]):
        raise ValueError(
            f"starting weights: each data point has {len(input_rows[0])} inputs but "
            f"there are {len(weights)} weights; give one weight per input.")
    if len(input_rows) == 1:
        return list(input_rows[0]), float(targets[0]), list(weights)
    return [list(row) for row in input_rows], list(targets), list(weights)


def descent_data_controls(default_inputs, default_target, default_weights):
    """The data and starting weights of a descent, as text bound to the URL.

    Returns (input_data, target, weights) as plain lists and floats, ready for
    ``core.gradient_descent``.
    Raises ValueError with a message for the learner when the text is malformed,
    empty, ragged or inconsistent.
    """
    left, right = st.columns([3, 2])
    with left:
        inputs_text = st.text_area(
            "Inputs: one data point per line, comma-separated", key="inputs",
            value=format_numbers(default_inputs), height=100, bind="query-params")
    with right:
        targets_text = numbers_input("Targets: one per data point", "targets",
                                     np.atleast_1d(default_target))
        weights_text = numbers_input("Starting weights: one per input", "w_start",
                                     default_weights)
    rows = parse_rows(inputs_text, "Inputs")
    targets = parse_numbers(targets_text, "Targets")
    weights = parse_numbers(weights_text, "Starting weights")
    return linear_data(rows, targets, weights)
