"""The server's side of running learner code: warm worker processes, used once each.

A worker is a process forked by the fork server (``practice.forkserver``), which has
imported numpy and the course's library once; the worker isolates itself and waits.
``WorkerPool`` keeps a few such workers ready, so a run costs a pipe write and read, not
an interpreter start; each worker serves one run and is killed, reaped and replaced, so
no run sees another's state. The replacement is forked after the run, and used workers
are reaped by a thread of their own, so neither delays the run's feedback.

At most ``max_runs`` runs at once in one server process; a run that cannot start within
``busy_wait`` seconds gets the status "busy" at once instead of queueing, so one session
that submits again and again cannot starve the others.

Only JSON crosses the pipe (never pickle), and the server reads at most
``MAX_REPLY_BYTES`` of it.
"""

import atexit
import json
import os
import queue
import select
import shutil
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from .forkserver import ForkServer, ForkServerError
from .isolation import MAX_OUTPUT_CHARS, WALL_SECONDS

READY_TIMEOUT_S = 15.0
EXIT_GRACE_S = 0.5
REAP_TIMEOUT_S = 5.0
# After this many failed starts in a row, runs report "unavailable" at once.
MAX_START_FAILURES = 3
MAX_REPLY_BYTES = 1024 * 1024


@dataclass(frozen=True)
class RunResult:
    """What one run gave, before the checker compares anything.

    status : "ok", "error" (the code raised), "rejected" (the worker's static check),
        "cpu_limit", "wall_limit", "memory_limit", "output_limit", "crashed",
        "busy" (no run slot free), "unavailable" (no worker could start)
    stdout : what the code printed (at most 10,000 characters)
    values : name -> encoded value (``practice.encoding``), for status "ok"
    error : {"type", "message", "line"} for status "error"
    message : the reason for status "rejected"
    pid : the worker's process id (None when no worker ran)
    workdir : the worker's empty directory (removed once the worker is reaped)
    isolation : what the worker's isolation held (``practice.isolation.isolate``)
    """

    status: str
    stdout: str = ""
    values: dict = field(default_factory=dict)
    error: dict | None = None
    message: str | None = None
    pid: int | None = None
    workdir: str | None = None
    isolation: dict | None = None


class WorkerStartError(RuntimeError):
    """A worker did not report ready."""


