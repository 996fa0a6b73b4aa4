"""Practice: the course's five coding tasks (1.9, 1.10, 2.5, 2.6, 2.7), run safely and
checked with feedback that teaches.

Imports only the standard library, numpy and ``core`` (never streamlit): the page
widget is ``ui.practice``. The learner's code never runs in this process; see
``practice.runner`` (worker processes), ``practice.isolation`` (their limits) and
``practice.static_check`` (what is refused before anything runs).
"""

from .checker import Feedback, check_code, judge
from .runner import OneShotRunner, RunResult, WorkerPool, shared_pool
from .tasks import TASK_IDS, TASKS, Task, get_task

__all__ = [
    "TASKS",
    "TASK_IDS",
    "Feedback",
    "OneShotRunner",
    "RunResult",
    "Task",
    "WorkerPool",
    "check_code",
    "get_task",
    "isolation_report",
    "judge",
    "shared_pool",
    "warm_up",
]


def warm_up():
    """Start the shared pool's workers now, so that the first Run finds one ready."""
    shared_pool()


def isolation_report():
    """What the isolation of this host's workers holds (``practice.isolation.isolate``):
    the report of the shared pool's last worker, or of one started for it."""
    report = shared_pool().last_isolation
    if report is None:
        report = OneShotRunner().run("2.7", "pass").isolation
    return report
