"""Building blocks of the mse page (course 1.2, 1.3, 1.10): the table of points,
the two weight sets, the MSE metrics beside scikit-learn's, the chart of squared
errors and the per-point table."""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st
from sklearn.metrics import mean_squared_error as sklearn_mean_squared_error

from core.course import (
    TASK_1_10_INPUT_DATA,
    TASK_1_10_TARGETS,
    TASK_1_10_WEIGHTS_0,
    TASK_1_10_WEIGHTS_1,
)
from core.network import seed_network_errors
from ui.chart_templates import show_chart
from ui.format import course_number
from ui.palette import BLUE, VERMILLION
from ui.seed_network import weight_sliders

INPUT_COLUMNS = ("input_0", "input_1")
TARGET_COLUMN = "target"
MAX_POINTS = 1000
TABLE_KEY = "mse_points"  # the editor's key is TABLE_KEY + "_" + its version
VERSION_KEY = "mse_points_version"
BASE_KEY = "mse_points_base"  # the editor's data when it is not the course's points
ABSORB_EDITS = 50
LAST_GOOD_KEY = "mse_last_good"
# (name in the course, URL prefix of its sliders, default weights, chart colour
# (Okabe-Ito blue and vermillion), nearest Markdown colour)
WEIGHT_SETS = (
    ("weights_0", "w0_", TASK_1_10_WEIGHTS_0, BLUE, "blue"),
    ("weights_1", "w1_", TASK_1_10_WEIGHTS_1, VERMILLION, "orange"),
)


def course_points_table():
    """The four points and targets of task 1.10 as the editor's table."""
    table = pd.DataFrame(TASK_1_10_INPUT_DATA, columns=list(INPUT_COLUMNS))
    table[TARGET_COLUMN] = TASK_1_10_TARGETS
    return table


def editor_key(session_state):
    """Key of the current data editor. A new key starts a new editor: the only way to
    clear the edits the browser holds (reset) or to make them the editor's data."""
    return f"{TABLE_KEY}_{session_state.get(VERSION_KEY, 0)}"


def _new_editor(base):
    """Start a new editor on ``base`` (None: the course's points)."""
    st.session_state.pop(editor_key(st.session_state), None)
    st.session_state[VERSION_KEY] = st.session_state.get(VERSION_KEY, 0) + 1
    if base is None:
        st.session_state.pop(BASE_KEY, None)
    else:
        st.session_state[BASE_KEY] = base


def points_editor():
    """The editable table of points and targets; returns the edited DataFrame."""
    config = {column: st.column_config.NumberColumn(column, format="plain", width=90)
              for column in (*INPUT_COLUMNS, TARGET_COLUMN)}
    base = st.session_state.get(BASE_KEY)
    key = editor_key(st.session_state)
    table = st.data_editor(course_points_table() if base is None else base, key=key,
                           num_rows="dynamic", hide_index=True, column_config=config)
    edits = st.session_state.get(key) or {}
    if len(edits.get("added_rows", ())) + len(edits.get("edited_rows", ())) > ABSORB_EDITS:
        # Streamlit re-applies every edit row by row on each rerun (about 1 ms a row):
        # after a large paste, make the edited table the new editor's data instead.
        _new_editor(table)
        st.rerun()
    st.caption(f"Click a cell to edit it; add a point with the **+** below the table, "
               f"delete one by ticking its row and pressing the bin. Up to "
               f"{MAX_POINTS:,} points; points are numbered from 0.")
    st.button("Reset to the course's points", key="mse_reset_table", on_click=_new_editor,
              args=(None,))
    return table


