"""Run to feedback for a correct task 2.7 solution, next to references, in one run.

Run from the repository root:

    python bench/practice_speed.py [--runs 50] [--think 0.5]

Rows (each one call to ``practice.check_code`` or its equivalent, timed from the call
to the feedback; ``--think`` seconds between runs, as a learner reads the feedback):
  (a) warm pool: the app's path, ``check_code`` with a ``WorkerPool`` (a worker
      started and isolated in advance, used once, replaced in the background);
  (b) cold worker: the same checking with a worker started for each run
      (``OneShotRunner``): what (a) saves;
  (c) bare interpreter: ``python -I -c pass`` as a subprocess, the cost of any fresh
      process before numpy is imported;
  (d) in-process exec, the unsafe floor: the worker's own checking and the server's
      judging, in this process, without a worker.
Then the CPU one warm-pool run costs in all processes together (the server, the fork
server and the forked worker: what a run takes from the pages' sliders on 2 cores)
and the pool's memory (PSS of the fork server and the waiting workers).

With ``--browser N``: N runs in Debian's Chromium against ``streamlit run`` of the
widget test page, each from Ctrl+Enter in the editor until the success message shows
(Reset between runs, not timed): Run to feedback as the learner sees it. They alternate
with runs on a floor page (``bench/practice_floor_app``: the same elements, no code
checked), so that both see the same load; the ratio of their p95s is what practice adds.
"""

import argparse
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from bench.harness import CHROMIUM, CHROMIUM_ARGS, TICKS, percentile, streamlit_server  # noqa: E402
from practice import OneShotRunner, RunResult, WorkerPool, check_code, get_task, judge  # noqa: E402
from practice.worker import run_request  # noqa: E402

TASK_ID = "2.7"
BUDGET_P95_MS = 300.0


