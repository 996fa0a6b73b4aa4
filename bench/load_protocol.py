"""Load without browsers: simulated learners speaking Streamlit's protocol, driven by Locust.

The learners are bench/locustfile.py's (page walks, slider moves, think times, the
course's numbers checked: a wrong answer is a failure), run headless by Locust's
library API in this process. Every server is started here on a loopback port and
every process is stopped by its handle. Two runs:

``capacity``: one replica (``streamlit run``, BLAS threads 1). Learners are added in
steps (``--steps``); after each step's ramp and a settling pause, a measured window
of ``--window`` seconds gives the interaction latency (BackMsg sent to
``script_finished`` received; page switches and slider moves), failures, the
replica's CPU (utime + stime from /proc) per interaction and in % of one core, and its
resident memory. It stops after the first step whose p95 passes 1.5 s. Memory per
session is the least-squares slope of RSS on the number of sessions.

``nginx``: ``--replicas`` replicas behind Debian's nginx running the shipped
deploy/nginx.conf (tests/deploy/nginx_stack.py), ``--sessions`` learners spread by its
route cookie, held for ``--duration`` seconds; meanwhile ``--browsers`` real Chromium
sessions (bench/browser_probe.py, in a process of its own) walk the same pages
through nginx and time each move in the page, end to end.

    python bench/load_protocol.py capacity [--think 5] [--steps 10,20,40,...] [--window 30]
    python bench/load_protocol.py nginx [--sessions 300] [--replicas 3] [--browsers 3]
                                        [--duration 90] [--think 5]

Everything (servers, nginx, Locust, Chromium) runs on this machine's cores: the
figures say how many and what else was running (load average).
"""

from gevent import monkey

monkey.patch_all()  # before anything opens a socket: Locust's learners are greenlets

import argparse  # noqa: E402
import collections  # noqa: E402
import contextlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shlex  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import gevent  # noqa: E402
from harness import (  # noqa: E402
    REPO_ROOT,
    TICKS,
    percentile,
    process_table,
    read_ticks,
    streamlit_server,
)
from load import load_average, read_rss_mb, slope  # noqa: E402
from locust.env import Environment  # noqa: E402
from locustfile import Learner  # noqa: E402

from tests.deploy.nginx_stack import NGINX, nginx_balancer  # noqa: E402

TARGET_P95_S = 1.5
INTERACTIONS = ("page", "move")
# every request a learner reports: page opens, and connections lost while thinking too
ALL_KINDS = ("open", *INTERACTIONS, "socket")
BENCH = Path(__file__).resolve().parent


def descendants(pid):
    """Every process below ``pid`` (nginx's workers, Chromium's helpers)."""
    table = process_table()
    children = collections.defaultdict(list)
    for child, (ppid, _) in table.items():
        children[ppid].append(child)
    found, stack = [], list(children.get(pid, []))
    while stack:
        child = stack.pop()
        found.append(child)
        stack.extend(children.get(child, []))
    return found


def machine_busy():
    with open("/proc/stat") as f:
        values = [int(v) for v in f.readline().split()[1:]]
    return sum(values[:8]) - values[3] - values[4], sum(values[:8])


class Sampler:
    """CPU ticks (per process) and RSS of named process groups, every ``interval`` s."""

    def __init__(self, groups, interval=0.5):
        self.groups = groups          # name -> callable returning pids
        self.interval = interval
        self.samples = []             # (time, {name: {pid: ticks}}, {name: rss MB}, busy)

    def snapshot(self):
        ticks, rss = {}, {}
        for name, pids in self.groups.items():
            alive = pids()
            ticks[name] = {p: t for p in alive if (t := read_ticks(p)) is not None}
            rss[name] = sum(read_rss_mb(p) for p in alive)
        return time.monotonic(), ticks, rss, machine_busy()

    def run(self):
        while True:
            self.samples.append(self.snapshot())
            gevent.sleep(self.interval)

    def window(self, start, end):
        """CPU in % of one core and CPU seconds per group, median RSS per group, machine
        CPU %, over a window. CPU adds each process's ticks between consecutive samples,
        so a process that starts or exits inside the window counts for its lifetime."""
        inside = [s for s in self.samples if start <= s[0] <= end]
        if len(inside) < 2:
            return None
        seconds = inside[-1][0] - inside[0][0]
        cpu_seconds = dict.fromkeys(self.groups, 0.0)
        for before, after in zip(inside, inside[1:], strict=False):
            for name in self.groups:
                for pid, ticks in after[1][name].items():
                    cpu_seconds[name] += max(0, ticks - before[1][name].get(pid, ticks)) / TICKS
        cpu = {name: 100.0 * value / seconds for name, value in cpu_seconds.items()}
        rss = {name: statistics.median(s[2][name] for s in inside) for name in self.groups}
        busy = inside[-1][3][0] - inside[0][3][0]
        total = inside[-1][3][1] - inside[0][3][1]
        machine = 100.0 * os.cpu_count() * busy / total if total else 0.0
        return {"cpu": cpu, "cpu_seconds": cpu_seconds, "rss": rss, "machine": machine,
                "seconds": seconds}


