"""Shared pieces of the page fuzz tests (tests/all_pages/test_fuzz_pages.py).

A fuzz example is a dict of URL parameters (the page's bound controls, seeded the
way a shared link seeds them) plus a few actions (button clicks, quiz answers,
uploads). ``run_example`` opens the page in a fresh AppTest with those
parameters, performs the actions and, after every run, checks the page:

- no exception element;
- no metric value (or delta) reads NaN, inf or "not finite";
- every number in every chart's Arrow datasets and in its Vega-Lite spec is finite,
  and no Graphviz label prints a non-finite number;
- no table cell, caption, Markdown or LaTeX prints a non-finite number;
- every st.error / st.warning / st.info / st.success message matches one of the
  page's clear messages and carries no Python noise (tracebacks, exception reprs).

Examples per page: ``FUZZ_EXAMPLES`` (environment) or the test's CI default.
"""

from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow as pa
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

from tests.conftest import diagrams, open_app_page

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
MESSAGE_TYPES = ("error", "warning", "info", "success")
TEXT_TYPES = ("markdown", "caption", "latex", "subheader", "header", "title")
# A number printed as non-finite: course_number's "not finite", Python's nan/inf,
# numpy's "nan"/"inf", JavaScript's "NaN"/"Infinity".
NON_FINITE = re.compile(r"not finite|(?<![\w'])(nan|[-+]?inf|[-+]?infinity)(?![\w'])",
                        re.IGNORECASE)
NOISE = re.compile(r"Traceback|File \"|\b[A-Z]\w*(Error|Exception)\(|\b[A-Z]\w*(Error|Exception):|"
                   r"<[\w.]+ object at 0x|array\(|np\.float64\(")


def fuzz_settings(ci_examples):
    """Hypothesis settings: ``FUZZ_EXAMPLES`` examples if set, else ``ci_examples``."""
    return settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", ci_examples)),
                    deadline=None, print_blob=True,
                    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target,
                            Phase.shrink],
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.filter_too_much])


# -- strategies ---------------------------------------------------------------------------


def number_text(value):
    """A number as a URL holds it: 3, -0.5, 0.01 (no float noise)."""
    value = float(value)
    if value.is_integer():
        return str(int(value))
    return repr(round(value, 10))


def grid_values(low, high, step):
    """A value on a slider's grid, its two ends drawn often."""
    n = round((high - low) / step)
    integer = all(isinstance(v, int) for v in (low, high, step))

    def at(k):
        value = round(low + k * step, 10)
        return int(value) if integer else float(value)

    return st.one_of(st.sampled_from([0, n]), st.integers(0, n)).map(at)


MALFORMED_NUMBERS = ("abc", "", " ", "nan", "NaN", "inf", "-inf", "1e999", "-1e999", "0x10",
                     "3,5", "1 2", "--1", "1e", "true", "None", "[1]", "%20", "9" * 400)
# Python's float() reads other scripts' digits ("١٢" is 12): Streamlit may accept them.
ODD_NUMBERS = ("١٢", "９")


@dataclass
class Param:
    """A URL parameter of an example: the text put in the URL and the value the
    widget must then hold (``expected``) or ``UNCHECKED``."""

    text: str | list
    expected: object = None
    checked: bool = True


UNCHECKED = object()


def bound(value_strategy, to_text=number_text):
    """A valid value: Param(url text, expected widget value)."""
    return value_strategy.map(lambda v: Param(to_text(v), v))


# Texts whose float is infinite. Streamlit 1.67 raises OverflowError (int(inf)) for an
# integer st.number_input bound to the URL; the app draws those as whole-number float
# inputs (ui.controls.url_number). ``integer_input=True`` leaves them out, for a page
# that would use Streamlit's integer input again.
INFINITE_NUMBERS = ("inf", "-inf", "1e999", "-1e999", "9" * 400, "Infinity")


def malformed(default, extra=(), integer_input=False):
    """A malformed or out-of-range value: the widget falls back to ``default``
    (off-grid or unusual texts that Streamlit may accept are UNCHECKED)."""
    texts = [t for t in list(MALFORMED_NUMBERS) + list(extra)
             if not (integer_input and t in INFINITE_NUMBERS)
             and not (isinstance(default, bool) and t.lower() in ("true", "false"))]
    return st.one_of(
        st.sampled_from(texts).map(
            lambda text: Param(text, default)),
        st.sampled_from(ODD_NUMBERS).map(lambda text: Param(text, UNCHECKED, checked=False)))


