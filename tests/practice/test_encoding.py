"""Guards the JSON between worker and server (``practice.encoding``): numbers, arrays,
lists and dicts of the tasks survive the trip; anything large, deep or odd becomes a
named "other" instead of a large or deep message; text is always valid UTF-8; the
server refuses data the worker cannot have made."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from practice.encoding import MAX_ELEMENTS, Unreadable, clean_text, decode, encode


def trip(value):
    """encode, through JSON text, then decode: the worker-to-server path."""
    return decode(json.loads(json.dumps(encode(value))))


def test_task_values_survive_the_trip():
    assert trip(7) == 7 and trip(np.float64(5.04)) == 5.04 and trip(np.int64(3)) == 3
    assert trip(True) is True
    np.testing.assert_array_equal(trip(np.array([14, 28, 42])), [14, 28, 42])
    assert trip([9.0, 9.0, 0.0, 12.0]) == [9.0, 9.0, 0.0, 12.0]
    assert trip([np.float64(25.4), np.float64(13.2)]) == [25.4, 13.2]
    weights = trip({"node_0": [2, 1], "node_1": np.array([1, 0]), "output": [1, 1]})
    assert list(weights) == ["node_0", "node_1", "output"]
    np.testing.assert_array_equal(weights["node_1"], [1, 0])


def test_non_finite_numbers_survive_as_numbers():
    assert math.isnan(trip(float("nan"))) and trip(float("-inf")) == -math.inf


def test_large_deep_and_odd_values_become_named_others():
    assert trip(list(range(MAX_ELEMENTS + 1))) == Unreadable("list")
    assert trip(np.zeros(MAX_ELEMENTS + 1)) == Unreadable("ndarray")
    deep = []
    for _ in range(10):
        deep = [deep]
    assert trip(deep) == Unreadable("list")
    assert trip(10 ** 400) == Unreadable("a very large integer")
    assert trip(print) == Unreadable("builtin_function_or_method")
    assert trip([1, "a"]) == Unreadable("list")
    assert trip({1: 2}) == Unreadable("dict")
    assert trip(None).describe() == "None"
    assert trip(list(range(MAX_ELEMENTS + 1))).describe() == (
        "a list too large or too deeply nested to check (at most 1,000 numbers)")
    assert Unreadable("func`![x](y)").describe() == "a funcxy"
    assert trip("x" * 500) == Unreadable("text", "x" * 200)


def test_text_is_always_valid_utf8():
    assert clean_text("a\ud800b") == "a?b"
    assert trip("\udfff").text == "?"


@pytest.mark.parametrize("data", [[1], {"value": 1}, {"kind": "pickle", "value": "x"}])
def test_data_the_worker_cannot_make_is_refused(data):
    with pytest.raises(ValueError, match="encoded"):
        decode(data)
