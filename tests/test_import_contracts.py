"""The layout's import rules (the import-linter contracts in pyproject.toml) hold, and
each contract really fails when the rule it states is broken: pages over ui over
practice over core, core and practice pure numpy, page folders independent, lesson
modules free of Streamlit."""

import shutil
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import REPO_ROOT

LINT = [sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
        "sys.exit(lint_imports_command())"]


def lint_imports(root):
    """Run import-linter in ``root`` (its pyproject.toml, its packages); the result."""
    return subprocess.run(LINT, cwd=root, capture_output=True, text=True, timeout=120,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"})


def test_the_code_keeps_every_import_contract():
    result = lint_imports(REPO_ROOT)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def layout_copy(tmp_path_factory):
    """A copy of the three layers and pyproject.toml to break rules in."""
    root = tmp_path_factory.mktemp("layout")
    for package in ("app_pages", "ui", "practice", "core"):
        shutil.copytree(REPO_ROOT / package, root / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    return root


@pytest.mark.parametrize("module, line, contract", [
    ("core/linear.py", "import ui.format", "Layers"),
    ("core/losses.py", "import practice.checker", "Layers"),
    ("practice/checker.py", "import ui.format", "Layers"),
    ("practice/tasks.py", "import streamlit", "practice is pure numpy"),
    ("ui/format.py", "import app_pages.errors.lesson", "Layers"),
    ("core/losses.py", "import pandas", "core is pure numpy"),
    ("core/network.py", "import streamlit", "core is pure numpy"),
    ("app_pages/slopes/charts.py", "import app_pages.descent.lesson",
     "Page folders do not import each other"),
    ("app_pages/descent/lesson.py", "import streamlit", "Lesson modules"),
    ("app_pages/backprop/lesson.py", "import altair", "Lesson modules"),
])
def test_breaking_a_rule_breaks_its_contract(layout_copy, module, line, contract):
    path = layout_copy / module
    original = path.read_text()
    path.write_text(original + f"\n{line}  # deliberately against the rules\n")
    try:
        result = lint_imports(layout_copy)
    finally:
        path.write_text(original)
    assert result.returncode != 0, result.stdout[-3000:]
    # One line per contract, "<name> KEPT" or "<name> BROKEN" (long names wrap).
    report = " ".join(result.stdout.split())
    names = [c["name"] for c in tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())[
        "tool"]["importlinter"]["contracts"]]
    name = next(n for n in names if n.startswith(contract))
    assert f"{name} BROKEN" in report, result.stdout[-3000:]
