"""Check a learner's code for a task: static check, run in a worker, compare with the
course, and say what to do next.

``check_code`` is the one entry point the page widget, the command line and the tests
use. The feedback names the first object that is missing or wrong, its value and the
expected value in the course's words, and the hint of the mistake it recognises.
"""

import ast
from dataclasses import dataclass, field

from .checks import same_data, task_checks
from .encoding import MISSING, Unreadable, decode
from .formatting import code_span, described
from .isolation import CPU_SECONDS, MAX_OUTPUT_CHARS, MEMORY_BYTES, WALL_SECONDS
from .runner import shared_pool
from .static_check import find_problem
from .tasks import get_task

PASSED, WRONG, ERROR, REJECTED, LIMIT, BUSY, UNAVAILABLE = (
    "passed", "wrong", "error", "rejected", "limit", "busy", "unavailable")

_LIMIT_MESSAGES = {
    "cpu_limit": f"Your code used more than {CPU_SECONDS:g} s of CPU time and was stopped. "
                 "Is there a loop that never ends?",
    "wall_limit": f"Your code ran for more than {WALL_SECONDS:g} s and was stopped. Is "
                  "there a loop that never ends?",
    "memory_limit": f"Your code needed more than {MEMORY_BYTES // 2**20} MB of memory and "
                    "was stopped. The tasks need a few numbers only.",
    "output_limit": f"Your code printed more than {MAX_OUTPUT_CHARS:,} characters and was "
                    f"stopped; the first {MAX_OUTPUT_CHARS:,} are shown.",
}


@dataclass(frozen=True)
class Feedback:
    """What the learner sees after Run.

    task_id : the task
    passed : True when every object the task names is right
    status : "passed", "wrong", "error" (the code raised), "rejected" (not run),
        "limit" (stopped by a limit), "busy" or "unavailable" (try again)
    message : Markdown, what is wrong and what to do (or the success)
    stdout : what the code printed
    line : the learner's line the message is about, if any
    name : the first object missing or wrong, if any
    mistake_id : the recognised mistake, if any (``practice.checks``)
    values : name -> the learner's (decoded) value of each object the task names
    """

    task_id: str
    passed: bool
    status: str
    message: str
    stdout: str = ""
    line: int | None = None
    name: str | None = None
    mistake_id: str | None = None
    values: dict = field(default_factory=dict)

    def to_json(self):
        """The command line's JSON: task, passed, message, stdout."""
        return {"task": self.task_id, "passed": self.passed, "message": self.message,
                "stdout": self.stdout}


def check_code(task_id, code, runner=None):
    """Check ``code`` as an answer to task ``task_id``.

    Parameters
    ----------
    task_id : "1.9", "1.10", "2.5", "2.6" or "2.7"
    code : str, the learner's code
    runner : object with ``run(task_id, code) -> RunResult``; default the process's
        shared ``WorkerPool``

    Returns
    -------
    Feedback

    Raises ValueError for an unknown task id or code that is not a str.
    """
    get_task(task_id)
    if not isinstance(code, str):
        raise ValueError(f"code must be a str, got {type(code).__name__}.")
    problem = find_problem(code)
    if problem is not None:
        return Feedback(task_id, False, REJECTED, problem.text(), line=problem.line)
    result = (runner or shared_pool()).run(task_id, code)
    return judge(task_id, result, code)


def judge(task_id, result, code=None):
    """Feedback for a finished run (a ``RunResult``) of ``code``.

    After an exception, the objects ``code`` had finished making before the failing
    line are checked too (without ``code``, only the exception is reported).
    """
    if result.status == "ok":
        return _compare(task_id, result)
    if result.status == "error":
        return _error_feedback(task_id, result, code)
    if result.status in _LIMIT_MESSAGES:
        return Feedback(task_id, False, LIMIT, _LIMIT_MESSAGES[result.status],
                        stdout=result.stdout)
    if result.status == "rejected":
        return Feedback(task_id, False, REJECTED, str(result.message or "Not allowed."))
    if result.status == "busy":
        return Feedback(task_id, False, BUSY, "Busy: other code is running right now. "
                        "Try again in a moment.")
    if result.status == "unavailable":
        return Feedback(task_id, False, UNAVAILABLE, "Your code could not be run right "
                        "now. Try again in a moment.")
    return Feedback(task_id, False, LIMIT, "The process running your code stopped "
                    "unexpectedly. Check your code and run it again.", stdout=result.stdout)