class WorkerProcess:
    """One forked, isolated worker waiting for its single request.

    Holds raw file descriptors from the fork server: the pipe to the worker's stdin,
    the pipe from its stdout, the status pipe (readable once the zygote has reaped it,
    holding its exit code) and a pidfd to kill it by.
    """

    def __init__(self, spawned):
        self.pid = spawned.pid
        self.workdir = spawned.workdir
        self._to_worker = spawned.to_worker
        self._from_worker = spawned.from_worker
        self._status = spawned.status
        self._pidfd = spawned.pidfd
        self.returncode = None
        self.isolation = None
        self._buffer = b""

    @classmethod
    def start(cls, forkserver, timeout=READY_TIMEOUT_S):
        """Fork a worker and wait until it is isolated and ready.

        Raises WorkerStartError (after cleaning up) if it is not ready within
        ``timeout`` seconds.
        """
        deadline = time.monotonic() + timeout
        try:
            worker = cls(forkserver.spawn(timeout))
        except ForkServerError as problem:
            raise WorkerStartError(str(problem)) from None
        try:
            line = worker._read_line(deadline)
            ready = json.loads(line) if line else {}
        except (TimeoutError, ValueError):
            ready = {}
        if not (isinstance(ready, dict) and ready.get("ready") is True):
            worker.discard()
            raise WorkerStartError(f"worker {worker.pid} did not report ready "
                                   f"(exit code {worker.returncode}).")
        worker.isolation = ready.get("isolation")
        return worker

    def alive(self):
        """True until the worker has ended. Asked of the pidfd where there is one: it
        answers even when the zygote is gone and cannot report any more."""
        if self._pidfd is not None:
            return not select.select([self._pidfd], [], [], 0)[0]
        return not self._reaped(0)

    def run(self, task_id, code, wall_seconds=WALL_SECONDS, reap=None):
        """Send the code, wait at most ``wall_seconds`` for the reply, and end the
        worker whatever happened.

        ``reap`` : None to kill, reap and clean up before returning; or a function
        the killed worker is handed to, to be reaped later (``WorkerPool``).
        """
        try:
            status, fields = self._exchange(task_id, code, wall_seconds)
        except BaseException:
            self.discard()
            raise
        if reap is None:
            self.discard()
        else:
            self.kill()
            reap(self)
        return RunResult(status, pid=self.pid, workdir=self.workdir,
                         isolation=self.isolation, **fields)

    def _exchange(self, task_id, code, wall_seconds):
        request = json.dumps({"task": task_id, "code": code}, ensure_ascii=False)
        deadline = time.monotonic() + wall_seconds
        try:
            _write_all(self._to_worker, request.encode("utf-8") + b"\n")
        except OSError:  # the worker is gone (BrokenPipeError)
            return self._exit_status(), {}
        finally:
            self._close("_to_worker")
        try:
            line = self._read_line(deadline)
        except TimeoutError:
            return "wall_limit", {}
        if line is None:
            return self._exit_status(), {}
        try:
            reply = json.loads(line)
        except ValueError:
            reply = None
        if not isinstance(reply, dict):
            return "crashed", {}
        values, error = reply.get("values"), reply.get("error")
        return str(reply.get("status", "crashed")), {
            "stdout": str(reply.get("stdout", ""))[:MAX_OUTPUT_CHARS],
            "values": values if isinstance(values, dict) else {},
            "error": error if isinstance(error, dict) else None,
            "message": str(reply.get("message", "")) or None}

    def _exit_status(self):
        """The status of a worker that ended without a reply, from its exit code."""
        if not self._reaped(EXIT_GRACE_S):
            return "crashed"
        if self.returncode in (-signal.SIGPROF, -signal.SIGXCPU):
            return "cpu_limit"
        return "crashed"

    def _read_line(self, deadline):
        """One line from the worker, or None at end of file or past MAX_REPLY_BYTES.

        Raises TimeoutError past the deadline (time.monotonic()).
        """
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_REPLY_BYTES or self._from_worker is None:
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            readable, _, _ = select.select([self._from_worker], [], [], remaining)
            if not readable:
                raise TimeoutError
            chunk = os.read(self._from_worker, 65536)
            if not chunk:
                return None
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line.decode("utf-8", "replace")

    def _reaped(self, timeout):
        """Wait up to ``timeout`` seconds for the status pipe: True once the zygote
        has reaped the worker (``returncode`` then holds its exit code) or is gone
        (``returncode`` -1)."""
        if self._status is None:
            return True
        readable, _, _ = select.select([self._status], [], [], timeout)
        if not readable:
            return False
        text = os.read(self._status, 64).decode("ascii", "replace").strip()
        self._close("_status")
        self.returncode = int(text) if text.lstrip("-").isdigit() else -1
        return True

    def kill(self):
        """SIGKILL the worker unless it has ended. Through the pidfd, or, without one,
        by pid while the zygote has not reaped it (so the pid is still the worker's)."""
        if self._pidfd is None and self._status is None:
            return  # reaped: the pid may belong to another process by now
        if self.alive():
            try:
                if self._pidfd is not None:
                    signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)
                else:
                    os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended meanwhile

    def discard(self):
        """Kill the worker if it still runs, wait until it is reaped, close every
        descriptor and remove its directory.

        Returns True if the directory was empty (nothing was written into it).
        Safe to call more than once.
        """
        self.kill()
        self._reaped(REAP_TIMEOUT_S)
        if self._pidfd is not None:  # the zygote may be gone: wait for the end itself
            select.select([self._pidfd], [], [], REAP_TIMEOUT_S)
        for name in ("_to_worker", "_from_worker", "_status", "_pidfd"):
            self._close(name)
        if not os.path.isdir(self.workdir):
            return True
        try:
            os.rmdir(self.workdir)
        except OSError:
            os.chmod(self.workdir, 0o700)
            shutil.rmtree(self.workdir, ignore_errors=True)
            return False
        return True

    def _close(self, name):
        fd = getattr(self, name)
        if fd is not None:
            setattr(self, name, None)
            os.close(fd)


