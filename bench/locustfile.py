"""Locust learners that speak Streamlit's protocol (bench/streamlit_protocol.py).

Each simulated learner is one browser tab without a browser: it opens the home page,
then walks the pages through the sidebar (each learner starts at a different page,
as bench/load.py's sessions do) and on each page moves the page's main slider
``moves`` times with the arrow key (bench/latency.py's PROBES: the same sliders),
pausing a think time (``think`` seconds, uniform 0.5x-1.5x) before every action.

It checks what comes back, so a wrong answer counts as a failure in Locust's figures:
- on the first visit of a page, the course's numbers: error 6 on /errors, 37.5 and
  49.890625 on /mse, slope -24 and new weight 2.24 on /slopes, the quiz-4.4 weight's
  slope 3 × 2 × 1 = 6 on /backprop;
- on every move, the watched values (the probe's metrics, the backprop diagram):
  changed after an odd move, back to what the visit began with after an even one
  (the moves go right and left in turn, so the page must return to the same answer);
- never an exception element, never a script run that fails.

Run by bench/load_protocol.py (which starts the servers and nginx, steps the number of
learners and samples CPU and memory); by hand, against a server on this machine only:

    locust -f bench/locustfile.py --headless -u 50 -r 5 -t 2m --host http://127.0.0.1:8501

Settings from the environment: BACKPROP_THINK (mean seconds, default 5),
BACKPROP_MOVES (moves per page visit, default 2), BACKPROP_TIMEOUT (seconds, 30).
"""

from __future__ import annotations

import contextlib
import itertools
import os
import random
import re
import sys
import time
import urllib.parse
from pathlib import Path

import gevent
from locust import User, task

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [str(BENCH), str(BENCH.parent)]

from latency import DIAGRAM, METRIC, PROBES  # noqa: E402
from streamlit_protocol import StreamlitSession  # noqa: E402

from ui.chapter import PAGES  # noqa: E402

WALK = ["/"] + [f"/{path}" for _, _, path, _, _ in PAGES]
# path -> (probe name, slider label, which slider with that label, first direction,
#          watched values: ("metric", index) or ("diagram", index))
MOVES = {
    probe[0]: (name, probe[1], probe[2], 1 if probe[3] == "ArrowRight" else -1,
               [("metric" if selector == METRIC else "diagram", index)
                for selector, index in probe[4] if selector in (METRIC, DIAGRAM)])
    for name, probe in PROBES.items()
}
BACKPROP_PRODUCT = re.compile(r"= 3 × 2 × 1 = \**6\**(?![\d.])")
PRODUCT = re.compile(r"= \S+ × \S+ × \S+ = \**[-\d.e]+")  # what the page shows instead
SEED_CHECKS = {
    "/errors": ("error 6", lambda s: s.metrics()[1:2] == ["6"]),
    "/mse": ("37.5 and 49.890625",
             lambda s: s.metrics()[:4] == ["37.5", "37.5", "49.890625", "49.890625"]),
    "/slopes": ("-24 and 2.24", lambda s: s.metrics()[:2] == ["-24", "2.24"]),
    "/backprop": ("quiz-4.4 slope 3 × 2 × 1 = 6", lambda s: bool(BACKPROP_PRODUCT.search(s.text()))),
}
_numbers = itertools.count()


class WrongAnswer(Exception):
    """The page answered, but not with the course's numbers."""


def watched(session, spec):
    values = []
    for kind, index in spec:
        shown = session.metrics() if kind == "metric" else session.component_states()
        values.append(shown[index] if index < len(shown) else None)
    return values


def is_loopback(url):
    host = urllib.parse.urlsplit(url).hostname or ""
    return host == "localhost" or host.startswith("127.") or host == "::1"


