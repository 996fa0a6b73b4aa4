"""The deployment files read as they must, without Docker: every path the images copy
exists, the replica image carries everything the app imports and nothing else of the
repository, and the limits agree with the app's settings.

No Docker engine runs in CI, so these checks stand in for a build; the failover test
(tests/deploy/test_failover.py) runs deploy/nginx.conf itself. They matter while
files move: a page or module the image does not copy fails here, not in production.
"""

from __future__ import annotations

import ast
import re
import shlex
import tomllib
from pathlib import Path

from tests.deploy.nginx_stack import DEPLOY, REPO_ROOT, SERVER_LINE

DOCKERFILE = DEPLOY / "Dockerfile"
NGINX_DOCKERFILE = DEPLOY / "nginx.Dockerfile"


def instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of a Dockerfile, continuation lines joined."""
    text = re.sub(r"\\\n", " ", dockerfile.read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def copied(dockerfile: Path) -> list[tuple[str, str]]:
    """(source, destination) of every COPY (sources relative to the build context)."""
    pairs = []
    for word, rest in instructions(dockerfile):
        if word == "COPY":
            parts = [p for p in shlex.split(rest) if not p.startswith("--")]
            pairs.extend((source, parts[-1]) for source in parts[:-1])
    return pairs


def test_every_copied_path_exists_in_the_repository():
    for dockerfile in (DOCKERFILE, NGINX_DOCKERFILE):
        for source, _ in copied(dockerfile):
            assert (REPO_ROOT / source).exists(), f"{dockerfile.name} copies missing {source}"


def local_imports(path: Path) -> set[str]:
    """Top-level names imported by ``path`` that are the repository's own modules."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return {n for n in names
            if (REPO_ROOT / n).is_dir() or (REPO_ROOT / f"{n}.py").is_file()}


def test_the_image_copies_every_page_and_module_the_app_runs_and_no_tests():
    sources = [Path(source.rstrip("/")) for source, _ in copied(DOCKERFILE)]
    in_image = [REPO_ROOT / s for s in sources]

    def shipped(path: Path) -> bool:
        return any(path == root or root in path.parents for root in in_image)

    # the app's files: the entrypoint, every page script, and what they import, transitively
    pending = [REPO_ROOT / "streamlit_app.py"]
    pending += [p for p in (REPO_ROOT / "app_pages").rglob("*.py")]
    seen = set()
    while pending:
        path = pending.pop()
        if path in seen:
            continue
        seen.add(path)
        assert shipped(path), f"the image lacks {path.relative_to(REPO_ROOT)}"
        for name in local_imports(path):
            module = REPO_ROOT / name
            pending += list(module.rglob("*.py")) if module.is_dir() else [
                REPO_ROOT / f"{name}.py"]
    for private in ("tests", "bench", "docs", ".venv", ".streamlit/secrets.toml", ".git"):
        assert not shipped(REPO_ROOT / private), f"the image copies {private}"
    assert (".streamlit/config.toml", ".streamlit/config.toml") in copied(DOCKERFILE)


def test_the_replica_runs_as_a_numeric_non_root_user_with_health_and_one_blas_thread():
    steps = instructions(DOCKERFILE)
    users = [rest for word, rest in steps if word == "USER"]
    assert users and re.fullmatch(r"[1-9]\d*(:[1-9]\d*)?", users[-1]), users
    env = " ".join(rest for word, rest in steps if word == "ENV")
    for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        assert re.search(rf"\b{variable}=1\b", env), variable
    health = " ".join(rest for word, rest in steps if word == "HEALTHCHECK")
    assert "/_stcore/health" in health
    command = [rest for word, rest in steps if word == "CMD"][-1]
    for flag in ('"streamlit", "run", "streamlit_app.py"', '"--server.port", "8501"',
                 '"--server.address", "0.0.0.0"'):
        assert flag in command, flag
    assert steps[0][0] == "FROM" and re.match(r"python:3\.11-slim", steps[0][1])
    runtime = [rest for word, rest in steps if word == "RUN" and "pip install" in rest]
    assert runtime and all("requirements.txt" in r and "requirements-dev" not in r
                           for r in runtime)


def test_nginx_takes_uploads_as_large_as_the_app_accepts():
    config = tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())
    upload_mb = config["server"]["maxUploadSize"]
    limit = re.search(r"client_max_body_size\s+(\d+)m;", (DEPLOY / "nginx.conf").read_text())
    assert limit, "deploy/nginx.conf sets no client_max_body_size in MB"
    # Streamlit's upload route allows 1 MB of multipart framing on top of the file
    assert int(limit.group(1)) == upload_mb + 1


def test_compose_runs_nginx_before_the_three_replicas_it_names():
    compose = (DEPLOY / "compose.yaml").read_text()
    for dockerfile in re.findall(r"dockerfile:\s*(\S+)", compose):
        assert (REPO_ROOT / dockerfile).is_file(), dockerfile
    replicas = [m[1].split(":")[0] for m in
                SERVER_LINE.findall((DEPLOY / "backprop-replicas.conf").read_text())]
    assert replicas == ["app1", "app2", "app3"]
    for name in replicas:
        assert re.search(rf"^  {name}: \*replica$", compose, re.MULTILINE), name
        assert re.search(rf"^      {name}:\n        condition: service_healthy$", compose,
                         re.MULTILINE), name
    assert '"8080:8080"' in compose
    assert "listen 8080;" in (DEPLOY / "backprop-listen.conf").read_text()
