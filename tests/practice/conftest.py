"""Fixtures for the practice tests: one real worker pool for the session, and waits for
a worker process to be gone."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from practice import WorkerPool

ATTACKS_DIR = Path(__file__).resolve().parent / "attacks"
WIDGET_APP_DIR = Path(__file__).resolve().parent / "widget_app"
GONE_TIMEOUT_S = 10.0


@pytest.fixture(scope="session")
def pool() -> Iterator[WorkerPool]:
    """A real WorkerPool (fork server, warm workers), shut down after the session."""
    workers = WorkerPool()
    workers.warm_up()
    try:
        yield workers
    finally:
        workers.shutdown()


def process_gone(pid: int, timeout: float = GONE_TIMEOUT_S) -> bool:
    """True once no process (not even a zombie) has this pid, within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}"):
            return True
        time.sleep(0.01)
    return False


def path_gone(path: str, timeout: float = GONE_TIMEOUT_S) -> bool:
    """True once ``path`` does not exist, within ``timeout``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not os.path.exists(path):
            return True
        time.sleep(0.01)
    return False

