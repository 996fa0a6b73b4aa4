"""Interaction latency in a real browser, every page against the floor.

Starts the app and a bare floor page (one slider, one metric, one 200-point Altair
line) with `streamlit run`, drives Debian's Chromium with Playwright, and times a
keyboard move of each page's main slider until the page shows the new result (every
watched element changed, not only the run-state flag). Pages and the floor alternate
within each round so both see the same machine load.

    python bench/latency.py [--moves 30]

Prints a table: page, median, p95, ratio of p95 to the floor's p95, and the CPU every
Chromium process used per move (against the floor's); and the cold start
(from `streamlit run` to the home page fully drawn).
"""

import argparse
import statistics
import time

from harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO_ROOT,
    TICKS,
    percentile,
    process_table,
    read_ticks,
    streamlit_server,
)
from playwright.sync_api import sync_playwright

from tests.browser.helpers import slider, wait_for_app

# page -> (path, main slider label, CSS selectors whose content must all change)
# (selector, index among its matches)
METRIC = '[data-testid="stMetricValue"]'
CHART = '[data-testid="stVegaLiteChart"] svg'
GRAPH = '[data-testid="stGraphVizChart"] svg'

# page -> (path, main slider's label, which slider with that label, first key,
#          watched elements that must all change)
PROBES = {
    "errors": ("/errors", "target (actual value)", 0, "ArrowRight", [(METRIC, 1)]),
    "mse": ("/mse", "node_0 → output", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)]),
    "slopes": ("/slopes", "weight", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)]),
    "descent": ("/descent", "Number of updates", 0, "ArrowRight", [(METRIC, 1), (CHART, 0)]),
    "backprop": ("/backprop", "Step of the round", 0, "ArrowLeft", [(GRAPH, 0)]),
    "sgd": ("/sgd", "Epochs", 0, "ArrowRight", [(METRIC, 1), (CHART, 0)]),
}
FLOOR = ("/", "w", 0, "ArrowRight", [(METRIC, 0), (CHART, 0)])

SIGNATURE_JS = """(selectors) => selectors.map(([s, i]) => {
    const el = document.querySelectorAll(s)[i];
    return el ? el.innerHTML.length + ':' + el.textContent : '';
})"""

CHANGED_JS = """([selectors, before]) => {
    const now = selectors.map(([s, i]) => {
        const el = document.querySelectorAll(s)[i];
        return el ? el.innerHTML.length + ':' + el.textContent : '';
    });
    return now.every((v, i) => v !== before[i]) &&
        document.querySelectorAll('[data-testid="stSkeleton"]').length === 0;
}"""


def chromium_cpu_seconds():
    """CPU seconds (user + system) used so far by every Chromium process."""
    ticks = (read_ticks(pid) for pid, (_, cmd) in process_table().items() if "chrom" in cmd)
    return sum(t for t in ticks if t is not None) / TICKS


def move_key(first_key, move):
    """The key of move number ``move``: ``first_key`` and its opposite in turn, so the
    slider goes back and forth around where it started."""
    other_key = "ArrowLeft" if first_key == "ArrowRight" else "ArrowRight"
    return first_key if move % 2 == 0 else other_key


def signature(page, selectors):
    """What the watched elements show now."""
    return page.evaluate(SIGNATURE_JS, selectors)


def time_move(page, probe, move, cpu=None):
    """Seconds from the key press on the probe's slider to every watched element changed.
    With a list ``cpu``, also appends the CPU seconds every Chromium process used from
    the key press until the rerun finished (the browser's whole cost of the move)."""
    _, label, nth, first_key, selectors = probe
    key = move_key(first_key, move)
    # A background tab's timers and animation frames are throttled: measure in front.
    page.bring_to_front()
    thumb = slider(page, label).nth(nth)
    thumb.focus()
    before = signature(page, selectors)
    cpu_start = chromium_cpu_seconds() if cpu is not None else 0.0
    start = time.perf_counter()
    page.keyboard.press(key)
    page.wait_for_function(CHANGED_JS, arg=[selectors, before], polling="raf", timeout=20000)
    elapsed = time.perf_counter() - start
    wait_for_app(page)
    if cpu is not None:
        page.wait_for_timeout(100)  # the last frames are painted after the run ends
        cpu.append(chromium_cpu_seconds() - cpu_start)
    return elapsed


def open_probe(context, base_url, path):
    page = context.new_page()
    page.goto(base_url + path)
    wait_for_app(page)
    return page


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--moves", type=int, default=30)
    parser.add_argument("--pages", nargs="*", default=None)
    args = parser.parse_args()
    existing = {p[2] for p in __import__("ui.chapter", fromlist=["x"]).existing_pages()}
    probes = {name: probe for name, probe in PROBES.items()
              if name in existing and (args.pages is None or name in args.pages)}

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        # cold start: from `streamlit run` to the home page fully drawn
        cold_start = time.perf_counter()
        with streamlit_server(REPO_ROOT) as (base_url, _, healthy_after):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(base_url + "/")
            wait_for_app(page)
            cold = time.perf_counter() - cold_start
            page.close()
            with streamlit_server(REPO_ROOT / "bench" / "floor_app") as (floor_url, _, _):
                pages = {name: open_probe(context, base_url, probe[0])
                         for name, probe in probes.items()}
                floor_page = open_probe(context, floor_url, FLOOR[0])
                timings = {name: [] for name in probes}
                cpu = {name: [] for name in probes}
                floor, floor_cpu = [], []
                for move in range(args.moves):
                    for name, probe in probes.items():
                        timings[name].append(time_move(pages[name], probe, move, cpu[name]))
                        floor.append(time_move(floor_page, FLOOR, move, floor_cpu))
            context.close()
        browser.close()

    floor_p95 = percentile(floor, 95)
    print(f"Interaction latency, {args.moves} keyboard moves per page, Chromium headless, "
          "2 cores; time from key press to every watched element changed\n")
    floor_cpu_median = statistics.median(floor_cpu)
    print("| page | median (ms) | p95 (ms) | p95 / floor p95 | target <= 1.5 | "
          "Chromium CPU per move, median (ms) | CPU / floor CPU |")
    print("| --- | ---: | ---: | ---: | --- | ---: | ---: |")
    print(f"| floor (1 slider, 1 metric, 200-point line) | {statistics.median(floor) * 1e3:.0f} "
          f"| {floor_p95 * 1e3:.0f} | 1.00 | | {floor_cpu_median * 1e3:.0f} | 1.00 |")
    for name, values in timings.items():
        p95 = percentile(values, 95)
        ratio = p95 / floor_p95
        cpu_median = statistics.median(cpu[name])
        print(f"| {name} | {statistics.median(values) * 1e3:.0f} | {p95 * 1e3:.0f} | "
              f"{ratio:.2f} | {'PASS' if ratio <= 1.5 else 'MISS'} | "
              f"{cpu_median * 1e3:.0f} | {cpu_median / floor_cpu_median:.2f} |")
    print("\nChromium CPU per move: every Chromium process (renderer, raster and "
          "compositor threads), from the key press until the rerun finished and 100 ms "
          "more; on 2 cores it is what bounds how many sessions one machine's browsers "
          "can drive (bench/load.py).")
    print(f"\nCold start: `streamlit run` to the home page fully drawn: {cold:.2f} s "
          f"(server healthy after {healthy_after:.2f} s); target < 3 s: "
          f"{'PASS' if cold < 3 else 'MISS'}")


if __name__ == "__main__":
    main()
