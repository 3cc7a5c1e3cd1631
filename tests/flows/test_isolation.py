"""A reader that hangs, eats memory or crashes costs one finding; a missing engine still stops the run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casefile.case import SourceFile
from casefile.errors import MissingDependencyError
from flows import isolation, stages
from flows.isolation import Bounds, IsolatedCrash, IsolatedMemoryError, IsolatedTimeout, run_isolated
from tests.flows import isolation_targets as targets

REPO = Path(__file__).resolve().parents[2]


def test_result_comes_back():
    assert run_isolated(targets.add, 2, 3) == 5


def test_a_hang_is_killed_at_the_time_bound():
    with pytest.raises(IsolatedTimeout):
        run_isolated(targets.sleep_forever, bounds=Bounds(timeout_s=1))


def test_memory_past_the_bound_is_refused():
    with pytest.raises(IsolatedMemoryError):
        run_isolated(targets.allocate, 2048, bounds=Bounds(memory_mb=1024))
    assert run_isolated(targets.allocate, 10, bounds=Bounds(memory_mb=1024)) == 10 * 1024 * 1024


def test_a_crash_in_a_c_library_is_reported():
    with pytest.raises(IsolatedCrash, match="died"):
        run_isolated(targets.die)


def test_a_missing_engine_is_still_an_operator_error():
    with pytest.raises(MissingDependencyError, match="Tesseract"):
        run_isolated(targets.no_tesseract)


def test_a_reader_that_runs_out_of_time_becomes_a_finding(tmp_path, monkeypatch):
    # A real image big enough that reading cannot finish in a tenth of a second.
    from PIL import Image

    path = tmp_path / "scan.png"
    Image.new("RGB", (2480, 3508), "white").save(path)
    source = SourceFile(path="scan.png", abs_path=str(path), sha256="0" * 64, size=path.stat().st_size)
    monkeypatch.setenv("APPEAL_CACHE", "off")
    read = stages.read_source(source, tmp_path, Bounds(timeout_s=0.1))
    assert read.pages == []
    assert read.issues[0].code.value == "unreadable_document" and "too long" in read.issues[0].detail
    assert isolation.enabled()


def test_a_temp_folder_too_deep_for_a_unix_socket_still_isolates(tmp_path):
    deep = tmp_path.joinpath(*["a-rather-long-folder-name"] * 5)
    deep.mkdir(parents=True)
    assert len(str(deep)) > 110  # past what a Unix socket's path may hold
    code = "from flows import isolation; from tests.flows import isolation_targets as t; " \
           "print(isolation.run_isolated(t.add, 2, 3))"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "TMPDIR": str(deep)},
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "5"
