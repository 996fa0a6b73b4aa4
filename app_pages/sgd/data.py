"""The sgd page's data: the synthetic bank, scikit-learn's diabetes table, or the
learner's CSV file, checked, standardized and cached by a plain key.

``read_csv_upload`` and ``select_columns`` hold every check of an uploaded file;
each raises ValueError with a message that names the problem, which the page
shows with ``st.error`` while it keeps training on the previous data.
"""

import hashlib
import io
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

import core
from ui.url_widgets import url_number, url_radio, url_select_slider, url_slider

MAX_ROWS = core.datasets.BANK_MAX_ROWS
MAX_COLUMNS = 50
MAX_MAGNITUDE = 1e100  # larger values overflow when squared for the loss
SOURCES = {"bank": "Synthetic bank", "diabetes": "Diabetes (scikit-learn)",
           "csv": "CSV upload"}
ROW_OPTIONS = [100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000]
DEFAULT_KEY = ("bank", 1000, 3.0, 0)
CSV_HELP = ("A CSV file: column names on the first line, then one row per line, "
            "numbers separated by commas; at most 100,000 rows and 50 columns.")


@dataclass(frozen=True)
class Prepared:
    """A data set ready to train on.

    X, y : standardized inputs (n_samples, n_features) and target (n_samples,)
    x_mean, x_scale, y_mean, y_scale : what ``core.standardize`` took away
    feature_names, target_name, label : for the page
    """

    X: np.ndarray
    y: np.ndarray
    x_mean: np.ndarray
    x_scale: np.ndarray
    y_mean: float
    y_scale: float
    feature_names: tuple
    target_name: str
    label: str

    @property
    def n_samples(self):
        """Number of rows."""
        return self.X.shape[0]


# -- the checks of an uploaded file -------------------------------------------------


def _decode(raw):
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 text, as some spreadsheets save it
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\x00" in raw[:8192]:
        raise ValueError("The file is binary (an image, a spreadsheet, a zip...), not a "
                         "CSV text file. Save or export it as CSV (comma-separated "
                         "values) and upload that.")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    controls = sum(ch < " " and ch not in "\r\n\t" for ch in text[:8192])
    if controls > 0.01 * min(len(text), 8192):
        raise ValueError("The file is binary (it is not readable text), not a CSV text "
                         "file. Save or export it as CSV (comma-separated values) and "
                         "upload that.")
    return text


