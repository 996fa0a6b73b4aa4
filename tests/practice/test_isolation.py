"""Guards the worker's process isolation, layer by layer, beneath the static check: each
probe is trusted test code run in a fresh interpreter that applies one layer (or all)
of ``practice.isolation`` and then tries what an escaped learner would. A layer must
hold on its own, without the others: the network namespace stops connections, the
chroot hides the machine's files, the own uid cannot create files, the rlimits stop
forks, writes and big allocations, Landlock forbids opening any file, the seccomp filter
refuses sockets, forks, signals and writes, the CPU timer kills, the environment is
empty. Run as root (this machine)
and, through ``setpriv``, as an unprivileged user (a hosted share link).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap

import pytest

from practice import get_task

from .conftest import path_gone

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
IS_ROOT = os.geteuid() == 0
NOBODY = 65534


def nobody_can_run_the_checkout():
    """Root and setpriv are here, and an unprivileged user can read this checkout's
    practice package (a clone under a 0700 directory, as ``mktemp -d`` makes, cannot)."""
    if not IS_ROOT or shutil.which("setpriv") is None:
        return False
    probe = subprocess.run(
        ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", "test",
         "-r", os.path.join(REPO_ROOT, "practice", "isolation.py")], cwd="/", timeout=30)
    return probe.returncode == 0


CAN_BECOME_NOBODY = nobody_can_run_the_checkout()
NOBODY_REASON = ("needs root, setpriv and a checkout an unprivileged user can read, to "
                 "become one")
needs_root = pytest.mark.skipif(not IS_ROOT, reason="these layers need root")

PRELUDE = f"""
import errno, json, os, socket, sys, tempfile
os.environ["OPENBLAS_NUM_THREADS"] = "1"
sys.path.insert(0, {REPO_ROOT!r})
from practice import isolation

def attempt(action):
    try:
        action()
    except OSError as problem:
        return errno.errorcode.get(problem.errno, problem.errno)
    except MemoryError:
        return "MemoryError"
    return "done"

def workdir():
    path = tempfile.mkdtemp(prefix="practice-probe-", dir=PROBE_PARENT)
    os.chmod(path, 0o111)
    return path

