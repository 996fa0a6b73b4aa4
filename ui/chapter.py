"""The chapter map: one page per step of the course, in the chapter's order."""

from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parent.parent

# (script, title, url path, icon, what the learner does there)
PAGES = [
    ("app_pages/errors.py", "Prediction errors", "errors", ":material/calculate:",
     "Forward pass through the 2-2-1 ReLU network: edit inputs and weights, see the "
     "prediction and its error (course 1.1, 1.7-1.9)."),
    ("app_pages/mse.py", "Mean squared error", "mse", ":material/functions:",
     "Many data points, two weight sets: one loss per point, one number overall "
     "(1.2, 1.3, 1.10)."),
    ("app_pages/slopes.py", "Slopes", "slopes", ":material/trending_down:",
     "The slope of the loss for a weight, its tangent, one update with a learning "
     "rate (1.4-1.6, 2.1-2.6)."),
    ("app_pages/descent.py", "Gradient descent", "descent", ":material/stairs_2:",
     "Many updates: the MSE history, the path on the loss surface, divergence (2.7)."),
    ("app_pages/backprop.py", "Backpropagation", "backprop", ":material/hub:",
     "A full round on a live diagram: forward values, backward slopes, any weight's "
     "gradient as three factors (3, 4.1, 4.2, 4.4)."),
    ("app_pages/sgd.py", "Stochastic gradient descent", "sgd", ":material/shuffle:",
     "Batches and epochs: full-batch, mini-batch and stochastic descent on real and "
     "synthetic data (4.3)."),
]


def existing_pages():
    """The PAGES entries whose script exists (pages not written yet are left out)."""
    return [page for page in PAGES if (ROOT / page[0]).exists()]


def lesson_pages():
    """st.Page objects for the existing lesson pages, numbered in order."""
    return [st.Page(script, title=f"{number} · {title}", url_path=url_path, icon=icon)
            for number, (script, title, url_path, icon, _) in
            enumerate(existing_pages(), start=1)]
