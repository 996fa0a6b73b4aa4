"""Load: one server, many concurrent browser sessions walking every page.

Starts the app once with `streamlit run` (bench/harness.py: BLAS threads capped at 1
so sessions do not fight over the 2 cores) and opens ``--sessions`` Playwright
contexts in one Debian Chromium, driven concurrently with asyncio. Traffic goes only
to the local server.

1. Ramp: a first session walks every page through the sidebar (warming the server's
   imports and caches), then the others open in groups and do the same walk. On this
   first visit every session spot-checks the course's numbers: the errors page shows
   error 6, the mse page 37.5 and 49.890625, the slopes page slope -24 and new weight
   2.24, the backprop page the quiz-4.4 weight's slope 3 × 2 × 1 = 6. The server's
   resident memory after each group gives the memory per extra session (two-point
   and least-squares slope).
2. Load: for ``--duration`` seconds every session keeps walking the pages (each
   session starts at a different page) and on each page moves its main slider
   ``--moves`` times with the keyboard (bench/latency.py's PROBES: same sliders, same
   watched elements), pausing ``--think`` seconds (uniform 0.5x-1.5x) between
   actions like a reader would; ``--think 0`` hammers the server.
   An interaction's latency is measured in the page: from the keydown event to the
   first frame where every watched element has changed and no skeleton is left (a
   MutationObserver checked once per frame, no polling), so the Python client's own
   scheduling under load does not count.
3. Idle, then closed: the sessions stay open doing nothing, then close. (Python does
   not hand freed memory back, and Streamlit keeps a closed session's state for
   server.disconnectedSessionTTL, 120 s: the RSS after closing stays up.)

Every 0.5 s the server's CPU (utime + stime from /proc/<pid>/stat, in % of one
core) and resident memory (VmRSS) are sampled, with the CPU of Chromium (all its
processes), of Playwright's driver and of this script, and the whole machine's busy
time (/proc/stat; "other processes" is the rest: other work on the machine). The
server also times every script run (a sitecustomize on its PYTHONPATH wraps
ScriptRunner._run_script as bench/page_speed.py does): wall and CPU time per rerun
tell the server's own work from the waiting. ``--pin`` puts the server alone on CPU
0 and Chromium, Playwright and this script on CPU 1, to separate the two.

4. With ``--floor``: the bare floor page of bench/latency.py (one slider, one metric,
   one 200-point line, its own server) under the same load: as many sessions moving
   its slider with the same think time for the same duration. What this machine's
   Streamlit and Chromium alone give under that load, beside the app's figures.

    python bench/load.py [--sessions 20] [--duration 75] [--moves 2] [--think 1.0]
                         [--pin] [--floor] [--out bench/results/load.md]

Prints markdown tables; targets: no errors, p95 under 1.5 s, under 10 MB of server
memory per extra session.
"""

import argparse
import asyncio
import contextlib
import os
import random
import re
import shutil
import statistics
import time
from pathlib import Path

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    TICKS,
    percentile,
    process_table,
    read_script_times,
    read_ticks,
    server_log,
    streamlit_server,
    time_script_runs,
)
from latency import FIND_JS, FLOOR, PROBES, move_key
from playwright.async_api import async_playwright

from tests.browser.helpers import slider
from ui.chapter import PAGES

APP_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
SKELETON = '[data-testid="stSkeleton"]'
EXCEPTION = '[data-testid="stException"]'
METRIC = '[data-testid="stMetricValue"]'
NAV_LINK = '[data-testid="stSidebarNavLink"]'

# path -> the page's st.title: a page switch is done when the new title is drawn
TITLES = {"/": "Backprop Studio", **{f"/{path}": title for _, title, path, _, _ in PAGES}}
WALK = list(TITLES)
PROBE_BY_PATH = {probe[0]: (name, probe) for name, probe in PROBES.items()}
TARGET_P95_S = 1.5
TARGET_MB_PER_SESSION = 10.0
SEED_CHECKS = {
    "errors: error 6": "/errors",
    "mse: 37.5 and 49.890625": "/mse",
    "slopes: -24 and 2.24": "/slopes",
    "backprop: quiz-4.4 slope 3 × 2 × 1 = 6": "/backprop",
}

