"""The Tesseract wrapper's record of what ran: the SIMD path of its dot product (issue 13)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors.readers import tesseract

REPO = Path(__file__).resolve().parents[3]


def _engine_start(dotproduct: str) -> subprocess.CompletedProcess:
    code = ("from extractors.readers import tesseract\n"
            "with tesseract._engine('eng'): pass\n"
            "print(tesseract.dot_product())\n")
    env = {**os.environ, "DOTPRODUCT": dotproduct}
    return subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)


def test_the_dot_product_is_auto_unless_named(monkeypatch):
    monkeypatch.delenv("DOTPRODUCT", raising=False)
    assert tesseract.dot_product() == "auto"
    monkeypatch.setenv("DOTPRODUCT", "generic")
    assert tesseract.dot_product() == "generic"


@pytest.mark.ocr
def test_the_library_takes_the_dot_product_from_the_environment():
    """What `make test-ocr-generic` relies on: the bundled Tesseract reads DOTPRODUCT when it loads."""
    generic = _engine_start("generic")
    assert generic.returncode == 0, generic.stderr
    assert generic.stdout.strip() == "generic" and "unsupported" not in generic.stderr
    bogus = _engine_start("no-such-path")
    assert "dotproduct" in bogus.stderr  # Tesseract names the value it ignored: it did read it


def test_the_run_record_and_the_read_cache_name_the_dot_product(monkeypatch):
    from extractors.readers.cache import reading_fingerprint
    from flows.provenance import engine_versions

    monkeypatch.delenv("DOTPRODUCT", raising=False)
    assert engine_versions()["tesseract_dotproduct"] == "auto"
    assert reading_fingerprint()["dotproduct"] == "auto"
