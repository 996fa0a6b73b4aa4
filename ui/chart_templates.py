"""Altair charts drawn fast: built once as a template, then filled with data.

Building an Altair chart and converting it to Vega-Lite costs 10-20 ms per
layered chart on this machine, every rerun. Here a chart is written in Altair
once per *shape* (the arguments of its builder: scale type, titles...), with
its data as named datasets (``alt.NamedData``) and its moving numbers (axis
limits) as parameters (``alt.param``). The Vega-Lite dict is validated by
Altair when built and kept; each rerun only copies it, puts in the current
DataFrames and parameter values and hands it to ``st.vega_lite_chart``, which
sends the data as Arrow exactly as ``st.altair_chart`` does. The DataFrames are
turned into Arrow here, on one thread: pyarrow's default starts a thread pool
per DataFrame of a few hundred rows, which costs more than the conversion.
"""

import copy
import functools

import numpy as np
import pyarrow as pa
import streamlit as st

from ui.layout import presenting

# Presentation mode: chart text read from the back of a lecture hall (Streamlit's theme
# gives 12 px axis labels); merged over the theme's chart config by the frontend.
PRESENT_CHART_CONFIG = {
    "axis": {"labelFontSize": 17, "titleFontSize": 19},
    "legend": {"labelFontSize": 17, "titleFontSize": 17},
    "text": {"fontSize": 17},
    "title": {"fontSize": 20},
}


def arrow_bytes(frame):
    """A DataFrame as Arrow IPC stream bytes, the form Streamlit sends chart data in."""
    table = pa.Table.from_pandas(frame, preserve_index=False, nthreads=1)
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


@functools.lru_cache(maxsize=128)
def template(builder, *args):
    """The Vega-Lite dict of ``builder(*args)`` (an Altair chart), built and
    validated once per builder and arguments."""
    spec = builder(*args).to_dict()
    # Altair's default theme adds a fixed 300 px view size; Streamlit sizes charts.
    config = spec.get("config", {})
    config.pop("view", None)
    if not config:
        spec.pop("config", None)
    return spec


def filled_spec(builder, args, datasets, params=None):
    """A copy of ``template(builder, *args)`` with ``datasets`` (name -> DataFrame)
    and the values of ``params`` (name -> number) filled in."""
    for name, frame in datasets.items():
        numbers = frame.select_dtypes("number").to_numpy()
        if not np.isfinite(numbers).all():
            raise ValueError(f"dataset {name!r} holds a NaN or an infinity; charts "
                             "get finite numbers only.")
    spec = copy.deepcopy(template(builder, *args))
    spec["datasets"] = {name: arrow_bytes(frame) for name, frame in datasets.items()}
    values = params or {}
    for param in spec.get("params", []):
        if param["name"] in values:
            param["value"] = values[param["name"]]
    if presenting():
        config = spec.setdefault("config", {})
        for part, sizes in PRESENT_CHART_CONFIG.items():
            config[part] = {**config.get(part, {}), **sizes}
    return spec


def show_chart(builder, args, datasets, alt_text, params=None, on_pick=None, key=None):
    """Draw the chart ``builder(*args)`` with these datasets and parameter values.

    With ``on_pick`` (and a ``key``), a click on the chart's point selection named
    ``pick`` calls ``on_pick(point)`` before the rerun, ``point`` being the clicked
    datum's selected fields (a dict)."""
    spec = filled_spec(builder, args, datasets, params)
    if on_pick is None:
        st.vega_lite_chart(spec, alt=alt_text, width="stretch")
        return

    def picked():
        selection = (st.session_state.get(key) or {}).get("selection", {})
        points = selection.get("pick") or []
        if points:
            on_pick(points[0])

    st.vega_lite_chart(spec, alt=alt_text, width="stretch", key=key, on_select=picked,
                       selection_mode=["pick"])
