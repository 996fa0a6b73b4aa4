"""Guards the package boundary: ``practice`` imports only the standard library, numpy
and ``core`` (never streamlit: the widget is ``ui.practice``), and the server's side
(``import practice``) never imports the worker's module, which only worker processes
run."""

from __future__ import annotations

import json
import subprocess
import sys

from .conftest import ATTACKS_DIR

REPO_ROOT = ATTACKS_DIR.parents[2]


def imported_by(statement):
    """Top-level packages, beyond the standard library, that ``statement`` imports in a
    fresh interpreter, and whether practice.worker is among the modules."""
    code = (f"import sys\nbefore = set(sys.modules)\n{statement}\n"
            "new = set(sys.modules) - before\n"
            "tops = {m.split('.')[0] for m in new}\n"
            "print(__import__('json').dumps({'packages': sorted(t for t in tops if t not in "
            "sys.stdlib_module_names and not t.startswith('_')), "
            "'worker': 'practice.worker' in new}))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=REPO_ROOT, timeout=60, check=True)
    return json.loads(done.stdout)


def test_practice_imports_only_the_standard_library_numpy_and_core():
    found = imported_by("import practice, practice.worker, practice.forkserver")
    assert found["packages"] == ["core", "numpy", "practice"]


def test_the_server_side_does_not_import_the_worker():
    assert imported_by("import practice")["worker"] is False
