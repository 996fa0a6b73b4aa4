"""Guards the five tasks themselves: each task's solution passes in a real worker and
prints what the course prints; the scaffold is refused for its blanks and the solution
fills exactly those blanks; the checker's expected numbers are the course's
(``core.course``); every pre-loaded name the task lists is there for the code."""

from __future__ import annotations

import re

import numpy as np
import pytest

from core import course
from practice import TASK_IDS, check_code, get_task
from practice.checks import task_checks
from practice.static_check import find_problem
from practice.tasks import preloaded_namespace

COURSE_OUTPUT = {
    # The seed's printed output, exactly (1.9's pre-loaded network is the seed's own
    # code, so its integer data prints 6 and 0).
    "1.9": "6\n0\n",
    "1.10": "Mean squared error with weights_0: 37.500000\n"
            "Mean squared error with weights_1: 49.890625\n",
    "2.5": "[14 28 42]\n",
    "2.6": "7\n5.04\n",
    "2.7": "",
}


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_solution_passes_and_prints_the_course_output(pool, task_id):
    feedback = check_code(task_id, get_task(task_id).solution, runner=pool)
    assert feedback.passed, feedback.message
    assert feedback.status == "passed"
    assert feedback.message.startswith("Correct!")
    assert feedback.stdout == COURSE_OUTPUT[task_id]


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_scaffold_is_refused_for_its_blanks_with_their_lines(task_id):
    scaffold = get_task(task_id).scaffold
    blank_lines = [number for number, line in enumerate(scaffold.splitlines(), start=1)
                   if "____" in line]
    assert blank_lines, "a scaffold without blanks"
    problem = find_problem(scaffold)
    assert problem is not None and problem.line == blank_lines[0]
    assert "fill in the blanks" in problem.message
    assert all(str(line) in problem.message for line in blank_lines)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_solution_fills_exactly_the_scaffolds_blanks(task_id):
    task = get_task(task_id)
    scaffold, solution = task.scaffold.splitlines(), task.solution.splitlines()
    assert len(scaffold) == len(solution)
    for blanked, filled in zip(scaffold, solution, strict=True):
        pattern = "^" + ".+".join(re.escape(part) for part in blanked.split("____")) + "$"
        assert re.match(pattern, filled), (blanked, filled)


@pytest.mark.parametrize("task_id", TASK_IDS)
def test_every_listed_preloaded_name_is_in_the_namespace(task_id):
    namespace = preloaded_namespace(task_id)
    listed = [name for name, _ in get_task(task_id).preloaded()]
    assert sorted(listed) == sorted(namespace)


def test_expected_values_are_the_course_numbers():
    def expected(task_id, name):
        check = next(c for c in task_checks(task_id).checks if c.name == name)
        return check.expected({"weights_1": course.TASK_1_9_WEIGHTS_1})

    assert (expected("1.9", "error_0"), expected("1.9", "error_1")) == course.TASK_1_9_ERRORS
    assert (expected("1.10", "mse_0"), expected("1.10", "mse_1")) == course.TASK_1_10_MSE
    np.testing.assert_allclose(expected("2.5", "slope"), course.TASK_2_5_SLOPE)
    assert expected("2.6", "error") == course.TASK_2_6_ERROR
    assert expected("2.6", "error_updated") == pytest.approx(course.TASK_2_6_UPDATED_ERROR)
    assert expected("2.6", "learning_rate") == course.TASK_2_6_LEARNING_RATE
    history = expected("2.7", "mse_hist")
    assert len(history) == course.TASK_2_7_N_UPDATES
    assert all(later < earlier for earlier, later in zip(history, history[1:], strict=False))


def test_preloaded_data_are_fresh_copies_for_every_run():
    first = preloaded_namespace("2.7")
    first["weights"][0] = 99
    assert preloaded_namespace("2.7")["weights"][0] == course.TASK_2_5_WEIGHTS[0]


def test_unknown_task_is_a_clear_value_error():
    with pytest.raises(ValueError, match=r"task_id must be one of \['1.9', '1.10', '2.5', "
                                         r"'2.6', '2.7'\], got '3.1'"):
        get_task("3.1")
    with pytest.raises(ValueError, match="code must be a str, got int"):
        check_code("2.7", 42)