out = {{}}
"""


def run_probe(body, user=None, timeout=30):
    """Run PRELUDE + body in a fresh interpreter (as ``user`` via setpriv when given);
    return (returncode, the JSON it printed or None). The probe's work directories go
    in a parent of their own (writable by any user, like /tmp), removed afterwards."""
    parent = tempfile.mkdtemp(prefix="practice-probes-")
    os.chmod(parent, 0o1777)
    prelude = PRELUDE.replace("PROBE_PARENT", repr(parent))
    command = [sys.executable, "-I", "-c", prelude + textwrap.dedent(body)]
    if user is not None:
        command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups",
                   *command]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                              cwd="/")
    finally:
        shutil.rmtree(parent, ignore_errors=True)
    lines = done.stdout.strip().splitlines()
    return done.returncode, (json.loads(lines[-1]) if lines else None)


@needs_root
def test_network_namespace_alone_stops_connections_even_to_this_machine():
    code, out = run_probe("""
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        out["namespace"] = isolation._new_network_namespace()
        out["loopback"] = attempt(lambda: socket.create_connection(("127.0.0.1", port), 1))
        out["outside"] = attempt(lambda: socket.create_connection(("1.1.1.1", 80), 1))
        print(json.dumps(out))
    """)
    assert out == {"namespace": "root", "loopback": "ENETUNREACH", "outside": "ENETUNREACH"}


@needs_root
def test_chroot_and_own_uid_alone_hide_files_and_refuse_creating_any():
    code, out = run_probe("""
        os.chdir(workdir())
        out["chroot"] = isolation._chroot()
        out["etc_passwd"] = attempt(lambda: open("/etc/passwd").read())
        out["uid_dropped"] = isolation._drop_to_own_uid()
        out["uid"] = os.getuid()
        out["list_root"] = attempt(lambda: os.listdir("/"))
        out["create"] = attempt(lambda: open("/new-file", "w"))
        out["mkdir"] = attempt(lambda: os.mkdir("/new-dir"))
        print(json.dumps(out))
    """)
    assert out["chroot"] is True and out["etc_passwd"] == "ENOENT"
    assert out["uid_dropped"] is True and out["uid"] >= 1 << 20
    assert out["list_root"] == out["create"] == out["mkdir"] == "EACCES"


@needs_root
def test_rlimits_alone_stop_forks_file_growth_and_big_allocations(tmp_path):
    outside = tmp_path / "opened-before"
    code, out = run_probe(f"""
        opened = open({str(outside)!r}, "w")
        space = isolation._mapped_bytes() + isolation.MEMORY_BYTES
        isolation._drop_to_own_uid()  # RLIMIT_NPROC does not bind root
        out["limits"] = isolation._set_rlimits(space)
        out["fork"] = attempt(os.fork)
        out["write"] = attempt(lambda: (opened.write("x" * 10), opened.flush()))
        out["allocate_300_mb"] = attempt(lambda: bytearray(300 * 2 ** 20))
        out["allocate_100_mb"] = attempt(lambda: bytearray(100 * 2 ** 20))
        print(json.dumps(out))
    """)
    assert all(value is not None for value in out["limits"].values()), out["limits"]
    assert out["fork"] == "EAGAIN"
    assert out["write"] == "EFBIG" and outside.stat().st_size == 0
    assert out["allocate_300_mb"] == "MemoryError" and out["allocate_100_mb"] == "done"


@pytest.mark.skipif(os.uname().machine != "x86_64", reason="the filter is x86-64 only")
def test_seccomp_alone_refuses_sockets_processes_signals_and_writes(tmp_path):
    existing = tmp_path / "existing"
    existing.write_text("kept")
    code, out = run_probe(f"""
        import ctypes, signal
        path = {str(existing)!r}
        out["installed"] = isolation.install_seccomp_filter()
        out["socket"] = attempt(socket.socket)
        out["fork"] = attempt(os.fork)
        out["kill_parent"] = attempt(lambda: os.kill(os.getppid(), 0))
        out["open_for_write"] = attempt(lambda: open(path, "w"))
        out["open_for_append"] = attempt(lambda: open(path, "a"))
        out["create"] = attempt(lambda: open(path + "-new", "x"))
        out["unlink"] = attempt(lambda: os.unlink(path))
        out["rename"] = attempt(lambda: os.rename(path, path + "-moved"))
        out["mkdir"] = attempt(lambda: os.mkdir(path + "-dir"))
        out["chroot"] = attempt(lambda: os.chroot("/"))
        out["unshare"] = ctypes.CDLL(None).unshare(0x40000000)
        out["read"] = open(path).read()
        print(json.dumps(out))
    """)
    assert out == {
        "installed": True, "socket": "EPERM", "fork": "EPERM", "kill_parent": "EPERM",
        "open_for_write": "EPERM", "open_for_append": "EPERM", "create": "EPERM",
        "unlink": "EPERM", "rename": "EPERM", "mkdir": "EPERM", "chroot": "EPERM",
        "unshare": -1, "read": "kept"}
    assert existing.read_text() == "kept"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["existing"]


LANDLOCK_PROBE = """
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    port = listener.getsockname()[1]
    kept = open("/etc/hostname")
    new_file = tempfile.gettempdir() + "/practice-landlock"  # gettempdir tries files
    out["abi"] = isolation.install_landlock()
    out["read"] = attempt(lambda: open("/etc/passwd").read())
    out["list"] = attempt(lambda: os.listdir("/"))
    out["create"] = attempt(lambda: open(new_file, "w"))
    out["connect"] = attempt(lambda: socket.create_connection(("127.0.0.1", port), 1))
    out["signal_parent"] = attempt(lambda: os.kill(os.getppid(), 0))
    out["already_open"] = attempt(kept.read)
    print(json.dumps(out))
