"""The read cache: a file read once is not read again, unless the file, the readers or the OCR
settings changed; what is on disk is checked before it is believed."""

from __future__ import annotations

import ast
import importlib.util
import json
from email.message import EmailMessage
from pathlib import Path

import pytest
import tesserocr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casefile.codes import FindingCode, PageSource
from casefile.pages import Page, ReadIssue, ReadResult, Table, Word
from extractors import read_file
from extractors.readers import pdf as pdf_reader
from extractors.readers import tesseract
from extractors.readers.cache import (
    READER_MODULES,
    ReadCache,
    _module_files,
    default_cache,
    file_sha256,
    reading_fingerprint,
)
from tests.extractors.conftest import CERT_NUMBER, image_pdf, squash


@pytest.fixture
def tesseract_runs(monkeypatch) -> list[list[str]]:
    """Every Tesseract OCR or OSD run of this process (a spy: Tesseract still runs)."""
    runs: list[list[str]] = []
    real = tesseract._set_image

    def counted(api, image):
        runs.append([api.GetInitLanguagesAsString(), str(image.size)])
        return real(api, image)

    monkeypatch.setattr(tesseract, "_set_image", counted)
    return runs


@pytest.fixture
def kc_pdf(tmp_path, cert_pdf_bytes) -> Path:
    path = tmp_path / "kc.pdf"
    path.write_bytes(cert_pdf_bytes)
    return path


@pytest.mark.ocr
@pytest.mark.slow
def test_a_second_read_of_an_unchanged_scan_comes_from_the_cache(tmp_path, monkeypatch, cert_page,
                                                               tesseract_runs):
    path = tmp_path / "scan.pdf"
    path.write_bytes(image_pdf(cert_page, dpi=300))
    cache = ReadCache(tmp_path / "cache")

    first = read_file(path, tmp_path / "w1", cache=cache)
    assert [p.source for p in first.pages] == [PageSource.ocr]
    assert f"인증번호:{CERT_NUMBER}" in squash(first.text)
    assert (cache.misses, cache.writes, cache.hits) == (1, 1, 0)
    assert cache.path(cache.key(file_sha256(path))).is_file()
    ocr_runs = len(tesseract_runs)
    assert ocr_runs > 0

    again = read_file(path, tmp_path / "w2", cache=cache)
    assert again == first
    assert len(tesseract_runs) == ocr_runs  # Tesseract did not run again
    assert cache.hits == 1

    # A changed OCR setting is a different reading: it misses and OCRs again.
    monkeypatch.setattr(pdf_reader, "RENDER_DPI", 200)
    changed = read_file(path, tmp_path / "w3", cache=cache)
    assert (cache.misses, cache.hits) == (2, 1)
    assert len(tesseract_runs) > ocr_runs
    assert ":200dpi" in changed.pages[0].strategy


def test_the_key_changes_with_the_file_and_every_part_of_the_reading():
    cache = ReadCache(Path("unused"))
    fingerprint = reading_fingerprint()
    assert {"reader_version", "reader_source", "tesseract", "tessdata", "lang", "psm",
            "pdf_render_dpi"} <= set(fingerprint)
    base = cache.key("a" * 64, fingerprint)
    assert cache.key("a" * 64, dict(fingerprint)) == base
    assert cache.key("b" * 64, fingerprint) != base
    for name in fingerprint:
        assert cache.key("a" * 64, {**fingerprint, name: fingerprint[name] + "x"}) != base, name


def test_the_tesseract_version_is_part_of_the_fingerprint():
    assert reading_fingerprint()["tesseract"] == f"tesseract {tesserocr.tesseract_version().split()[1]}"


@pytest.mark.parametrize("damage", ["garbage", "truncated", "another_files_entry"])
def test_a_damaged_entry_is_ignored_and_rewritten(tmp_path, kc_pdf, cert_pdf_bytes, damage):
    cache = ReadCache(tmp_path / "cache")
    good = read_file(kc_pdf, tmp_path / "w", cache=cache)
    entry = cache.path(cache.key(file_sha256(kc_pdf)))
    if damage == "garbage":
        entry.write_bytes(b"\x00{not json")
    elif damage == "truncated":
        entry.write_bytes(entry.read_bytes()[:200])
    else:  # a valid entry, but of other bytes: copied, or a key collision in a hand-edited store
        other = tmp_path / "other.pdf"
        other.write_bytes(cert_pdf_bytes + b"\n% another revision\n")
        read_file(other, tmp_path / "w", cache=cache)
        entry.write_bytes(cache.path(cache.key(file_sha256(other))).read_bytes())

    again = read_file(kc_pdf, tmp_path / "w", cache=cache)
    assert again == good
    assert (cache.rejected, cache.hits) == (1, 0)
    assert json.loads(entry.read_bytes())["sha256"] == file_sha256(kc_pdf)  # rewritten whole
    assert read_file(kc_pdf, tmp_path / "w", cache=cache) == good
    assert cache.hits == 1


