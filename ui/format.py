"""Numbers printed the way the course prints them: 6, 2.24, 49.890625, [14 28 42]."""

import math

import numpy as np


def course_number(value, digits=12):
    """A number as the course prints it: integers without a decimal point, others
    with up to ``digits`` significant digits and no float noise (5.04, not
    5.040000000000001)."""
    value = float(value)
    if not math.isfinite(value):
        return "not finite"
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = f"{value:.{digits}g}"
    return text.replace("e+", "e")


def course_array(values, digits=12):
    """A 1-D array as numpy prints an integer array: [14 28 42]."""
    return "[" + " ".join(course_number(v, digits) for v in np.ravel(values)) + "]"


def signed(value, digits=12):
    """A number with an explicit sign, for changes: +0.05, -1.2."""
    text = course_number(value, digits)
    return text if text.startswith("-") or text == "not finite" else "+" + text