"""


@pytest.mark.parametrize("user", [None, NOBODY], ids=["as this user", "as nobody"])
def test_landlock_alone_forbids_opening_any_file(user):
    if user is not None and not CAN_BECOME_NOBODY:
        pytest.skip(NOBODY_REASON)
    code, out = run_probe(LANDLOCK_PROBE, user=user)
    if out["abi"] == 0:
        pytest.skip("this kernel has no Landlock")
    assert out["read"] == out["list"] == out["create"] == "EACCES"
    assert out["already_open"] == "done"
    if out["abi"] >= 4:
        assert out["connect"] == "EACCES"
    if out["abi"] >= 6:
        assert out["signal_parent"] == "EPERM"


def test_cpu_timer_kills_a_busy_loop():
    code, out = run_probe("""
        isolation.start_cpu_timer(0.3)
        while True:
            pass
    """)
    assert code == -signal.SIGPROF


def test_isolate_empties_the_environment_and_reports_what_held():
    code, out = run_probe("""
        os.environ["SECRET_TOKEN"] = "do-not-leak"
        path = workdir()
        out["report"] = isolation.isolate(path)
        out["environ"] = dict(os.environ)
        print(json.dumps(out))
    """)
    assert out["environ"] == {}
    report = out["report"]
    assert report["environment_empty"] is True
    assert set(report) == {"network_namespace", "chroot", "uid", "uid_dropped",
                           "dies_with_parent", "rlimits", "landlock", "seccomp",
                           "environment_empty"}
    assert report["dies_with_parent"] is True
    if IS_ROOT:
        assert report["network_namespace"] == "root"
        assert report["chroot"] is True and report["uid_dropped"] is True
        assert report["seccomp"] is True


@pytest.mark.skipif(not CAN_BECOME_NOBODY, reason=NOBODY_REASON)
def test_unprivileged_user_gets_a_user_namespace_chroot_and_seccomp():
    nobody = NOBODY
    code, out = run_probe("""
        path = workdir()
        out["report"] = isolation.isolate(path)
        out["socket"] = attempt(socket.socket)
        out["fork"] = attempt(os.fork)
        out["etc_passwd"] = attempt(lambda: open("/etc/passwd").read())
        print(json.dumps(out))
    """, user=nobody)
    assert out is not None, "the probe printed nothing"
    report = out["report"]
    # What held for an unprivileged user on this kernel (user namespaces allowed):
    assert report["network_namespace"] == "user namespace"
    assert report["chroot"] is True and report["seccomp"] is True
    assert report["landlock"] >= 1
    assert report["uid_dropped"] is False  # no root to drop from
    assert out["socket"] == "EPERM" and out["fork"] == "EPERM"  # seccomp refuses clone
    assert out["etc_passwd"] == "ENOENT"


@pytest.mark.skipif(not CAN_BECOME_NOBODY or os.uname().machine != "x86_64",
                    reason=NOBODY_REASON + ", and x86-64 to simulate the host")
def test_a_host_without_user_namespaces_still_has_landlock_seccomp_and_rlimits(tmp_path):
    """A container that refuses unshare (Docker's default seccomp profile does, for
    an unprivileged user), simulated by a filter that refuses it before isolate."""
    code, out = run_probe("""
        import ctypes, errno as errnos
        s = isolation._statement
        no_unshare = b"".join([
            s(isolation._BPF_LD_W_ABS, isolation._NR_OFFSET),
            s(isolation._BPF_JEQ_K, 272, jf=1),
            s(isolation._BPF_RET_K, isolation._RET_ERRNO | errnos.EPERM),
            s(isolation._BPF_RET_K, isolation._RET_ALLOW)])
        buffer = ctypes.create_string_buffer(no_unshare, len(no_unshare))
        program = isolation._SockFprog(len(no_unshare) // 8, ctypes.addressof(buffer))
        libc = isolation._libc
        assert libc.prctl(isolation._PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0
        assert libc.prctl(isolation._PR_SET_SECCOMP, 2, ctypes.byref(program), 0, 0) == 0
        path = workdir()
        out["report"] = isolation.isolate(path)
        out["read_etc_passwd"] = attempt(lambda: open("/etc/passwd").read())
        out["socket"] = attempt(socket.socket)
        out["fork"] = attempt(os.fork)
        out["write_here"] = attempt(lambda: open("new-file", "w"))
        print(json.dumps(out))
    """, user=NOBODY)
    report = out["report"]
    assert report["network_namespace"] == "no" and report["chroot"] is False
    assert report["uid_dropped"] is False
    assert report["landlock"] >= 1 and report["seccomp"] is True
    assert report["rlimits"]["RLIMIT_NPROC"] == 0 and report["environment_empty"]
    assert out["read_etc_passwd"] == "EACCES"  # Landlock, in place of the chroot
    assert out["socket"] == "EPERM"  # seccomp, in place of the network namespace
    assert out["fork"] == "EPERM" and out["write_here"] in ("EACCES", "EPERM")


@needs_root
def test_the_pools_workers_hold_every_layer_on_this_machine(pool):
    result = pool.run("2.7", get_task("2.7").solution)
    assert result.status == "ok"
    report = result.isolation
    assert report["network_namespace"] == "root"
    assert report["chroot"] and report["uid_dropped"] and report["seccomp"]
    assert report["landlock"] >= 1 and report["environment_empty"]
    assert report["rlimits"]["RLIMIT_NPROC"] == 0 and report["rlimits"]["RLIMIT_FSIZE"] == 0
    assert path_gone(result.workdir)


UNPRIVILEGED_PYTHON = os.environ.get("PRACTICE_UNPRIVILEGED_PYTHON")


@pytest.mark.skipif(not (IS_ROOT and UNPRIVILEGED_PYTHON and shutil.which("setpriv")),
                    reason="set PRACTICE_UNPRIVILEGED_PYTHON to a Python with numpy that "
                           "nobody may run (this machine's venv lives under /root)")
def test_the_whole_pipeline_as_an_unprivileged_user():
    folder = tempfile.mkdtemp(prefix="practice-unprivileged-")  # pytest's tmp_path is 0700
    os.chmod(folder, 0o755)
    solution = os.path.join(folder, "solution.py")
    with open(solution, "w") as file:
        file.write(get_task("2.7").solution)
    os.chmod(solution, 0o644)
    prefix = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
              UNPRIVILEGED_PYTHON, "-m", "practice"]
    checked = subprocess.run([*prefix, "2.7", str(solution)], capture_output=True,
                             text=True, cwd=REPO_ROOT, timeout=60)
    assert json.loads(checked.stdout)["passed"] is True, checked.stderr
    held = subprocess.run([*prefix, "--isolation"], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=60)
    shutil.rmtree(folder)
    report = json.loads(held.stdout)
    assert report["network_namespace"] == "user namespace" and report["chroot"] is True
    assert report["landlock"] >= 1 and report["seccomp"] is True
