"""AppTest of the sgd page (course 4.3): every data source trains, the comparison has
ceil(n / batch) updates per epoch, scikit-learn's curve coincides with ours, every bad
upload says what is wrong and the page keeps the previous data."""

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import core
from app_pages.sgd import charts as sgd_charts
from app_pages.sgd import data as sgd_data
from app_pages.sgd import lesson
from app_pages.sgd import train as sgd_train
from app_pages.sgd.reference import sklearn_reference
from tests.conftest import open_app_page

PAGE = "app_pages/sgd/page.py"
DATA = Path(__file__).resolve().parents[1] / "data"
BAD = DATA / "bad_uploads"
HOUSES = DATA / "uploads" / "houses.csv"


def open_sgd(**params):
    at = open_app_page(PAGE, {key: str(value) for key, value in params.items()}, timeout=60)
    assert not at.exception, at.exception
    return at


def metrics(at):
    return {m.label: m.value for m in at.metric}


def chart_frames(at, index):
    """Every dataset of the index-th Altair chart as a DataFrame."""
    element = at.get("vega_lite_chart")[index]
    return [pa.ipc.open_stream(d.data.data).read_all().to_pandas()
            for d in element.proto.datasets]


def series(at, name):
    frames = [f for f in chart_frames(at, 0) if "series" in f and (f["series"] == name).all()]
    assert len(frames) == 1, f"no single dataset for {name!r}"
    return frames[0]


def upload(at, path_or_name, content=None):
    name = Path(path_or_name).name
    raw = Path(path_or_name).read_bytes() if content is None else content
    at.file_uploader(key="sgd_upload").set_value((name, raw, "text/csv")).run()
    assert not at.exception, at.exception
    return at


def caption_text(at):
    return " ".join(c.value for c in at.caption)


def standardized_bank(rows=1000, noise=3.0, seed=0):
    data = core.bank_transactions(rows, noise, seed)
    return core.standardize(data.X)[0], core.standardize(data.y)[0]


# -- one run ---------------------------------------------------------------------------------


def test_defaults_train_on_the_synthetic_bank_and_draw_both_charts():
    at = open_sgd()
    values = metrics(at)
    assert values["Updates per epoch"] == "32"  # ceil(1000 / 32)
    assert values["Updates in all"] == "640"
    assert values["Training time"].endswith(" s")
    assert 0 < float(values["Final loss"]) < 1
    assert len(at.get("vega_lite_chart")) == 2
    assert "standardized" in caption_text(at)
    assert not at.error


def test_the_scatter_of_predictions_is_drawn_on_a_canvas_and_the_loss_chart_in_svg():
    # The scatter's points all move at every training move: on a canvas that costs the
    # browser less than updating as many SVG elements. The loss chart stays SVG (its
    # legend is checked for clipping on every screen, tests/browser/test_screens.py).
    at = open_sgd()
    loss, scatter = (json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart"))
    assert scatter["usermeta"]["embedOptions"]["renderer"] == "canvas"
    assert "usermeta" not in loss


def test_the_page_shows_exactly_what_core_train_sgd_computes():
    at = open_sgd()
    X, y = standardized_bank()
    network = core.Network.random([4, 8, 1], "relu", "identity", use_biases=True, seed=0)
    result = core.train_sgd(network, X, y, 0.01, 32, 20, shuffle=True, seed=0)
    epochs = series(at, sgd_charts.EPOCH_SERIES)
    np.testing.assert_array_equal(epochs["loss"], result.loss_per_epoch)
    np.testing.assert_array_equal(epochs["update"], np.arange(1, 21) * 32)
    updates = series(at, sgd_charts.UPDATE_SERIES)
    np.testing.assert_array_equal(updates["loss"], result.loss_per_update)  # 640: all kept
    assert metrics(at)["Final loss"] == sgd_train.course_number(
        core.loss(result.network, X, y), 4)


@pytest.mark.parametrize("params", [
    {},
    {"activation": "tanh", "batch_mode": "1 (stochastic)", "epochs": 3, "shuffle": "false"},
    {"activation": "sigmoid", "layers": 2, "nodes_2": 5, "batch": 45, "lr": 0.1},
    {"activation": "identity", "batch_mode": "all rows (full)", "epochs": 30},
])
def test_sklearn_curve_coincides_with_ours_within_1e_9(params):
    at = open_sgd(**params)
    ours = series(at, sgd_charts.EPOCH_SERIES)
    theirs = series(at, sgd_charts.SKLEARN_SERIES)
    assert len(theirs) == len(ours) > 0
    assert np.max(np.abs(ours["loss"].to_numpy() - theirs["loss"].to_numpy())) < 1e-9
    note = next(c.value for c in at.caption if "scikit-learn" in c.value and "apart" in c.value)
    gap = float(re.search(r"at most \*\*([^*]+)\*\* apart", note).group(1))
    assert gap < 1e-9
    assert "took" in note and "our numpy took" in note


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "identity"])
@pytest.mark.parametrize("batch_size, shuffle, chunk", [(7, True, None), (1, False, 3),
                                                       (50, True, None), (4, True, 2)])
