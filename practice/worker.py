"""The worker process: forked warm by ``practice.forkserver``, used for one run, discarded.

Forked from a process that has imported numpy and the course's library, it isolates
itself (``practice.isolation``), tells the server it is ready, then waits for one
request on stdin:
``{"task": "2.7", "code": "..."}``. It checks the code again (the server already did),
runs it with the task's pre-loaded names and a short whitelist of builtins, and writes
one JSON line back: the status, what the code printed, the objects the task names
(``practice.encoding``) and, for an exception, the learner's line and message. Then it
exits. This module runs only in that process; the server never imports it.
"""

import ast
import builtins
import io
import json
import os
import sys
import warnings

import numpy as np

import core

from . import isolation
from .checks import task_checks
from .encoding import clean_text, encode
from .isolation import MAX_OUTPUT_CHARS
from .static_check import SAFE_BUILTIN_NAMES, check_tree
from .tasks import TASK_IDS, preloaded_namespace

LEARNER_FILENAME = "<your code>"
MAX_REQUEST_BYTES = 256 * 1024
MAX_MESSAGE_CHARS = 500
SAFE_BUILTINS = {name: getattr(builtins, name) for name in SAFE_BUILTIN_NAMES}


class OutputLimitExceeded(BaseException):
    """Raised by ``CappedOutput`` past its limit. A BaseException, so that the learner's
    ``except Exception`` does not swallow it (a bare ``except:`` is refused)."""


class CappedOutput:
    """What ``print`` writes to: keeps the first ``limit`` characters, then stops the
    run."""

    def __init__(self, limit=MAX_OUTPUT_CHARS):
        self.limit = limit
        self._parts = []
        self._size = 0

    def write(self, text):
        if not isinstance(text, str):
            raise TypeError(f"print can only write text, got {type(text).__name__}")
        room = self.limit - self._size
        if len(text) > room:
            self._parts.append(text[:room])
            self._size = self.limit
            raise OutputLimitExceeded
        self._parts.append(text)
        self._size += len(text)
        return len(text)

    def flush(self):
        return None

    def text(self):
        """Everything kept, as valid UTF-8."""
        return clean_text("".join(self._parts))


def main(workdir):
    """Run the worker's whole life: isolate, announce, run one request, exit. The
    process has stdin and stdout connected to the server, and has run ``warm_up``
    (the fork server does both)."""
    results = os.fdopen(os.dup(1), "w", encoding="utf-8")
    _silence_standard_streams()
    report = isolation.isolate(workdir)
    _send(results, {"ready": True, "pid": os.getpid(), "isolation": report})
    try:
        request = json.loads(sys.stdin.buffer.read(MAX_REQUEST_BYTES))
        isolation.start_cpu_timer()
        reply = run_request(request)
    except MemoryError:
        reply = {"status": "memory_limit", "stdout": "", "values": {}, "error": None}
    except (ValueError, KeyError, TypeError):
        os._exit(3)  # not a request the server sends (or the server went away)
    _send(results, reply)
    os._exit(0)


def run_request(request):
    """Check and run one request; return the reply (a JSON-ready dict)."""
    task_id, code = request["task"], request["code"]
    if task_id not in TASK_IDS or not isinstance(code, str):
        raise ValueError(f"bad request for task {task_id!r}")
    try:
        tree = check_tree(code)
    except ValueError as problem:
        return _rejected(str(problem))
    except Exception:  # noqa: BLE001 - whatever else the parser raises: not run
        return _rejected("your code could not be read.")
    namespace = {"__builtins__": SAFE_BUILTINS, "__name__": "__practice__"}
    namespace.update(preloaded_namespace(task_id))
    output = CappedOutput()
    status, error = _execute(tree, namespace, output)
    values = {}
    if status in ("ok", "error"):  # after an error: the objects made until then
        try:
            values = {name: encode(namespace[name]) if name in namespace else
                      {"kind": "missing"} for name in task_checks(task_id).result_names}
        except MemoryError:
            status, values = "memory_limit", {}
    return {"status": status, "stdout": output.text(), "values": values, "error": error}


def _rejected(message):
    return {"status": "rejected", "stdout": "", "values": {}, "error": None,
            "message": message}


def _execute(tree, namespace, output):
    sys.stdout = sys.stderr = output
    warnings.showwarning = _warning_printer(output)
    try:
        exec(compile(tree, LEARNER_FILENAME, "exec", dont_inherit=True), namespace)
    except OutputLimitExceeded:
        return "output_limit", None
    except MemoryError:
        return "memory_limit", None
    except BaseException as exc:  # the learner's own error, reported as theirs
        return "error", _describe(exc)
    finally:
        sys.stdout = sys.stderr = io.StringIO()
    return "ok", None


def _describe(exc):
    """The exception as the learner should see it: type, message and their own line
    (the innermost frame of their code), never the worker's traceback."""
    line, tb = None, exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == LEARNER_FILENAME:
            line = tb.tb_lineno
        tb = tb.tb_next
    try:
        message = clean_text(str(exc))[:MAX_MESSAGE_CHARS]
    except Exception:  # noqa: BLE001 - a message that cannot be printed
        message = ""
    return {"type": type(exc).__name__, "message": message, "line": line}


def _warning_printer(output):
    def show(message, category, filename, lineno, file=None, line=None):
        where = f" (line {lineno})" if filename == LEARNER_FILENAME else ""
        output.write(f"{category.__name__}{where}: {message}\n")
    return show


def _silence_standard_streams():
    """Point file descriptors 1 and 2 at /dev/null: only ``results`` talks to the
    server, and nothing the code might print at the C level reaches it."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    sys.stdout = sys.stderr = io.StringIO()


def warm_up():
    """Use what learner code will use, once: anything numpy or Python loads lazily is
    loaded now, before the chroot hides the files (the fork server calls it before it
    forks any worker)."""
    for task_id in TASK_IDS:
        namespace = preloaded_namespace(task_id)
        repr(namespace)
        str(namespace)
    array = np.array([0.5, 2.0, 3.0])
    repr(array), str(array), f"{array.sum():f}"
    "%f" % array.mean()  # noqa: UP031 - the course formats its output with %
    core.get_mse(array, 1.0, array)
    with np.errstate(all="ignore"):
        np.array([1e308]) * 10
    json.dumps({"x": [1.5, float("nan")]})
    # The parser imports unicodedata to normalise a non-ASCII name (NFKC), once.
    ast.parse("\uff58 = 1")


def _send(stream, message):
    stream.write(json.dumps(message) + "\n")
    stream.flush()
