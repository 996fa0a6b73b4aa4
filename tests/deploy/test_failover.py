"""Failover behind nginx: losing a replica costs a learner one reconnect, nothing more.

Guards deploy/nginx.conf (sticky sessions by cookie, the WebSocket upgrade, passive
health checks and failover) with real parts only: Debian's nginx running the shipped
file (tests/deploy/nginx_stack.py), three `streamlit run` replicas on loopback ports,
learners in Chromium, each in a browser context of its own (its own route cookie).

One learner per replica. The test kills the replica of the first learner with SIGKILL
(a crash, not a clean shutdown) and shows that:

- that learner's page reconnects, through nginx, to another replica within
  ``RECONNECT_LIMIT_S``, and comes back with the state its URL holds (the moved
  slider, bound to the URL with ``bind="query-params"``), also after a reload;
- the learners on the other replicas never notice: the same WebSocket throughout,
  none closed, and their controls keep answering;
- the CSV file the first learner had uploaded on the sgd page lived only in the dead
  replica's memory, and the page says clearly that it must be uploaded again.

Every process the test starts (replicas, nginx, Chromium) is stopped by its handle.
Skipped, with the reason, without nginx or Chromium.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from tests.browser.conftest import streamlit_process
from tests.browser.helpers import METRIC_VALUE, press_slider, slider, wait_for_app
from tests.deploy.nginx_stack import NGINX, nginx_balancer

UPLOADS = Path(__file__).resolve().parents[1] / "data" / "uploads"
UPLOAD_INPUT = '[data-testid="stFileUploader"] input[type="file"]'
ALERT = '[data-testid="stAlert"]'
TARGET = "target (actual value)"  # the errors page's slider, bound to ?target=
ERROR_METRIC = 1  # the errors page's second metric: prediction (9) minus target
# A crash is noticed when the WebSocket closes; Streamlit's frontend retries after
# 0.25-0.5 s and nginx moves the request on at the first refused connection: about a
# second. The bound leaves room for a loaded 2-core machine.
RECONNECT_LIMIT_S = 10.0
WAIT_MS = 30_000  # generous waits for conditions, never fixed sleeps
MAX_PLACEMENT_TRIES = 60

pytestmark = pytest.mark.skipif(not NGINX.exists(),
                                reason=f"nginx not installed at {NGINX}: apt-get install nginx")


@dataclass
class Tab:
    """One page of a learner, with every WebSocket it opened (time, socket), the times
    they closed, and how many script runs the server reported finished on each."""

    page: object
    sockets: list = field(default_factory=list)
    closed: list = field(default_factory=list)
    finished_runs: list = field(default_factory=list)  # one count per socket

    def watch(self):
        def opened(ws):
            index = len(self.sockets)
            self.sockets.append((time.monotonic(), ws))
            self.finished_runs.append(0)
            ws.on("close", lambda _: self.closed.append(time.monotonic()))
            ws.on("framereceived", lambda frame: self._received(index, frame))
        self.page.on("websocket", opened)
        return self

    def _received(self, index, frame):
        if isinstance(frame, bytes):
            message = ForwardMsg()
            message.ParseFromString(frame)
            if message.WhichOneof("type") == "script_finished":
                self.finished_runs[index] += 1

    def wait_for_new_socket(self):
        wait_until(self.page, lambda: len(self.sockets) >= 2, "a new WebSocket")

    def wait_for_run_on_new_socket(self):
        """Wait until a script run on the second WebSocket has finished (the old page stays
        drawn until then, so waiting for its content alone would prove nothing)."""
        self.wait_for_new_socket()
        wait_until(self.page, lambda: self.finished_runs[-1] >= 1,
                   "a script run on the new WebSocket")
        wait_for_app(self.page)


@dataclass
class Learner:
    context: object
    replica: str      # host:port of the replica nginx routes this learner to
    route: str        # the learner's bp_route cookie
    tabs: dict = field(default_factory=dict)

    def open(self, name, url):
        tab = Tab(self.context.new_page()).watch()
        self.tabs[name] = tab
        response = tab.page.goto(url)
        wait_for_app(tab.page)
        # The page itself came from the learner's replica (sticky from the first request).
        assert response.headers.get("x-upstream") == self.replica
        return tab


def route_of(context, base_url):
    """(replica, route cookie) nginx gives this browser context: a health request through
    the context's own cookie jar, which keeps the bp_route cookie nginx sets."""
    response = context.request.get(base_url + "/_stcore/health")
    assert response.ok and response.text() == "ok"
    cookies = {c["name"]: c["value"] for c in context.cookies()}
    return response.headers["x-upstream"], cookies["bp_route"]