def test_sklearn_reference_reproduces_train_sgd(activation, batch_size, shuffle, chunk):
    X, y = standardized_bank(rows=50, seed=2)
    network = core.Network.random([4, 6, 3, 1], activation, "identity", True, seed=5)
    ours = core.train_sgd(network, X, y, 0.05, batch_size, 4, shuffle, seed=9)
    ref = sklearn_reference(network, X, y, 0.05, batch_size, 4, shuffle, seed=9,
                            chunk_updates=chunk)
    np.testing.assert_allclose(ref.loss_per_epoch, ours.loss_per_epoch, rtol=0, atol=1e-9)
    for theirs, mine in zip(ref.weights + ref.biases,
                            ours.network.weights + ours.network.biases, strict=True):
        np.testing.assert_allclose(theirs, mine, rtol=0, atol=1e-9)


def test_turning_the_reference_off_leaves_our_curve_alone():
    at = open_sgd(reference="false")
    frames = chart_frames(at, 0)
    assert not any("series" in f and (f["series"] == sgd_charts.SKLEARN_SERIES).any()
                   for f in frames)
    assert "Turn on the comparison" in caption_text(at)


def test_unrelated_controls_do_not_retrain():
    at = open_sgd(seed=11)
    time_before = metrics(at)["Training time"]
    at.toggle(key="log").set_value(True).run()
    at.toggle(key="reference").set_value(False).run()
    assert metrics(at)["Training time"] == time_before  # served from the cache
    at.slider(key="epochs").set_value(21).run()
    assert metrics(at)["Updates in all"] == f"{21 * 32:,}"


def test_url_parameters_set_the_run():
    at = open_sgd(batch_mode="1 (stochastic)", epochs=5, lr=0.001, rows=500)
    values = metrics(at)
    assert values["Updates per epoch"] == "500" and values["Updates in all"] == "2,500"
    assert at.select_slider(key="lr").value == 0.001


def test_a_long_history_is_downsampled_keeping_every_epoch_boundary():
    at = open_sgd(rows=20000, batch_mode="1 (stochastic)", epochs=2, reference="false")
    assert metrics(at)["Updates in all"] == "40,000"
    # the run was long enough to draw a progress bar inside the cached function: the
    # cache hit on the next rerun replays it without error, and it is gone at the end
    training_time = metrics(at)["Training time"]
    at.toggle(key="log").set_value(True).run()
    assert not at.exception and metrics(at)["Training time"] == training_time
    assert len(at.get("progress")) == 0
    updates = series(at, sgd_charts.UPDATE_SERIES)
    points = sum(len(f) for f in chart_frames(at, 0))
    assert points <= 5000 and len(updates) <= sgd_train.CHART_POINTS
    assert {20_000, 40_000} <= set(updates["update"])
    for frame in chart_frames(at, 0) + chart_frames(at, 1):
        numbers = frame.select_dtypes("number").to_numpy()
        assert np.isfinite(numbers).all()


@pytest.mark.parametrize("params", [
    {"lr": 1},                                                      # in the first epoch
    {"lr": 3, "batch_mode": "all rows (full)", "activation": "identity"},  # at update 7
    {"lr": 3, "batch_mode": "1 (stochastic)", "epochs": 2},
])
def test_diverging_runs_never_show_a_traceback(params):
    at = open_sgd(**params)
    assert "diverged at update" in " ".join(e.value for e in at.error)
    at.button(key="compare").click().run()
    assert not at.exception
    assert len(at.table[0].value) == 3
    for index in range(len(at.get("vega_lite_chart"))):
        for frame in chart_frames(at, index):
            assert np.isfinite(frame.select_dtypes("number").to_numpy()).all()


