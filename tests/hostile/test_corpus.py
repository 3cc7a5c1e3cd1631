"""Every item of the hostile corpus: result.json written with a clear finding, no exception, nothing
created outside the output, inputs unchanged, and each document bounded in time and memory."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path

import jsonschema
import pytest

from casefile.schema import SCHEMA_PATH
from tests.hostile.corpus import CASE_BUILDERS

pytestmark = [pytest.mark.slow, pytest.mark.flow]

AS_OF = dt.date(2026, 11, 28)
# Files of the documents case that are harmless and may read without a finding.
MAY_READ_CLEANLY = {"javascript.pdf", "case.toml"}


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    from prefect.testing.utilities import prefect_test_harness

    home = tmp_path_factory.mktemp("hostile-home")
    with pytest.MonkeyPatch.context() as env:
        env.setenv("APPEAL_HOME", str(home))
        env.setenv("APPEAL_READ_TIMEOUT", "120")
        env.setenv("APPEAL_READ_MEMORY_MB", "2048")
        with prefect_test_harness(server_startup_timeout=120):
            yield home


def snapshot(root: Path, skip: tuple[Path, ...]) -> dict[str, str]:
    """Every file under root (links not followed) with its hash, except under `skip`."""
    found = {}
    for dirpath, _dirnames, filenames in os.walk(root, followlinks=False):
        if any(Path(dirpath).is_relative_to(s) for s in skip):
            continue
        for name in filenames:
            path = Path(dirpath, name)
            found[str(path)] = "link" if path.is_symlink() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


@pytest.mark.parametrize("name", sorted(CASE_BUILDERS))
def test_hostile_case_costs_findings_not_the_run(harness, tmp_path, name, monkeypatch):
    from flows.process_case import ProcessRequest, process_case

    sandbox = tmp_path / "sandbox"
    sandbox.mkdir()
    case = CASE_BUILDERS[name](sandbox)
    out, scratch = tmp_path / "out", tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))  # this run's own TMPDIR, shared with no other test
    before = snapshot(tmp_path, skip=(out, scratch))

    result = process_case(ProcessRequest(case=str(case), out=str(out), as_of=AS_OF))

    data = json.loads((out / "result.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert data == json.loads(result.to_json())
    assert result.status.value in {"failed", "needs_fixes"}, data["findings"]
    assert result.findings and all(f.message_ko and f.message_zh for f in result.findings)
    assert snapshot(tmp_path, skip=(out, scratch)) == before, "inputs changed or files were written outside the output"
    assert not (sandbox.parent.parent / "escaped.txt").exists() and not Path("/tmp/absolute-escape.txt").exists()
    leftovers = {n for n in os.listdir(scratch) if n.startswith("appeal-")}
    assert not leftovers, f"temporary folders left behind: {leftovers}"
    expectations = EXPECT.get(name)
    if expectations:
        expectations(result)


def _documents(result) -> None:
    flagged = {d for f in result.findings for d in f.documents}
    names = {d.path for d in result.documents} | flagged
    # The broken e-mail itself still reads (its headers); its truncated attachment must be flagged.
    for name in ["empty.pdf", "empty.png", "empty.docx", "empty.eml", "empty.txt", "truncated.pdf",
                 "truncated.png", "truncated.jpg", "truncated.docx", "random.pdf", "program.hwp",
                 "encrypted.pdf", "nested.pdf", "bomb.png", "malformed.eml#a.pdf", "wide.png", "nul.txt"]:
        assert name in flagged, f"{name} got no finding ({sorted(names)})"
    codes = {(f.code.value, d) for f in result.findings for d in f.documents}
    assert ("encrypted_pdf", "encrypted.pdf") in codes
    assert ("unsupported_format", "bomb.png") in codes or ("unreadable_document", "bomb.png") in codes


def _config_fault(text: str):
    """A bad case.toml costs case.toml: a finding naming the fault, and the documents still read."""
    def check(result) -> None:
        assert result.status.value == "needs_fixes"
        assert [d.path for d in result.documents] == ["note.txt"]
        assert result.documents[0].pages == 1
        assert any(text in f.message_ko and f.documents == ["case.toml"] for f in result.findings), \
            [f.message_ko for f in result.findings]
    return check


def _docx_bomb(result) -> None:
    assert [d.path for d in result.documents] == ["bomb.docx", "note.txt"]
    [refusal] = [f for f in result.findings if f.documents == ["bomb.docx"]]
    assert refusal.code.value == "unsupported_format" and "word/document.xml" in refusal.message_ko


def _many_files(result) -> None:
    assert result.status.value == "needs_fixes"
    assert len(result.documents) == 499  # 500 files with case.toml, top level first
    assert result.documents[0].path == "notice.txt" and result.documents[-1].path == "scans/0497.txt"
    [left] = [f for f in result.findings if "were left" in f.message_ko]
    assert "1502" in left.message_ko and left.documents == ["scans/0498.txt"]


def _refused(*paths: str):
    def check(result) -> None:
        flagged = {d for f in result.findings for d in f.documents}
        for path in paths:
            assert path in flagged, (path, flagged)
    return check


EXPECT = {
    "documents": _documents,
    "many-pages": _refused("thousands.pdf"),
    "zip-bomb": _refused("zeros.txt"),  # named as the case's documents are, without the zip's top folder
    "traversal-zip": _refused("../../escaped.txt", "/tmp/absolute-escape.txt", "link-to-passwd"),
    "symlinks": _refused("cert.txt", "etc"),
    "toml-wrong-type": _config_fault("line 2: key 'appeal.notice_date'"),
    "toml-unknown-key": _config_fault("line 2: unknown key 'seller.nickname'"),
    "toml-seal-outside": _config_fault("line 2: key 'seller.seal_image' points outside the case"),
    "toml-not-utf8": _config_fault("UTF-8"),
    "toml-syntax-error": _config_fault("line 3"),
    "docx-bomb": _docx_bomb,
    "many-files": _many_files,
}
