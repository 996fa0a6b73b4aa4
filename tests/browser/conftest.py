"""Fixtures for real-browser tests: a live Streamlit server and Debian's Chromium.

Set ``BACKPROP_APP_DIR`` to run the server from another directory (default: the repo root).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: F401  (used here and by tests/deploy)

REPO_ROOT = Path(__file__).resolve().parents[2]
HEALTH_TIMEOUT_S = 30.0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def streamlit_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """Start ``streamlit run streamlit_app.py`` on a free port; yield ``http://localhost:PORT``;
    stop the process by its handle afterwards (printing the log if it holds a Traceback)."""
    with streamlit_process(request) as (base_url, _):
        yield base_url


@contextlib.contextmanager
def streamlit_process(
    request: pytest.FixtureRequest,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit_server``, also yielding the server's process (tests/deploy kills one).

    A process the test has already killed is left alone at teardown."""
    app_dir = Path(os.environ.get("BACKPROP_APP_DIR", REPO_ROOT)).resolve()
    port = _free_port()
    base_url = f"http://localhost:{port}"
    cmd = [
        sys.executable, "-m", "streamlit", "run", "streamlit_app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        "--browser.serverAddress", "localhost",
        "--server.fileWatcherType", "none",
    ]  # fmt: skip
    log_file = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed in teardown
        prefix="streamlit-server-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    proc = subprocess.Popen(cmd, cwd=app_dir, stdout=log_file, stderr=subprocess.STDOUT)

    def server_log() -> str:
        return log_path.read_text(errors="replace")

    def stop() -> None:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        log_file.close()

    started = time.monotonic()
    while not _health_ok(base_url):
        if proc.poll() is not None or time.monotonic() - started > HEALTH_TIMEOUT_S:
            why = f"exited with code {proc.returncode}" if proc.poll() is not None else "timed out"
            stop()
            pytest.fail(
                f"Streamlit server in {app_dir} did not become healthy ({why}).\n"
                f"Log {log_path}:\n{server_log()}",
                pytrace=False,
            )
        time.sleep(0.1)
    print(f"\nStreamlit server healthy at {base_url} after {time.monotonic() - started:.2f} s")

    try:
        yield base_url, proc
    finally:
        stop()
        log = server_log()
        if "Traceback" in log:
            # Print past pytest's output capture so the traceback is always visible.
            message = f"\nStreamlit server log ({log_path}) contains a Traceback:\n{log}"
            capman = request.config.pluginmanager.getplugin("capturemanager")
            if capman is None:
                print(message)
            else:
                with capman.global_and_fixture_disabled():
                    print(message)
        else:
            log_path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def app_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """One real server for the whole test session."""
    with streamlit_server(request) as base_url:
        yield base_url


@pytest.fixture
def fresh_server(request: pytest.FixtureRequest) -> Iterator[str]:
    """A server of its own, that no session has visited yet (for first-visit tests)."""
    with streamlit_server(request) as base_url:
        yield base_url
