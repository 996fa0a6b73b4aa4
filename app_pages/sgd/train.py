"""The sgd page's network and training controls, and its cached runs: one run of
``core.train_sgd`` (in chunks, ``core.train_sgd_in_chunks``, so that long epochs
report progress), the scikit-learn reference, and the three-way comparison.

Runs are cached with ``st.cache_data`` keyed by plain values (the data's key and a
frozen RunSettings), so a control that does not change the run does not retrain.
A cached function cannot draw on the page's own elements, so each run creates its
progress bar itself, in an empty placeholder that it always makes first and fills
only once it has run for a moment: short runs draw nothing, and a cache hit replays
the one placeholder, empty, whether the run it replays was quick or slow.
"""

import json
import time
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

import core
from ui.format import course_number
from ui.url_widgets import (
    url_number,
    url_radio,
    url_select_slider,
    url_selectbox,
    url_slider,
)

from . import lesson
from .reference import sklearn_reference

LEARNING_RATES = [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0]
BATCH_MODES = {"sgd": "1 (stochastic)", "mini": "mini-batch", "full": "all rows (full)"}
CHART_POINTS = 4000     # per-update points of one run's chart
CSV_POINTS = 100_000    # per-update rows of the loss-history download
SCATTER_POINTS = 300     # enough to see the fit; each point is redrawn at every move
PROGRESS_AFTER = 0.3    # seconds before a run shows its progress bar
PREVIEW_AFTER = 0.1     # runs slower than this draw our curve before scikit-learn's
# Work one page run may ask for (core.epoch_work units, about a nanosecond each): a
# few seconds of our training, scikit-learn's reference about 2.5 times as long.
# A shared link can ask for 200 epochs of 100,000 rows one at a time (20 million
# updates, an hour of the server's time); such runs train fewer epochs instead.
TRAINING_BUDGET = 3e9
COMPARE_BUDGET = 2 * TRAINING_BUDGET  # the three runs of the comparison together


@dataclass(frozen=True)
class RunSettings:
    """Everything but the data that a run depends on (plain values: a cache key)."""

    hidden: tuple
    activation: str
    learning_rate: float
    batch_mode: str
    mini_batch: int
    epochs: int
    shuffle: bool
    seed: int

    def batch_size(self, n_samples):
        """The batch size this run uses on ``n_samples`` rows."""
        return {"sgd": 1, "mini": self.mini_batch_size(n_samples),
                "full": n_samples}[self.batch_mode]

    def mini_batch_size(self, n_samples):
        """The mini-batch size on ``n_samples`` rows (no larger than the data)."""
        return min(self.mini_batch, n_samples)


def network_controls():
    """Hidden layers, nodes per layer and activation; returns (hidden sizes, activation)."""
    layers = url_slider("Hidden layers", "layers", 1, 3, 1, 1)
    hidden = tuple(url_slider(f"Nodes in hidden layer {i}", f"nodes_{i}", 1, 64, 8, 1)
                   for i in range(1, layers + 1))
    activation = url_selectbox("Activation of the hidden nodes", "activation",
                               list(core.ACTIVATIONS))
    st.caption("The output node adds up its inputs (identity activation), as "
               "scikit-learn's MLPRegressor does.")
    return hidden, activation


def training_controls(hidden, activation):
    """Learning rate, batch size, epochs, shuffling and seed; returns RunSettings."""
    learning_rate = url_select_slider("Learning rate", "lr", LEARNING_RATES, 0.01,
                                      format_func=course_number)
    batch_mode = url_radio("Batch size", "batch_mode", list(BATCH_MODES), index=1,
                           format_func=BATCH_MODES.get, horizontal=True)
    mini_batch = url_slider("Mini-batch size", "batch", 2, 1024, 32, 1,
                            help="Used by the mini-batch choice and by the comparison.")
    epochs = url_slider("Epochs", "epochs", 1, 200, 20, 1)
    shuffle = st.toggle("Shuffle the rows every epoch", value=True, key="shuffle",
                        bind="query-params")
    seed = url_number("Random seed", "seed", 0, 0, 1_000_000, 1,
                      help="Draws the starting weights and the shuffling.")
    return RunSettings(hidden, activation, float(learning_rate), batch_mode,
                       int(mini_batch), int(epochs), bool(shuffle), int(seed))


# -- runs --------------------------------------------------------------------------------