def served_by(page):
    """The replica that answers this page's requests now (nginx's X-Upstream header)."""
    return page.evaluate(
        "async () => (await fetch('/_stcore/health', {cache: 'no-store'}))"
        ".headers.get('x-upstream')")


def error_metric(page):
    return page.locator(METRIC_VALUE).nth(ERROR_METRIC)


def wait_for_metric(page, expected, timeout=WAIT_MS):
    """Wait until the errors page's error metric shows ``expected``."""
    deadline = time.monotonic() + timeout / 1000
    text = None
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            text = error_metric(page).inner_text(timeout=1000)
            if text == expected:
                return
        page.wait_for_timeout(50)
    raise AssertionError(f"error metric is {text!r}, expected {expected!r}")


def wait_until(page, condition, what, timeout=WAIT_MS):
    """Wait until ``condition()`` holds, letting Playwright deliver events meanwhile."""
    deadline = time.monotonic() + timeout / 1000
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout / 1000:.0f} s waiting for {what}")
        page.wait_for_timeout(50)


@pytest.fixture(scope="module")
def replicas(request):
    """Three `streamlit run` replicas: {"127.0.0.1:PORT": process}."""
    with contextlib.ExitStack() as stack:
        started = {}
        for _ in range(3):
            base_url, process = stack.enter_context(streamlit_process(request))
            started[f"127.0.0.1:{base_url.rsplit(':', 1)[1]}"] = process
        yield started


@pytest.fixture(scope="module")
def balancer(replicas):
    with nginx_balancer(list(replicas)) as running:
        yield running


def place_learners(browser, base_url, replicas):
    """One browser context per replica: new contexts get random route keys from nginx;
    keep the first one that lands on each replica (bounded number of tries)."""
    learners, spare = {}, []
    for _ in range(MAX_PLACEMENT_TRIES):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        replica, route = route_of(context, base_url)
        if replica in learners:
            spare.append(context)
            continue
        learners[replica] = Learner(context, replica, route)
        if len(learners) == len(replicas):
            break
    for context in spare:
        context.close()
    assert set(learners) == set(replicas), (
        f"{MAX_PLACEMENT_TRIES} new contexts reached only {sorted(learners)} of "
        f"{sorted(replicas)}: nginx does not spread route keys over the replicas")
    return list(learners.values())


