"""The colours every chart draws its lines and marks with: the Okabe-Ito palette, which
viewers with any of the common colour-vision deficiencies can tell apart, and two greys.

One set for both themes. A viewer switches the theme in the settings menu without a
rerun, so a chart drawn for one theme stays on screen in the other: each colour keeps a
contrast of at least 3:1 (lines and marks) against the light and the dark theme's
background (tests/ui/test_palette.py). Okabe-Ito's sky blue (2.3:1 on white), orange
and yellow do not, so the charts use its blue, vermillion, green and reddish purple;
the curve grey is the one between 3:1 on the dark background and a clear distance from
green for deuteranopia (tests/browser/test_accessibility.py). Text in charts takes the
theme's own colours (axis labels, legends, text marks without a colour of their own).
"""

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
CURVE_GREY = "#6A6A6A"      # a loss curve behind the marked points
GUIDE_GREY = "#8A8F98"      # guides behind the data (epoch boundaries)

LINE_COLOURS = {"BLUE": BLUE, "VERMILLION": VERMILLION, "GREEN": GREEN,
                "PURPLE": PURPLE, "CURVE_GREY": CURVE_GREY, "GUIDE_GREY": GUIDE_GREY}
