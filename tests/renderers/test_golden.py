"""The letter's extracted text against a reviewed golden file.

`APPEAL_REGEN_GOLDEN=1` rewrites tests/renderers/golden/*.txt (review the diff before committing);
under CI the flag must be off, so a golden file can never silently follow a regression.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest

from renderers.package import assemble
from tests.renderers.conftest import make_chain, outline_pages, page_lines

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("APPEAL_REGEN_GOLDEN") == "1"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if REGEN:
        path.write_text(actual, encoding="utf-8")
        return
    assert path.exists(), f"{path} missing: run once with APPEAL_REGEN_GOLDEN=1 and review it"
    expected = path.read_text(encoding="utf-8")
    diff = "\n".join(difflib.unified_diff(expected.splitlines(), actual.splitlines(), "golden", "actual", lineterm=""))
    assert actual == expected, diff


@pytest.mark.slow
def test_letter_text_matches_golden(tmp_path):
    chain = make_chain(tmp_path / "case")
    data, *_ = assemble(chain)  # unsigned: the signature time is the only part allowed to vary
    pdf = tmp_path / "package.pdf"
    pdf.write_bytes(data)
    pages = outline_pages(pdf)
    text = "\n".join(page_lines(pdf, pages["표지"], pages["붙임 목록"])) + "\n"
    check_golden("letter_kc_certification.txt", text)


def test_regen_flag_is_off_in_ci():
    if not os.environ.get("CI"):
        pytest.skip("only meaningful under CI")
    assert not REGEN, "APPEAL_REGEN_GOLDEN=1 must never be set in CI"