def chunk_updates(batch_size):
    """Updates between two progress reports: about 50,000 rows' worth, at most 2,000
    updates (a few hundredths of a second of training)."""
    return max(1, min(2000, 50_000 // batch_size))


class _Progress:
    """A progress callback (updates done, total updates) that draws its bar only once
    the run has taken PROGRESS_AFTER seconds, then at most every 0.1 s. Each report is
    also where Streamlit can stop the run when the learner changes a control."""

    def __init__(self, label):
        # The placeholder exists from the start, quick run or slow: st.cache_data
        # replays the elements a run made, and a run that made one element more than
        # another would shift the elements after it on a cache hit, so the browser
        # would rebuild them (the loss chart from scratch) instead of updating them.
        self.label, self.start, self.last = label, time.perf_counter(), 0.0
        self.slot, self.shown = st.empty(), False

    def __call__(self, done, total):
        now = time.perf_counter()
        if now - self.start < PROGRESS_AFTER or now - self.last < 0.1 and done < total:
            return
        self.slot.progress(done / total, text=f"{self.label}: update {done:,} of {total:,}")
        self.shown, self.last = True, now

    def close(self):
        if self.shown:
            self.slot.empty()


def starting_network(n_inputs, settings):
    """The run's starting network: Glorot-uniform weights from the seed, zero biases."""
    return core.Network.random([n_inputs, *settings.hidden, 1], settings.activation,
                               "identity", use_biases=True, seed=settings.seed)


def _train(data, settings, batch_size, label):
    progress = _Progress(label)
    start = time.perf_counter()
    result = core.train_sgd_in_chunks(
        starting_network(data.X.shape[1], settings), data.X, data.y,
        settings.learning_rate, batch_size, settings.epochs, settings.shuffle,
        settings.seed, progress=progress, chunk_updates=chunk_updates(batch_size))
    seconds = time.perf_counter() - start
    progress.close()
    return result, seconds


@dataclass(frozen=True)
class RunSummary:
    """One run, cut down to what the page shows (charts get <= ~5,000 points).

    history_update, history_loss : per-update losses at the kept updates (numbered
        from 1), downsampled with every epoch boundary kept
    csv_update, csv_loss : the same for the download (up to 100,000 rows)
    epoch_loss : mean loss of each completed epoch; epoch_update : its last update
    predicted, actual : a sample of rows, in the target's original units
    """

    batch_size: int
    updates_per_epoch: int
    n_updates: int
    seconds: float
    diverged_at: int | None
    diverged_epoch: int | None
    final_loss: float
    history_update: np.ndarray
    history_loss: np.ndarray
    csv_update: np.ndarray
    csv_loss: np.ndarray
    epoch_loss: np.ndarray
    epoch_update: np.ndarray
    predicted: np.ndarray
    actual: np.ndarray
    weights: list
    biases: list


def _kept(losses, updates_per_epoch, max_points):
    boundaries = lesson.epoch_boundaries(losses.size, updates_per_epoch)
    keep = boundaries if boundaries.size < max_points // 2 else ()
    return lesson.downsample_history(losses, max_points, keep)


def _predictions(result, data):
    """Predicted and actual targets of a sample of rows, in the target's units; empty
    when the run diverged (its last weights predict nonsense)."""
    if result.diverged_at is not None:
        return np.empty(0), np.empty(0)
    rows = lesson.sample_rows(data.n_samples, SCATTER_POINTS, 0)
    predicted = result.network.predict(data.X[rows])[:, 0]
    finite = lesson.finite_rows(predicted)
    if not finite.any():
        return np.empty(0), np.empty(0)
    return (core.unstandardize(predicted[finite], data.y_mean, data.y_scale),
            core.unstandardize(data.y[rows][finite], data.y_mean, data.y_scale))


@st.cache_data(max_entries=32, show_spinner=False)
def train_run(data_key, settings, _data):
    """Train with core.train_sgd on the data named by ``data_key``; a RunSummary."""
    batch_size = settings.batch_size(_data.n_samples)
    result, seconds = _train(_data, settings, batch_size, "Training")
    losses = result.loss_per_update
    chart = _kept(losses, result.updates_per_epoch, CHART_POINTS)
    csv = _kept(losses, result.updates_per_epoch, CSV_POINTS)
    predicted, actual = _predictions(result, _data)
    return RunSummary(
        batch_size=batch_size, updates_per_epoch=result.updates_per_epoch,
        n_updates=losses.size, seconds=seconds, diverged_at=result.diverged_at,
        diverged_epoch=result.diverged_epoch,
        final_loss=core.loss(result.network, _data.X, _data.y),
        history_update=chart + 1, history_loss=losses[chart],
        csv_update=csv + 1, csv_loss=losses[csv],
        epoch_loss=result.loss_per_epoch,
        epoch_update=lesson.epoch_boundaries(losses.size, result.updates_per_epoch) + 1,
        predicted=predicted, actual=actual,
        weights=result.network.weights, biases=result.network.biases)


@dataclass(frozen=True)
class Reference:
    """The scikit-learn reference run beside ours.

    loss_per_epoch : its loss per epoch (the course's MSE); seconds : its time
    curve_gap : largest |ours - sklearn| over the epochs both completed
    weight_gap : largest |ours - sklearn| over the trained weights and biases
    """

    loss_per_epoch: np.ndarray
    seconds: float
    curve_gap: float
    weight_gap: float


@st.cache_data(max_entries=32, show_spinner=False)
def reference_run(data_key, settings, _data, _ours):
    """scikit-learn's MLPRegressor on the same data, settings and starting weights."""
    progress = _Progress("scikit-learn reference")
    batch_size = settings.batch_size(_data.n_samples)
    ref = sklearn_reference(starting_network(_data.X.shape[1], settings), _data.X,
                            _data.y, settings.learning_rate, batch_size, settings.epochs,
                            settings.shuffle, settings.seed, progress=progress,
                            chunk_updates=chunk_updates(batch_size))
    progress.close()
    both = min(ref.loss_per_epoch.size, _ours.epoch_loss.size)
    curve_gap = (float(np.max(np.abs(ref.loss_per_epoch[:both] - _ours.epoch_loss[:both])))
                 if both else float("nan"))
    gaps = [np.max(np.abs(a - b)) for a, b in zip(ref.weights + ref.biases,
                                                  _ours.weights + _ours.biases, strict=True)]
    return Reference(ref.loss_per_epoch, ref.seconds, curve_gap, float(max(gaps)))


@dataclass(frozen=True)
class CompareRow:
    """One of the three runs of the comparison."""

    method: str
    batch_size: int
    updates_per_epoch: int
    n_updates: int
    seconds: float
    epoch_loss: np.ndarray
    history_epoch: np.ndarray
    history_loss: np.ndarray
    diverged_at: int | None


COMPARE_POINTS = {"full batch": 200, "mini-batch": 1500, "stochastic (batch 1)": 2500}


@st.cache_data(max_entries=8, show_spinner=False)
def compare_runs(data_key, settings, _data):
    """Full batch, mini-batch and pure SGD from the same starting weights."""
    n = _data.n_samples
    rows = []
    for method, batch_size in (("full batch", n),
                               ("mini-batch", settings.mini_batch_size(n)),
                               ("stochastic (batch 1)", 1)):
        result, seconds = _train(_data, settings, batch_size, f"Comparing: {method}")
        losses = result.loss_per_update
        kept = _kept(losses, result.updates_per_epoch, COMPARE_POINTS[method])
        rows.append(CompareRow(method, batch_size, result.updates_per_epoch, losses.size,
                               seconds, result.loss_per_epoch,
                               (kept + 1) / result.updates_per_epoch, losses[kept],
                               result.diverged_at))
    return rows


def _budget_epochs(data, settings, batch_sizes, budget):
    sizes = (data.X.shape[1], *settings.hidden, 1)
    work = sum(lesson.epoch_work(data.n_samples, sizes, b) for b in batch_sizes)
    return lesson.training_budget_epochs(settings.epochs, work, budget)


def budget_note(asked, settings, what):
    """The message shown when ``what`` trains fewer epochs than asked for, or None."""
    if settings.epochs == asked:
        return None
    return (f"{what} trains {settings.epochs:,} of the {asked:,} epochs asked for: "
            "that many rows, updates and weights would keep the server busy for longer "
            "than this page allows. Use fewer rows or epochs, larger batches or a "
            "smaller network to train them all.")


def within_budget(data, settings):
    """``settings`` with no more epochs than TRAINING_BUDGET allows on ``data``."""
    epochs = _budget_epochs(data, settings, [settings.batch_size(data.n_samples)],
                            TRAINING_BUDGET)
    return replace(settings, epochs=epochs)


def compare_within_budget(data, settings):
    """``settings`` with no more epochs than the comparison's three runs together may
    use (COMPARE_BUDGET): full batch, mini-batch and one row per update."""
    n = data.n_samples
    epochs = _budget_epochs(data, settings, [n, settings.mini_batch_size(n), 1],
                            COMPARE_BUDGET)
    return replace(settings, epochs=epochs)


def planned_updates(n_samples, settings):
    """Updates the comparison will make: (full, mini-batch, stochastic)."""
    return tuple(settings.epochs * -(-n_samples // b)
                 for b in (n_samples, settings.mini_batch_size(n_samples), 1))


# -- downloads ---------------------------------------------------------------------------


WEIGHTS_HELP = ("Weights (one n_in x n_out matrix per layer), biases, activations, and the "
                "means and standard deviations that standardize new inputs and turn "
                "predictions back into the target's units.")
HISTORY_HELP = ("Columns update, epoch, batch_loss and epoch_mean_loss (on each epoch's "
                "last update). Every update up to 100,000 of them; longer runs keep the "
                "lowest and highest loss of each stretch and every epoch's last update.")


def weights_json(run, data, settings):
    """The trained network as JSON: weights (n_in x n_out per layer), biases, the
    activations, the standardization to apply to new inputs, and the settings."""
    document = {
        "layer_sizes": [run.weights[0].shape[0]] + [w.shape[1] for w in run.weights],
        "hidden_activation": settings.activation, "output_activation": "identity",
        "weights": [w.tolist() for w in run.weights],
        "biases": [b.tolist() for b in run.biases],
        "inputs": list(data.feature_names), "target": data.target_name,
        "standardization": {"input_mean": np.atleast_1d(data.x_mean).tolist(),
                            "input_scale": np.atleast_1d(data.x_scale).tolist(),
                            "target_mean": data.y_mean, "target_scale": data.y_scale},
        "loss": "mean squared error of the standardized target",
        "settings": {"hidden_layers": list(settings.hidden),
                     "learning_rate": settings.learning_rate,
                     "batch_size": run.batch_size, "epochs": settings.epochs,
                     "shuffle": settings.shuffle, "seed": settings.seed},
    }
    return json.dumps(document, indent=1)


def history_csv(run):
    """The loss history as CSV: update, epoch, batch loss, and the epoch's mean loss
    on the last update of each epoch (every update up to 100,000 of them)."""
    frame = pd.DataFrame({"update": run.csv_update,
                          "epoch": (run.csv_update - 1) // run.updates_per_epoch + 1,
                          "batch_loss": run.csv_loss})
    epoch_mean = pd.Series(run.epoch_loss, index=run.epoch_update)
    frame["epoch_mean_loss"] = frame["update"].map(epoch_mean)
    return frame.to_csv(index=False)


# -- the loss chart with scikit-learn's curve ---------------------------------------------


def draw_loss_chart(data_key, settings, data, run, with_reference, log_scale):
    """Draw the run's loss chart, with scikit-learn's curve when ``with_reference``;
    returns the Reference or None.

    When scikit-learn may take a while (our run took more than PREVIEW_AFTER
    seconds and this session has not computed this reference yet), our curve is
    drawn at once and redrawn with scikit-learn's when that is ready.
    """
    from .charts import loss_chart, loss_chart_alt

    # The chart is drawn straight into its place unless a preview comes first: a
    # placeholder (st.empty) would reach the browser before the chart at every rerun
    # and could make it build the chart from scratch instead of swapping its data.
    slot = st
    reference = None
    if with_reference and run.n_updates:
        seen = st.session_state.setdefault("sgd_reference_seen", set())
        if run.seconds > PREVIEW_AFTER and (data_key, settings) not in seen:
            slot = st.empty()
            slot.vega_lite_chart(loss_chart(run, None, log_scale), alt=loss_chart_alt(run),
                                 width="stretch")
        reference = reference_run(data_key, settings, data, run)
        seen.add((data_key, settings))
    slot.vega_lite_chart(loss_chart(run, reference, log_scale),
                         alt=loss_chart_alt(run, reference), width="stretch")
    return reference


def reference_note(run, reference):
    """What the page says under the loss chart about scikit-learn's run."""
    if reference is None:
        return ("Turn on the comparison to train the same network with scikit-learn's "
                "MLPRegressor and draw its loss per epoch on the same chart.")
    note = (f"**scikit-learn** (MLPRegressor, solver 'sgd', no momentum, no penalty, the "
            f"same starting weights and batches) took {course_number(reference.seconds, 2)}"
            f" s; our numpy took {course_number(run.seconds, 2)} s. ")
    if reference.curve_gap != reference.curve_gap:  # NaN: no epoch completed
        return note + "No epoch completed, so there is no curve to compare."
    note += (f"The two curves are at most **{course_number(reference.curve_gap, 2)}** "
             "apart")
    if run.diverged_at is None:
        note += (f", and the trained weights at most "
                 f"{course_number(reference.weight_gap, 2)}: the same computation")
    else:
        note += " over the epochs both completed before the loss overflowed"
    return note + " (scikit-learn's squared loss is half the MSE: its curve is doubled)."
