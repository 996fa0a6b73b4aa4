"""The colours every chart draws with: the Okabe-Ito palette, which viewers with any
of the common colour-vision deficiencies can tell apart, and two greys."""

BLUE = "#0072B2"
VERMILLION = "#D55E00"
GREEN = "#009E73"
SKY = "#56B4E9"
PURPLE = "#CC79A7"
CURVE_GREY = "#555555"      # a loss curve behind the marked points
GUIDE_GREY = "#8A8F98"      # guides behind the data (epoch boundaries)
