"""Shared pytest configuration for all Backprop Studio tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parent.parent

# Shared CI machines are slow and noisy: no per-example deadline, no "too slow" health check.
settings.register_profile(
    "backprop",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("backprop")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """Absolute path of the repository root."""
    return REPO_ROOT