def _separator(text):
    header = text.lstrip().split("\n", 1)[0]
    counts = {sep: header.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def _names(columns, limit=4):
    shown = ", ".join(f"'{c}'" for c in columns[:limit])
    return shown + (f" and {len(columns) - limit} more" if len(columns) > limit else "")


def read_csv_upload(raw, max_bytes=None):
    """Read an uploaded CSV file into a DataFrame of numeric columns, or raise
    ValueError naming what is wrong with it.

    Checks, in order: not empty; text, not binary; not larger than ``max_bytes``;
    a CSV table (commas, semicolons or tabs between values, the same number of
    values on every line); at most 50 columns, at least 2; at least 2 and at most
    100,000 rows; every column numeric; no missing and no infinite values.
    """
    if max_bytes is not None and len(raw) > max_bytes:
        raise ValueError(f"The file is {len(raw) / 2**20:.1f} MB, more than the upload "
                         f"limit of {max_bytes / 2**20:.0f} MB.")
    if not raw.strip():
        raise ValueError("The file is empty: there is nothing to train on. Upload a CSV "
                         "file with column names and at least 2 rows of numbers.")
    text = _decode(raw)
    if not text.strip():
        raise ValueError("The file is empty: there is nothing to train on.")
    if text.lstrip()[0] in "{[<":
        raise ValueError("This is not a CSV file: it looks like JSON, HTML or XML. A CSV "
                         "file has column names on its first line, then one row of "
                         "comma-separated numbers per line.")
    try:
        frame = pd.read_csv(io.StringIO(text), sep=_separator(text))
    except pd.errors.EmptyDataError:
        raise ValueError("The file is empty: it has no column names and no rows.") from None
    except (pd.errors.ParserError, UnicodeError, ValueError) as error:
        detail = str(error).strip().splitlines()[-1].replace("C error: ", "")
        raise ValueError(f"This is not a CSV file the page can read: {detail}. Every "
                         "line must have as many values as the first line has column "
                         "names.") from None
    columns = [str(c) for c in frame.columns]
    if len(columns) > MAX_COLUMNS:
        raise ValueError(f"The file has {len(columns)} columns; the page accepts at most "
                         f"{MAX_COLUMNS}. Keep the target and the inputs you need.")
    if len(frame) > MAX_ROWS:
        raise ValueError(f"The file has {len(frame):,} rows; the page trains on at most "
                         f"{MAX_ROWS:,}. Upload a sample of the rows.")
    text_columns = [c for c in frame.columns if not pd.api.types.is_numeric_dtype(frame[c])]
    if len(columns) == 1:
        if text_columns and "," not in text and ";" not in text and "\t" not in text:
            raise ValueError("This is not a CSV file: no line has commas between values. "
                             "A CSV file has column names on its first line, then one row "
                             "of comma-separated numbers per line.")
        raise ValueError(f"The file has only one column ({_names(columns)}). It needs at "
                         "least two numeric columns: a target and at least one input.")
    if len(frame) < 2:
        raise ValueError(f"The file has {len(frame)} row(s) of data; it needs at least 2.")
    if text_columns:
        first = text_columns[0]
        values = frame[first].dropna()
        example = f" (e.g. '{values.iloc[0]}')" if len(values) else ""
        which = (f"Column '{first}' holds" if len(text_columns) == 1 else
                 f"Columns {_names([str(c) for c in text_columns])} hold")
        raise ValueError(f"{which} text{example}. Every column must hold numbers: remove "
                         "or encode the text columns.")
    missing = frame.isna().sum()
    missing = missing[missing > 0]
    if len(missing):
        first_row = int(np.argmax(frame.isna().any(axis=1).to_numpy()))
        counts = ", ".join(f"'{c}' ({n} missing)" for c, n in missing.items())
        which = "column" if len(missing) == 1 else "columns"
        raise ValueError(f"Missing values in {which} {counts}; the first on line "
                         f"{first_row + 2} of the file. Fill them in or remove those "
                         "rows.")
    values = frame.to_numpy(dtype=np.float64)
    if not np.isfinite(values).all():
        bad = [str(c) for c, ok in zip(frame.columns, np.isfinite(values).all(axis=0),
                                       strict=True) if not ok]
        raise ValueError(f"Column(s) {_names(bad)} hold infinite values.")
    huge = [str(c) for c, top in zip(frame.columns, np.abs(values).max(axis=0), strict=True)
            if top > MAX_MAGNITUDE]
    if huge:
        raise ValueError(f"Column(s) {_names(huge)} hold numbers too large to train on "
                         f"(beyond {MAX_MAGNITUDE:g} in size). Rescale them first.")
    frame.columns = columns
    return frame.astype(np.float64)


def select_columns(frame, target, inputs):
    """The core.Dataset of ``frame`` with ``target`` as the target and ``inputs`` as
    the inputs (the target is left out of the inputs); ValueError if the choice
    cannot be trained on (no input, unknown column, constant target)."""
    if target not in frame.columns:
        raise ValueError(f"The target column '{target}' is not in the file.")
    inputs = [c for c in inputs if c != target]
    unknown = [c for c in inputs if c not in frame.columns]
    if unknown:
        raise ValueError(f"Input column(s) {_names(unknown)} are not in the file.")
    if not inputs:
        raise ValueError("Pick at least one input column besides the target.")
    y = frame[target].to_numpy(dtype=np.float64)
    if np.all(y == y[0]):
        raise ValueError(f"The target column '{target}' is constant (every value is "
                         f"{y[0]:g}): there is nothing to learn. Pick another target.")
    X = frame[inputs].to_numpy(dtype=np.float64)
    return core.Dataset(X, y, tuple(inputs), target)


def upload_limit():
    """The upload limit in bytes (server.maxUploadSize, in MB, in .streamlit/config.toml)."""
    return int(st.get_option("server.maxUploadSize")) * 2**20


def fingerprint(raw):
    """A short hash of the uploaded bytes: the file's identity in the caches."""
    return hashlib.sha256(raw).hexdigest()[:16]


@st.cache_data(max_entries=4, show_spinner=False)
def parse_upload(file_hash, _raw, max_bytes=None):
    """(frame, None) for a good upload, (None, message) for a bad one; cached by hash."""
    try:
        return read_csv_upload(_raw, max_bytes), None
    except ValueError as error:
        return None, str(error)


# -- loading and standardizing ---------------------------------------------------------


def _dataset(key, raw):
    kind = key[0]
    if kind == "bank":
        _, rows, noise, seed = key
        return core.bank_transactions(rows, noise, seed), (
            f"synthetic bank transactions ({rows:,} rows, noise {noise:g}, seed {seed})")
    if kind == "diabetes":
        from sklearn.datasets import load_diabetes

        data = load_diabetes(scaled=False)
        return core.Dataset(data.data, data.target, tuple(data.feature_names),
                            "progression"), "scikit-learn's diabetes data (442 rows)"
    _, file_hash, name, target, inputs = key
    frame, error = parse_upload(file_hash, raw, upload_limit())
    if error:
        raise ValueError(error)
    return select_columns(frame, target, inputs), f"{name} ({len(frame):,} rows)"


@st.cache_data(max_entries=4, show_spinner=False)
def load_prepared(key, _raw=None):
    """The standardized data set named by ``key`` (see ``data_controls``)."""
    dataset, label = _dataset(key, _raw)
    X, x_mean, x_scale = core.standardize(dataset.X)
    y, y_mean, y_scale = core.standardize(dataset.y)
    return Prepared(X, y, x_mean, x_scale, y_mean, y_scale, dataset.feature_names,
                    dataset.target_name, label)


# -- the controls ------------------------------------------------------------------------


def _bank_key():
    rows = url_select_slider("Rows (customers)", "rows", ROW_OPTIONS, DEFAULT_KEY[1])
    noise = url_slider("Noise (standard deviation, transactions)", "noise", 0.0, 20.0,
                       DEFAULT_KEY[2], 0.5)
    seed = url_number("Data seed", "data_seed", DEFAULT_KEY[3], 0, 1_000_000, 1)
    return ("bank", int(rows), float(noise), int(seed))


# A file lives in the memory of the server (replica) that received it, for the session
# that sent it: after a reconnect to another replica, a server restart or a shared link,
# the page has no file, though the browser may still list the file's name.
NO_FILE_HERE = (
    "No CSV file is loaded in this session. An uploaded file is kept only in the memory "
    "of the server that received it, for the session that sent it: after a reconnect, a "
    "server restart or from a shared link, upload the file again (a file name still "
    "listed above is only the browser's memory of it).")


def _csv_key():
    """The key of the uploaded file with the chosen columns, or None (no good file)."""
    uploaded = st.file_uploader("Your CSV file", key="sgd_upload", help=CSV_HELP)
    limit = upload_limit()
    if uploaded is not None:
        raw = uploaded.getvalue()
        file_hash = fingerprint(raw)
        _, error = parse_upload(file_hash, raw, limit)
        if error:
            st.error(f"**{uploaded.name}**: {error}")
        else:
            previous = st.session_state.get("sgd_good_upload")
            if previous is not None and previous[1] != file_hash:
                # A new file: its columns start from the defaults again.
                for key in ("target_column", "input_columns"):
                    st.session_state.pop(key, None)
            st.session_state["sgd_good_upload"] = (uploaded.name, file_hash, raw)
    good = st.session_state.get("sgd_good_upload")
    if good is None:
        if uploaded is None:
            st.warning(NO_FILE_HERE, icon=":material/upload_file:")
        return None, None
    name, file_hash, raw = good
    if uploaded is None or fingerprint(uploaded.getvalue()) != file_hash:
        st.caption(f"Using the last good file, **{name}**.")
    frame, _ = parse_upload(file_hash, raw, limit)
    columns = list(frame.columns)
    target = st.selectbox("Target column", columns, index=len(columns) - 1,
                          key="target_column", bind="query-params")
    # Keys of their own: the errors page's "target" slider and the descent page's
    # "inputs" text area would receive these values when the learner moves there.
    others = [c for c in columns if c != target]
    inputs = st.multiselect("Input columns", others, default=others, key="input_columns",
                            bind="query-params")
    try:
        select_columns(frame, target, inputs)
    except ValueError as error:
        st.error(str(error))
        return None, None
    return ("csv", file_hash, name, target, tuple(inputs)), raw


def data_controls():
    """Draw the data controls; return (key, raw bytes or None) of the data to train on.

    A bad upload (or none yet) shows why, and the page keeps the last good data
    (the synthetic bank on a first visit).
    """
    source = url_radio("Data", "data", list(SOURCES), format_func=SOURCES.get,
                       horizontal=True)
    if source == "bank":
        key, raw = _bank_key(), None
    elif source == "diabetes":
        key, raw = ("diabetes",), None
        st.caption("442 patients, 10 measurements (age, sex, BMI, blood pressure, six "
                   "blood serum values); the target is disease progression a year later.")
    else:
        key, raw = _csv_key()
    if key is not None:
        st.session_state["sgd_last_data"] = (key, raw)
        return key, raw
    last = st.session_state.get("sgd_last_data", (DEFAULT_KEY, None))
    st.info("Until a good CSV file is uploaded, the page keeps training on the "
            "previous data.", icon=":material/info:")
    return last


def data_section():
    """The data controls, then the standardized data; returns (key, Prepared).

    If the data cannot be loaded (which the checks above should prevent), the
    error is shown and the synthetic bank is used.
    """
    key, raw = data_controls()
    try:
        data = load_prepared(key, raw)
    except ValueError as error:
        st.error(str(error))
        key = DEFAULT_KEY
        data = load_prepared(key)
    names = ", ".join(data.feature_names[:6]) + (", ..." if len(data.feature_names) > 6
                                                  else "")
    st.caption(f"Training on {data.label}: {len(data.feature_names)} input(s) ({names}) "
               f"to predict **{data.target_name}**.")
    return key, data


def standardization_note(data):
    """What the page says about standardization of this data set."""
    return (
        "**Standardized data.** Every input column is standardized (minus its mean, "
        "divided by its standard deviation), and so is the target "
        f"({data.target_name}: mean {data.y_mean:.4g}, standard deviation "
        f"{data.y_scale:.4g}), so one learning rate suits every data set. The loss is "
        "the course's MSE of the standardized target: 1 is no better than always "
        "predicting the mean, 0 is perfect. The scatter plot shows predictions back "
        f"in {data.target_name}."
    )
