"""Shared by the benchmarks: start a real Streamlit server and a Debian Chromium."""

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-quic"]


def free_port():
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def streamlit_server(app_dir=REPO_ROOT, threads=1):
    """Run ``streamlit run streamlit_app.py`` in ``app_dir``; yield (base_url, process,
    seconds until healthy). BLAS threads are capped so sessions share the 2 cores."""
    port = free_port()
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
               MKL_NUM_THREADS=str(threads))
    # The log must outlive this block: the server writes to it until it stops.
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)  # noqa: SIM115
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
         "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false", "--browser.serverAddress", "localhost",
         "--server.fileWatcherType", "none"],
        cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://localhost:{port}"
    try:
        while True:
            try:
                with urllib.request.urlopen(base_url + "/_stcore/health", timeout=1) as r:
                    if r.read().decode() == "ok":
                        break
            except OSError:
                pass
            if process.poll() is not None or time.perf_counter() - start > 30:
                log.seek(0)
                raise RuntimeError("streamlit did not start:\n" + log.read())
            time.sleep(0.05)
        process.log_path = log.name
        yield base_url, process, time.perf_counter() - start
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def server_log(process):
    """The text the server has logged so far."""
    return Path(process.log_path).read_text()


def percentile(values, q):
    """The q-th percentile (0-100) of ``values``, by linear interpolation."""
    import numpy as np

    return float(np.percentile(np.asarray(values, dtype=float), q))


# -- /proc readers (CPU of a process, the process table) -----------------------------

TICKS = os.sysconf("SC_CLK_TCK")


def read_ticks(pid):
    """utime + stime of a process, in clock ticks (None once it has exited)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])  # fields 14 and 15 of stat(5)


def read_cpu_seconds(pid):
    """CPU seconds a process's threads have run so far, to the nanosecond (the
    scheduler's own count, /proc/PID/task/*/schedstat), or None once it has exited.

    Clock ticks (read_ticks) count in steps of 10 ms: a median of per-move figures near
    100 ms then moves by 10 % with one tick. Threads that have already exited are not
    counted; Chromium's are long-lived."""
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return None
    total = 0
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (OSError, ValueError, IndexError):
            continue
    return total / 1e9


def process_table():
    """{pid: (ppid, command line)} of every process."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmd = f.read().split(b"\0")[0].decode(errors="replace")
        except OSError:
            continue
        table[int(entry)] = (ppid, cmd)
    return table


# -- the server's own time per script run ----------------------------------------------

# Loaded by the server's interpreter (PYTHONPATH): times every script run, as
# bench/page_speed.py does, and appends "wall_ms cpu_ms" to $BACKPROP_SCRIPT_TIMES.
SCRIPT_TIMER = """
import os, time
if os.environ.get("BACKPROP_SCRIPT_TIMES"):
    from streamlit.runtime.scriptrunner import script_runner

    _run_script = script_runner.ScriptRunner._run_script

    def _timed_run_script(self, *args, **kwargs):
        started, cpu_started = time.perf_counter(), time.thread_time()
        try:
            return _run_script(self, *args, **kwargs)
        finally:
            with open(os.environ["BACKPROP_SCRIPT_TIMES"], "a") as f:
                f.write(f"{(time.perf_counter() - started) * 1000:.1f} "
                        f"{(time.thread_time() - cpu_started) * 1000:.1f}\\n")

    script_runner.ScriptRunner._run_script = _timed_run_script
"""


def time_script_runs():
    """Make every Streamlit server started from now on time its script runs (through
    PYTHONPATH and the environment); returns the path of the file they are written to."""
    timer_dir = Path(tempfile.mkdtemp(prefix="script-times-"))
    (timer_dir / "sitecustomize.py").write_text(SCRIPT_TIMER)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(timer_dir), *filter(None, [os.environ.get("PYTHONPATH")])])
    path = timer_dir / "script_times.txt"
    os.environ["BACKPROP_SCRIPT_TIMES"] = str(path)
    return path


def read_script_times(path):
    """[(wall ms, CPU ms)] of every script run the server has finished so far."""
    if not path.exists():
        return []
    return [tuple(float(v) for v in line.split()) for line in path.read_text().splitlines()
            if len(line.split()) == 2]
