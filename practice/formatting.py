"""Values written the way the course writes them, for task texts and feedback:
6, 5.04, 49.890625, [14 28 42], np.array([0, 3]), {'node_0': [2, 1], ...}."""

import math

import numpy as np

from .encoding import Unreadable

MAX_SHOWN = 8


def number(value):
    """A number without float noise: 6, 5.04 (not 5.040000000000001), 1e+20."""
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:.10g}"


def described(value):
    """A learner's (decoded) value for a Markdown message: numbers and arrays as
    inline code, a text as 'the text `...`', anything else in plain words."""
    if isinstance(value, Unreadable):
        if value.type_name == "text":
            return f"the text {code_span(value.text)}"
        return value.describe()
    return code_span(show(value))


def show(value):
    """A learner's (decoded) value in feedback: numbers, arrays as numpy prints them
    ([14 28 42]), lists as Python prints them ([9, 9, 0, 12]), long ones shortened."""
    if isinstance(value, Unreadable):
        return value.describe()
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, float, np.floating, np.integer)):
        return number(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{key}': {show(item)}" for key, item in value.items()) + "}"
    if isinstance(value, np.ndarray):
        if value.ndim == 0:
            return number(value)
        if value.ndim == 1:
            return "[" + " ".join(_shortened(value)) + "]"
        return "[" + " ".join(show(row) for row in value[:MAX_SHOWN]) + "]"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_shortened(value)) + "]"
    return str(value)


def literal(value):
    """A pre-loaded value as Python code the learner could type: np.array([0, 3]),
    [np.array([0, 3]), ...], {'node_0': np.array([2, 1]), ...}, 3."""
    if isinstance(value, np.ndarray):
        return "np.array([" + ", ".join(number(v) for v in value.ravel()) + "])"
    if isinstance(value, dict):
        return "{" + ", ".join(f"'{key}': {literal(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(literal(item) for item in value) + "]"
    return number(value)


def code_span(text):
    """``text`` as Markdown inline code it cannot break out of.

    Feedback is shown as Markdown, and parts of it are the learner's: an exception's
    message, a text value, a dict key. Inside a code span, ``![x](http://...)`` loads no
    image and ``$...$`` draws no formula; without backticks and line breaks, the text
    cannot close the span or start a new paragraph.
    """
    clean = str(text).replace("`", "'").replace("\r", " ").replace("\n", " ")
    return f"`{clean}`"


def _shortened(values):
    texts = [show(v) for v in values[:MAX_SHOWN]]
    if len(values) > MAX_SHOWN:
        texts += ["...", f"({len(values)} values)"]
    return texts
