"""A few real Chromium learners for a while, as bench/load.py's sessions: end-to-end
latency (key press to the page showing the new result, measured in the page) while
something else loads the server. bench/load_protocol.py runs it in a process of its
own during its nginx run (Playwright and Locust's gevent do not share a process).

    python bench/browser_probe.py --url http://127.0.0.1:PORT [--sessions 3]
                                  [--duration 60] [--think 5] [--moves 2]

Prints one JSON object: latencies (page, seconds, ok), page switches, the course's
numbers each session saw, problems, and the CPU seconds Chromium used.
"""

import argparse
import asyncio
import json
import os
import random
import time
import urllib.parse

from harness import CHROMIUM, CHROMIUM_ARGS, TICKS, process_table, read_ticks
from load import SEED_CHECKS, Session
from playwright.async_api import async_playwright


def chromium_ticks():
    """CPU ticks of this process's Chromium descendants."""
    table = process_table()
    children = {}
    for pid, (ppid, _) in table.items():
        children.setdefault(ppid, []).append(pid)
    total, stack = 0, list(children.get(os.getpid(), []))
    while stack:
        pid = stack.pop()
        if "chrom" in table[pid][1]:
            total += read_ticks(pid) or 0
        stack.extend(children.get(pid, []))
    return total


async def run(args):
    random.seed(args.seed)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM,
                                                   args=CHROMIUM_ARGS)
        sessions = [Session(n, browser, args.url, args) for n in range(args.sessions)]
        for session in sessions:
            await session.open()
            await session.first_walk()
        start_ticks, start = chromium_ticks(), time.monotonic()
        deadline = start + args.duration
        await asyncio.gather(*(s.load(deadline) for s in sessions))
        seconds = time.monotonic() - start
        cpu = (chromium_ticks() - start_ticks) / TICKS
        for session in sessions:
            await session.close()
        await browser.close()
    return {
        "sessions": args.sessions,
        "seconds": seconds,
        "chromium_cpu_seconds": cpu,
        "latencies": [(name, s, ok) for session in sessions for name, s, ok in session.latencies],
        "switches": [(path, s) for session in sessions for path, s in session.switches],
        "checks": {check: sum(1 for s in sessions if s.checks.get(check))
                   for check in SEED_CHECKS},
        "problems": [p for session in sessions for p in session.problems],
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--sessions", type=int, default=3)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--think", type=float, default=5.0)
    parser.add_argument("--moves", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    host = urllib.parse.urlsplit(args.url).hostname or ""
    if not (host == "localhost" or host.startswith("127.")):
        parser.error("the probe drives servers on this machine only")
    print(json.dumps(asyncio.run(run(args))))


if __name__ == "__main__":
    main()