def test_a_diverging_run_says_where_and_charts_only_finite_numbers():
    at = open_sgd(activation="tanh", lr=1)
    errors = " ".join(e.value for e in at.error)
    X, y = standardized_bank()
    network = core.Network.random([4, 8, 1], "tanh", "identity", True, seed=0)
    result = core.train_sgd(network, X, y, 1.0, 32, 20, True, 0)
    assert result.diverged_at is not None
    assert (f"diverged at update {result.diverged_at:,} (epoch {result.diverged_epoch})"
            in errors)
    for index in range(len(at.get("vega_lite_chart"))):
        for frame in chart_frames(at, index):
            assert np.isfinite(frame.select_dtypes("number").to_numpy()).all()
    assert len(at.get("vega_lite_chart")) == 1  # no scatter of a diverged network
    assert "the run diverged" in " ".join(i.value for i in at.info)
    assert metrics(at)["Final loss"] == "diverged"


# -- data sources ---------------------------------------------------------------------------


def test_the_diabetes_data_trains():
    at = open_sgd(data="Diabetes (scikit-learn)")
    assert metrics(at)["Updates per epoch"] == str(math.ceil(442 / 32))
    assert "diabetes" in caption_text(at) and "progression" in caption_text(at)
    assert not at.error


def test_an_uploaded_csv_trains_with_the_chosen_columns():
    at = open_sgd(data="CSV upload")
    assert at.info  # no file yet: the page says it keeps the previous data
    assert metrics(at)["Updates per epoch"] == "32"  # still the synthetic bank
    upload(at, HOUSES)
    assert metrics(at)["Updates per epoch"] == str(math.ceil(200 / 32))
    assert at.selectbox(key="target_column").value == "price_k"
    assert at.multiselect(key="input_columns").value == ["size_m2", "rooms", "age_years"]
    assert "houses.csv (200 rows)" in caption_text(at)
    at.multiselect(key="input_columns").set_value(["size_m2"]).run()
    assert "1 input(s) (size_m2)" in caption_text(at)
    assert not at.error and not at.exception
    # another file starts again from its own defaults: last column the target
    upload(at, "shop.csv", b"visits,basket,spend\n1,2,10\n2,1,12\n3,5,30\n4,2,25\n")
    assert at.selectbox(key="target_column").value == "spend"
    assert at.multiselect(key="input_columns").value == ["visits", "basket"]
    assert metrics(at)["Updates per epoch"] == "1"  # 4 rows, one batch of 4
    assert not at.error


# -- bad uploads ---------------------------------------------------------------------------

BAD_FILES = {
    "empty.csv": "The file is empty",
    "not_csv.txt": "This is not a CSV file: no line has commas",
    "not_csv.json": "This is not a CSV file: it looks like JSON",
    "ragged.csv": "This is not a CSV file the page can read: Error tokenizing data. "
                  "Expected 3 fields in line 3, saw 4",
    "binary.png": "The file is binary",
    "text_column.csv": "Column 'city' holds text (e.g. 'Paris')",
    "missing_values.csv": "Missing values in column 'income' (2 missing); the first on line 3",
    "one_column.csv": "The file has only one column ('transactions')",
    "constant_target.csv": "The target column 'fee' is constant (every value is 5)",
    "too_many_columns.csv": "The file has 51 columns; the page accepts at most 50",
}


def _good_then(name, content):
    at = open_sgd(data="CSV upload")
    upload(at, HOUSES)
    good = metrics(at)
    upload(at, name, content)
    return at, good


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_each_bad_upload_names_its_problem_and_the_previous_data_stays(name):
    at, good = _good_then(BAD / name, None)
    errors = " ".join(e.value for e in at.error)
    assert BAD_FILES[name] in errors
    assert metrics(at) == good  # still the houses, same cached run
    assert "houses.csv (200 rows)" in caption_text(at)
    assert not at.exception


def test_more_than_100000_rows_is_refused():
    rows = b"a,b\n" + b"1,2\n3,5\n" * 50_000 + b"4,4\n"
    at, good = _good_then("big.csv", rows)
    assert "The file has 100,001 rows; the page trains on at most 100,000" in " ".join(
        e.value for e in at.error)
    assert metrics(at) == good


def test_a_file_over_the_upload_limit_is_refused_on_the_server_too():
    # The browser refuses it before sending (see tests/browser/test_sgd.py); the page
    # checks again, so a file that reaches it anyway gets a clear message.
    raw = b"a,b\n" + b"123456,654321\n" * 400_000
    assert len(raw) > 5 * 2**20
    at, good = _good_then("huge.csv", raw)
    assert "more than the upload limit of 5 MB" in " ".join(e.value for e in at.error)
    assert metrics(at) == good


