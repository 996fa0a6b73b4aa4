"""Interaction latency in a real browser, every page against the floor.

Starts the app and a bare floor page (one slider, one metric, one 200-point Altair
line) with `streamlit run`, drives Debian's Chromium with Playwright, and times a
keyboard move of each page's main slider until the page shows the new result (every
watched element changed, not only the run-state flag). Pages and the floor alternate
within each round so both see the same machine load.

    python bench/latency.py [--moves 30]

Prints a table: page, median, p95, ratio of p95 to the floor's p95, and the CPU every
Chromium process used per move (against the floor's, counted to the nanosecond by the
kernel's scheduler); and the cold start (from `streamlit run` to the home page fully
drawn, in a new browser context: the median of --cold-starts, each with a new server).

A second table says where a move's time goes, page by page (medians per move):

- the server's script run (wall and CPU; the server times every run, see
  harness.time_script_runs);
- what the server sends back over the WebSocket: bytes, and the elements re-sent
  (Streamlit's ForwardMsg deltas, decoded with streamlit.proto) by type;
- the renderer's main thread, from Chromium's own performance metrics through a CDP
  session (Performance.getMetrics): JavaScript, style and layout, and the rest of its
  tasks (paint, compositing commits, garbage collection, parsing), and the renderer
  process's whole CPU time (its raster and compositor threads too);
- which elements the browser re-rendered: the page's element containers whose DOM
  changed during the move (a MutationObserver), by the test id of what they hold.
"""

import argparse
import base64
import collections
import statistics
import time

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    percentile,
    process_table,
    read_cpu_seconds,
    read_script_times,
    streamlit_server,
    time_script_runs,
)
from playwright.sync_api import sync_playwright
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.helpers import slider, wait_for_app

# page -> (path, main slider label, CSS selectors whose content must all change)
# (selector, index among its matches)
METRIC = '[data-testid="stMetricValue"]'
CHART = '[data-testid="stVegaLiteChart"] svg'
# The network diagram is a custom component drawn in a shadow root: "host >>> inner".
DIAGRAM = '[data-testid="stBidiComponentIsolated"] >>> svg'

# page -> (path, main slider's label, which slider with that label, first key,
#          watched elements that must all change)
PROBES = {
    "errors": ("/errors", "target (actual value)", 0, "ArrowRight", [(METRIC, 1)]),
    "mse": ("/mse", "node_0 → output", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)]),
    "slopes": ("/slopes", "weight", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)]),
    "descent": ("/descent", "Number of updates", 0, "ArrowRight", [(METRIC, 1), (CHART, 0)]),
    "backprop": ("/backprop", "Step of the round", 0, "ArrowLeft", [(DIAGRAM, 0)]),
    "sgd": ("/sgd", "Epochs", 0, "ArrowRight", [(METRIC, 1), (CHART, 0)]),
}
FLOOR = ("/", "w", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)])

# Finds the i-th match of a selector; "host >>> inner" looks inside the host's shadow root.
FIND_JS = """const find = (s, i) => {
    const [host, inner] = s.split(' >>> ');
    const el = document.querySelectorAll(host)[i];
    return el && inner ? el.shadowRoot && el.shadowRoot.querySelector(inner) : el;
};"""

SIGNATURE_JS = """(selectors) => { """ + FIND_JS + """ return selectors.map(([s, i]) => {
    const el = find(s, i);
    return el ? el.innerHTML.length + ':' + el.textContent : '';
}); }"""

