"""Clicks and animation frames in a real browser, against the floor page's slider move.

Starts the app and the bare floor page (bench/floor_app) with `streamlit run` and drives
Debian's Chromium with Playwright, as bench/latency.py does:

- click rows: a click on each clickable picture (the slopes loss curve, the descent loss
  surface, the errors and backprop diagrams), timed from the mouse click until every
  watched element shows the new result; clicks alternate between two places so each
  one changes the page;
- frame rows: Play at the fast speed on descent and backprop; a frame's time is
  the time between two frames drawn (the watched metric changed) less the timer's
  interval, i.e. what one frame costs beyond the wait the animation asks for;
- the floor's keyboard move, measured in the same run between the pages' samples.

A page's first clicks after it opens are its slowest: Chromium compiles the code paths
of a chart's update as they are first taken (the first 10 clicks on the descent surface
took 140-278 ms, the next 30 73-180 ms, with the server's script time the same for all).
The floor page stays open for the whole run, so almost all its moves are warm. To
compare like with like, each picture gets ``--warmup`` clicks after it opens and the
floor as many moves, before anything is counted; those first clicks are shown in a
column of their own, and ``--warmup 0`` counts them as before.

    python bench/motion.py [--clicks 40] [--warmup 5] [--frames 20] [--rows descent]

Prints one table: median, p95 and p95 / floor p95 per row, with the target of
issue 15 (a click's or a frame's p95 at most 1.2 times the floor's slider p95).
"""

import argparse
import statistics
import time

from harness import CHROMIUM, CHROMIUM_ARGS, REPO_ROOT, percentile, streamlit_server
from latency import FLOOR, METRIC, open_probe, time_move
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import sync_playwright

from tests.browser.helpers import wait_for_app
from ui.player import SPEEDS

CHART = '[data-testid="stVegaLiteChart"]'
DIAGRAM = '[data-testid="stBidiComponentIsolated"]'
TARGET_RATIO = 1.2

# name -> (path, what to click: (selector, nth, inner selector or None, two places as
#          fractions of its box), watched elements)
CLICKS = {
    "slopes: loss curve": ("/slopes", (CHART, 0, None, [(0.7, 0.5), (0.3, 0.5)]),
                           [(METRIC, 0)]),
    "descent: loss surface": ("/descent", (CHART, 1, None, [(0.4, 0.4), (0.6, 0.6)]),
                              [(METRIC, 0)]),
    "errors: diagram arrow": ("/errors", (DIAGRAM, 0, ['[data-id="w_1_0_0"] .hit',
                                                       '[data-id="w_1_1_1"] .hit'], None),
                              [(".st-key-nudge_weight input[role='combobox']", 0)]),
    "backprop: diagram node": ("/backprop", (DIAGRAM, 0, ['[data-id="n_1_1"] .body',
                                                          '[data-id="n_1_0"] .body'], None),
                               [(".st-key-node input[role='combobox']", 0)]),
}
# name -> (path with the fast speed, the play container's key, watched element)
FRAMES = {
    "descent: updates": ("/descent?descent_speed=fast&n=0", "descent", (METRIC, 1)),
    "backprop: rounds": ("/backprop?backprop_speed=fast", "backprop", (METRIC, 3)),
}
FRAME_INTERVAL = SPEEDS["fast"]

# What the i-th match of selector s shows: an input's value, else its text.
VALUE_JS = """([s, i]) => { const e = document.querySelectorAll(s)[i];
    return e ? (e.value !== undefined && e.value !== '' ? e.value : e.textContent) : ''; }"""
VALUES_JS = f"(pairs) => pairs.map(({VALUE_JS}))"
ALL_CHANGED_JS = f"([pairs, before]) => pairs.every((p, k) => ({VALUE_JS})(p) !== before[k])"