def _write_all(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class WorkerPool:
    """Warm workers, a limit on simultaneous runs, a thread that refills the pool and
    one that reaps used workers.

    Parameters
    ----------
    idle_workers : int >= 1, workers kept started and waiting
    max_runs : int >= 1, runs at once in this process
    busy_wait : float >= 0, seconds a run waits for a free slot before "busy"
    """

    def __init__(self, idle_workers=2, max_runs=2, busy_wait=1.0):
        for name, value in (("idle_workers", idle_workers), ("max_runs", max_runs)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{name} must be an int >= 1, got {value!r}.")
        if not busy_wait >= 0:
            raise ValueError(f"busy_wait must be >= 0, got {busy_wait!r}.")
        self.idle_workers = idle_workers
        self.busy_wait = busy_wait
        self._slots = threading.BoundedSemaphore(max_runs)
        self._idle = deque()
        self._in_use = 0
        self._changed = threading.Condition()
        self._closed = False
        self._threads = []
        self._used = queue.Queue()
        self._forkserver = ForkServer()
        self.start_failures = 0
        self.last_isolation = None
        self.unclean_workdirs = []

    def warm_up(self):
        """Start the refill and reaper threads (once): the first run then finds a warm
        worker."""
        with self._changed:
            if self._closed:
                raise RuntimeError("the worker pool is shut down.")
            if not self._threads:
                self._threads = [
                    threading.Thread(target=self._refill, daemon=True,
                                     name="practice-worker-spawner"),
                    threading.Thread(target=self._reap_used, daemon=True,
                                     name="practice-worker-reaper"),
                ]
                for thread in self._threads:
                    thread.start()

    def run(self, task_id, code):
        """Run ``code`` for ``task_id`` in a warm worker; see ``RunResult``."""
        if not self._slots.acquire(timeout=self.busy_wait):
            return RunResult("busy")
        try:
            self.warm_up()
            worker = self._take(READY_TIMEOUT_S)
            if worker is None:
                return RunResult("unavailable")
            try:
                return worker.run(task_id, code, reap=self._used.put)
            finally:
                with self._changed:
                    self._in_use -= 1
                    self._changed.notify_all()  # now the spawner starts a replacement
        finally:
            self._slots.release()

    def idle_pids(self):
        """Process ids of the workers waiting now."""
        with self._changed:
            return [worker.pid for worker in self._idle]

    def shutdown(self):
        """Stop refilling, end every waiting worker, reap the used ones."""
        with self._changed:
            if self._closed:
                return
            self._closed = True
            waiting = list(self._idle)
            self._idle.clear()
            self._changed.notify_all()
        for worker in waiting:
            worker.discard()
        self._used.put(None)
        for thread in self._threads:
            thread.join(timeout=READY_TIMEOUT_S)
        self._forkserver.stop()

    @property
    def forkserver_pid(self):
        """The pid of the pool's fork server (None before the first worker)."""
        return self._forkserver.pid

    def _take(self, timeout):
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                while self._idle:
                    worker = self._idle.popleft()
                    if worker.alive():
                        self._in_use += 1
                        return worker
                    self._used.put(worker)
                    self._changed.notify_all()
                remaining = deadline - time.monotonic()
                if (self._closed or remaining <= 0
                        or self.start_failures >= MAX_START_FAILURES):
                    return None
                self._changed.wait(remaining)

    def _needs_worker(self):
        # Runs in progress count as occupied: their replacement waits until they end.
        return len(self._idle) + self._in_use < self.idle_workers

    def _refill(self):
        while True:
            with self._changed:
                while not self._closed and not self._needs_worker():
                    self._changed.wait()
                if self._closed:
                    return
            try:
                worker = WorkerProcess.start(self._forkserver)
            except (WorkerStartError, OSError):
                with self._changed:
                    self.start_failures += 1
                    self._changed.notify_all()  # a waiting run may give up now
                time.sleep(min(0.1 * 2 ** self.start_failures, 5.0))
                continue
            with self._changed:
                if self._closed:
                    worker.discard()
                    return
                self.start_failures = 0
                self.last_isolation = worker.isolation
                self._idle.append(worker)
                self._changed.notify_all()

    def _reap_used(self):
        while True:
            worker = self._used.get()
            if worker is None:
                return
            if not worker.discard():
                self.unclean_workdirs.append(worker.workdir)


class OneShotRunner:
    """A new fork server and worker for each run, without a pool: the command line,
    and the bench's cold reference (what a run costs without warm workers)."""

    def run(self, task_id, code):
        forkserver = ForkServer()
        try:
            worker = WorkerProcess.start(forkserver)
            return worker.run(task_id, code)
        except (WorkerStartError, OSError):
            return RunResult("unavailable")
        finally:
            forkserver.stop()  # after the run: its worker dies with it


_shared_pool = None
_shared_lock = threading.Lock()


def shared_pool():
    """The process's one ``WorkerPool``, made and warmed up on first use and shut down
    when the process exits."""
    global _shared_pool
    with _shared_lock:
        if _shared_pool is None:
            _shared_pool = WorkerPool()
            _shared_pool.warm_up()
            atexit.register(_shared_pool.shutdown)
        return _shared_pool
