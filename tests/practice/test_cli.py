"""Guards ``python -m practice TASK FILE``, the checker for teachers and scripts: it
prints the feedback as JSON with exactly the keys task, passed, message and stdout;
exit code 0 whenever the code was checked (passed, wrong, refused or stopped by a
limit) and 2 for a bad TASK or FILE, with the reason on stderr."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from practice import get_task

from .conftest import ATTACKS_DIR

REPO_ROOT = ATTACKS_DIR.parents[2]


def run_cli(*arguments):
    return subprocess.run([sys.executable, "-m", "practice", *map(str, arguments)],
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=60)


def test_a_correct_solution_passes_with_exit_code_0(tmp_path):
    solution = tmp_path / "solution.py"
    solution.write_text(get_task("2.5").solution)
    done = run_cli("2.5", solution)
    assert done.returncode == 0, done.stderr
    feedback = json.loads(done.stdout)
    assert feedback == {"task": "2.5", "passed": True, "message": feedback["message"],
                        "stdout": "[14 28 42]\n"}
    assert feedback["message"].startswith("Correct!")


def test_a_wrong_solution_is_checked_with_exit_code_0_and_its_hint(tmp_path):
    wrong = tmp_path / "wrong.py"
    wrong.write_text(get_task("2.6").solution.replace(
        "weights - learning_rate * slope", "weights + learning_rate * slope"))
    done = run_cli("2.6", wrong)
    assert done.returncode == 0
    feedback = json.loads(done.stdout)
    assert feedback["passed"] is False
    assert "Hint: You added the step" in feedback["message"]


def test_an_attack_file_is_checked_and_refused_with_exit_code_0():
    done = run_cli("2.7", ATTACKS_DIR / "40_np_load.py")
    assert done.returncode == 0
    feedback = json.loads(done.stdout)
    assert feedback["passed"] is False and "`.load` is not available" in feedback["message"]


@pytest.mark.parametrize(("arguments", "reason"), [
    (("3.1", "solution.py"), "TASK must be one of 1.9, 1.10, 2.5, 2.6, 2.7, got '3.1'."),
    (("2.7", "missing.py"), "FILE 'missing.py' cannot be read"),
    (("2.7",), "the following arguments are required: task, file"),
    ((), "the following arguments are required: task, file"),
])
def test_bad_task_or_file_exits_with_2_and_says_why(arguments, reason):
    done = run_cli(*arguments)
    assert done.returncode == 2
    assert done.stdout == ""
    assert reason in done.stderr


def test_a_file_that_is_not_text_exits_with_2(tmp_path):
    binary = tmp_path / "binary.py"
    binary.write_bytes(b"\xff\xfe\x00")
    done = run_cli("2.7", binary)
    assert done.returncode == 2 and "cannot be read" in done.stderr


def test_isolation_prints_what_holds_on_this_host():
    done = run_cli("--isolation")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["environment_empty"] is True and report["rlimits"]["RLIMIT_FSIZE"] == 0
