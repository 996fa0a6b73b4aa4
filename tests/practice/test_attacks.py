"""Guards the safety of running learner code against the attack corpus in ``attacks/``
(one submission per file, its header saying what it tries, the status it must end with
and a pattern its message must match) and a few generated ones.

Each attack goes straight to a real worker (the worker's own static check and process
limits face it, not only the server's check), then through ``check_code`` as the app
calls it. Each must fail with a clear message and no traceback; afterwards its worker
process is gone (by pid), its temporary directory is gone and was empty, the canary
path outside it was not written, the fork server is the same process, and a correct
solution run right after passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from practice import check_code, get_task, judge
from practice.static_check import find_problem

from .conftest import ATTACKS_DIR, path_gone, process_gone

CANARY = Path("/tmp/practice-attack-canary")
STATUSES = {"rejected", "error", "limit", "wrong"}


@dataclass(frozen=True)
class Attack:
    name: str
    what: str
    expect: str
    says: str
    code: str
    task_id: str = "2.7"


def read_attack(path):
    """An attack file: '# Attack: ...', '# Expect: ...', '# Says: <regex>', then code."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = {}
    for line in lines[:3]:
        key, _, value = line[2:].partition(": ")
        header[key.lower()] = value.strip()
    return Attack(path.stem, header["attack"], header["expect"], header["says"],
                  "".join(lines[3:]))


FILE_ATTACKS = [read_attack(path) for path in sorted(ATTACKS_DIR.glob("*.py"))]
GENERATED_ATTACKS = [
    Attack("oversized_code", "100,000 characters of code", "rejected",
           "at most 20,000 are accepted", "x = 1\n" * 20_000),
    Attack("nul_byte", "a NUL character in the code", "rejected", "NUL character",
           "x = 1\x00\n"),
    Attack("deep_unary_nesting", "an expression nested 15,000 deep for the parser",
           "rejected", "nested too deeply", "x = " + "-" * 15_000 + "1\n"),
]
ATTACKS = FILE_ATTACKS + GENERATED_ATTACKS


def test_the_corpus_holds_at_least_40_complete_attacks():
    assert len(ATTACKS) >= 40
    for attack in ATTACKS:
        assert attack.what and attack.says and attack.code.strip(), attack.name
        assert attack.expect in STATUSES, attack.name


@pytest.mark.parametrize("attack", ATTACKS, ids=[attack.name for attack in ATTACKS])
def test_attack_fails_clearly_and_leaves_nothing_behind(pool, attack):
    assert not CANARY.exists(), f"{CANARY} exists before the attack: remove it"
    code = attack.code
    result = pool.run(attack.task_id, code)  # the worker alone, without the server's check
    problem = find_problem(code)
    if problem is not None:
        assert result.status == "rejected", "the worker ran code its own check refuses"
        feedback = check_code(attack.task_id, code, runner=pool)
    else:
        feedback = judge(attack.task_id, result, code)

    assert feedback.status == attack.expect, feedback.message
    assert not feedback.passed
    assert re.search(attack.says, feedback.message), feedback.message
    assert "Traceback" not in feedback.message and "/site-packages/" not in feedback.message
    assert len(feedback.stdout) <= 10_000

    assert result.pid is not None and process_gone(result.pid), "the worker is still there"
    assert path_gone(result.workdir), "the worker's directory is still there"
    assert pool.unclean_workdirs == [], "a worker's directory was not empty"
    assert not CANARY.exists(), f"the attack wrote {CANARY}"


def test_the_server_keeps_serving_after_the_attacks(pool):
    zygote = pool.forkserver_pid
    for attack in FILE_ATTACKS[::7]:
        pool.run(attack.task_id, attack.code)
    feedback = check_code("2.7", get_task("2.7").solution, runner=pool)
    assert feedback.passed, feedback.message
    assert pool.forkserver_pid == zygote


def test_output_past_the_limit_keeps_the_first_10000_characters(pool):
    code = "for i in range(10 ** 7):\n    print('x' * 100)\n"
    feedback = check_code("2.7", code, runner=pool)
    assert feedback.status == "limit"
    assert feedback.stdout == (("x" * 100 + "\n") * 100)[:10_000]


def test_lone_surrogates_in_the_output_become_valid_text(pool):
    feedback = check_code("2.7", "print('a\\ud800b')\n", runner=pool)
    assert feedback.stdout == "a?b\n"
    feedback.stdout.encode("utf-8")  # what Streamlit sends must be valid UTF-8


@pytest.mark.parametrize("name", ["os", "sys", "subprocess", "open", "eval", "getattr"])
def test_dangerous_names_are_named_in_the_message(name):
    problem = find_problem(f"x = {name}\n")
    assert problem.text() == f"Line 1: `{name}` is not available in these exercises."


def test_an_escape_through_a_pre_loaded_function_is_refused_in_any_form():
    for code in ("get_slope.__globals__", "(lambda: 0).__globals__",
                 "predict_with_network.__closure__", "get_mse.__wrapped__"):
        assert "underscore" in find_problem(code).message, code


def test_regex_sanity_of_the_headers():
    for attack in ATTACKS:
        re.compile(attack.says)
