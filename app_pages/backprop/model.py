"""Cached core calls for the backprop page, keyed on the page's plain settings.

The state after k rounds is deterministic from the settings, the learning rate and
k, so a link reopens it exactly; st.cache_data keeps reruns (a step click, a weight
pick) from redoing the rounds.
"""

from dataclasses import dataclass
from typing import NamedTuple

import streamlit as st

import core
from core.rounds import MAX_ROUNDS

from . import lesson


class Settings(NamedTuple):
    """The page's network and data settings, as plain values (a cache key)."""

    network_kind: str
    points: str
    targets: str
    hidden_sizes: tuple
    hidden_activation: str
    output_activation: str
    use_biases: bool
    seed: int
    zero_error: bool


@dataclass(frozen=True)
class Study:
    """Everything the page shows for one state.

    problem : lesson.Problem (the starting network and the data)
    history : core.RoundsHistory after the rounds applied
    gradients : core.Gradients of the current network (the next round's backward pass)
    numerical : core.numerical_gradient of the current network
    stages : the steps of a round, lesson.round_stages
    """

    problem: lesson.Problem
    history: core.RoundsHistory
    gradients: core.Gradients
    numerical: dict
    stages: list

    @property
    def network(self):
        """The current network (after the rounds applied)."""
        return self.history.network


def problem(settings):
    """lesson.build_problem for the settings (raises ValueError on bad input)."""
    return _problem(settings)


@st.cache_data(max_entries=64, show_spinner=False)
def _problem(settings):
    return lesson.build_problem(settings.network_kind, settings.points, settings.targets,
                              list(settings.hidden_sizes), settings.hidden_activation,
                              settings.output_activation, settings.use_biases,
                              settings.seed, settings.zero_error)


@st.cache_data(max_entries=64, show_spinner=False)
def study(settings, learning_rate, n_rounds):
    """The page's state after ``n_rounds`` rounds at ``learning_rate`` (ValueError on
    bad input or overflow)."""
    prob = _problem(settings)
    history = core.train_rounds(prob.network, prob.X, prob.y, learning_rate, n_rounds)
    gradients = core.backprop(history.network, prob.X, prob.y)
    numerical = core.numerical_gradient(history.network, prob.X, prob.y)
    return Study(prob, history, gradients, numerical,
                 lesson.round_stages(history.network.n_layers))


@st.cache_data(max_entries=64, show_spinner=False)
def rounds_until_flat(settings, learning_rate):
    """How many rounds "train to flat" applies: core.train_rounds(..., until_flat=True)
    from the start stops at the first flat point, or at the round that diverges
    (returned as is, so the page reports it), or at MAX_ROUNDS."""
    prob = _problem(settings)
    history = core.train_rounds(prob.network, prob.X, prob.y, learning_rate, MAX_ROUNDS,
                                until_flat=True)
    return history.diverged_at or history.rounds_done