def repeated(valid):
    """A key given twice (?k=a&k=b): a single-value widget keeps its default or takes
    one of them; either way the page must not break."""
    return st.tuples(valid, valid).map(lambda pair: Param(
        [pair[0].text, pair[1].text], (pair[0].expected, pair[1].expected), checked=False))


def control(valid, default, extra_malformed=(), integer_input=False):
    """Mostly a valid value (often an extreme), sometimes left out (None), malformed
    or repeated."""
    return st.one_of(valid, valid, valid, valid, valid, valid, st.none(), st.none(),
                     malformed(default, extra_malformed, integer_input), repeated(valid))


def numbers_text(min_size=1, max_size=6, separators=(", ", " ", ",", " ,  ")):
    """Plausible text of numbers: '1, 2.5, -3', including huge and tiny ones."""
    token = st.one_of(
        st.integers(-1000, 1000).map(str),
        st.floats(-1e3, 1e3, allow_nan=False).map(lambda x: f"{x:.6g}"),
        st.sampled_from(["0", "-0", "1e300", "-1e300", "1e-300", "1.7e308", "1e154",
                         "3", "0.5", "100000"]),
    )
    return st.tuples(st.lists(token, min_size=min_size, max_size=max_size),
                     st.sampled_from(separators)).map(lambda t: t[1].join(t[0]))


BAD_TEXTS = ("", "   ", "abc", "1,,2", "1;2", "nan", "inf", "-inf", "1e999", "1 2 x", "１",
             "1, two, 3", "[1, 2]", "1\n2", "\t", ",", ";", "0x1F", "1_000", "é", "😀",
             "1" * 500, ", ".join(["1"] * 300))


def text_control(plausible):
    """A text input: plausible numbers, malformed text, or left out."""
    return st.one_of(plausible, plausible, plausible, st.sampled_from(BAD_TEXTS),
                     st.none()).map(lambda t: None if t is None else Param(t, UNCHECKED,
                                                                            checked=False))


UNKNOWN_KEYS = st.dictionaries(st.sampled_from(["zzz", "utm_source", "page", "weights", "W",
                                                "embed_options", "foo[]"]),
                               st.sampled_from(["1", "", "x", "-1"]), max_size=2)


# -- running an example and checking the page ----------------------------------------------


@dataclass
class Example:
    """What one fuzz example does to a page."""

    params: dict
    actions: list = field(default_factory=list)

    def url_params(self):
        return {key: param.text for key, param in self.params.items() if param is not None}


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def elements(at, kind):
    """Every element of type ``kind`` anywhere on the page (tabs, sidebar...)."""
    return [node for node in _walk(at._tree) if getattr(node, "type", None) == kind]


def widget(at, key):
    """The widget whose user key is ``key``, or None."""
    for node in _walk(at._tree):
        if getattr(node, "key", None) == key and hasattr(node, "value"):
            return node
    return None


