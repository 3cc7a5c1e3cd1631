"""One real Prefect server for the service tests (SQLite under a temp folder, a free port), and helpers.

The server is started once per test session by whichever service test module asks first, and
stopped when pytest ends; the test process and every `appeal` subprocess are pointed at it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flows.serve import stop_process

REPO = Path(__file__).resolve().parents[2]
APPEAL = Path(sys.executable).with_name("appeal")
PREFECT = Path(sys.executable).with_name("prefect")
LAMP = REPO / "samples" / "cases" / "kc-model-mismatch-lamp"
AS_OF = "2026-11-28"

_server: dict = {}


def start_server(config) -> str:
    """The API URL of the session's server, starting it on first use."""
    if _server:
        return _server["url"]
    from flows.serve import free_port, healthy

    home = Path(tempfile.mkdtemp(prefix="prefect-server-"))
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = clean_env(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    log = open(home / "server.log", "wb")
    proc = subprocess.Popen([str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                            env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 180
    while not healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError((home / "server.log").read_text(errors="replace")[-3000:])
        time.sleep(0.5)

    def stop() -> None:
        stop_process(proc)
        log.close()
        shutil.rmtree(home, ignore_errors=True)

    config.add_cleanup(stop)
    _server.update(url=url, proc=proc)
    return url


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "APPEAL_"))}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_RUNNER_POLL_FREQUENCY="1",
               PREFECT_LOGGING_LEVEL="WARNING", DO_NOT_TRACK="1")
    env.update(extra)
    return env


def appeal_env(api_url: str, home: Path, **extra: str) -> dict[str, str]:
    return clean_env(PREFECT_API_URL=api_url, APPEAL_HOME=str(home), **extra)


def appeal(*args: str | Path, env: dict[str, str], timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([str(APPEAL), *map(str, args)], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)


def history(home: Path, case_id: str) -> list[dict]:
    path = home / "cases" / case_id / "history.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def events(home: Path, case_id: str, name: str) -> list[dict]:
    return [e for e in history(home, case_id) if e["event"] == name]


def wait_for(condition, timeout: float, what: str, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def drop_copies(dropbox: Path, names: list[str]) -> None:
    """Copy the lamp case under each name: copied to a dotted temp name, then renamed into place."""
    dropbox.mkdir(parents=True, exist_ok=True)
    for name in names:
        tmp = dropbox / f".{name}.part"
        shutil.copytree(LAMP, tmp)
        os.rename(tmp, dropbox / name)