CHANGED_JS = """([selectors, before]) => { """ + FIND_JS + """
    const now = selectors.map(([s, i]) => {
        const el = find(s, i);
        return el ? el.innerHTML.length + ':' + el.textContent : '';
    });
    return now.every((v, i) => v !== before[i]) &&
        document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""


# Records which element containers of the page change: the test id of the element each
# changed container holds (e.g. stMetric, stVegaLiteChart), once per container.
MUTATIONS_JS = """() => {
    window.__changed = new Map();
    const note = (node) => {
        const el = node.nodeType === 1 ? node : node.parentElement;
        const box = el && el.closest('[data-testid="stElementContainer"]');
        if (!box || window.__changed.has(box)) return;
        const inner = box.querySelector('[data-testid]');
        window.__changed.set(box, inner ? inner.getAttribute('data-testid') : 'empty');
    };
    new MutationObserver((records) => records.forEach((r) => note(r.target)))
        .observe(document.body, {subtree: true, childList: true, characterData: true,
                                 attributes: true});
}"""
CHANGED_ELEMENTS_JS = """() => {
    const counts = {};
    for (const id of window.__changed.values()) counts[id] = (counts[id] || 0) + 1;
    window.__changed.clear();
    return counts;
}"""
MAIN_THREAD = ("ScriptDuration", "RecalcStyleDuration", "LayoutDuration", "TaskDuration",
               "TaskOtherDuration", "DevToolsCommandDuration", "ProcessTime")


class MoveRecorder:
    """Where one page's moves go: the WebSocket frames the server sends, the renderer's
    own metrics (CDP Performance domain) and the element containers that change."""

    def __init__(self, context, page):
        self.page = page
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.cdp.send("Performance.enable", {"timeDomain": "threadTicks"})
        self.frames = []
        self.cdp.on("Network.webSocketFrameReceived", lambda event: self.frames.append(event))
        page.evaluate(MUTATIONS_JS)
        self.moves = []

    def metrics(self):
        values = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return {name: values.get(name, 0.0) for name in MAIN_THREAD}

    def start(self, script_times_path):
        self.frames.clear()
        self.page.evaluate(CHANGED_ELEMENTS_JS)  # forget what changed before the move
        self.runs_before = len(read_script_times(script_times_path))
        self.before = self.metrics()

    def finish(self, script_times_path):
        after = self.metrics()
        change = {name: after[name] - self.before[name] for name in MAIN_THREAD}
        sent, elements = 0, collections.Counter()
        for event in self.frames:
            response = event["response"]
            if response.get("opcode") != 2:
                continue
            payload = base64.b64decode(response["payloadData"])
            sent += len(payload)
            message = ForwardMsg.FromString(payload)
            if message.WhichOneof("type") == "delta":
                delta = message.delta
                kind = delta.WhichOneof("type")
                if kind == "new_element":
                    elements[delta.new_element.WhichOneof("type")] += 1
                elif kind is not None:
                    elements[kind] += 1
        runs = read_script_times(script_times_path)[self.runs_before:]
        devtools = change["DevToolsCommandDuration"]
        self.moves.append({
            "script_wall": sum(wall for wall, _ in runs) / 1e3,
            "script_cpu": sum(cpu for _, cpu in runs) / 1e3,
            "bytes": sent,
            "sent": elements,
            "js": change["ScriptDuration"],
            "style_layout": change["RecalcStyleDuration"] + change["LayoutDuration"],
            "other": change["TaskOtherDuration"] - devtools,
            "main_thread": change["TaskDuration"] - devtools,
            "renderer_cpu": change["ProcessTime"],
            "changed": self.page.evaluate(CHANGED_ELEMENTS_JS),
        })


def chromium_cpu_seconds():
    """CPU seconds used so far by every Chromium process, to the nanosecond (not in
    10 ms clock ticks: a median of ticks jumps by 10 % of the floor's move at a time)."""
    seconds = (read_cpu_seconds(pid) for pid, (_, cmd) in process_table().items()
               if "chrom" in cmd)
    return sum(s for s in seconds if s is not None)


def move_key(first_key, move):
    """The key of move number ``move``: ``first_key`` and its opposite in turn, so the
    slider goes back and forth around where it started."""
    other_key = "ArrowLeft" if first_key == "ArrowRight" else "ArrowRight"
    return first_key if move % 2 == 0 else other_key


def signature(page, selectors):
    """What the watched elements show now."""
    return page.evaluate(SIGNATURE_JS, selectors)


def time_move(page, probe, move, cpu=None, recorder=None, script_times_path=None):
    """Seconds from the key press on the probe's slider to every watched element changed.
    With a list ``cpu``, also appends the CPU seconds every Chromium process used from
    the key press until the rerun finished (the browser's whole cost of the move); with
    a ``recorder``, records where the move's time went (see MoveRecorder)."""
    _, label, nth, first_key, selectors = probe
    key = move_key(first_key, move)
    # A background tab's timers and animation frames are throttled: measure in front.
    page.bring_to_front()
    thumb = slider(page, label).nth(nth)
    thumb.focus()
    before = signature(page, selectors)
    if recorder is not None:
        recorder.start(script_times_path)
    cpu_start = chromium_cpu_seconds() if cpu is not None else 0.0
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(CHANGED_JS, arg=[selectors, before], polling="raf", timeout=20000)
    elapsed = time.perf_counter() - start
    wait_for_app(page)
    if cpu is not None:
        page.wait_for_timeout(100)  # the last frames are painted after the run ends
        cpu.append(chromium_cpu_seconds() - cpu_start)
    if recorder is not None:
        recorder.finish(script_times_path)
    return elapsed


def cold_start_to_home(browser, base_url, started):
    """Seconds from ``started`` (just before `streamlit run`) to the home page fully
    drawn in a new browser context (nothing cached)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base_url + "/")
    wait_for_app(page)
    seconds = time.perf_counter() - started
    context.close()
    return seconds


def open_probe(context, base_url, path):
    page = context.new_page()
    page.goto(base_url + path)
    wait_for_app(page)
    return page


TARGET_P95_RATIO = 1.2    # a page's p95 at most this times the floor page's, same run
TARGET_CPU_RATIO = 2.0    # a page's Chromium CPU per move at most this times the floor's
TARGET_COLD_START_S = 2.0


def median_of(moves, key):
    return statistics.median(move[key] for move in moves)


def per_move(counts, n_moves):
    """'slider 1, metric 3' from counts summed over ``n_moves`` moves."""
    return ", ".join(f"{kind} {count / n_moves:.3g}" for kind, count in counts.most_common())


def breakdown_rows(recorders):
    """Markdown rows of the breakdown table: medians per move."""
    rows = []
    for name, recorder in recorders.items():
        moves = recorder.moves
        sent = collections.Counter()
        changed = collections.Counter()
        for move in moves:
            sent.update(move["sent"])
            changed.update(move["changed"])

        def ms(key, moves=moves):
            return f"{median_of(moves, key) * 1e3:.0f}"

        rows.append(
            f"| {name} | {ms('script_wall')} / {ms('script_cpu')} | "
            f"{median_of(moves, 'bytes') / 1024:.1f} | {per_move(sent, len(moves))} | "
            f"{ms('js')} | {ms('style_layout')} | {ms('other')} | {ms('main_thread')} | "
            f"{ms('renderer_cpu')} | {per_move(changed, len(moves))} |")
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--pages", nargs="*", default=None)
    parser.add_argument("--breakdown-moves", type=int, default=10,
                        help="moves per page of the breakdown pass, after the timed moves "
                             "(0: no breakdown)")
    parser.add_argument("--cold-starts", type=int, default=3,
                        help="cold starts measured, each with a new server and browser "
                             "context; the verdict is on their median")
    args = parser.parse_args()
    script_times_path = time_script_runs()
    existing = {p[2] for p in __import__("ui.chapter", fromlist=["x"]).existing_pages()}
    probes = {name: probe for name, probe in PROBES.items()
              if name in existing and (args.pages is None or name in args.pages)}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # Cold starts, from `streamlit run` to the home page fully drawn. One sample
        # moved by 0.5 s from run to run on this machine: the verdict is on a median.
        colds, healthy = [], []
        for _ in range(args.cold_starts - 1):
            started = time.perf_counter()
            with streamlit_server(REPO_ROOT) as (base_url, _, healthy_after):
                colds.append(cold_start_to_home(browser, base_url, started))
                healthy.append(healthy_after)
        started = time.perf_counter()
        with streamlit_server(REPO_ROOT) as (base_url, _, healthy_after):
            colds.append(cold_start_to_home(browser, base_url, started))
            healthy.append(healthy_after)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            with streamlit_server(REPO_ROOT / "bench" / "floor_app") as (floor_url, _, _), \
                    streamlit_server(REPO_ROOT / "bench" / "app_floor_app") as (app_floor_url,
                                                                                _, _):
                pages = {name: open_probe(context, base_url, probe[0])
                         for name, probe in probes.items()}
                floor_page = open_probe(context, floor_url, FLOOR[0])
                app_floor_page = open_probe(context, app_floor_url, FLOOR[0])
                timings = {name: [] for name in probes}
                cpu = {name: [] for name in probes}
                floor, floor_cpu, app_floor, app_floor_cpu = [], [], [], []
                for move in range(args.moves):
                    for name, probe in probes.items():
                        timings[name].append(time_move(pages[name], probe, move, cpu[name]))
                        floor.append(time_move(floor_page, FLOOR, move, floor_cpu))
                    app_floor.append(time_move(app_floor_page, FLOOR, move, app_floor_cpu))
                # A separate pass: the CDP recording costs the browser a little.
                recorders = {"floor": MoveRecorder(context, floor_page)}
                recorders.update({name: MoveRecorder(context, pages[name]) for name in probes})
                for move in range(args.breakdown_moves):
                    time_move(floor_page, FLOOR, move, recorder=recorders["floor"],
                              script_times_path=script_times_path)
                    for name, probe in probes.items():
                        time_move(pages[name], probe, move, recorder=recorders[name],
                                  script_times_path=script_times_path)
            context.close()
        browser.close()

    floor_p95 = percentile(floor, 95)
    print(f"Interaction latency, {args.moves} keyboard moves per page, Chromium headless, "
          "2 cores; time from key press to every watched element changed\n")
    floor_cpu_median = statistics.median(floor_cpu)
    print(f"| page | median (ms) | p95 (ms) | p95 / floor p95 | target <= {TARGET_P95_RATIO} | "
          f"Chromium CPU per move, median (ms) | CPU / floor CPU | target <= {TARGET_CPU_RATIO} |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: | --- |")
    print(f"| floor (1 slider, 1 metric, 200-point line) | {statistics.median(floor) * 1e3:.0f} "
          f"| {floor_p95 * 1e3:.0f} | 1.00 | | {floor_cpu_median * 1e3:.0f} | 1.00 | |")
    app_floor_p95 = percentile(app_floor, 95)
    app_floor_cpu_median = statistics.median(app_floor_cpu)
    print(f"| (not a target) app floor: the floor as page 1 of a 7-page app, in a "
          f"fragment, its slider in the URL | {statistics.median(app_floor) * 1e3:.0f} "
          f"| {app_floor_p95 * 1e3:.0f} | {app_floor_p95 / floor_p95:.2f} | | "
          f"{app_floor_cpu_median * 1e3:.0f} | {app_floor_cpu_median / floor_cpu_median:.2f} "
          "| |")
    for name, values in timings.items():
        p95 = percentile(values, 95)
        ratio = p95 / floor_p95
        cpu_median = statistics.median(cpu[name])
        cpu_ratio = cpu_median / floor_cpu_median
        print(f"| {name} | {statistics.median(values) * 1e3:.0f} | {p95 * 1e3:.0f} | "
              f"{ratio:.2f} | {'PASS' if ratio <= TARGET_P95_RATIO else 'MISS'} | "
              f"{cpu_median * 1e3:.0f} | {cpu_ratio:.2f} | "
              f"{'PASS' if cpu_ratio <= TARGET_CPU_RATIO else 'MISS'} |")
    print("\nChromium CPU per move: every Chromium process (renderer, raster and "
          "compositor threads), from the key press until the rerun finished and 100 ms "
          "more; on 2 cores it is what bounds how many sessions one machine's browsers "
          "can drive (bench/load.py).")
    print("\nThe app floor (bench/app_floor_app) is what every page of this app pays "
          "before drawing anything of its own: the sidebar's page list, a fragment's "
          "rerun and a URL update (history.replaceState) per move. The verdicts stay on "
          "the bare floor. Each page's CPU per move / the app floor's: "
          + ", ".join(f"{name} {statistics.median(cpu[name]) / app_floor_cpu_median:.2f}"
                      for name in timings) + ".")
    cold = statistics.median(colds)
    print(f"\nCold start: `streamlit run` to the home page fully drawn, median of "
          f"{len(colds)}: {cold:.2f} s (each: {', '.join(f'{c:.2f}' for c in colds)} s; "
          f"server healthy after {', '.join(f'{h:.2f}' for h in healthy)} s); "
          f"target <= {TARGET_COLD_START_S} s: {'PASS' if cold <= TARGET_COLD_START_S else 'MISS'}")
    if args.breakdown_moves:
        print(f"\nWhere a move goes: medians of {args.breakdown_moves} moves per page, a "
              "separate pass with a CDP session recording (ms unless said)\n")
        print("| page | server script wall / CPU | WebSocket KB | elements re-sent per move | "
              "renderer JS | style + layout | other main-thread work (paint, GC...) | "
              "main thread in all | renderer process CPU | element containers changed "
              "per move |")
        print("| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |")
        for row in breakdown_rows(recorders):
            print(row)


if __name__ == "__main__":
    main()