def test_a_bad_first_upload_keeps_the_synthetic_bank():
    at = open_sgd(data="CSV upload")
    upload(at, BAD / "text_column.csv")
    assert "holds text" in " ".join(e.value for e in at.error)
    assert metrics(at)["Updates in all"] == "640"


def test_read_csv_upload_accepts_semicolons_latin_1_and_utf_16():
    frame = sgd_data.read_csv_upload("âge;prix\n1;2\n3;4\n".encode("latin-1"))
    assert list(frame.columns) == ["âge", "prix"] and frame.shape == (2, 2)
    frame = sgd_data.read_csv_upload("a\tb\n1\t2\n3\t4\n".encode("utf-16"))
    assert list(frame.columns) == ["a", "b"] and frame["b"].tolist() == [2.0, 4.0]


@pytest.mark.parametrize("raw, message", [
    (b"a,b\n", "The file has 0 row(s) of data; it needs at least 2."),
    (b"a,b\n1,inf\n2,3\n", "Column(s) 'b' hold infinite values."),
    (b"a,b\n1e308,1\n-1e308,2\n", "Column(s) 'a' hold numbers too large to train on"),
    (b"  \n\n", "The file is empty"),
])
def test_read_csv_upload_names_other_problems(raw, message):
    with pytest.raises(ValueError, match=re.escape(message)):
        sgd_data.read_csv_upload(raw)


# -- the comparison -------------------------------------------------------------------------


@pytest.mark.parametrize("params, n_rows", [
    ({"batch": 48}, 1000),
    ({"data": "Diabetes (scikit-learn)", "epochs": 4}, 442),
    ({"rows": 500, "batch": 64, "epochs": 3, "batch_mode": "all rows (full)"}, 500),
])
def test_compare_shows_three_curves_with_ceil_n_over_batch_updates(params, n_rows):
    at = open_sgd(**params)
    at.button(key="compare").click().run()
    assert not at.exception
    table = at.table[0].value
    batch = int(params.get("batch", 32))
    epochs = int(params.get("epochs", 20))
    expected = [1, math.ceil(n_rows / batch), n_rows]
    assert list(table["Batch size"]) == [n_rows, batch, 1]
    assert list(table["Updates per epoch"]) == expected
    assert list(table["Updates in all"]) == [epochs * u for u in expected]
    charts = at.get("vega_lite_chart")
    # one run's two charts, the epochs' means, and one panel of updates per method
    assert len(charts) == 2 + 1 + 3
    means = pd.concat(chart_frames(at, 2))
    assert sorted(means["method"].unique()) == sorted(sgd_charts.METHOD_COLOURS)
    assert (means.groupby("method").size() == epochs).all()
    assert sum(len(f) for f in chart_frames(at, 2)) <= 5000
    assert sum(len(f) for index in (3, 4, 5) for f in chart_frames(at, index)) <= 5000
    # it stays while nothing changes, and goes when the settings change
    at.toggle(key="log").set_value(True).run()
    assert len(at.table) == 1
    at.slider(key="epochs").set_value(epochs + 1).run()
    assert len(at.table) == 0


def test_a_one_epoch_comparison_has_nothing_to_play_and_no_error():
    """Found by the fuzz test: one epoch made the "Epochs shown" slider run from 1 to 1,
    which Streamlit refuses."""
    at = open_sgd(epochs=1, rows=100)
    at.button(key="compare").click().run()
    assert not at.exception, at.exception
    assert len(at.table) == 1
    assert not [s for s in at.slider if s.key == "shown"]
    assert not [b for b in at.button if b.key in ("sgd_start", "sgd_pause")]


def test_the_comparison_starts_from_the_same_weights_as_core():
    at = open_sgd(epochs=2)
    at.button(key="compare").click().run()
    X, y = standardized_bank()
    network = core.Network.random([4, 8, 1], "relu", "identity", True, seed=0)
    means = pd.concat(chart_frames(at, 2))
    for method, batch in (("full batch", 1000), ("mini-batch", 32),
                          ("stochastic (batch 1)", 1)):
        expected = core.train_sgd(network, X, y, 0.01, batch, 2, True, 0).loss_per_epoch
        np.testing.assert_array_equal(means[means["method"] == method]["loss"], expected)


# -- downloads ---------------------------------------------------------------------------------