class Results:
    """Every request Locust's learners report, with the time it ended."""

    def __init__(self, environment):
        self.rows = []  # (end time, type, name, seconds, failure text or None)
        environment.events.request.add_listener(self.record)

    def record(self, request_type, name, response_time, exception=None, **_):
        failure = None if exception is None else f"{type(exception).__name__}: {exception}"
        self.rows.append((time.monotonic(), request_type, name, response_time / 1000, failure))

    def window(self, start, end, kinds=INTERACTIONS):
        return [r for r in self.rows if start <= r[0] <= end and r[1] in kinds]

    def runs(self, start, end):
        """Script runs that finished in the window (page opens included; a wrong answer
        is a finished run too)."""
        return [r for r in self.rows if start <= r[0] <= end and not is_broken(r)]


def is_broken(row):
    """A request that got no finished run (connection, protocol or timeout failure)."""
    return row[4] is not None and not row[4].startswith("WrongAnswer")


def latency_row(rows):
    """p50, p95, max in seconds; a failed request counts with the time it took to fail."""
    seconds = [r[3] for r in rows]
    if not seconds:
        return float("nan"), float("nan"), float("nan")
    return percentile(seconds, 50), percentile(seconds, 95), max(seconds)


def failure_summary(rows, limit=6):
    """The most frequent failures, grouped by their text up to its details (in
    parentheses), each with its count and the details of its first occurrence."""
    counts, example = collections.Counter(), {}
    for row in rows:
        if row[4]:
            kind = row[4].split(" (", 1)[0]
            counts[kind] += 1
            example.setdefault(kind, row[4][len(kind):].strip()[:220])
    return [f"{count} x {kind}" + (f"; first: {example[kind]}" if example[kind] else "")
            for kind, count in counts.most_common(limit)]


def warm_up(url):
    """One learner visits every page once, so the first step does not pay for the
    server's first imports (numpy, pandas, scikit-learn, altair) and caches."""
    from locustfile import WALK
    from streamlit_protocol import StreamlitSession

    session = StreamlitSession(url, timeout=120)
    try:
        session.open("/")
        for path in WALK[1:]:
            session.switch_page(path)
    finally:
        session.close()


def start_locust(host, args):
    Learner.think, Learner.moves, Learner.timeout = args.think, args.moves, args.timeout
    environment = Environment(user_classes=[Learner], host=host)
    results = Results(environment)
    runner = environment.create_local_runner()
    return environment, runner, results


def wait_for_users(runner, count, limit_s):
    started = time.monotonic()
    while runner.user_count < count and time.monotonic() - started < limit_s:
        gevent.sleep(0.5)
    return runner.user_count


def header(args, load_before):
    return (f"`{shlex.join([Path(sys.executable).name, *sys.argv])}`: {os.cpu_count()} cores "
            f"shared by everything in the run (servers, nginx, Locust, Chromium) and by other "
            f"work on the machine; load average before the run {load_before}; think time "
            f"{args.think:g} s (0.5x-1.5x) before every action, {args.moves} slider moves per "
            f"page visit; BLAS threads capped at 1 per replica.")


# -- capacity: one replica, learners added step by step -------------------------------------

