"""Debian's nginx running the shipped deploy/nginx.conf in front of local replicas.

``nginx_balancer`` lays out a prefix directory in which ``conf/nginx.conf`` is a symlink
to the repository's deploy/nginx.conf (nginx reads its includes from the directory of
the file it is given, so the symlink's). Of the two includes, the listen line is
written for a loopback port, and deploy/backprop-replicas.conf is copied with each
replica's address replaced by a loopback one: its failover parameters stay as shipped.
Used by tests/deploy and by the load bench (bench/load_protocol.py).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
DEPLOY = REPO_ROOT / "deploy"
NGINX = Path("/usr/sbin/nginx")
SERVER_LINE = re.compile(r"^(\s*server\s+)(\S+)(.*)$", re.MULTILINE)


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def replica_lines(addresses: list[str]) -> str:
    """deploy/backprop-replicas.conf with its server addresses replaced, in order, by
    ``addresses`` (host:port); everything else (max_fails, fail_timeout) as shipped."""
    shipped = (DEPLOY / "backprop-replicas.conf").read_text()
    found = SERVER_LINE.findall(shipped)
    if len(found) != len(addresses):
        raise ValueError(f"deploy/backprop-replicas.conf has {len(found)} server lines, "
                         f"not {len(addresses)}")
    replacements = iter(addresses)
    return SERVER_LINE.sub(lambda m: f"{m.group(1)}{next(replacements)}{m.group(3)}",
                           shipped)


def health_ok(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=timeout) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


@dataclass
class Balancer:
    url: str                    # http://127.0.0.1:PORT
    process: subprocess.Popen
    prefix: Path
    access_log: Path
    error_log: Path

    def access_lines(self) -> list[str]:
        return self.access_log.read_text(errors="replace").splitlines()


def nginx_command(prefix: Path, *extra: str) -> list[str]:
    return [str(NGINX), "-p", f"{prefix}/", "-c", str(prefix / "conf" / "nginx.conf"),
            "-g", "daemon off;", *extra]


@contextlib.contextmanager
def nginx_balancer(replica_addresses: list[str], start_timeout: float = 30.0
                   ) -> Iterator[Balancer]:
    """Run Debian's nginx with deploy/nginx.conf on a free loopback port in front of
    ``replica_addresses``; yield a ``Balancer``; stop nginx by its pid afterwards."""
    prefix = Path(tempfile.mkdtemp(prefix="backprop-nginx-"))
    # nginx's worker processes drop root and must reach the temporary file paths.
    os.chmod(prefix, 0o755)
    conf = prefix / "conf"
    conf.mkdir()
    (conf / "nginx.conf").symlink_to(DEPLOY / "nginx.conf")
    (conf / "backprop-replicas.conf").write_text(replica_lines(replica_addresses))
    port = free_port()
    (conf / "backprop-listen.conf").write_text(f"listen 127.0.0.1:{port};\n")

    checked = subprocess.run(nginx_command(prefix, "-t"), capture_output=True, text=True)
    if checked.returncode != 0:
        raise RuntimeError(f"nginx -t refused deploy/nginx.conf:\n{checked.stderr}")

    access_log, error_log = prefix / "access.log", prefix / "error.log"
    with open(access_log, "wb") as out, open(error_log, "wb") as err:
        # The shipped file logs to stdout and stderr (container style): here, to files.
        process = subprocess.Popen(nginx_command(prefix), stdout=out, stderr=err)
    balancer = Balancer(f"http://127.0.0.1:{port}", process, prefix, access_log, error_log)
    try:
        started = time.monotonic()
        while not health_ok(balancer.url):
            if process.poll() is not None or time.monotonic() - started > start_timeout:
                raise RuntimeError("nginx did not answer /_stcore/health:\n"
                                   + error_log.read_text(errors="replace"))
            time.sleep(0.1)
        yield balancer
    finally:
        if process.poll() is None:
            process.terminate()  # SIGTERM: nginx's master stops its workers and exits
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)
        shutil.rmtree(prefix, ignore_errors=True)
