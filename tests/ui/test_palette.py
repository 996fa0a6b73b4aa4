"""Guards the colours the app draws with: every chart colour readable on the light and
the dark theme's background (3:1 for lines and marks), and each theme's primary colour
(the widgets write their values in it) at 4.5:1 on its own background."""

import tomllib
from pathlib import Path

import pytest

from ui.palette import LINE_COLOURS

CONFIG = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
# Streamlit 1.67's own backgrounds (its frontend's light and dark themes, as the browser
# draws them: tests/browser/test_screens.py); config.toml sets no backgroundColor.
BACKGROUNDS = {"light": "#FFFFFF", "dark": "#171614"}


def luminance(colour):
    """WCAG 2 relative luminance of a #RRGGBB colour."""
    channels = [int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    high, low = sorted([luminance(first), luminance(second)], reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_matches_the_wcag_examples():
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", BACKGROUNDS)
@pytest.mark.parametrize("name", LINE_COLOURS)
def test_every_chart_colour_holds_3_to_1_on_both_backgrounds(name, theme):
    ratio = contrast(LINE_COLOURS[name], BACKGROUNDS[theme])
    assert ratio >= 3.0, f"{name} {LINE_COLOURS[name]} is {ratio:.2f}:1 on the {theme} theme"


def test_the_config_defines_both_themes_and_pins_neither():
    themes = tomllib.loads(CONFIG.read_text())["theme"]
    assert set(themes) == {"light", "dark"}, (
        "options on [theme] itself pin one theme and hide the viewer's theme switch")


@pytest.mark.parametrize("theme", BACKGROUNDS)
def test_each_primary_colour_is_readable_as_text_on_its_theme(theme):
    primary = tomllib.loads(CONFIG.read_text())["theme"][theme]["primaryColor"]
    assert contrast(primary, BACKGROUNDS[theme]) >= 4.5