def test_the_default_cache_is_under_appeal_home_and_can_be_turned_off(tmp_path, kc_pdf, monkeypatch, appeal_home):
    assert default_cache().root == appeal_home / "cache" / "read"
    read_file(kc_pdf, tmp_path / "w")
    assert len(list((appeal_home / "cache" / "read").rglob("*.json"))) == 1

    monkeypatch.setenv("APPEAL_CACHE", "off")
    assert default_cache() is None
    monkeypatch.setenv("APPEAL_HOME", str(tmp_path / "elsewhere"))
    read_file(kc_pdf, tmp_path / "w")
    assert not (tmp_path / "elsewhere").exists()

    monkeypatch.delenv("APPEAL_CACHE")
    monkeypatch.delenv("APPEAL_HOME")
    assert default_cache().root == Path("var") / "cache" / "read"


def test_an_email_is_read_again_so_its_attachments_are_in_this_runs_workdir(tmp_path, cert_pdf_bytes):
    msg = EmailMessage()
    msg["From"], msg["Subject"] = "notice@coupang.com", "판매중지 안내"
    msg.set_content("상품번호 7234567890 판매가 중지되었습니다. KC 인증서를 제출해 주십시오.")
    msg.add_attachment(cert_pdf_bytes, maintype="application", subtype="pdf", filename="KC.pdf")
    path = tmp_path / "notice.eml"
    path.write_bytes(bytes(msg))
    cache = ReadCache(tmp_path / "cache")

    for run in ("run1", "run2"):  # each run's workdir is gone by the next
        workdir = tmp_path / run
        [attachment] = read_file(path, workdir, cache=cache).attachments
        assert Path(attachment.data_path).parent == workdir.resolve()
        assert Path(attachment.data_path).read_bytes() == cert_pdf_bytes
    assert (cache.writes, cache.hits) == (0, 0)


def test_a_cache_that_cannot_be_written_costs_only_time(tmp_path, kc_pdf):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    cache = ReadCache(blocked / "read")
    result = read_file(kc_pdf, tmp_path / "w", cache=cache)
    assert CERT_NUMBER in result.text
    assert (cache.writes, cache.misses) == (0, 1)


def test_no_cache_reads_every_time(tmp_path, kc_pdf, appeal_home):
    assert CERT_NUMBER in read_file(kc_pdf, tmp_path / "w", cache=False).text
    assert not (appeal_home / "cache").exists()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(), min_size=1, max_size=3),
       confidence=st.one_of(st.none(), st.floats(0, 1)))
def test_whatever_was_read_comes_back_from_the_cache_unchanged(tmp_path, texts, confidence):
    cache = ReadCache(tmp_path / "cache")
    result = ReadResult(
        media_type="application/pdf",
        pages=[Page(number=n, source=PageSource.ocr, text=text, confidence=confidence,
                    words=[Word(text=text[:5] or "x", left=1.5, top=2, width=3, height=4, confidence=confidence)],
                    tables=[Table(rows=[[text, ""]], bbox=(0, 1.25, 2, 3))])
               for n, text in enumerate(texts, start=1)],
        issues=[ReadIssue(code=FindingCode.low_resolution, detail="page 1: 150 DPI")],
    )
    sha = f"{abs(hash(tuple(texts))):064x}"
    cache.put(sha, result)
    assert cache.get(sha) == result


def test_a_result_json_cannot_hold_is_not_cached_and_does_not_fail_the_read(tmp_path):
    cache = ReadCache(tmp_path / "cache")
    cache.put("0" * 64, ReadResult(pages=[Page(number=1, source=PageSource.plain, text="a\udc80b")]))
    assert (cache.writes, cache.get("0" * 64)) == (0, None)


def test_every_module_the_readers_import_is_in_the_source_digest():
    """A reader module left out of `READER_MODULES` would let a change to it reuse stale readings."""
    not_shaping_results = {"extractors", "extractors.readers.cache", "casefile.errors", "casefile.atomic"}
    imported = {module for name in READER_MODULES for path in _module_files(name) for module in _imports(path)}
    uncovered = {m for m in imported - not_shaping_results
                 if not any(m == c or m.startswith(c + ".") for c in READER_MODULES)}
    assert uncovered == set()


def _imports(path: Path) -> set[str]:
    """The project's modules a source file imports (`from a import b` counts `a.b` when a module)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found |= {node.module} | {f"{node.module}.{a.name}" for a in node.names
                                      if _is_module(f"{node.module}.{a.name}")}
    return {m for m in found if m.split(".")[0] in ("extractors", "casefile")}


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # `casefile.errors.ReadError`: a name in a module, not a module
        return False