def capacity(args):
    lines = []
    out = lines.append
    load_before = load_average()
    steps = [int(v) for v in args.steps.split(",")]
    with streamlit_server(REPO_ROOT) as (url, server, _):
        me = os.getpid()
        sampler = Sampler({"server": lambda: [server.pid], "locust": lambda: [me]})
        sampler_greenlet = gevent.spawn(sampler.run)
        url = url.replace("localhost", "127.0.0.1")
        warm_up(url)
        rss_warm = read_rss_mb(server.pid)
        environment, runner, results = start_locust(url, args)
        table, memory = [], []
        deadline = time.monotonic() + args.max_seconds
        for count in steps:
            runner.start(count, spawn_rate=args.spawn_rate)
            wait_for_users(runner, count, 120)
            gevent.sleep(args.settle)
            start = time.monotonic()
            gevent.sleep(args.window)
            end = time.monotonic()
            rows = results.window(start, end)
            runs = results.runs(start, end)
            usage = sampler.window(start, end)
            p50, p95, worst = latency_row(rows)
            failures = [r for r in results.window(start, end, ALL_KINDS) if r[4]]
            wrong = [r for r in failures if "WrongAnswer" in r[4]]
            server_cpu_ms = 1000 * usage["cpu_seconds"]["server"] / max(len(runs), 1)
            other = max(0.0, usage["machine"] - usage["cpu"]["server"]
                        - usage["cpu"]["locust"])
            table.append((count, len(rows), p50, p95, worst, len(failures), len(wrong),
                          usage["cpu"]["server"], server_cpu_ms, usage["rss"]["server"],
                          usage["cpu"]["locust"], other, load_average(),
                          failure_summary(rows)))
            memory.append((count, usage["rss"]["server"]))
            print(f"{count} learners: p95 {p95 * 1000:.0f} ms, {len(rows)} interactions, "
                  f"{len(failures)} failures, server CPU {usage['cpu']['server']:.0f}%",
                  flush=True)
            if p95 > TARGET_P95_S or time.monotonic() > deadline:
                break
        runner.quit()
        sampler_greenlet.kill()

    out("## One replica's capacity (simulated learners, Streamlit's protocol)\n")
    out(header(args, load_before) + f" Each step: ramp at {args.spawn_rate:g} learners/s, "
        f"{args.settle:g} s settling, then a {args.window:g} s window measured.\n")
    out("| learners | interactions | p50 / p95 / max (ms) | failures (wrong answers) | "
        "server CPU (% of one core) | server CPU per script run (ms) | server RSS (MB) | "
        "Locust CPU | other processes' CPU | load avg |")
    out("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for (count, n, p50, p95, worst, fails, wrong, cpu, per_run, rss, locust_cpu, other,
         load, _) in table:
        verdict = "" if p95 <= TARGET_P95_S else " **over 1.5 s**"
        out(f"| {count} | {n} | {p50 * 1e3:.0f} / {p95 * 1e3:.0f}{verdict} / "
            f"{worst * 1e3:.0f} | {fails} ({wrong}) | {cpu:.0f}% | {per_run:.1f} | "
            f"{rss:.0f} | {locust_cpu:.0f}% | {other:.0f}% | {load} |")
    passing = [row[0] for row in table if row[3] <= TARGET_P95_S]
    out("")
    out(f"CPU in % of one core ({100 * os.cpu_count()}% is the whole machine); other "
        "processes' CPU is everything else on the machine (other work included): a step "
        "where it is large measured a replica that did not get a core of its own.")
    out(f"Largest step with p95 <= {TARGET_P95_S:g} s: "
        f"{max(passing) if passing else 'none'} learners"
        + (f"; first step over it: {table[-1][0]}." if table[-1][3] > TARGET_P95_S else
           " (every step stayed under the target: add larger --steps)."))
    if len(memory) >= 2:
        fit = slope([m[0] for m in memory], [m[1] for m in memory])
        out(f"Server memory: {rss_warm:.0f} MB after one warm-up visit of every page, then "
            + ", ".join(f"{mb:.0f} MB with {k}" for k, mb in memory)
            + f": {fit:.2f} MB per extra learner (least-squares slope).")
    failures = failure_summary(results.window(0, float("inf"), ALL_KINDS))
    if failures:
        out("\nFailures by kind (all steps, page opens included):\n")
        out("\n".join(f"- {f}" for f in failures))
    return "\n".join(lines)


