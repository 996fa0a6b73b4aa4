"""Script time of each page's rerun after a control change, measured with AppTest.

Usage (from the repository root):

    python bench/page_speed.py [--runs 40] [--page descent]

For every page script (app_pages/<page>/page.py) the script opens the page, then moves one control
back and forth between two values and times each rerun. The *script time* is
the time Streamlit spends executing the entrypoint and the page (measured around
``ScriptRunner._run_script``, the same span as a real server's rerun); the
*script CPU* time is the CPU the script's thread used in that span, which other
work on a busy machine does not inflate; the AppTest wall time (script plus
AppTest's own message parsing) is shown last. The first few reruns warm the caches and are not counted: these are *warm*
reruns, as a learner dragging a slider back and forth gets them. Scenarios
marked "cold" clear ``st.cache_data`` before every rerun, so every computation
is redone.

Pages with their own scenarios (the chapter-2 pages at their limits) are listed
in SCENARIOS; any other page gets a generic scenario: its first keyed slider, moved
between its default and a neighbouring value.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit import logger  # noqa: E402
from streamlit.runtime.scriptrunner import script_runner  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

logger.set_log_level("error")  # AppTest runs without a server: silence its warnings
logging.disable(logging.WARNING)

SCRIPT_TIMES = []  # (wall ms, CPU ms of the script thread) per script run
_run_script = script_runner.ScriptRunner._run_script


def _timed_run_script(self, *args, **kwargs):
    started, cpu_started = time.perf_counter(), time.thread_time()
    try:
        return _run_script(self, *args, **kwargs)
    finally:
        SCRIPT_TIMES.append(((time.perf_counter() - started) * 1000,
                             (time.thread_time() - cpu_started) * 1000))


script_runner.ScriptRunner._run_script = _timed_run_script

AT_LIMITS = {"n": "500"}  # descent: 500 updates; the surface and comparison always show

# page -> list of (scenario name, query params, widget kind, key, two values, cold)
SCENARIOS = {
    "slopes": [
        ("weight slider", {}, "slider", "w", (1.5, 2.5), False),
        ("learning rate", {}, "select_slider", "lr", (0.01, 0.2), False),
    ],
    "descent": [
        ("500 updates: scrub the history", AT_LIMITS, "slider", "at", (250, 400), False),
        ("500 updates: learning rate", AT_LIMITS, "select_slider", "lr", (0.01, 0.02),
         False),
        ("500 updates: number of updates", AT_LIMITS, "slider", "n", (499, 500), False),
        ("500 updates: learning rate, cold caches", AT_LIMITS, "select_slider", "lr",
         (0.01, 0.02), True),
        ("500 updates, diverging rate 1: scrub", {"n": "500", "lr": "1"}, "slider", "at",
         (50, 100), False),
    ],
}


def open_page(page_file, query_params):
    at = AppTest.from_file(str(ROOT / "streamlit_app.py"), default_timeout=60)
    for key, value in query_params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page_file).run()
    if at.exception:
        raise RuntimeError(f"{page_file}: {at.exception[0].value}")
    return at


def widget(at, kind, key):
    return getattr(at, kind)(key=key)


def generic_scenario(at):
    """The page's first keyed slider and a neighbouring value."""
    for element in at.slider:
        value = element.value
        if element.key is None or element.disabled or isinstance(value, tuple):
            continue
        step = element.step or 1
        other = value + step if value + step <= element.max else value - step
        return "slider", element.key, (value, type(value)(other))
    return None


def measure(at, kind, key, values, runs, warmup, cold):
    from streamlit import cache_data

    for i in range(warmup):
        widget(at, kind, key).set_value(values[i % 2]).run()
    script, cpu, wall = [], [], []
    for i in range(runs):
        if cold:
            cache_data.clear()
        value = values[i % 2]
        SCRIPT_TIMES.clear()
        started = time.perf_counter()
        widget(at, kind, key).set_value(value).run()
        wall.append((time.perf_counter() - started) * 1000)
        script.append(sum(t[0] for t in SCRIPT_TIMES))
        cpu.append(sum(t[1] for t in SCRIPT_TIMES))
        if at.exception:
            raise RuntimeError(at.exception[0].value)
        if widget(at, kind, key).value != value:
            raise RuntimeError(f"{key} did not take the value {value!r}")
    return script, cpu, wall


def p95(values):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="timed reruns per scenario")
    parser.add_argument("--warmup", type=int, default=4, help="untimed reruns first")
    parser.add_argument("--page", action="append", help="only these pages (by name)")
    args = parser.parse_args()

    pages = sorted(p.parent.name for p in (ROOT / "app_pages").glob("*/page.py"))
    if args.page:
        pages = [p for p in pages if p in args.page]
    rows = []
    for page in pages:
        page_file = f"app_pages/{page}/page.py"
        scenarios = SCENARIOS.get(page)
        if scenarios is None:
            try:
                found = generic_scenario(open_page(page_file, {}))
            except Exception as problem:
                rows.append((page, f"failed to open ({problem})"[:90]) + (None,) * 6)
                continue
            if found is None:
                rows.append((page, "no slider to move") + (None,) * 6)
                continue
            kind, key, values = found
            scenarios = [(f"{kind} {key}", {}, kind, key, values, False)]
        for name, params, kind, key, values, cold in scenarios:
            try:
                at = open_page(page_file, params)
                timings = measure(at, kind, key, values, args.runs, args.warmup, cold)
            except Exception as problem:  # another page's failure must not stop the table
                rows.append((page, f"{name}: failed ({problem})"[:90]) + (None,) * 6)
                continue
            rows.append((page, name) + tuple(
                figure for series in timings
                for figure in (statistics.median(series), p95(series))))

    header = ("page", "scenario (warm reruns unless cold)", "script median ms",
              "script p95 ms", "script CPU median ms", "script CPU p95 ms",
              "AppTest wall median ms", "AppTest wall p95 ms")
    widths = [max(len(str(r[i])) if not isinstance(r[i], float) else 7
                  for r in rows + [header]) for i in range(len(header))]
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{args.runs} timed reruns per scenario after {args.warmup} warm-up reruns; "
          f"Python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load average {load} "
          "(other work on the machine inflates the figures)")
    print(" | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)))
    print("-|-".join("-" * w for w in widths))
    for row in rows:
        cells = [f"{c:.1f}" if isinstance(c, float) else ("" if c is None else str(c))
                 for c in row]
        print(" | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)))


if __name__ == "__main__":
    main()