def table_to_points(table):
    """(input_data, target_actuals) from the edited table, as float arrays of shapes
    (n, 2) and (n,); raises ValueError with a message for the learner."""
    n_points = len(table)
    if n_points == 0:
        raise ValueError("The table is empty: add at least one point (a row with "
                         "input_0, input_1 and target).")
    if n_points > MAX_POINTS:
        raise ValueError(f"The table has {n_points:,} points; this page takes up to "
                         f"{MAX_POINTS:,}. Delete some rows.")
    inputs = [column for column in table.columns if column != TARGET_COLUMN]
    if tuple(inputs) != INPUT_COLUMNS or TARGET_COLUMN not in table.columns:
        raise ValueError(f"Each point needs exactly {len(INPUT_COLUMNS)} inputs "
                         f"({', '.join(INPUT_COLUMNS)}) and a target for the 2-2-1 "
                         f"network, got columns {', '.join(map(str, table.columns))}.")
    try:
        values = table[[*INPUT_COLUMNS, TARGET_COLUMN]].apply(pd.to_numeric).to_numpy(
            dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError("Every cell must hold a number.") from None
    for point, row in enumerate(values):
        n_inputs = int(np.count_nonzero(~np.isnan(row[:-1])))
        if n_inputs != len(INPUT_COLUMNS):
            raise ValueError(f"Point {point} has {n_inputs} input(s); the 2-2-1 network "
                             f"needs {len(INPUT_COLUMNS)} ({' and '.join(INPUT_COLUMNS)}). "
                             "Fill in the empty cell or delete the row.")
        if np.isnan(row[-1]):
            raise ValueError(f"Point {point} has no target: fill in its target or delete "
                             "the row.")
        if not np.isfinite(row).all():
            raise ValueError(f"Point {point} holds a value too large to be a number "
                             "(infinite). Use smaller values.")
    return values[:, :-1], values[:, -1]


def weight_set_controls():
    """URL-bound sliders for both weight sets, one above the other; returns
    {'weights_0': dict, 'weights_1': dict}."""
    weights = {}
    for name, prefix, defaults, _, markdown_colour in WEIGHT_SETS:
        st.markdown(f"**:{markdown_colour}[{name}]**")
        weights[name] = weight_sliders(prefix, defaults, columns=3)
    return weights


def evaluate(input_data, target_actuals, weights):
    """Core results for each weight set plus scikit-learn's MSE of the same
    predictions; raises core's ValueError. Returns a dict for ``show_*``."""
    results = {}
    for name, *_ in WEIGHT_SETS:
        errors = seed_network_errors(input_data, target_actuals, weights[name])
        sklearn_mse = float(sklearn_mean_squared_error(target_actuals, errors.predictions))
        results[name] = (errors, sklearn_mse)
    return {"input_data": input_data, "target_actuals": target_actuals,
            "results": results}


def remember(evaluation):
    """Keep ``evaluation`` as the last good state of this session."""
    st.session_state[LAST_GOOD_KEY] = evaluation


def last_good(weights):
    """The last good evaluation of this session, else the course's points with the
    current weights."""
    if LAST_GOOD_KEY in st.session_state:
        return st.session_state[LAST_GOOD_KEY]
    return evaluate(TASK_1_10_INPUT_DATA, TASK_1_10_TARGETS, weights)


def _better(results):
    mses = {name: errors.mse for name, (errors, _) in results.items()}
    lowest = min(mses.values())
    best = [name for name, mse in mses.items() if mse == lowest]
    return best[0] if len(best) == 1 else None


def phone_summary(evaluation):
    """Both MSEs in one line of markdown (the phone's results line)."""
    return "MSE: " + " · ".join(
        f"{name} **{course_number(evaluation['results'][name][0].mse)}**"
        for name, *_ in WEIGHT_SETS)


def show_metrics(evaluation):
    """Each weight set's MSE (ours and scikit-learn's) and which model is better."""
    results = evaluation["results"]
    better = _better(results)
    for column, (name, _, _, _, markdown_colour) in zip(st.columns(2, gap="medium"),
                                                        WEIGHT_SETS, strict=True):
        errors, sklearn_mse = results[name]
        with column.container(border=True, key=f"mse_box_{name}"):
            ours, theirs = st.columns(2)
            ours.metric(f"MSE with {name}", course_number(errors.mse),
                        help="core.seed_network_errors: mean of the squared errors")
            theirs.metric(f"sklearn, {name}", course_number(sklearn_mse),
                          help="sklearn.metrics.mean_squared_error(target_actuals, "
                               "predictions), as task 1.10 computes it")
            if better == name:
                st.badge("Better model: lower loss", icon=":material/check_circle:",
                         color="green")
            elif better is None:
                st.badge("Same loss as the other set", color="gray")
            else:
                st.badge("Higher loss", color=markdown_colour)
    st.caption("Beside each MSE: `sklearn.metrics.mean_squared_error` of the same "
               "targets and predictions, the seed's way (task 1.10). They agree.")
    if better is None:
        st.info("Both weight sets give the same loss: by this measure neither model is "
                "better.")
    else:
        st.success(f"**{better}** gives the lower loss, so it is the better model "
                   "(note 1.3: a lower loss function value means a better model).")


def squared_errors_builder():
    """The chart of squared errors, with its data as named datasets ``bars`` and
    ``means``: built and validated once (ui.chart_templates), and the same spec at
    every rerun, so a slider move only swaps the data in the browser instead of
    redrawing the whole chart."""
    names = [name for name, *_ in WEIGHT_SETS]
    colours = [colour for _, _, _, colour, _ in WEIGHT_SETS]
    colour = alt.Color("weights:N", title="weight set",
                       scale=alt.Scale(domain=names, range=colours),
                       legend=alt.Legend(orient="top"))
    bars = alt.Chart(alt.NamedData("bars")).mark_bar().encode(
        x=alt.X("point:O", title="point", axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        xOffset=alt.XOffset("weights:N", sort=names),
        y=alt.Y("squared error:Q", title="squared error (prediction - target)²"),
        color=colour,
        tooltip=["point:O", "weights:N", alt.Tooltip("squared error:Q", format=".6~g")],
    )
    rules = alt.Chart(alt.NamedData("means")).mark_rule(strokeDash=[6, 4], size=2).encode(
        y="mse:Q", color=colour,
        tooltip=["weights:N", alt.Tooltip("mse:Q", title="MSE", format=".8~g")])
    # The label's text takes the theme's colour: no one colour is readable as text on
    # both themes' backgrounds (ui/palette.py); each label sits on its set's coloured rule.
    labels = alt.Chart(alt.NamedData("means")).mark_text(
        align="left", dx=6, fontWeight="bold").encode(
        x=alt.value("width"), y="mse:Q", text="label:N")
    return alt.layer(bars, rules, labels).properties(height=320)


def squared_errors_chart(evaluation):
    """Altair bars of every point's squared error for both sets, each set's MSE as a
    dashed rule."""
    results = evaluation["results"]
    names = [name for name, *_ in WEIGHT_SETS]
    n_points = len(evaluation["target_actuals"])
    bars = pd.DataFrame({
        "point": np.tile(np.arange(n_points), len(names)),
        "weights": np.repeat(names, n_points),
        "squared error": np.concatenate([results[name][0].squared_errors
                                         for name in names]),
    })
    means = pd.DataFrame({
        "weights": names,
        "mse": [results[name][0].mse for name in names],
        "label": [f"MSE {course_number(results[name][0].mse)}" for name in names],
    })
    # The alt text names what the chart shows, not its live numbers (they are in the
    # metrics above): Streamlit redraws a chart from scratch when its alt text changes,
    # and only swaps the data when it does not.
    alt_text = ("Bar chart of each point's squared error under weights_0 (blue) and "
                "weights_1 (vermillion), with a dashed line at each set's mean squared "
                "error")
    show_chart(squared_errors_builder, (), {"bars": bars, "means": means}, alt_text)


def _shown(values):
    """Values rounded to 12 significant digits, as ``course_number`` prints them."""
    return [float(f"{value:.12g}") for value in values]


def per_point_table(evaluation):
    """One row per point: inputs, target, then prediction, error and squared error
    under each weight set."""
    input_data = evaluation["input_data"]
    columns = {"point": np.arange(len(input_data))}
    for i, name in enumerate(INPUT_COLUMNS):
        columns[name] = _shown(input_data[:, i])
    columns[TARGET_COLUMN] = _shown(evaluation["target_actuals"])
    helps = {}
    for k, (name, *_) in enumerate(WEIGHT_SETS):
        errors = evaluation["results"][name][0]
        for column, values, what in (
                (f"prediction_{k}", errors.predictions, "prediction"),
                (f"error_{k}", errors.errors, "error, prediction - target"),
                (f"squared_error_{k}", errors.squared_errors, "squared error")):
            columns[column] = _shown(values)
            helps[column] = f"The {what} under {name}"
    table = pd.DataFrame(columns)
    config = {column: st.column_config.NumberColumn(column, format="plain",
                                                    help=helps.get(column))
              for column in table.columns}
    st.dataframe(table, hide_index=True, column_config=config)
    st.caption("Columns ending in _0 are under weights_0 and in _1 under weights_1, as the "
               "seed's model_output_0 and model_output_1.")
