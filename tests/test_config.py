"""The production profile in .streamlit/config.toml: what a public deploy relies on."""

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
CONFIG = REPO_ROOT / ".streamlit" / "config.toml"


@pytest.fixture(scope="module")
def config():
    with CONFIG.open("rb") as f:
        return tomllib.load(f)


def test_xsrf_and_cors_protection_are_on(config):
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True


def test_uploads_are_capped_at_5_mb(config):
    assert config["server"]["maxUploadSize"] == 5


def test_error_details_are_reduced_to_the_type(config):
    assert config["client"]["showErrorDetails"] in {"type", "none"}


def test_viewers_get_the_viewer_toolbar(config):
    assert config["client"]["toolbarMode"] == "viewer"


def test_no_telemetry_no_static_folder_no_run_on_save(config):
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["enableStaticServing"] is False
    assert config["server"]["runOnSave"] is False
    assert config["server"]["headless"] is True


def test_existing_settings_are_kept(config):
    assert config["global"]["disableWidgetStateDuplicationWarning"] is True


def test_a_light_and_a_dark_theme_and_nothing_that_pins_one(config):
    """Options on [theme] itself pin a single theme: the viewer's system preference and
    the settings menu's switch are ignored. Only [theme.light] and [theme.dark]."""
    theme = config["theme"]
    assert set(theme) == {"light", "dark"}
    assert theme["light"]["primaryColor"].startswith("#")
    assert theme["dark"]["primaryColor"].startswith("#")


def flat_options(config, prefix=""):
    """{"section.key": value}, nested tables ([theme.light]) joined with dots."""
    options = {}
    for key, value in config.items():
        if isinstance(value, dict):
            options.update(flat_options(value, f"{prefix}{key}."))
        else:
            options[f"{prefix}{key}"] = value
    return options


def test_streamlit_reads_every_setting_as_written(config):
    """Every key is a real option (a typo would be ignored, or warned about, by
    Streamlit) and Streamlit parses it to the value written here."""
    code = (
        "import json, streamlit.config as c; c.get_config_options(force_reparse=True); "
        "print(json.dumps({k: c.get_option(k) for k in json.loads(input())}))"
    )
    options = flat_options(config)
    done = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(list(options)), cwd=REPO_ROOT,
        capture_output=True, text=True, timeout=60, check=True)
    parsed = json.loads(done.stdout.strip().splitlines()[-1])
    for name, value in options.items():
        assert parsed[name] == value, name
    assert "warning" not in done.stderr.lower(), done.stderr


def test_no_full_garbage_collection_after_every_run(config):
    # Streamlit's default walks every live object after each rerun (tens of ms of a
    # slider move on this machine); Python's generational collector still runs.
    assert config["runner"]["postScriptGC"] is False