def test_the_downloads_hold_the_trained_network_and_every_update():
    data = sgd_data.load_prepared(sgd_data.DEFAULT_KEY)
    settings = sgd_train.RunSettings((8,), "relu", 0.01, "mini", 32, 20, True, 0)
    run = sgd_train.train_run(sgd_data.DEFAULT_KEY, settings, data)
    document = json.loads(sgd_train.weights_json(run, data, settings))
    assert document["layer_sizes"] == [4, 8, 1]
    assert np.array(document["weights"][0]).shape == (4, 8)
    assert document["inputs"] == list(core.datasets.BANK_FEATURES)
    assert document["standardization"]["target_scale"] == pytest.approx(data.y_scale)
    history = pd.read_csv(pd.io.common.StringIO(sgd_train.history_csv(run)))
    assert list(history.columns) == ["update", "epoch", "batch_loss", "epoch_mean_loss"]
    assert len(history) == 640 and history["epoch"].iloc[-1] == 20
    ends = history.dropna()
    np.testing.assert_array_equal(ends["update"], np.arange(1, 21) * 32)
    np.testing.assert_array_equal(ends["epoch_mean_loss"], run.epoch_loss)
    at = open_sgd()
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Trained weights (JSON)", "Loss history (CSV)"]


# -- the training budget: a link cannot keep the server busy for long ----------------------


def test_a_run_over_the_budget_trains_fewer_epochs_and_says_so(monkeypatch):
    monkeypatch.setattr(sgd_train, "TRAINING_BUDGET", 1e8)  # a budget this test can afford
    at = open_sgd(batch_mode="1 (stochastic)", epochs=200, reference="false")
    allowed = lesson.training_budget_epochs(200, lesson.epoch_work(1000, (4, 8, 1), 1), 1e8)
    assert 1 < allowed < 200
    assert metrics(at)["Updates in all"] == f"{allowed * 1000:,}"
    assert [w.value for w in at.warning] == [
        f"This run trains {allowed} of the 200 epochs asked for: that many rows, updates "
        "and weights would keep the server busy for longer than this page allows. Use "
        "fewer rows or epochs, larger batches or a smaller network to train them all."]
    # what it shows is exactly train_sgd with the epochs that fit
    X, y = standardized_bank()
    network = core.Network.random([4, 8, 1], "relu", "identity", True, seed=0)
    expected = core.train_sgd(network, X, y, 0.01, 1, allowed, True, 0).loss_per_epoch
    np.testing.assert_array_equal(series(at, sgd_charts.EPOCH_SERIES)["loss"], expected)
    # asking for what fits trains it all, with no message
    at.slider(key="epochs").set_value(allowed).run()
    assert not at.exception and not at.warning
    assert metrics(at)["Updates in all"] == f"{allowed * 1000:,}"


def test_the_comparison_keeps_to_its_own_budget(monkeypatch):
    monkeypatch.setattr(sgd_train, "COMPARE_BUDGET", 1e8)
    at = open_sgd(epochs=200, reference="false")
    assert not at.warning  # the mini-batch run itself fits the page's budget
    work = sum(lesson.epoch_work(1000, (4, 8, 1), b) for b in (1000, 32, 1))
    allowed = lesson.training_budget_epochs(200, work, 1e8)
    assert 1 < allowed < 200
    assert f"The comparison trains {allowed} of the 200 epochs asked for" in caption_text(at)
    at.button(key="compare").click().run()
    assert not at.exception
    assert list(at.table[0].value["Updates in all"]) == [allowed * u for u in (1, 32, 1000)]


def test_the_budget_cuts_the_worst_link_to_one_epoch_and_leaves_the_usual_runs_alone():
    def epochs_allowed(rows, sizes, batch, epochs):
        data = sgd_data.load_prepared(("bank", rows, 3.0, 0))
        mode = "sgd" if batch == 1 else "mini"
        settings = sgd_train.RunSettings(sizes, "relu", 0.01, mode, batch, epochs, True, 0)
        return sgd_train.within_budget(data, settings).epochs

    # 100,000 rows one at a time through three layers of 64 nodes, 200 epochs
    assert epochs_allowed(100_000, (64, 64, 64), 1, 200) == 1
    # the defaults, and issue 6's 100,000 rows in batches of 32 for 10 epochs
    assert epochs_allowed(1000, (8,), 32, 20) == 20
    assert epochs_allowed(100_000, (8,), 32, 10) == 10