class Learner(User):
    """One learner's tab: a page walk with slider moves and think times."""

    think = float(os.environ.get("BACKPROP_THINK", "5"))
    moves = int(os.environ.get("BACKPROP_MOVES", "2"))
    timeout = float(os.environ.get("BACKPROP_TIMEOUT", "30"))

    def wait_time(self):
        # The think time is spent in act(), reading the socket (see StreamlitSession.idle)
        return 0

    def think_time(self):
        return self.think * random.uniform(0.5, 1.5) if self.think > 0 else 0

    def on_start(self):
        if not is_loopback(self.host):
            raise RuntimeError(f"{self.host}: this load generator targets this machine only")
        self.number = next(_numbers)
        start = self.number % len(WALK)
        self.order = WALK[start:] + WALK[:start]
        self.step = 0
        self.seen = set()            # pages whose course numbers were checked
        self.visited = []            # pages in the order visited (for failure messages)
        self.moves_left = 0
        self.moves_done = 0
        self.baseline = None
        self.session = None
        with contextlib.suppress(Exception):  # counted; the first action tries again
            self.connect()

    def on_stop(self):
        if self.session is not None:
            self.session.close()

    def connect(self):
        """A new tab on the home page (also after a failure, as bench/load.py does)."""
        if self.session is not None:
            self.session.close()
        self.session = StreamlitSession(self.host, timeout=self.timeout)
        self.current = "/"
        self.moves_left = 0
        self.timed("open", "/", lambda: self.session.open("/"))

    def timed(self, kind, name, action, check=None):
        """Run ``action`` (returns a Run), then ``check`` (raises WrongAnswer); report to
        Locust with the run's time. A failure reconnects; the next action goes on."""
        started = time.perf_counter()
        run, failure = None, None
        try:
            run = action()
            if check is not None:
                check()
        except Exception as error:  # any failure counts, whatever raised it
            failure = error
        seconds = run.seconds if run is not None else time.perf_counter() - started
        self.environment.events.request.fire(
            request_type=kind, name=name, response_time=seconds * 1000,
            response_length=run.bytes if run is not None else 0, exception=failure,
            context={"messages": run.messages if run is not None else 0})
        if failure is not None and not isinstance(failure, WrongAnswer):
            raise failure
        return run

    @task
    def act(self):
        """Think (reading the page), then one action: a slider move or a page switch."""
        try:
            # no tab yet, or its first page never arrived (no navigation): a new tab
            if self.session is None or self.session.ws is None or not self.session.pages:
                gevent.sleep(self.think_time())
                self.connect()
                return
            try:
                self.session.idle(self.think_time())
            except Exception as error:  # the connection dropped while the learner read
                self.environment.events.request.fire(
                    request_type="socket", name="while thinking", response_time=0,
                    response_length=0, exception=error, context={})
                raise
            if self.moves_left > 0:
                self.move()
            else:
                self.switch()
        except Exception:
            # the connection or the protocol failed (already counted): a new tab; if
            # that fails too (counted as well), the next action tries again
            with contextlib.suppress(Exception):
                self.connect()

    def switch(self):
        path = self.order[self.step % len(self.order)]
        self.step += 1
        if path == self.current:
            return

        def check():
            if path in SEED_CHECKS and path not in self.seen:
                self.seen.add(path)
                what, holds = SEED_CHECKS[path]
                if not holds(self.session):
                    product = PRODUCT.search(self.session.text())
                    raise WrongAnswer(f"{path}: not {what} (metrics {self.session.metrics()[:4]}"
                                      + (f", shows {product.group(0)!r}" if product else "")
                                      + f"; pages before: {self.visited[-3:]})")

        self.timed("page", path, lambda: self.session.switch_page(path), check)
        self.current = path
        self.visited.append(path)
        if path in MOVES:
            self.moves_left, self.moves_done = self.moves, 0
            self.baseline = watched(self.session, MOVES[path][4])

    def move(self):
        path = self.current
        name, label, nth, first, spec = MOVES[path]
        direction = first if self.moves_done % 2 == 0 else -first
        odd = self.moves_done % 2 == 0   # this is the 1st, 3rd, ... move
        self.moves_left -= 1
        self.moves_done += 1

        def check():
            now = watched(self.session, spec)
            if odd and any(a == b for a, b in zip(now, self.baseline, strict=True)):
                raise WrongAnswer(f"{path}: {label} moved, {now} did not change")
            if not odd and now != self.baseline:
                raise WrongAnswer(f"{path}: {label} back, {now} != {self.baseline}")

        self.timed("move", path,
                   lambda: self.session.move_slider(label, direction, nth), check)
