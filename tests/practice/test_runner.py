"""Guards the server's side of running code (``practice.runner``, ``practice.forkserver``):
runs beyond the limit get "busy" at once and a clear message, and the slot frees
again; the wall limit kills a worker and reaps it; each worker serves one run; the
pool survives the death of its fork server, whose workers die with it; shutting the
pool down ends every process it started; replies are JSON values only.

Every pool here is real (a fork server, forked isolated workers).
"""

from __future__ import annotations

import os
import signal
import threading
import time

import pytest

from practice import RunResult, WorkerPool, check_code, get_task, judge
from practice.forkserver import ForkServer
from practice.runner import WorkerProcess

from .conftest import path_gone, process_gone

SOLUTION = get_task("2.7").solution
ENDLESS = "while True:\n    pass\n"


def not_running(pid, timeout=10.0):
    """True once ``pid`` is gone or a zombie (dead, waiting for its parent)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                state = stat.read().rsplit(")", 1)[1].split()[0]
        except OSError:
            return True
        if state == "Z":
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def small_pool():
    """A pool of one warm worker and one run slot, busy at once when it is taken."""
    workers = WorkerPool(idle_workers=1, max_runs=1, busy_wait=0.0)
    workers.warm_up()
    try:
        yield workers
    finally:
        workers.shutdown()


def test_a_run_beyond_the_limit_is_busy_at_once_and_the_slot_frees(small_pool):
    first = {}
    endless = threading.Thread(target=lambda: first.update(
        result=small_pool.run("2.7", ENDLESS)))
    endless.start()
    time.sleep(0.5)  # the endless run holds the only slot now
    started = time.monotonic()
    feedback = check_code("2.7", SOLUTION, runner=small_pool)
    assert time.monotonic() - started < 0.5
    assert feedback.status == "busy" and not feedback.passed
    assert feedback.message == ("Busy: other code is running right now. Try again in a "
                                "moment.")
    endless.join(timeout=10)
    assert first["result"].status in ("cpu_limit", "wall_limit")
    assert check_code("2.7", SOLUTION, runner=small_pool).passed


def test_wall_limit_kills_the_worker_and_reaps_it():
    forkserver = ForkServer()
    try:
        worker = WorkerProcess.start(forkserver)
        started = time.monotonic()
        result = worker.run("2.7", ENDLESS, wall_seconds=0.3)
        assert result.status == "wall_limit"
        assert time.monotonic() - started < 2.0
        assert process_gone(result.pid) and path_gone(result.workdir)
    finally:
        forkserver.stop()


def test_each_worker_serves_one_run(pool):
    pids = [pool.run("2.7", SOLUTION).pid for _ in range(4)]
    assert len(set(pids)) == 4
    assert all(process_gone(pid) for pid in pids)


def test_a_run_sees_nothing_of_the_run_before(pool):
    pool.run("2.7", "mse_hist = [1, 2, 3]\nleftover = 42\n")
    feedback = check_code("2.7", "print(leftover)\n", runner=pool)
    assert feedback.status == "error"
    assert "name 'leftover' is not defined" in feedback.message


def test_the_pool_survives_its_fork_server_dying(small_pool):
    assert check_code("2.7", SOLUTION, runner=small_pool).passed
    deadline = time.monotonic() + 10
    while not small_pool.idle_pids() and time.monotonic() < deadline:
        time.sleep(0.01)
    idle = small_pool.idle_pids()
    zygote = small_pool.forkserver_pid
    assert idle and zygote
    os.kill(zygote, signal.SIGKILL)  # the pool's own child
    assert all(not_running(pid) for pid in idle), "a worker outlived its fork server"
    feedback = check_code("2.7", SOLUTION, runner=small_pool)
    assert feedback.passed, feedback.message
    assert small_pool.forkserver_pid not in (None, zygote)


def test_shutdown_ends_the_waiting_workers_and_the_fork_server():
    workers = WorkerPool(idle_workers=2)
    workers.warm_up()
    assert check_code("2.7", SOLUTION, runner=workers).passed
    deadline = time.monotonic() + 10
    while len(workers.idle_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    started = workers.idle_pids() + [workers.forkserver_pid]
    workers.shutdown()
    assert all(process_gone(pid) for pid in started)


def test_a_worker_abandoned_by_a_stopped_server_leaves_nothing_behind():
    forkserver = ForkServer()
    spawned = forkserver.spawn(15)
    zygote = forkserver.pid
    forkserver.stop()  # before the server ever reads the worker's ready line
    for fd in (spawned.to_worker, spawned.from_worker, spawned.status, spawned.pidfd):
        if fd is not None:
            os.close(fd)
    assert process_gone(zygote) and not_running(spawned.pid)
    assert path_gone(spawned.workdir)


def test_values_come_back_as_json_numbers(pool):
    result = pool.run("2.7", SOLUTION)
    assert result.values["mse_hist"]["kind"] == "array"
    assert all(type(value) is float for value in result.values["mse_hist"]["values"])
    assert result.values["input_data"] == {"kind": "array", "container": "ndarray",
                                           "shape": [3], "values": [1, 2, 3]}


@pytest.mark.parametrize(("arguments", "message"), [
    ({"idle_workers": 0}, "idle_workers must be an int >= 1, got 0."),
    ({"max_runs": 1.5}, "max_runs must be an int >= 1, got 1.5."),
    ({"busy_wait": -1}, "busy_wait must be >= 0, got -1."),
])
def test_pool_arguments_are_checked(arguments, message):
    with pytest.raises(ValueError, match=message.replace(".", r"\.")):
        WorkerPool(**arguments)


@pytest.mark.parametrize("result", [
    RunResult("ok", values={"mse_hist": {"kind": "array", "shape": [10 ** 9], "values": [1]}}),
    RunResult("ok", values={"mse_hist": {"kind": "dict", "items": 5}}),
    RunResult("ok", values={"mse_hist": "not a dict", "weights": {"kind": "pickle"}}),
    RunResult("ok", values=["not", "a", "dict"]),
    RunResult("error", error={"type": ["x"], "message": {"a": 1}, "line": "7"}),
    RunResult("error", error="boom"),
    RunResult("no such status"),
])
def test_judge_survives_replies_no_worker_of_ours_sends(result):
    feedback = judge("2.7", result)
    assert not feedback.passed and feedback.message
