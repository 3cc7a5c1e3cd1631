"""Work folders of runs that were killed are swept by the next run; live ones never are."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from flows import workdirs

REPO = Path(__file__).resolve().parents[2]

CHILD = """
import sys, time
from flows.workdirs import work_folder
with work_folder() as folder:
    (folder / "member.pdf").write_bytes(b"%PDF-1.7 " * 1000)
    print(folder, flush=True)
    time.sleep(600)
"""


def _killed_run(tmp_path) -> str:
    """The folder of a real run that was SIGKILLed while it held it."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(REPO)}
    child = subprocess.Popen([sys.executable, "-c", CHILD], env=env, stdout=subprocess.PIPE, text=True)
    folder = child.stdout.readline().strip()
    child.kill()
    child.wait(timeout=30)
    child.stdout.close()
    return folder


def test_a_killed_runs_folder_is_swept_once_it_is_old(tmp_path):
    folder = _killed_run(tmp_path)
    assert os.path.isdir(folder) and os.path.basename(folder).startswith(workdirs.PREFIX)
    # Too recent: a dead owner alone does not prove it (another PID namespace may share TMPDIR).
    assert workdirs.sweep_orphans(tmp_path) == [] and os.path.isdir(folder)
    later = time.time() + workdirs.ORPHAN_AGE_S + 60
    assert [str(p) for p in workdirs.sweep_orphans(tmp_path, now=later)] == [folder]
    assert not os.path.exists(folder)


def test_a_live_runs_folder_and_other_folders_are_kept(tmp_path):
    mine = tmp_path / f"{workdirs.PREFIX}{os.getpid()}-abc"
    mine.mkdir()
    other = tmp_path / "appeal-case-notapid"
    other.mkdir()
    unrelated = tmp_path / "something-else"
    unrelated.mkdir()
    later = time.time() + workdirs.ORPHAN_AGE_S + 60
    assert workdirs.sweep_orphans(tmp_path, now=later) == []
    assert mine.is_dir() and other.is_dir() and unrelated.is_dir()


def test_a_run_sweeps_before_it_starts_and_removes_its_own_folder(tmp_path, monkeypatch):
    folder = _killed_run(tmp_path)
    old = time.time() - workdirs.ORPHAN_AGE_S - 60
    os.utime(folder, (old, old))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(workdirs.tempfile, "tempdir", None)  # re-read TMPDIR
    with workdirs.work_folder() as mine:
        assert not os.path.exists(folder)
        assert mine.parent == tmp_path and mine.is_dir()
    assert not mine.exists()