# -- nginx: replicas behind the shipped config, many learners, a few browsers ----------------

def nginx_run(args):
    if not NGINX.exists():
        raise SystemExit(f"nginx not installed at {NGINX}: apt-get install nginx")
    lines = []
    out = lines.append
    load_before = load_average()
    with contextlib.ExitStack() as stack:
        servers = [stack.enter_context(streamlit_server(REPO_ROOT))
                   for _ in range(args.replicas)]
        addresses = [f"127.0.0.1:{url.rsplit(':', 1)[1]}" for url, _, _ in servers]
        for address in addresses:
            warm_up(f"http://{address}")
        balancer = stack.enter_context(nginx_balancer(addresses))
        me = os.getpid()
        groups = {f"replica {i + 1}": (lambda p=proc.pid: [p])
                  for i, (_, proc, _) in enumerate(servers)}
        groups["nginx"] = lambda: [balancer.process.pid, *descendants(balancer.process.pid)]
        groups["locust"] = lambda: [me]
        probe = {"process": None}
        groups["chromium probe"] = lambda: (
            [] if probe["process"] is None or probe["process"].poll() is not None
            else [probe["process"].pid, *descendants(probe["process"].pid)])
        sampler = Sampler(groups)
        sampler_greenlet = gevent.spawn(sampler.run)
        environment, runner, results = start_locust(balancer.url, args)
        ramp_start = time.monotonic()
        runner.start(args.sessions, spawn_rate=args.spawn_rate)
        spawned = wait_for_users(runner, args.sessions, 300)
        ramp_seconds = time.monotonic() - ramp_start
        gevent.sleep(args.settle)
        start = time.monotonic()
        probe_output = None
        if args.browsers:
            command = [sys.executable, str(BENCH / "browser_probe.py"), "--url", balancer.url,
                       "--sessions", str(args.browsers), "--duration", str(args.duration),
                       "--think", str(args.think), "--moves", str(args.moves),
                       "--timeout", str(args.browser_timeout)]
            probe["process"] = subprocess.Popen(command, stdout=subprocess.PIPE,
                                                stderr=subprocess.PIPE, text=True)
            try:
                # the probe's sessions open and walk first, then load for --duration
                stdout, stderr = probe["process"].communicate(timeout=args.duration + 300)
            except subprocess.TimeoutExpired:
                probe["process"].kill()
                stdout, stderr = probe["process"].communicate()
            if probe["process"].returncode == 0:
                probe_output = json.loads(stdout.strip().splitlines()[-1])
            else:
                print("browser probe failed:\n" + stderr[-3000:], file=sys.stderr)
        else:
            gevent.sleep(args.duration)
        end = time.monotonic()
        rows = results.window(start, end)
        every_row = results.window(start, end, ALL_KINDS)
        usage = sampler.window(start, end)
        runner.quit()
        sampler_greenlet.kill()
        upstream_counts = collections.Counter(
            line.split("upstream=")[1].split()[0] for line in balancer.access_lines()
            if '"GET /_stcore/stream' in line and " 101 " in line)

    p50, p95, worst = latency_row(rows)
    failures = [r for r in every_row if r[4]]
    wrong = [r for r in failures if "WrongAnswer" in r[4]]
    out(f"## {args.replicas} replicas behind nginx (deploy/nginx.conf), "
        f"{args.sessions} simulated learners\n")
    out(header(args, load_before) + f" Ramp: {spawned} learners in {ramp_seconds:.0f} s "
        f"({args.spawn_rate:g}/s), {args.settle:g} s settling, then {end - start:.0f} s "
        f"measured; load average after {load_average()}.\n")
    out("| measure | value |")
    out("| --- | --- |")
    out(f"| simulated learners | {spawned} |")
    out(f"| interactions in the window (page switches, slider moves) | {len(rows)} |")
    out(f"| interaction p50 / p95 / max (BackMsg to script_finished, through nginx) | "
        f"{p50 * 1e3:.0f} / {p95 * 1e3:.0f} / {worst * 1e3:.0f} ms "
        f"({'PASS' if p95 <= TARGET_P95_S else 'MISS'} against p95 <= 1.5 s) |")
    out(f"| failures, all requests (of which wrong answers) | {len(failures)} ({len(wrong)}) |")
    if probe_output:
        seconds = [s for _, s, ok in probe_output["latencies"]]
        timeouts = sum(1 for *_, ok in probe_output["latencies"] if not ok)
        if seconds:
            out(f"| {probe_output['sessions']} Chromium learners during the load: move "
                f"p50 / p95 / max (key press to result drawn) | {percentile(seconds, 50) * 1e3:.0f} "
                f"/ {percentile(seconds, 95) * 1e3:.0f} / {max(seconds) * 1e3:.0f} ms "
                f"({len(seconds)} moves, {timeouts} without a result) |")
        switches = [s for _, s in probe_output["switches"]]
        if switches:
            out(f"| Chromium page switch p50 / p95 | {percentile(switches, 50) * 1e3:.0f} / "
                f"{percentile(switches, 95) * 1e3:.0f} ms ({len(switches)}) |")
        out("| Chromium learners that saw the course's numbers | "
            + ", ".join(f"{k}: {v}/{probe_output['sessions']}"
                        for k, v in probe_output["checks"].items()) + " |")
        out(f"| Chromium problems | {len(probe_output['problems'])} |")
    out("| WebSockets per replica (nginx's log, 101 responses) | "
        + ", ".join(f"{addr}: {n}" for addr, n in sorted(upstream_counts.items())) + " |")
    if usage:
        out("\nCPU in % of one core over the window (the machine has "
            f"{100 * os.cpu_count()}%), resident memory in MB:\n")
        out("| process | CPU | RSS |")
        out("| --- | ---: | ---: |")
        for name in groups:
            out(f"| {name} | {usage['cpu'][name]:.0f}% | {usage['rss'][name]:.0f} |")
        out(f"| whole machine (other work included) | {usage['machine']:.0f}% | |")
        replica_cpu = sum(usage["cpu_seconds"][n] for n in groups if n.startswith("replica"))
        runs = len(results.runs(start, end))
        out(f"\nReplicas' CPU per script run: {1000 * replica_cpu / max(runs, 1):.1f} ms "
            f"({runs} runs).")
    if failures:
        out("\nFailures by kind (page opens and connections lost while thinking included):\n")
        out("\n".join(f"- {f}" for f in failure_summary(every_row)))
    if probe_output and probe_output["problems"]:
        out("\nChromium problems (first 5):\n")
        out("\n".join(f"- {p[:200]}" for p in probe_output["problems"][:5]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("mode", choices=["capacity", "nginx"])
    parser.add_argument("--think", type=float, default=5.0,
                        help="mean seconds before each action (uniform 0.5x-1.5x)")
    parser.add_argument("--moves", type=int, default=2, help="slider moves per page visit")
    parser.add_argument("--timeout", type=float, default=30.0,
                        help="seconds before an action counts as failed")
    parser.add_argument("--spawn-rate", type=float, default=5.0, help="learners added per second")
    parser.add_argument("--settle", type=float, default=5.0,
                        help="seconds after a ramp before measuring")
    parser.add_argument("--steps", default="10,20,40,60,80,100,130,160,200",
                        help="capacity: learner counts, one step each")
    parser.add_argument("--window", type=float, default=30.0,
                        help="capacity: seconds measured per step")
    parser.add_argument("--max-seconds", type=float, default=600.0,
                        help="capacity: no new step after this long")
    parser.add_argument("--sessions", type=int, default=300, help="nginx: simulated learners")
    parser.add_argument("--replicas", type=int, default=3, help="nginx: replicas")
    parser.add_argument("--browsers", type=int, default=3,
                        help="nginx: Chromium learners during the load (0: none)")
    parser.add_argument("--browser-timeout", type=float, default=60.0,
                        help="nginx: seconds before a Chromium action counts as failed")
    parser.add_argument("--duration", type=float, default=90.0,
                        help="nginx: seconds measured (the browsers' load phase)")
    parser.add_argument("--out", type=Path, default=None, help="also write the tables here")
    args = parser.parse_args()
    report = capacity(args) if args.mode == "capacity" else nginx_run(args)
    print(report)
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(report + "\n")


if __name__ == "__main__":
    main()