# Is the page switched to ``path`` and fully drawn (with the probe's watched elements)?
READY_JS = """([path, title, selectors, done, skeleton, exception]) => { """ + FIND_JS + """
    if (window.location.pathname !== path) return false;
    if (!document.querySelector(done)) return false;
    if (document.querySelectorAll(skeleton).length) return false;
    if (document.querySelector(exception)) return true;  // drawn, with an error
    const h1 = document.querySelector('[data-testid="stMain"] h1');
    if (!h1 || !h1.textContent.includes(title)) return false;
    return selectors.every(([s, i]) => find(s, i));
}"""

# Arm a probe: the next keydown starts the clock; the promise in window.__probe
# resolves at the first frame where every watched element differs from now and no
# skeleton is left (checked once per frame after DOM mutations, not by polling).
ARM_JS = """([selectors, timeoutMs]) => { """ + FIND_JS + """
    const sig = () => selectors.map(([s, i]) => {
        const el = find(s, i);
        return el ? el.innerHTML.length + ':' + el.textContent : '';
    });
    const before = sig();
    let t0 = null;
    window.__probe = new Promise((resolve) => {
        let obs = null, timer = null;
        const done = (ok) => {
            if (obs) obs.disconnect();
            clearTimeout(timer);
            document.removeEventListener('keydown', onKey, true);
            resolve({ok, ms: t0 === null ? null : performance.now() - t0});
        };
        const changed = () => {
            const now = sig();
            return now.every((v, i) => v !== before[i]) &&
                document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
        };
        const onKey = () => { if (t0 === null) t0 = performance.now(); };
        document.addEventListener('keydown', onKey, true);
        // check at most once per frame: the page shows a change at its next frame
        let queued = false;
        obs = new MutationObserver(() => {
            if (t0 === null || queued) return;
            queued = true;
            requestAnimationFrame(() => { queued = false; if (changed()) done(true); });
        });
        const what = {subtree: true, childList: true, characterData: true, attributes: true};
        obs.observe(document.body, what);
        // A custom component (the network diagram) draws in its shadow root, which an
        // observer of the document does not see.
        for (const [s, i] of selectors) {
            const host = s.includes(' >>> ') && document.querySelectorAll(s.split(' >>> ')[0])[i];
            if (host && host.shadowRoot) obs.observe(host.shadowRoot, what);
        }
        timer = setTimeout(() => done(false), timeoutMs);
    });
    return true;
}"""


# -- /proc sampling --------------------------------------------------------------------------