def time_runs(run_once, runs, think):
    """Milliseconds of ``runs`` calls of ``run_once``, ``think`` seconds apart."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run_once()
        times.append((time.perf_counter() - start) * 1000)
        time.sleep(think)
    return times


def checked(runner, code):
    def run_once():
        feedback = check_code(TASK_ID, code, runner=runner)
        if not feedback.passed:
            raise SystemExit(f"the solution did not pass: {feedback.status}: "
                             f"{feedback.message}")
    return run_once


def bare_interpreter():
    subprocess.run([sys.executable, "-I", "-c", "pass"], check=True, env={})


def in_process(code):
    """The unsafe floor: run_request in this process (no isolation), then judge."""
    def run_once():
        saved = sys.stdout, sys.stderr, warnings.showwarning
        try:
            reply = run_request({"task": TASK_ID, "code": code})
        finally:
            sys.stdout, sys.stderr, warnings.showwarning = saved
        feedback = judge(TASK_ID, RunResult(**reply))
        if not feedback.passed:
            raise SystemExit(f"in-process run did not pass: {feedback.message}")
    return run_once


def cpu_ms_per_run(pool, code, runs, think):
    """CPU milliseconds of all the pool's processes per run: this process, the fork
    server and the workers it reaped (its children's times)."""
    def ticks():
        with open(f"/proc/{pool.forkserver_pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return sum(int(field) for field in fields[11:15])  # utime stime cutime cstime
    run_once = checked(pool, code)
    run_once()
    time.sleep(1.0)  # the replacement worker is ready
    self_before, zygote_before = sum(os.times()[:2]), ticks()
    time_runs(run_once, runs, think)
    time.sleep(1.0)  # the last workers are reaped and replaced
    self_seconds = sum(os.times()[:2]) - self_before
    zygote_seconds = (ticks() - zygote_before) / TICKS
    return (self_seconds + zygote_seconds) * 1000 / runs


def pss_mb(pid):
    """Proportional set size of a process, in MB (shared pages split among sharers)."""
    with open(f"/proc/{pid}/smaps_rollup") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def browser_runs(runs):
    """Milliseconds from Ctrl+Enter to the success message in Chromium, on the widget
    page and, alternating with it (so both see the same load), on the floor page."""
    from playwright.sync_api import sync_playwright

    from tests.browser.helpers import wait_for_app

    code = get_task(TASK_ID).solution
    apps = {"practice": (REPO_ROOT / "tests" / "practice" / "widget_app", f"/?tasks={TASK_ID}"),
            "floor": (REPO_ROOT / "bench" / "practice_floor_app", "/")}
    times = {name: [] for name in apps}
    with (streamlit_server(app_dir=apps["practice"][0]) as (practice_url, _, _),
          streamlit_server(app_dir=apps["floor"][0]) as (floor_url, _, _),
          sync_playwright() as playwright):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for name, url in (("practice", practice_url), ("floor", floor_url)):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url + apps[name][1])
            wait_for_app(page)
            pages[name] = page
        for run in range(runs + 1):  # the first round, with a cold pool, is not counted
            for name, page in pages.items():
                elapsed = one_browser_run(page, code, wait_for_app)
                if run:
                    times[name].append(elapsed)
        browser.close()
    return times["practice"], times["floor"]


def one_browser_run(page, code, wait_for_app):
    """Reset (not timed), type the code, then time Ctrl+Enter until the message."""
    success = page.get_by_text("Correct! The MSE falls")
    page.get_by_role("button", name="Reset").click()
    success.wait_for(state="detached", timeout=20000)
    wait_for_app(page)
    editor = page.get_by_role("textbox", name="Your code")
    editor.fill(code)
    start = time.perf_counter()
    editor.press("Control+Enter")
    success.wait_for(timeout=20000)
    return (time.perf_counter() - start) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--think", type=float, default=0.5,
                        help="seconds between runs (default 0.5)")
    parser.add_argument("--browser", type=int, default=0, metavar="N",
                        help="also time N runs in Chromium (default 0: not)")
    args = parser.parse_args()
    code = get_task(TASK_ID).solution

    pool = WorkerPool()
    pool.warm_up()
    time.sleep(2.0)  # the pool fills before the first timed run, as in a served app
    rows = []
    try:
        rows.append(("(a) warm pool (the app)", time_runs(checked(pool, code), args.runs,
                                                          args.think)))
        isolation = pool.last_isolation
        cpu_ms = cpu_ms_per_run(pool, code, args.runs, args.think)
        time.sleep(1.0)
        memory = [pss_mb(pool.forkserver_pid)] + [pss_mb(pid) for pid in pool.idle_pids()]
    finally:
        pool.shutdown()
    rows.append(("(b) cold worker per run", time_runs(checked(OneShotRunner(), code),
                                                      args.runs, args.think)))
    rows.append(("(c) bare `python -I -c pass`", time_runs(bare_interpreter, args.runs,
                                                           args.think)))
    rows.append(("(d) in-process exec (unsafe floor)", time_runs(in_process(code),
                                                                 args.runs, args.think)))

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"Run to feedback, task {TASK_ID} correct solution: {args.runs} runs, "
          f"{args.think:g} s apart, {os.cpu_count()} cores, load average {load}")
    print(f"{'':38}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for label, times in rows:
        print(f"{label:38}{percentile(times, 50):9.1f}{percentile(times, 95):9.1f}"
              f"{max(times):9.1f}")
    if args.browser:
        practice_times, floor_times = browser_runs(args.browser)
        print(f"In Chromium, Ctrl+Enter to the success message, {args.browser} runs, "
              "alternating with a floor page (same elements, no code run):")
        for label, times in (("(e) the practice section", practice_times),
                             ("(f) the floor", floor_times)):
            print(f"{label:38}{percentile(times, 50):9.1f}{percentile(times, 95):9.1f}"
                  f"{max(times):9.1f}")
        print(f"p95 of (e) / p95 of (f): "
              f"{percentile(practice_times, 95) / percentile(floor_times, 95):.2f}")
    print(f"CPU per warm-pool run, all processes: {cpu_ms:.1f} ms")
    print(f"pool memory (PSS): fork server {memory[0]:.1f} MB, "
          + ", ".join(f"{mb:.1f}" for mb in memory[1:]) + " MB per waiting worker")
    p95 = percentile(rows[0][1], 95)
    verdict = "within" if p95 <= BUDGET_P95_MS else "OVER"
    print(f"warm pool p95 {p95:.1f} ms: {verdict} the {BUDGET_P95_MS:.0f} ms budget")
    print(f"isolation that held: {isolation}")
    sys.stdout.flush()
    return 0 if p95 <= BUDGET_P95_MS else 1


if __name__ == "__main__":
    sys.exit(main())
