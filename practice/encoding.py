"""Values between the worker and the server: plain JSON, never pickle.

The worker ``encode``s each object the task names into a small JSON-ready dict; the
server ``decode``s it into floats, lists and arrays it can compare. Unpickling would run
whatever the learner's objects ask for in the server; JSON only ever makes numbers,
strings, lists and dicts. The encoder caps sizes and depth, so a learner's 10**8-element
array or deeply nested list costs the worker, not the server.
"""

import math
import numbers
from dataclasses import dataclass

import numpy as np

MAX_ELEMENTS = 1_000
MAX_DEPTH = 3
MAX_TEXT = 200


# -- in the worker ---------------------------------------------------------------------


def encode(value, depth=0):
    """A JSON-ready description of one learner object.

    Returns
    -------
    dict with ``kind`` one of "number", "bool", "none", "text", "array", "dict",
    "other" (with ``type_name``), and the value where it has one.
    """
    if isinstance(value, (bool, np.bool_)):
        return {"kind": "bool", "value": bool(value)}
    if value is None:
        return {"kind": "none"}
    if isinstance(value, numbers.Real):
        return _encode_number(value)
    if isinstance(value, str):
        return {"kind": "text", "value": clean_text(value[:MAX_TEXT])}
    if isinstance(value, dict) and depth < MAX_DEPTH:
        return _encode_dict(value, depth)
    if isinstance(value, (list, tuple, np.ndarray)):
        array = _numeric_array(value)
        if array is not None:
            container = "ndarray" if isinstance(value, np.ndarray) else type(value).__name__
            return {"kind": "array", "container": container, "shape": list(array.shape),
                    "values": array.ravel().tolist()}
    return {"kind": "other", "type_name": type(value).__name__}


def clean_text(text):
    """``text`` with anything that is not valid UTF-8 (lone surrogates) replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _encode_number(value):
    try:
        number = float(value)
    except OverflowError:
        return {"kind": "other", "type_name": "a very large integer"}
    if isinstance(value, numbers.Integral) and abs(value) < 2**53:
        return {"kind": "number", "value": int(value)}
    return {"kind": "number", "value": number if math.isfinite(number) else repr(number)}


def _encode_dict(value, depth):
    if len(value) > 20 or not all(isinstance(key, str) for key in value):
        return {"kind": "other", "type_name": "dict"}
    return {"kind": "dict",
            "items": {clean_text(key[:MAX_TEXT]): encode(item, depth + 1)
                      for key, item in value.items()}}


def _numeric_array(value):
    """A float64 array of ``value`` when it is a small rectangular nest of numbers,
    else None. Sizes are checked before numpy sees the value."""
    if not _small_enough(value, MAX_ELEMENTS, 0):
        return None
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    return array if array.size <= MAX_ELEMENTS else None


def _small_enough(value, budget, depth):
    if isinstance(value, np.ndarray):
        return value.size <= budget and value.dtype.kind in "biuf"
    if isinstance(value, (list, tuple)):
        if depth >= MAX_DEPTH or len(value) > budget:
            return False
        return all(_small_enough(item, budget // max(len(value), 1), depth + 1)
                   for item in value)
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


# -- in the server -----------------------------------------------------------------------


MISSING = object()


@dataclass(frozen=True)
class Unreadable:
    """A learner object that is not a number, an array of numbers or a dict of them."""

    type_name: str
    text: str | None = None

    def describe(self):
        """In words, for Markdown: 'a function', 'None', 'a list too large or too deeply
        nested to check'. A text's own characters are not in it (see ``text``)."""
        if self.type_name == "text":
            return "a text"
        if self.type_name == "none":
            return "None"
        # Only letters, digits, spaces and underscores: the name came from the worker.
        name = "".join(c for c in self.type_name if c.isalnum() or c in " _")[:40]
        if name in ("list", "tuple", "ndarray", "dict"):
            return (f"a {name} too large or too deeply nested to check (at most "
                    f"{MAX_ELEMENTS:,} numbers)")
        if name.startswith("a "):
            return name
        return f"{'an' if name[:1] in 'aeiou' else 'a'} {name}"


def decode(data):
    """The server's view of what ``encode`` described: int or float, bool, list of
    floats (a list or tuple of numbers), ndarray, dict, or ``Unreadable``.

    Raises ValueError for data the worker cannot have produced.
    """
    if not isinstance(data, dict) or "kind" not in data:
        raise ValueError(f"an encoded value must be a dict with a 'kind', got {data!r:.80}.")
    kind = data["kind"]
    if kind == "number":
        value = data["value"]
        return float(value) if isinstance(value, str) else value
    if kind == "bool":
        return bool(data["value"])
    if kind == "array":
        return _decode_array(data)
    if kind == "dict":
        return {str(key): decode(item) for key, item in data["items"].items()}
    if kind == "text":
        return Unreadable("text", str(data["value"]))
    if kind == "none":
        return Unreadable("none")
    if kind == "other":
        return Unreadable(str(data["type_name"]))
    raise ValueError(f"unknown encoded kind {kind!r}.")


def _decode_array(data):
    array = np.asarray(data["values"], dtype=np.float64).reshape(data["shape"])
    if data.get("container") in ("list", "tuple") and array.ndim == 1:
        return array.tolist()
    return array