def _error_feedback(task_id, result, code):
    """The exception on the learner's line, and why: the first object finished before
    it that is already wrong (1.10's list of one prediction, which
    ``mean_squared_error`` then refuses), else the hint of a recognised error."""
    error = result.error if isinstance(result.error, dict) else {}
    kind, text = str(error.get("type", "Error"))[:80], str(error.get("message", ""))[:500]
    line = error.get("line") if isinstance(error.get("line"), int) else None
    where = f"Line {line}: " if line else ""
    message = where + code_span(f"{kind}: {text}" if text else kind)
    values = _decoded(task_id, result)
    finished = finished_before(code, line) if code is not None and line else set()
    data_names = task_checks(task_id).data_names
    problem = _first_problem(task_id, {
        name: value if name in finished or name in data_names else MISSING
        for name, value in values.items()}, skip_missing=True)
    hint = next((h for h in task_checks(task_id).error_hints if h.matches(kind, text)), None)
    name = mistake_id = None
    if problem is not None:
        name, text, mistake_id = problem
        message += f"\n\n{text}"
    elif hint is not None:
        message += f"\n\nHint: {hint.hint}"
        mistake_id = hint.mistake_id
    return Feedback(task_id, False, ERROR, message, stdout=result.stdout, line=line,
                    name=name, mistake_id=mistake_id, values=_shown(values))


def _compare(task_id, result):
    values = _decoded(task_id, result)
    problem = _first_problem(task_id, values, skip_missing=False)
    if problem is not None:
        name, message, mistake_id = problem
        return Feedback(task_id, False, WRONG, message, stdout=result.stdout, name=name,
                        mistake_id=mistake_id, values=_shown(values))
    return Feedback(task_id, True, PASSED, f"Correct! {task_checks(task_id).success}",
                    stdout=result.stdout, values=_shown(values))


def finished_before(code, line):
    """The names ``code`` binds only on lines before ``line`` and not inside a loop
    that holds ``line``: the objects complete when ``line`` raised.

    Binding is assignment (``x = ...``, ``x += ...``, ``for x in``) or a call of a
    method on the name (``x.append(...)``).
    """
    tree = ast.parse(code)
    bound = {}
    for node in ast.walk(tree):
        for name in _bound_names(node):
            bound.setdefault(name, []).append(node.lineno)
    unfinished = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.While)) and node.lineno <= line <= node.end_lineno:
            unfinished |= {name for inner in ast.walk(node) for name in _bound_names(inner)}
    return {name for name, lines in bound.items()
            if max(lines) < line and name not in unfinished}


def _bound_names(node):
    if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        return [node.id]
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)):
        return [node.func.value.id]
    return []


def _decoded(task_id, result):
    """The learner's values by name; what the worker cannot have sent (an escaped
    worker might) becomes Unreadable rather than an error in the server."""
    values = result.values if isinstance(result.values, dict) else {}
    decoded = {}
    for name in task_checks(task_id).result_names:
        data = values.get(name)
        if not isinstance(data, dict) or data.get("kind") == "missing":
            decoded[name] = MISSING
            continue
        try:
            decoded[name] = decode(data)
        except (ValueError, TypeError, KeyError, AttributeError):
            decoded[name] = Unreadable("value")
    return decoded


def _shown(values):
    return {name: value for name, value in values.items() if value is not MISSING}


def _first_problem(task_id, values, skip_missing):
    """(name, message, mistake_id) of the first pre-loaded name changed or object
    missing or wrong, in the task's order; None when all are right. With
    ``skip_missing``, objects not made yet are passed over."""
    checks = task_checks(task_id)
    data = get_task(task_id).data
    for name in checks.data_names:
        if not same_data(values[name], data[name]):
            now = described(values[name]) if values[name] is not MISSING else "deleted"
            return name, (f"You changed the pre-loaded `{name}`: it is now {now}, the "
                          f"course's is {described(data[name])}. Keep the data as "
                          "they are (Reset brings the scaffold back)."), "changed_data"
    for check in checks.checks:
        value = values[check.name]
        if value is MISSING:
            if skip_missing:
                continue
            return check.name, f"`{check.name}` is missing: create it, {check.meaning}.", \
                "missing"
        if _safely(check.accepts, value, values):
            continue
        mistake = next((m for m in check.mistakes if _safely(m.matches, value, values)),
                       None)
        example = "for example " if check.accept is not None else ""
        message = (f"`{check.name}` is {described(value)}, but it should be "
                   f"{check.meaning}: {example}{described(check.expected(values))}.")
        if mistake is not None:
            message += f"\n\nHint: {mistake.hint}"
        return check.name, message, mistake.mistake_id if mistake else None
    return None


def _safely(predicate, value, values):
    """A check's or mistake's verdict; False when the learner's value does not even fit
    it (a text where numbers were expected, an odd shape)."""
    try:
        return bool(predicate(value, values))
    except (ValueError, TypeError, KeyError, IndexError):
        return False
