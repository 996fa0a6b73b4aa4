"""A fork server for workers: one warm process that forks a fresh worker on request.

Starting a worker as a new interpreter costs some 0.25 s of CPU (numpy's import
dominates), on a 2-core machine that also serves the pages' sliders. The fork server
("zygote") imports numpy, the course's library and the worker's code once, then waits;
each request forks it (~3 ms), and the child isolates itself and becomes one worker
(``practice.worker.main``). The zygote never runs learner code and stays
single-threaded, so forking it is safe.

The server talks to the zygote over a Unix SEQPACKET socket. For each worker the zygote
sends back its pid and directory and, as file descriptors (SCM_RIGHTS), the pipe to the
worker's stdin, the pipe from its stdout, a status pipe and a pidfd. The zygote reaps
its children and writes each one's exit code to its status pipe; the server kills
through the pidfd, which cannot reach another process even once the pid is reused.

Zygote side: ``serve``. Server side: ``ForkServer``.
"""

import contextlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
_SPAWN = b"S"
_MAX_MESSAGE = 4096
_FDS_PER_WORKER = 4
# One BLAS thread: a single-threaded process can fork safely and enter a user namespace.
_BOOTSTRAP = (
    "import os, sys\n"
    "os.environ.update(OPENBLAS_NUM_THREADS='1', OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from practice.forkserver import serve\n"
    "serve(int(sys.argv[2]))\n"
)


class ForkServerError(RuntimeError):
    """The zygote did not answer a spawn request."""


class SpawnedWorker:
    """The server's handles on a worker the zygote forked: raw file descriptors."""

    def __init__(self, pid, workdir, to_worker, from_worker, status, pidfd):
        self.pid = pid
        self.workdir = workdir
        self.to_worker = to_worker
        self.from_worker = from_worker
        self.status = status
        self.pidfd = pidfd


class ForkServer:
    """The server's side: starts the zygote on first use (and again if it dies)."""

    def __init__(self):
        self._proc = None
        self._sock = None
        self._lock = threading.Lock()

    def spawn(self, timeout):
        """Fork a worker; return its ``SpawnedWorker`` handles.

        Raises ForkServerError if the zygote does not answer within ``timeout``
        seconds (it is then stopped, and the next spawn starts a new one).
        """
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._start()
            try:
                self._sock.settimeout(timeout)
                self._sock.sendall(_SPAWN)
                message, fds, _, _ = socket.recv_fds(self._sock, _MAX_MESSAGE,
                                                     _FDS_PER_WORKER)
            except OSError as problem:  # socket.timeout is an OSError
                self._stop_locked()
                raise ForkServerError(f"the fork server did not answer: {problem}") from None
        try:
            info = json.loads(message)
            pid, workdir = int(info["pid"]), str(info["workdir"])
        except (ValueError, KeyError, TypeError):
            for fd in fds:
                os.close(fd)
            raise ForkServerError(f"the fork server sent {message[:80]!r}.") from None
        if len(fds) < 3:
            for fd in fds:
                os.close(fd)
            raise ForkServerError("the fork server sent no pipes.")
        to_worker, from_worker, status = fds[:3]
        pidfd = fds[3] if len(fds) > 3 else None
        return SpawnedWorker(pid, workdir, to_worker, from_worker, status, pidfd)

    @property
    def pid(self):
        """The zygote's pid, or None when it is not running."""
        return None if self._proc is None else self._proc.pid

    def stop(self):
        """End the zygote (it exits when its socket closes; killed if it does not)."""
        with self._lock:
            self._stop_locked()

    def _start(self):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self._proc = subprocess.Popen(
                [sys.executable, "-I", "-c", _BOOTSTRAP, str(REPO_ROOT),
                 str(theirs.fileno())],
                pass_fds=[theirs.fileno()], stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={},
                start_new_session=True)
        finally:
            theirs.close()
        self._sock = ours

    def _stop_locked(self):
        if self._sock is not None:
            self._sock.close()
            self._sock = None
        if self._proc is not None:
            try:
                self._proc.wait(timeout=2.0)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
            self._proc = None


# -- the zygote ----------------------------------------------------------------------------


def serve(control_fd):
    """The zygote's life: import and warm up once, then fork a worker per request until
    the server closes the socket."""
    from . import worker

    worker.warm_up()
    control = socket.socket(fileno=control_fd)
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)  # wakes the select below
    children = {}  # pid -> (status pipe, workdir)
    while True:
        readable, _, _ = select.select([control, wake_read], [], [])
        if wake_read in readable:
            os.read(wake_read, 4096)
            _reap_children(children)
        if control in readable:
            requests = control.recv(64)
            if not requests:
                break  # the server is gone
            for _ in range(requests.count(_SPAWN)):
                _fork_worker(control, children, worker.main)
    # The children die with this process (PR_SET_PDEATHSIG); their directories are
    # empty, and an empty directory can go even while a process is chrooted into it.
    for _, workdir in children.values():
        _remove_empty(workdir)
    os._exit(0)


def _fork_worker(control, children, worker_main):
    workdir = tempfile.mkdtemp(prefix="practice-")
    # Execute-only: the worker can chroot and chdir into it; nobody can list it or
    # create anything in it.
    os.chmod(workdir, 0o111)
    to_worker_read, to_worker_write = os.pipe()
    from_worker_read, from_worker_write = os.pipe()
    status_read, status_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            _become_worker(to_worker_read, from_worker_write)
            worker_main(workdir)
        finally:
            os._exit(70)
    os.close(to_worker_read)
    os.close(from_worker_write)
    children[pid] = (status_write, workdir)
    handles = [to_worker_write, from_worker_read, status_read]
    with contextlib.suppress(AttributeError, OSError):  # no pidfd before Linux 5.3:
        handles.append(os.pidfd_open(pid))  # the server then kills by pid
    try:
        socket.send_fds(control, [json.dumps({"pid": pid, "workdir": workdir}).encode()],
                        handles)
    finally:
        for fd in handles:
            os.close(fd)


def _become_worker(stdin_fd, stdout_fd):
    """In the forked child: the request pipe on 0, the reply pipe on 1, /dev/null on 2,
    every other descriptor of the zygote closed, default signal handling."""
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.dup2(stdin_fd, 0)
    os.dup2(stdout_fd, 1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd > 2:
            with contextlib.suppress(OSError):  # the listing's own, already closed
                os.close(fd)


def _reap_children(children):
    """Reap every finished child, tell the server its exit code and remove its
    directory if it is empty (the server checks and removes what is left)."""
    while True:
        try:
            pid, wait_status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        if pid not in children:
            continue
        status_write, workdir = children.pop(pid)
        _remove_empty(workdir)
        with contextlib.suppress(OSError):  # the server has let go of this worker
            os.write(status_write, f"{os.waitstatus_to_exitcode(wait_status)}\n".encode())
        os.close(status_write)


def _remove_empty(workdir):
    with contextlib.suppress(OSError):  # gone already, or not empty: the server sees it
        os.rmdir(workdir)
