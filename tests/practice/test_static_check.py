"""Guards the static check (``practice.static_check``) on its own, without running
anything: what the course's code needs passes (loops, functions, lambdas, f-strings,
``%`` formatting, ``try``/``except ValueError``, a ``_`` loop variable); each refused
construct gets its own message with its line; blanks are named with all their lines;
the whitelist of builtins holds nothing that the refusals name."""

from __future__ import annotations

import builtins

import pytest

from practice.static_check import (
    FORBIDDEN_NAMES,
    MAX_CODE_CHARS,
    SAFE_BUILTIN_NAMES,
    check_tree,
    find_problem,
)

ALLOWED = [
    "x = np.array([1, 2, 3])\nprint(x.sum(), x.mean(), x.shape, x.T)",
    "def square(v):\n    return v ** 2\n\nprint(square(3))",
    "f = lambda a, b=2: a * b\nprint(f(3))",
    "for _ in range(3):\n    pass",
    "print(f'{1.5:.2f} {[1, 2]!r}')",
    "print('Mean squared error: %f' % 37.5)",
    "try:\n    1 / 0\nexcept ZeroDivisionError as problem:\n    print(problem)",
    "values = [v * 2 for v in range(5) if v % 2]\nprint(sorted(values, reverse=True))",
    "weights = {'node_0': [2, 1]}\nprint(weights['node_0'], list(weights.items()))",
    "a, *rest = [1, 2, 3]\nwhile rest:\n    rest.pop()",
    "print(max([3, 1]), min(3, 1), abs(-2), round(2.567, 2), len('abc'))",
    "print(isinstance(3, int), zip([1], [2]), enumerate('ab'))",
]


@pytest.mark.parametrize("code", ALLOWED)
def test_what_the_course_needs_passes(code):
    assert find_problem(code) is None
    assert check_tree(code) is not None


REFUSED = [
    ("import numpy as np", 1, "`import` is not needed here"),
    ("x = 1\nfrom math import sqrt", 2, "`from ... import` is not needed here"),
    ("x.__class__", 1, "attributes starting with an underscore (`.__class__`)"),
    ("_private = 1", 1, "names starting with an underscore (`_private`)"),
    ("def f(_x):\n    return _x", 1, "names starting with an underscore (`_x`)"),
    ("def _helper():\n    pass", 1, "names starting with an underscore (`_helper`)"),
    ("print(_sep=1)", 1, "names starting with an underscore (`_sep`)"),
    ("'{0}'.format(1)", 1, "`.format` is not available in these exercises. Use an f-string"),
    ("np.zeros(2).tofile('x')", 1, "`.tofile` is not available"),
    ("g.gi_frame", 1, "`.gi_frame` is not available"),
    ("frame.f_back", 1, "`.f_back` is not available"),
    ("str.mro()", 1, "`.mro` is not available"),
    ("np.linalg.x = 1", 1, "setting or deleting an attribute (`.x`)"),
    ("del np.sum", 1, "setting or deleting an attribute (`.sum`)"),
    ("open('f')", 1, "`open` is not available in these exercises."),
    ("type(1)", 1, "`type` is not available in these exercises."),
    ("def f():\n    global x", 2, "`global` is not needed"),
    ("def f():\n    x = 1\n    def g():\n        nonlocal x", 4, "`nonlocal` is not needed"),
    ("class A:\n    pass", 1, "`class` definitions are not needed"),
    ("async def f():\n    pass", 1, "`async def` is not needed"),
    ("with x:\n    pass", 1, "`with` is not needed"),
    ("match x:\n    case 1:\n        pass", 1, "`match` is not needed"),
    ("try:\n    pass\nexcept:\n    pass", 3, "a bare `except:` is not allowed"),
    ("x = (1,\n", 1, "syntax error"),
]


@pytest.mark.parametrize(("code", "line", "message"), REFUSED)
def test_each_refusal_has_its_message_and_line(code, line, message):
    problem = find_problem(code)
    assert problem is not None and problem.line == line
    assert message in problem.message
    with pytest.raises(ValueError, match=f"^Line {line}: "):
        check_tree(code)


def test_blanks_are_named_with_all_their_lines_before_anything_else():
    code = "import os\nx = ____\ny = 1\nz = ____ + ____\n"
    problem = find_problem(code)
    assert problem.text() == "Line 2: fill in the blanks `____` first (lines 2, 4)."


def test_the_first_problem_in_reading_order_is_reported():
    code = "x = 1\ny = open('f')\nimport os\n"
    assert find_problem(code).line == 2
    assert "`.__code__`" in find_problem("f.__code__.co_consts").message


def test_code_size_is_capped():
    problem = find_problem("x = 1\n" * (MAX_CODE_CHARS // 6 + 1))
    assert problem.line is None and f"at most {MAX_CODE_CHARS:,}" in problem.message


def test_code_must_be_text():
    with pytest.raises(ValueError, match="code must be a str, got bytes"):
        find_problem(b"x = 1")


def test_whitelisted_builtins_exist_and_are_not_refused():
    for name in SAFE_BUILTIN_NAMES:
        assert hasattr(builtins, name), name
        assert name not in FORBIDDEN_NAMES, name


def test_builtins_that_run_code_or_reach_objects_are_not_whitelisted():
    dangerous = {"open", "exec", "eval", "compile", "getattr", "setattr", "delattr",
                 "globals", "locals", "vars", "dir", "__import__", "input", "breakpoint",
                 "help", "type", "object", "memoryview", "super", "__build_class__"}
    assert not dangerous & set(SAFE_BUILTIN_NAMES)
