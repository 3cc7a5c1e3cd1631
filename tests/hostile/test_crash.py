"""Crash safety (issue #8 item 4): `kill -9` in the middle of a case or of a drop-folder batch.

Nothing half-written may pass for finished: after the kill a result.json is either absent or a
complete, schema-valid result that agrees with the package beside it; the inputs are unchanged;
and a restart processes each case exactly once. The processes are the real `appeal` command on a
real Prefect server (tests/flows/servicekit.py), killed with SIGKILL as the kernel's OOM killer or
a power cut would.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import jsonschema
import pytest

from casefile.schema import SCHEMA_PATH
from tests.flows import servicekit as kit

pytestmark = [pytest.mark.slow, pytest.mark.flow]

READY = kit.REPO / "samples" / "cases" / "kc-ready-humidifier"
SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def tree_hashes(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def assert_trustworthy(out: Path) -> dict | None:
    """A result.json that is there is whole, valid, and agrees with the files it names."""
    target = out / "result.json"
    if not target.exists():
        return None
    result = json.loads(target.read_text(encoding="utf-8"))
    jsonschema.validate(result, SCHEMA)
    if result["package"] is not None:
        assert sha256(out / result["package"]["path"]) == result["package"]["sha256"], \
            "result.json names a package that is not the appeal.pdf beside it"
    if result["review_sheet"] is not None:
        assert (out / result["review_sheet"]).is_file()
    return result


def kill_when(proc: subprocess.Popen, condition, what: str, timeout: float = 300) -> None:
    """SIGKILL the command's whole process group (reader children too) as soon as `condition` holds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert proc.poll() is None, f"the command ended (code {proc.returncode}) before {what}"
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, f"the command finished before the kill ({what})"


def start(args: list[str | Path], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([str(kit.APPEAL), *map(str, args)], env=env, cwd=kit.REPO, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)


@pytest.mark.parametrize("moment", ["writing"])  # a kill while reading is the same case, earlier
def test_appeal_process_killed_mid_case_leaves_no_result_to_trust_and_a_rerun_completes(request, tmp_path, moment):
    api = kit.start_server(request.config)
    case = tmp_path / "uploads" / READY.name
    shutil.copytree(READY, case)
    inputs = tree_hashes(case)
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    env = kit.appeal_env(api, tmp_path / "home", TMPDIR=str(scratch))
    args = ["process", case, "--out", out, "--as-of", kit.AS_OF]

    proc = start(args, env)
    if moment == "reading":  # the case's work folder exists: intake and reading under way
        kill_when(proc, lambda: any(scratch.glob("appeal-*")), "the case's work folder")
    else:  # the outputs are being written: the package first, result.json last
        kill_when(proc, lambda: out.is_dir() and any(out.iterdir()), "the first output file")

    assert assert_trustworthy(out) is None, "a killed run left a result.json"
    assert tree_hashes(case) == inputs

    rerun = kit.appeal(*args, env=env)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    result = assert_trustworthy(out)
    assert result is not None and result["status"] == "ready" and result["package"]["signed"], result["findings"]
    assert tree_hashes(case) == inputs


def test_a_rerun_killed_while_writing_leaves_no_result_beside_files_it_does_not_describe(request, tmp_path):
    """`appeal process` again into the folder of a finished run: a kill between the new package and
    the new result.json must not leave the old result.json beside a package it does not describe."""
    api = kit.start_server(request.config)
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    env = kit.appeal_env(api, tmp_path / "home", TMPDIR=str(scratch))
    args = ["process", READY, "--out", out, "--as-of", kit.AS_OF]
    first = kit.appeal(*args, env=env)
    assert first.returncode == 0, first.stderr[-3000:]
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    proc = start(args, env)
    kill_when(proc, lambda: _changed(out, before, "appeal.pdf"), "the new appeal.pdf")
    assert_trustworthy(out)
    rerun = kit.appeal(*args, env=env)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert assert_trustworthy(out)["status"] == "ready"


def _changed(out: Path, before: dict[str, int], name: str) -> bool:
    try:
        return (out / name).stat().st_mtime_ns != before[name]
    except FileNotFoundError:
        return False


def test_a_stored_case_killed_while_run_again_is_run_once_more_by_the_next_ingest(request, tmp_path):
    """A stored case run again (denied by Coupang, then `appeal reprocess`) and killed while writing
    its outputs: no result.json that contradicts the package beside it, and the next scheduled
    ingest gives the case its result.json back by running it once more, and only it."""
    api = kit.start_server(request.config)
    home, scratch = tmp_path / "home", tmp_path / "tmp"
    scratch.mkdir()
    env = kit.appeal_env(api, home, TMPDIR=str(scratch))
    case_id = "crash-ready"
    shutil.copytree(READY, home / "dropbox" / case_id)
    first = kit.appeal("ingest", "--settle", "0.5", "--as-of", kit.AS_OF, env=env)
    assert first.returncode == 0, first.stderr[-3000:]
    out = home / "cases" / case_id / "out"
    assert assert_trustworthy(out)["status"] == "ready"
    assert kit.appeal("mark", case_id, "denied", "--date", kit.AS_OF, env=env).returncode == 0
    before = {p.name: p.stat().st_mtime_ns for p in out.iterdir()}

    proc = start(["reprocess", "--status", "denied", "--as-of", kit.AS_OF], env)
    kill_when(proc, lambda: _changed(out, before, "appeal.pdf"), "the new appeal.pdf")
    assert assert_trustworthy(out) is None or len(kit.events(home, case_id, "processed")) == 2

    restart = kit.appeal("ingest", "--settle", "0.5", "--as-of", kit.AS_OF, env=env)
    assert restart.returncode == 0, restart.stderr[-3000:]
    assert assert_trustworthy(out)["status"] == "ready"
    events = [e["event"] for e in kit.history(home, case_id)]
    assert events.count("ingested") == 1
    assert events[events.index("denied"):].count("processed") == 1, events
    assert tree_hashes(home / "cases" / case_id / "input" / case_id) == tree_hashes(READY)


# A drop-folder batch killed mid-way and restarted: tests/flows/test_service.py
# (test_a_kill_9_mid_ingest_then_a_restart_processes_each_case_once).