def _finite_json(value, where):
    if isinstance(value, float):
        assert math.isfinite(value), f"{where}: a non-finite number {value!r} in the spec"
    elif isinstance(value, dict):
        for key, item in value.items():
            _finite_json(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _finite_json(item, f"{where}[{i}]")


def check_charts(at):
    """Every Vega-Lite chart's datasets (Arrow) and spec hold finite numbers only;
    Graphviz labels print no non-finite number. Returns the number of charts."""
    charts = elements(at, "vega_lite_chart")
    for index, chart in enumerate(charts):
        spec = json.loads(chart.proto.spec) if chart.proto.spec else {}
        _finite_json(spec, f"chart {index} spec")
        data = [chart.proto.data] if chart.proto.HasField("data") else []
        for dataset in list(chart.proto.datasets) + data:
            arrow = dataset.data.data if hasattr(dataset, "data") and hasattr(
                dataset.data, "data") else dataset.data
            if not arrow:
                continue
            table = pa.ipc.open_stream(arrow).read_all().to_pandas()
            numbers = table.select_dtypes("number").to_numpy(dtype=np.float64)
            assert np.isfinite(numbers).all(), (
                f"chart {index} dataset {getattr(dataset, 'name', '?')!r} holds NaN/inf:\n"
                f"{table[~np.isfinite(numbers).all(axis=1)].head()}")
    for index, data in enumerate(diagrams(at)):
        texts = [edge["text"] for edge in data["edges"]] + [
            str(node[field]) for layer in data["nodes"] for node in layer
            for field in ("value", "input", "slope") if node[field] is not None]
        labels = " ".join(texts)
        assert not NON_FINITE.search(labels), f"network diagram {index}: {labels[:500]}"
    return len(charts)


def check_metrics(at):
    """No metric value or delta reads NaN, inf or 'not finite'."""
    for metric in elements(at, "metric"):
        for text in (metric.value, metric.proto.delta):
            assert not NON_FINITE.search(str(text)), (
                f"metric {metric.label!r} shows {metric.value!r} (delta {metric.proto.delta!r})")


def check_texts(at):
    """No table cell, caption, Markdown or LaTeX prints a non-finite number."""
    for kind in TEXT_TYPES:
        for element in elements(at, kind):
            text = str(element.value)
            assert not NON_FINITE.search(text), f"{kind} prints a non-finite number: {text[:300]}"
    for kind in ("table", "dataframe"):
        for element in elements(at, kind):
            frame = element.value
            numbers = frame.select_dtypes("number").to_numpy(dtype=np.float64)
            assert np.isfinite(numbers).all(), f"{kind} holds NaN/inf:\n{frame}"
            for column in frame.select_dtypes(exclude="number").columns:
                for cell in frame[column].astype(str):
                    assert not NON_FINITE.search(cell), f"{kind} cell {cell!r}"


def check_messages(at, allowed, seen=None):
    """Every message matches one of the ``allowed`` regexes (re.match, DOTALL) and
    carries no Python noise. Adds (type, first 60 characters) to ``seen``."""
    patterns = [re.compile(pattern, re.DOTALL) for pattern in allowed]
    for kind in MESSAGE_TYPES:
        for element in elements(at, kind):
            text = str(element.value)
            assert not NOISE.search(text), f"st.{kind} carries Python noise: {text!r}"
            assert any(p.match(text) for p in patterns), (
                f"st.{kind} shows a message that is not one of the page's clear "
                f"messages: {text!r}")
            if seen is not None:
                seen.add((kind, text[:60]))


def check_page(at, allowed, seen=None):
    """All the checks above."""
    assert not at.exception, "\n".join(
        f"{e.message}\n{''.join(e.stack_trace)}" for e in at.exception)
    check_metrics(at)
    check_charts(at)
    check_texts(at)
    check_messages(at, allowed, seen)


def check_seeded(at, example):
    """Each valid parameter reached its widget (so the fuzz tests what it seeds)."""
    for key, param in example.params.items():
        if param is None or not param.checked or param.expected is UNCHECKED:
            continue
        element = widget(at, key)
        if element is None:  # the control is not drawn for these settings
            continue
        value = element.value
        expected = param.expected
        if isinstance(expected, float) and isinstance(value, (int, float)):
            assert math.isclose(value, expected, rel_tol=1e-9, abs_tol=1e-12), (
                f"?{key}={param.text!r} gave {value!r}, expected {expected!r}")
        else:
            assert value == expected, f"?{key}={param.text!r} gave {value!r}, expected {expected!r}"


def perform(at, action):
    """Do one action; return False when it cannot be done on this page state."""
    kind, key, *rest = action
    if kind == "button":
        button = widget(at, key)
        if button is None or button.disabled:
            return False
        button.click().run()
    elif kind == "choose":  # a quiz answer (radio not bound to the URL), then Check
        radio = widget(at, f"{key}_choice")
        if radio is None:
            return False
        radio.set_value(rest[0]).run()
        check = widget(at, f"{key}_check")
        if check is not None and not check.disabled:
            check.click().run()
    elif kind == "set":
        element = widget(at, key)
        if element is None or getattr(element, "disabled", False):
            return False
        element.set_value(rest[0]).run()
    elif kind == "upload":
        uploader = at.get("file_uploader")
        if not uploader:
            return False
        path = DATA_DIR / rest[0]
        at.file_uploader(key=key).set_value((path.name, path.read_bytes(), "text/csv")).run()
    else:  # pragma: no cover - a typo in a test
        raise ValueError(f"unknown action {kind!r}")
    return True


def run_example(page, example, allowed, seen=None, timeout=60):
    """Open ``page`` with the example's URL parameters, check it, perform each action
    and check again. Returns the AppTest."""
    at = open_app_page(page, example.url_params(), timeout=timeout)
    check_page(at, allowed, seen)
    check_seeded(at, example)
    for action in example.actions:
        if perform(at, action):
            check_page(at, allowed, seen)
    return at