def read_rss_mb(pid):
    """VmRSS of a process in MB (0 once it has exited)."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def machine_ticks():
    """(busy, total) clock ticks of all CPUs, from /proc/stat."""
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    total = sum(values[:8])       # guest time is already in user
    return total - idle, total


def classify_children(server_pid):
    """{pid: 'browser' | 'driver'} for this script's descendants other than the server."""
    table = process_table()
    children = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    found, stack = {}, list(children.get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        if pid == server_pid:
            continue
        cmd = table[pid][1]
        if "chrom" in cmd:
            found[pid] = "browser"
        elif "node" in Path(cmd).name:
            found[pid] = "driver"
        stack.extend(children.get(pid, []))
    return found


class Sampler:
    """Samples CPU (% of one core) and the server's RSS every ``interval`` seconds,
    each sample tagged with the current phase."""

    def __init__(self, server_pid, interval=0.5):
        self.server_pid = server_pid
        self.interval = interval
        self.phase = "idle, no session"
        self.samples = []  # dicts: phase, t, server, browser, driver, bench, machine, rss
        self._last = None

    def _snapshot(self):
        roles = classify_children(self.server_pid)
        ticks = {pid: read_ticks(pid) for pid in roles}
        return {
            "t": time.monotonic(),
            "server": read_ticks(self.server_pid) or 0,
            "procs": {pid: (roles[pid], t) for pid, t in ticks.items() if t is not None},
            "bench": read_ticks(os.getpid()) or 0,
            "machine": machine_ticks(),
        }

    def sample(self):
        now = self._snapshot()
        last, self._last = self._last, now
        if last is None:
            return
        dt = now["t"] - last["t"]
        per_core = 100.0 / (TICKS * dt)
        groups = {"browser": 0, "driver": 0}
        for pid, (role, ticks) in now["procs"].items():
            previous = last["procs"].get(pid)
            groups[role] += ticks - (previous[1] if previous else 0)
        busy = now["machine"][0] - last["machine"][0]
        total = now["machine"][1] - last["machine"][1]
        self.samples.append({
            "phase": self.phase,
            "server": (now["server"] - last["server"]) * per_core,
            "browser": groups["browser"] * per_core,
            "driver": groups["driver"] * per_core,
            "bench": (now["bench"] - last["bench"]) * per_core,
            # % of one core, like the others (up to 100 x the number of cores)
            "machine": 100.0 * os.cpu_count() * busy / total if total else 0.0,
            "rss": read_rss_mb(self.server_pid),
        })

    async def run(self):
        while True:
            self.sample()
            await asyncio.sleep(self.interval)

    def rss_now(self):
        return read_rss_mb(self.server_pid)

    def watch(self, server_pid):
        """From now on, sample ``server_pid`` as the server (the floor's phase)."""
        self.server_pid, self._last = server_pid, None


# -- browser sessions -------------------------------------------------------------------------

class Session:
    """One browser context walking the app."""

    def __init__(self, number, browser, base_url, args):
        self.number = number
        self.browser = browser
        self.base_url = base_url
        self.args = args
        self.checks = {}            # check name -> True/False
        self.latencies = []         # (page, seconds, ok)
        self.switches = []          # (path, seconds)
        self.problems = []          # exception boxes, page errors, timeouts
        self.context = None
        self.page = None

    async def open(self):
        self.context = await self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = await self.context.new_page()
        self.page.set_default_timeout(self.args.timeout * 1000)
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        await self.page.goto(self.base_url + "/")
        await self.wait_ready("/")

    async def wait_ready(self, path):
        """Wait until ``path`` is drawn; False (and a problem noted) if it shows an
        exception box."""
        probe = PROBE_BY_PATH.get(path)
        selectors = probe[1][4] if probe else []
        await self.page.wait_for_function(
            READY_JS, arg=[path, TITLES[path], selectors, APP_DONE, SKELETON, EXCEPTION],
            polling=50, timeout=self.args.timeout * 1000)
        boxes = self.page.locator(EXCEPTION)
        if await boxes.count():
            text = " | ".join(await boxes.all_inner_texts())
            self.problems.append(f"exception box on {path}: {text[:60]}")
            return False
        return True

    async def switch(self, path):
        """Click the page's sidebar link and wait until it is drawn; record the time."""
        href = self.base_url + path
        link = self.page.locator(f'{NAV_LINK}[href="{href}"]')
        start = time.perf_counter()
        await link.click()
        drawn = await self.wait_ready(path)
        self.switches.append((path, time.perf_counter() - start))
        return drawn

    async def spot_check(self, path):
        page = self.page
        if path == "/errors":
            values = await page.locator(METRIC).all_inner_texts()
            self.checks["errors: error 6"] = values[1:2] == ["6"]
        elif path == "/mse":
            values = await page.locator(METRIC).all_inner_texts()
            self.checks["mse: 37.5 and 49.890625"] = (
                values[:4] == ["37.5", "37.5", "49.890625", "49.890625"])
        elif path == "/slopes":
            values = await page.locator(METRIC).all_inner_texts()
            self.checks["slopes: -24 and 2.24"] = values[:2] == ["-24", "2.24"]
        elif path == "/backprop":
            text = await page.locator('[data-testid="stMain"]').inner_text()
            self.checks["backprop: quiz-4.4 slope 3 × 2 × 1 = 6"] = bool(
                re.search(r"= 3 × 2 × 1 = 6(?![\d.])", text))

    async def first_walk(self):
        """Visit every page once through the sidebar, checking the course's numbers."""
        for path in WALK[1:] + ["/"]:
            try:
                await self.switch(path)
                await self.spot_check(path)
            except Exception as error:
                self.problems.append(f"first visit of {path}: {type(error).__name__}: "
                                     f"{str(error).splitlines()[0][:100]}")
                with contextlib.suppress(Exception):
                    await self.page.goto(self.base_url + "/")
                    await self.wait_ready("/")

    async def move(self, path, move):
        """One keyboard move of the page's main slider; record the in-page latency."""
        name, (_, label, nth, first_key, selectors) = PROBE_BY_PATH[path]
        await slider(self.page, label).nth(nth).focus()
        await self.page.evaluate(ARM_JS, [selectors, self.args.timeout * 1000])
        await self.page.keyboard.press(move_key(first_key, move))
        result = await self.page.evaluate("() => window.__probe")
        if not result["ok"]:
            self.problems.append(f"{name}: no result within {self.args.timeout} s")
        seconds = (result["ms"] if result["ms"] is not None else self.args.timeout * 1000) / 1e3
        self.latencies.append((name, seconds if result["ok"] else self.args.timeout,
                               result["ok"]))
        # let the rerun finish (charts drawn) before the next action
        await self.wait_ready(path)

    async def think(self):
        if self.args.think > 0:
            await asyncio.sleep(self.args.think * random.uniform(0.5, 1.5))

    async def load(self, deadline):
        """Walk the pages from a session-specific start until the deadline."""
        order = WALK[self.number % len(WALK):] + WALK[:self.number % len(WALK)]
        current = "/"
        step = 0
        while time.monotonic() < deadline:
            path = order[step % len(order)]
            step += 1
            try:
                if path != current:
                    if not await self.switch(path):
                        raise RuntimeError("exception box")
                    current = path
                await self.think()
                for move in range(self.args.moves if path in PROBE_BY_PATH else 0):
                    if time.monotonic() >= deadline:
                        break
                    await self.move(path, move)
                    await self.think()
            except Exception as error:  # note it, start again from the home page
                if str(error) != "exception box":
                    self.problems.append(f"on {path}: {type(error).__name__}: "
                                         f"{str(error).splitlines()[0][:100]}")
                with contextlib.suppress(Exception):
                    await self.page.goto(self.base_url + "/")
                    await self.wait_ready("/")
                current = "/"

    async def close(self):
        if self.context is not None:
            with contextlib.suppress(Exception):
                await self.context.close()


async def floor_session(browser, floor_url, args, deadline):
    """One context on the bare floor page moving its slider until ``deadline``, with
    the same think time and in-page clock as the app's sessions; returns latencies."""
    _, label, _, first_key, selectors = FLOOR
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(args.timeout * 1000)
    await page.goto(floor_url + "/")
    await page.wait_for_selector(f"{APP_DONE} {METRIC}")
    thumb = slider(page, label).first
    latencies, move = [], 0
    try:
        while time.monotonic() < deadline:
            await asyncio.sleep(args.think * random.uniform(0.5, 1.5))
            await thumb.focus()
            await page.evaluate(ARM_JS, [selectors, args.timeout * 1000])
            await page.keyboard.press(move_key(first_key, move))
            result = await page.evaluate("() => window.__probe")
            latencies.append(result["ms"] / 1e3 if result["ok"] else args.timeout)
            await page.wait_for_selector(APP_DONE)
            move += 1
    finally:
        with contextlib.suppress(Exception):
            await context.close()
    return latencies


async def floor_load(browser, args, sampler):
    """The floor under the same load: as many sessions on the bare floor page (one
    slider, one metric, one 200-point line), same think time, same duration."""
    with streamlit_server(REPO_ROOT / "bench" / "floor_app") as (floor_url, floor, _):
        if args.pin:
            pin(floor.pid, {0})
        sampler.watch(floor.pid)
        await settle(sampler, 2)
        sampler.phase = "floor under load"
        deadline = time.monotonic() + args.duration
        runs = await asyncio.gather(*(floor_session(browser, floor_url, args, deadline)
                                      for _ in range(args.sessions)))
        sampler.phase = "floor done"
    return [seconds for run in runs for seconds in run]


# -- the run ------------------------------------------------------------------------------------

def summarize(samples, phase):
    rows = [s for s in samples if s["phase"] == phase]
    if not rows:
        return None

    def stat(key):
        values = [r[key] for r in rows]
        return statistics.fmean(values), max(values)
    for r in rows:
        r["other"] = max(0.0, r["machine"] - r["server"] - r["browser"] - r["driver"]
                         - r["bench"])
    return {key: stat(key)
            for key in ("server", "browser", "driver", "bench", "other", "machine", "rss")}


def slope(xs, ys):
    """Least-squares slope of ys on xs."""
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var if var else 0.0


def load_average():
    with open("/proc/loadavg") as f:
        return f.read().split()[0]


async def settle(sampler, seconds):
    """Let ``seconds`` pass (the sampler keeps sampling); return the median RSS then."""
    values = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        values.append(sampler.rss_now())
        await asyncio.sleep(0.25)
    return statistics.median(values)


def pin(pid, cpus):
    """Bind every thread of process ``pid`` to ``cpus``."""
    for task in os.listdir(f"/proc/{pid}/task"):
        with contextlib.suppress(OSError):
            os.sched_setaffinity(int(task), cpus)


async def run(args):
    random.seed(args.seed)
    lines = []
    load_before = load_average()
    script_times_path = time_script_runs()
    if args.pin:  # this script, Playwright and Chromium on the second core
        os.sched_setaffinity(0, {1})
    with streamlit_server(REPO_ROOT) as (base_url, server, _):
        if args.pin:  # the server alone on the first core
            pin(server.pid, {0})
        sampler = Sampler(server.pid)
        sampler_task = asyncio.create_task(sampler.run())
        memory = []  # (sessions open, RSS MB)
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                       args=CHROMIUM_ARGS)
            rss_none = await settle(sampler, 3)
            sessions = [Session(n, browser, base_url, args) for n in range(args.sessions)]

            # 1. ramp: one session warms the server, then the others in groups
            sampler.phase = "ramp (sessions opening, first walk)"
            ramp_start = time.monotonic()
            await sessions[0].open()
            await sessions[0].first_walk()
            memory.append((1, await settle(sampler, 2)))
            rest = sessions[1:]
            for start in range(0, len(rest), args.group):
                group = rest[start:start + args.group]
                await asyncio.gather(*(s.open() for s in group))
                await asyncio.gather(*(s.first_walk() for s in group))
                memory.append((1 + start + len(group), await settle(sampler, 2)))
            ramp_seconds = time.monotonic() - ramp_start

            # 2. load
            script_times_at_load = len(read_script_times(script_times_path))
            sampler.phase = "load"
            deadline = time.monotonic() + args.duration
            load_start = time.monotonic()
            await asyncio.gather(*(s.load(deadline) for s in sessions))
            load_seconds = time.monotonic() - load_start
            script_times = read_script_times(script_times_path)[script_times_at_load:]

            # 3. idle with every session open, then closed
            sampler.phase = "idle, sessions open"
            rss_idle = await settle(sampler, args.idle)
            await asyncio.gather(*(s.close() for s in sessions))
            sampler.phase = "after closing"
            rss_closed = await settle(sampler, args.idle)
            floor_seconds = await floor_load(browser, args, sampler) if args.floor else []
            await browser.close()
        sampler_task.cancel()
        log = server_log(server)
    load_after = load_average()
    shutil.rmtree(script_times_path.parent, ignore_errors=True)

    # -- report ---------------------------------------------------------------------------------
    n = args.sessions
    checks_ok = [s for s in sessions if len(s.checks) == len(SEED_CHECKS)
                 and all(s.checks.values())]
    moves = [(name, seconds, ok) for s in sessions for name, seconds, ok in s.latencies]
    all_seconds = [seconds for _, seconds, _ in moves]
    timeouts = sum(1 for _, _, ok in moves if not ok)
    switches = [seconds for s in sessions for _, seconds in s.switches]
    problems = [f"session {s.number}: {p}" for s in sessions for p in s.problems]
    log_errors = [line for line in log.splitlines() if re.search(r"Traceback|Error", line)]
    p50 = percentile(all_seconds, 50) if all_seconds else float("nan")
    p95 = percentile(all_seconds, 95) if all_seconds else float("nan")
    per_session_two_point = (memory[-1][1] - memory[0][1]) / max(memory[-1][0] - 1, 1)
    per_session_fit = slope([m[0] for m in memory], [m[1] for m in memory])

    out = lines.append
    out(f"## Load: {n} concurrent Chromium sessions, one server\n")
    out(f"{os.cpu_count()} cores; load average before the run {load_before}; "
        f"ramp {ramp_seconds:.0f} s (1 session, then groups of {args.group}), load "
        f"{load_seconds:.0f} s with {args.moves} slider moves per page visit and a think "
        f"time of {args.think:g} s (0.5x-1.5x) between actions; "
        + ("server pinned to CPU 0, Chromium, Playwright and this script to CPU 1 (other "
           "work on the machine is not pinned)" if args.pin else
           "server, Chromium and Playwright share the same cores")
        + f"; BLAS threads capped at 1; load average after the run {load_after}.\n")

    out("| check | result | target |")
    out("| --- | --- | --- |")
    out(f"| sessions that saw the course's numbers (first visit) | {len(checks_ok)} / {n} | "
        f"{n} / {n} {'PASS' if len(checks_ok) == n else 'MISS'} |")
    for check in SEED_CHECKS:
        right = sum(1 for s in sessions if s.checks.get(check))
        out(f"| {check} | {right} / {n} | |")
    out(f"| interactions (slider moves) | {len(moves)} ({timeouts} without a result "
        f"within {args.timeout} s) | |")
    out(f"| interaction latency p50 / p95 / max | {p50 * 1e3:.0f} / {p95 * 1e3:.0f} / "
        f"{max(all_seconds, default=0) * 1e3:.0f} ms | p95 < {TARGET_P95_S * 1e3:.0f} ms "
        f"{'PASS' if p95 < TARGET_P95_S else 'MISS'} |")
    if script_times:
        walls = [w for w, _ in script_times]
        cpus = [c for _, c in script_times]
        out(f"| server script time per rerun under load: wall p50 / p95 (CPU p50 / p95) | "
            f"{percentile(walls, 50):.0f} / {percentile(walls, 95):.0f} ms "
            f"({percentile(cpus, 50):.0f} / {percentile(cpus, 95):.0f} ms; "
            f"{len(script_times)} reruns) | |")
    if switches:
        out(f"| page switch (sidebar click to page drawn) p50 / p95 | "
            f"{percentile(switches, 50) * 1e3:.0f} / {percentile(switches, 95) * 1e3:.0f} ms "
            f"({len(switches)} switches) | |")
    out(f"| memory per extra session (two-point / fit) | {per_session_two_point:.2f} / "
        f"{per_session_fit:.2f} MB | < {TARGET_MB_PER_SESSION:g} MB "
        f"{'PASS' if max(per_session_two_point, per_session_fit) < TARGET_MB_PER_SESSION else 'MISS'} |")
    out(f"| browser-side problems (exception boxes, page errors, timeouts) | {len(problems)} "
        f"| 0 {'PASS' if not problems else 'MISS'} |")
    out(f"| server log lines with Traceback/Error | {len(log_errors)} | 0 "
        f"{'PASS' if not log_errors else 'MISS'} |")
    if floor_seconds:
        floor_p95 = percentile(floor_seconds, 95)
        out(f"| the floor page under the same load ({n} sessions moving its one slider, "
            f"same think time): p50 / p95 / max | {percentile(floor_seconds, 50) * 1e3:.0f} "
            f"/ {floor_p95 * 1e3:.0f} / {max(floor_seconds) * 1e3:.0f} ms "
            f"({len(floor_seconds)} moves) | p95 < {TARGET_P95_S * 1e3:.0f} ms "
            f"{'PASS' if floor_p95 < TARGET_P95_S else 'MISS'} |")
        out(f"| app p95 / floor p95 under load | {p95 / floor_p95:.2f} | |")
    out("")

    out("| page | moves | p50 (ms) | p95 (ms) | max (ms) |")
    out("| --- | ---: | ---: | ---: | ---: |")
    for name in PROBES:
        values = [seconds for page, seconds, _ in moves if page == name]
        if values:
            out(f"| {name} | {len(values)} | {percentile(values, 50) * 1e3:.0f} | "
                f"{percentile(values, 95) * 1e3:.0f} | {max(values) * 1e3:.0f} |")
    out("")

    out("CPU in % of one core (mean / peak of 0.5 s samples); the machine column is every "
        f"process on the {os.cpu_count()} cores (other work on the machine included).\n")
    out("| phase | server CPU | server RSS (MB) | Chromium CPU | Playwright driver + "
        "this script | other processes | whole machine |")
    out("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for phase in ("idle, no session", "ramp (sessions opening, first walk)", "load",
                  "idle, sessions open", "after closing", "floor under load"):
        s = summarize(sampler.samples, phase)
        if s is None:
            continue
        helper_mean = s["driver"][0] + s["bench"][0]
        helper_peak = max(s["driver"][1], s["bench"][1])
        out(f"| {phase} | {s['server'][0]:.0f} / {s['server'][1]:.0f} | "
            f"{s['rss'][0]:.0f} / {s['rss'][1]:.0f} | {s['browser'][0]:.0f} / "
            f"{s['browser'][1]:.0f} | {helper_mean:.0f} / {helper_peak:.0f} | "
            f"{s['other'][0]:.0f} / {s['other'][1]:.0f} | "
            f"{s['machine'][0]:.0f} / {s['machine'][1]:.0f} |")
    out("")
    out("Server RSS: " + ", ".join(
        [f"no session {rss_none:.0f} MB"]
        + [f"{k} session{'s' if k > 1 else ''} {mb:.0f} MB" for k, mb in memory]
        + [f"idle after the load {rss_idle:.0f} MB",
           f"{args.idle:g} s after closing every session {rss_closed:.0f} MB"]) + ".")

    s = summarize(sampler.samples, "load")
    if s is not None:
        server_cpu, browser_cpu = s["server"][0], s["browser"][0]
        machine = s["machine"][0]
        capacity = 100.0 * os.cpu_count()
        verdict = ("the browser" if browser_cpu > server_cpu else "the server")
        out("")
        out(f"Under load the server used {server_cpu:.0f}% of one core on average (it runs "
            f"Python scripts under one GIL, so about 100% is its ceiling), Chromium "
            f"{browser_cpu:.0f}%, other processes {s['other'][0]:.0f}% and the whole machine "
            f"{machine:.0f}% of {capacity:.0f}%: {verdict} takes the larger share of the CPU.")
        if script_times and all_seconds:
            wall_p95 = percentile([w for w, _ in script_times], 95)
            cpu_p95 = percentile([c for _, c in script_times], 95)
            out(f"Server script time per rerun (every rerun, page switches included): CPU "
                f"p95 {cpu_p95:.0f} ms, wall p95 {wall_p95:.0f} ms (wall includes waiting "
                f"for a core and for the GIL), against an interaction p95 of "
                f"{p95 * 1e3:.0f} ms.")
    if problems:
        out("\nBrowser-side problems (first 10):\n")
        out("\n".join(f"- {p}" for p in problems[:10]))
    if log_errors:
        out("\nServer log lines with Traceback/Error (first 10):\n")
        out("\n".join(f"    {line}" for line in log_errors[:10]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=75.0,
                        help="seconds of load after the ramp")
    parser.add_argument("--moves", type=int, default=2, help="slider moves per page visit")
    parser.add_argument("--think", type=float, default=1.0,
                        help="mean pause between actions, seconds (0: none)")
    parser.add_argument("--group", type=int, default=4,
                        help="sessions opened together during the ramp")
    parser.add_argument("--idle", type=float, default=5.0,
                        help="seconds idle with the sessions open, and after closing")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="seconds before an interaction counts as failed")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--pin", action="store_true",
                        help="server alone on CPU 0; Chromium, Playwright and this script "
                             "on CPU 1 (separates the server's share from the browser's)")
    parser.add_argument("--floor", action="store_true",
                        help="then put the bare floor page (bench/floor_app) under the same "
                             "load: as many sessions, same think time and duration; its "
                             "row's server columns are the floor's server")
    parser.add_argument("--out", type=Path, default=None,
                        help="also write the tables to this markdown file")
    args = parser.parse_args()
    report = asyncio.run(run(args))
    print(report)
    if args.out is not None:
        args.out.write_text(report + "\n")


if __name__ == "__main__":
    main()