def time_click(page, target, watched, index):
    """Seconds from a mouse click on the target's ``index``-th place to every watched
    element changed."""
    selector, nth, inner, places = target
    page.bring_to_front()
    host = page.locator(selector).nth(nth)
    host.scroll_into_view_if_needed()
    before = page.evaluate(VALUES_JS, watched)
    if inner is not None:
        box = host.locator(inner[index % 2]).bounding_box()
        fx = fy = 0.5
    else:
        box = host.bounding_box()
        fx, fy = places[index % 2]
    start = time.perf_counter()
    page.mouse.click(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
    page.wait_for_function(ALL_CHANGED_JS, arg=[watched, before], polling="raf",
                           timeout=20000)
    elapsed = time.perf_counter() - start
    wait_for_app(page)
    return elapsed


def frame_times(page, name, watched, frames):
    """Press Play and collect ``frames`` frame times (see the module docstring)."""
    page.bring_to_front()
    page.locator(f".st-key-{name}_play button >> visible=true").click()
    seen, last, deadline = [], None, time.monotonic() + 60
    previous = page.evaluate(VALUE_JS, list(watched))
    while len(seen) < frames and time.monotonic() < deadline:
        try:
            page.wait_for_function(f"([s, i, before]) => ({VALUE_JS})([s, i]) !== before",
                                   arg=[*watched, previous], polling="raf", timeout=10000)
        except PlaywrightTimeout:  # the animation stopped by itself (flat ground)
            break
        now = time.perf_counter()
        previous = page.evaluate(VALUE_JS, list(watched))
        if last is not None:
            seen.append(now - last - FRAME_INTERVAL)
        last = now
    button = page.locator(f".st-key-{name}_play button >> visible=true")
    if "Pause" in button.inner_text():
        button.click()
    wait_for_app(page)
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clicks", type=int, default=40,
                        help="clicks counted per picture (a p95 of 20 is about their largest)")
    parser.add_argument("--warmup", type=int, default=5,
                        help="clicks per picture (and floor moves) after it opens that are "
                             "shown apart and not counted (see the module docstring)")
    parser.add_argument("--frames", type=int, default=20)
    parser.add_argument("--rows", nargs="*", default=None,
                        help="only the rows whose name starts with one of these "
                             "(e.g. descent)")
    args = parser.parse_args()
    clicks, frames = ({name: row for name, row in table.items()
                       if args.rows is None or name.startswith(tuple(args.rows))}
                      for table in (CLICKS, FRAMES))
    rows, first_clicks = {}, {}
    floor = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        with streamlit_server(REPO_ROOT) as (base_url, _, _), \
                streamlit_server(REPO_ROOT / "bench" / "floor_app") as (floor_url, _, _):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            floor_page = open_probe(context, floor_url, FLOOR[0])
            for move in range(args.warmup):
                time_move(floor_page, FLOOR, move)
            move = args.warmup
            for name, (path, target, watched) in clicks.items():
                page = open_probe(context, base_url, path)
                first_clicks[name] = [time_click(page, target, watched, index)
                                      for index in range(args.warmup)]
                rows[name] = []
                for index in range(args.warmup, args.warmup + args.clicks):
                    rows[name].append(time_click(page, target, watched, index))
                    floor.append(time_move(floor_page, FLOOR, move))
                    move += 1
                page.close()
            for name, (path, player, watched) in frames.items():
                page = open_probe(context, base_url, path)
                rows[name] = frame_times(page, player, watched, args.frames)
                page.close()
                for _ in range(args.frames // 2):
                    floor.append(time_move(floor_page, FLOOR, move))
                    move += 1
            context.close()
        browser.close()

    floor_p95 = percentile(floor, 95)
    print(f"Clicks ({args.clicks} per picture, after {args.warmup} not counted) and "
          f"animation frames ({args.frames} per page, fast speed: a frame every "
          f"{FRAME_INTERVAL:g} s) against the floor's keyboard move (after {args.warmup} "
          "not counted), Chromium headless, 2 cores. A frame's time: between two frames "
          "drawn, less the timer's interval.\n")
    print(f"| row | median (ms) | p95 (ms) | p95 / floor p95 | target <= {TARGET_RATIO} | "
          f"first {args.warmup} clicks after the page opened, median / max (ms) |")
    print("| --- | ---: | ---: | ---: | --- | ---: |")
    print(f"| floor: keyboard move | {statistics.median(floor) * 1e3:.0f} | "
          f"{floor_p95 * 1e3:.0f} | 1.00 | | |")
    for name, values in rows.items():
        first = first_clicks.get(name)
        cold = (f"{statistics.median(first) * 1e3:.0f} / {max(first) * 1e3:.0f}"
                if first else "")
        if not values:
            print(f"| {name} | - | - | - | no sample | {cold} |")
            continue
        p95 = percentile(values, 95)
        ratio = p95 / floor_p95
        print(f"| {name} | {statistics.median(values) * 1e3:.0f} | {p95 * 1e3:.0f} | "
              f"{ratio:.2f} | {'PASS' if ratio <= TARGET_RATIO else 'MISS'} | {cold} |")


if __name__ == "__main__":
    main()
