"""requirements.txt is what a hosted deploy installs: check that it installs into a
brand-new virtual environment on this Python and that the app's modules import."""

import subprocess
import sys
import venv

from tests.conftest import REPO_ROOT

IMPORT_APP = (
    "import core, ui.chapter, ui.diagram, ui.format, ui.controls, ui.quiz, ui.source; "
    "import streamlit, altair, pandas, numpy, sklearn; "
    "from streamlit.testing.v1 import AppTest; "
    f"at = AppTest.from_file({str(REPO_ROOT / 'streamlit_app.py')!r}, default_timeout=60).run(); "
    "assert not at.exception, at.exception; print('app imported and ran')"
)


def test_requirements_install_into_a_fresh_venv_and_the_app_runs(tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q",
         "-r", str(REPO_ROOT / "requirements.txt")],
        capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    run = subprocess.run([str(python), "-c", IMPORT_APP], capture_output=True, text=True,
                         cwd=REPO_ROOT, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "app imported and ran" in run.stdout
    assert sys.version_info >= (3, 11)