def test_a_killed_replica_costs_its_learners_a_reconnect_and_nothing_else(
        browser, replicas, balancer):
    url = balancer.url
    learners = place_learners(browser, url, replicas)
    victim, bystanders = learners[0], learners[1:]
    try:
        # -- before: every learner moves the target slider on the errors page ---------------
        errors = victim.open("errors", url + "/errors")
        press_slider(errors.page, TARGET, "ArrowRight", times=2)   # target 3 -> 4
        wait_for_metric(errors.page, "5")                          # error 9 - 4
        wait_until(errors.page, lambda: "target=4" in errors.page.url, "target=4 in the URL")
        url_before = errors.page.url

        for bystander in bystanders:
            tab = bystander.open("errors", url + "/errors")
            press_slider(tab.page, TARGET, "ArrowLeft")            # target 3 -> 2.5
            wait_for_metric(tab.page, "6.5")

        # ... and the first learner uploads a CSV on the sgd page, in a second tab (same
        # cookie, same replica, a second session there)
        sgd = victim.open("sgd", url + "/sgd")
        sgd.page.get_by_text("CSV upload", exact=True).click()
        sgd.page.wait_for_selector(UPLOAD_INPUT, state="attached", timeout=WAIT_MS)
        wait_for_app(sgd.page)
        sgd.page.set_input_files(UPLOAD_INPUT, str(UPLOADS / "houses.csv"))
        sgd.page.get_by_text("houses.csv (200 rows)").wait_for(timeout=WAIT_MS)
        wait_for_app(sgd.page)
        sgd_url_before = sgd.page.url

        sockets_before = {id(b): len(b.tabs["errors"].sockets) for b in bystanders}
        assert all(count == 1 for count in sockets_before.values())

        # -- the crash: SIGKILL to the first learner's replica, by its pid ------------------
        dead = replicas[victim.replica]
        dead.kill()
        dead.wait(timeout=15)
        killed_at = time.monotonic()

        # -- the first learner: reconnected to another replica, state from the URL ---------
        # The errors page's last run was a fragment's (its controls live in one), and after
        # a reconnect Streamlit's frontend asks for a run then: the page is drawn anew.
        errors.wait_for_run_on_new_socket()
        reconnect_s = errors.sockets[1][0] - killed_at
        print(f"\nerrors page: new WebSocket {reconnect_s:.2f} s after the kill")
        assert reconnect_s < RECONNECT_LIMIT_S, (
            f"reconnected after {reconnect_s:.1f} s (limit {RECONNECT_LIMIT_S:g} s)")
        wait_for_metric(errors.page, "5")
        assert errors.page.url == url_before
        assert float(slider(errors.page, TARGET).input_value()) == 4.0
        now_on = served_by(errors.page)
        assert now_on != victim.replica and now_on in replicas, now_on
        # A new session starts from the URL alone: a reload gives the same page.
        errors.page.reload()
        wait_for_app(errors.page)
        wait_for_metric(errors.page, "5")
        press_slider(errors.page, TARGET, "ArrowLeft")             # and it still answers
        wait_for_metric(errors.page, "5.5")

        # -- the upload lived in the dead replica's memory: the page must say so -----------
        # The sgd page's last run was a full one: without ui/reconnect.py's timed fragment
        # Streamlit's frontend would keep the page drawn and ask for no run, and the new
        # replica would drop every move inside a fragment (it knows none of them). With it,
        # the page asks for a run at once, with the browser's widget values (the URL's),
        # and its controls answer on the new replica.
        sgd.wait_for_run_on_new_socket()
        assert sgd.page.url == sgd_url_before
        runs_after_reconnect = sgd.finished_runs[-1]
        press_slider(sgd.page, "Epochs", "ArrowRight")
        wait_until(sgd.page, lambda: sgd.finished_runs[-1] > runs_after_reconnect,
                   "the Epochs slider's run on the new replica")
        wait_for_app(sgd.page)
        assert served_by(sgd.page) != victim.replica
        # The file is gone with the replica: the page trains on other data again.
        sgd.page.get_by_text("houses.csv (200 rows)").wait_for(state="detached",
                                                              timeout=WAIT_MS)
        alerts = " | ".join(sgd.page.locator(ALERT).all_inner_texts())
        print(f"sgd page after the failover, URL {sgd.page.url}, alerts: {alerts!r}")
        # NEEDS AN APP CHANGE (ui/sgd_data.py, data_controls): today the page says only
        # "Until a good CSV file is uploaded, the page keeps training on the previous
        # data." while the file chooser still lists houses.csv (the browser's memory of
        # it). When the source is "CSV upload" and this session holds no good file, the
        # page must say that an uploaded file is not kept and must be uploaded again.
        assert re.search(r"upload\w*\b.{0,40}\bagain", alerts, re.IGNORECASE), alerts

        # -- the other learners noticed nothing ---------------------------------------------
        for bystander in bystanders:
            tab = bystander.tabs["errors"]
            assert len(tab.sockets) == 1, "a learner on a live replica reconnected"
            assert not tab.closed, "a learner on a live replica lost its WebSocket"
            press_slider(tab.page, TARGET, "ArrowRight")           # back to target 3
            wait_for_metric(tab.page, "6")
            assert served_by(tab.page) == bystander.replica

        # -- nginx's log: the first learner's WebSocket had been on the dead replica --------
        streams = [line for line in balancer.access_lines()
                   if "/_stcore/stream" in line and f"route={victim.route}" in line]
        assert any(f"upstream={victim.replica} " in line for line in streams), streams
    finally:
        for learner in learners:
            learner.context.close()
