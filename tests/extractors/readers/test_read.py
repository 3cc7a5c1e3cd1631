"""`read_file`: dispatch by content, every failure a `ReadIssue`, only a missing Tesseract raises."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from PIL import Image

from casefile.codes import FindingCode, PageSource
from casefile.errors import MissingDependencyError
from extractors import read_file, read_json
from extractors.readers import tesseract
from tests.extractors.conftest import CERT_NUMBER, squash


def _codes(result) -> list[FindingCode]:
    return [i.code for i in result.issues]


@pytest.mark.ocr
def test_a_pdf_that_is_really_a_png_is_read_as_an_image(tmp_path, workdir, cert_page):
    path = tmp_path / "KC인증서.pdf"
    cert_page.save(path, format="PNG", dpi=(300, 300))
    result = read_file(path, workdir)
    assert result.media_type == "image/png"
    assert result.issues == []
    assert [p.source for p in result.pages] == [PageSource.ocr]
    assert f"인증번호:{CERT_NUMBER}" in squash(result.text)


def test_each_kind_goes_to_its_reader(tmp_path, workdir, cert_pdf_bytes):
    (tmp_path / "kc.pdf").write_bytes(cert_pdf_bytes)
    d = docx.Document()
    d.add_paragraph("위임장: HANBIT 브랜드의 쿠팡 판매 권한을 주식회사 한빛무역에 위임합니다.")
    d.save(tmp_path / "auth.docx")
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = "notice@coupang.com", "ops@example.com", "판매중지 안내"
    msg.set_content("상품번호 7234567890 판매가 중지되었습니다.")
    (tmp_path / "notice.eml").write_bytes(bytes(msg))
    (tmp_path / "memo.txt").write_bytes("소명 메모: 인증서 원본은 우편으로 발송 예정".encode("cp949"))

    sources = {name: [p.source for p in read_file(tmp_path / name, workdir).pages]
               for name in ("kc.pdf", "auth.docx", "notice.eml", "memo.txt")}
    assert sources == {"kc.pdf": [PageSource.pdf_text], "auth.docx": [PageSource.docx],
                       "notice.eml": [PageSource.email], "memo.txt": [PageSource.plain]}


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("kc.pdf", os.urandom(4096)),  # noise named like a PDF
        ("kc.pdf", b"%PDF-1.7\n" + os.urandom(2048)),  # a PDF header and nothing behind it
        ("kc.png", b"\x89PNG\r\n\x1a\n" + os.urandom(512)),  # a PNG signature and noise
        ("auth.docx", b"PK\x03\x04" + os.urandom(512)),  # a broken zip
        ("empty.txt", b""),
    ],
)
def test_bad_input_never_raises_it_becomes_an_unsupported_format_issue(tmp_path, workdir, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    result = read_file(path, workdir)
    assert result.pages == []
    assert _codes(result) == [FindingCode.unsupported_format]


def test_a_zip_that_is_not_a_docx_is_unsupported(tmp_path, workdir):
    with zipfile.ZipFile(tmp_path / "docs.docx", "w") as zf:
        zf.writestr("kc.pdf", b"%PDF-1.7")
    result = read_file(tmp_path / "docs.docx", workdir)
    assert (result.media_type, _codes(result)) == ("application/octet-stream", [FindingCode.unsupported_format])


def test_encrypted_pdf_issue_comes_through(tmp_path, workdir, cert_pdf_bytes):
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(cert_pdf_bytes)) as pdf:
        pdf.save(tmp_path / "locked.pdf", encryption=pikepdf.Encryption(user="pw", owner="pw"))
    assert _codes(read_file(tmp_path / "locked.pdf", workdir)) == [FindingCode.encrypted_pdf]


def test_almost_no_text_is_an_unreadable_document(tmp_path, workdir):
    (tmp_path / "note.txt").write_text("ok\n", encoding="utf-8")
    result = read_file(tmp_path / "note.txt", workdir)
    assert [p.text for p in result.pages] == ["ok"]
    assert _codes(result) == [FindingCode.unreadable_document]


@pytest.mark.ocr
def test_a_blank_scan_is_an_unreadable_document(tmp_path, workdir):
    Image.new("L", (2480, 3508), 255).save(tmp_path / "blank.png", dpi=(300, 300))
    result = read_file(tmp_path / "blank.png", workdir)
    assert [p.source for p in result.pages] == [PageSource.ocr]
    assert _codes(result) == [FindingCode.unreadable_document]


def test_read_json_is_the_contract_object(tmp_path, cert_pdf_bytes):
    path = tmp_path / "kc.pdf"
    path.write_bytes(cert_pdf_bytes)
    obj = read_json(path)
    assert list(obj) == ["file", "sha256", "pages"]
    assert obj["file"] == "kc.pdf"
    assert obj["sha256"] == hashlib.sha256(cert_pdf_bytes).hexdigest()
    [page] = obj["pages"]
    assert list(page) == ["number", "source", "rotation", "confidence", "text"]
    assert (page["number"], page["source"], page["rotation"], page["confidence"]) == (1, "pdf_text", 0, None)
    assert CERT_NUMBER in page["text"]
    json.dumps(obj, ensure_ascii=False)  # plain JSON types only


def test_missing_language_data_is_the_one_error_that_propagates(tmp_path, workdir, monkeypatch, cert_page):
    # Point Tesseract at a folder without the Korean model: the real "package not installed" situation.
    models = tmp_path / "tessdata"
    models.mkdir()
    (models / "eng.traineddata").write_bytes((tesseract.tessdata_dir() / "eng.traineddata").read_bytes())
    monkeypatch.setenv("TESSDATA_PREFIX", str(models))
    monkeypatch.setattr(tesseract, "_checked", False)
    cert_page.resize((620, 877)).save(tmp_path / "kc.png")
    with pytest.raises(MissingDependencyError, match="tesseract-ocr tesseract-ocr-script-hang"):
        read_file(tmp_path / "kc.png", workdir)


def test_tesseract_check_passes_here_and_reports_its_version():
    tesseract.check()
    assert tesseract.version().split(".")[0] in {"4", "5"}
    assert {"Hangul", "eng", "osd"} <= tesseract.languages()


APPEAL = Path(sys.executable).parent / "appeal"


def _own_tessdata(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Tesseract loads its language data from a copy the test can spoil."""
    models = tmp_path / "tessdata"
    models.mkdir()
    for name in tesseract.REQUIRED_LANGS:
        shutil.copy2(tesseract.tessdata_dir() / f"{name}.traineddata", models)
    env = {**os.environ, "TESSDATA_PREFIX": str(models), "APPEAL_HOME": str(tmp_path / "home")}
    env.pop("APPEAL_CACHE", None)
    return env, models


def _spoil_unnoticed(model: Path) -> None:
    """Garbage of the same size and time: the cache's fingerprint cannot tell, Tesseract could not load it."""
    stat = model.stat()
    model.write_bytes(b"\0" * stat.st_size)
    os.utime(model, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def _appeal_read_json_error(path: Path, page, env: dict[str, str]) -> str:
    """What `appeal read --json` says about a file not in the cache (it must OCR it)."""
    page.rotate(180).save(path, dpi=(300, 300))
    done = subprocess.run([str(APPEAL), "read", str(path), "--json"], env=env, capture_output=True,
                          timeout=180, check=False)
    assert done.returncode != 0
    return done.stderr.decode()


def _appeal_read_json(path: Path, env: dict[str, str]) -> dict:
    done = subprocess.run([str(APPEAL), "read", str(path), "--json"], env=env, capture_output=True,
                          timeout=180, check=False)
    assert done.returncode == 0, done.stderr.decode()
    return json.loads(done.stdout)


@pytest.mark.ocr
@pytest.mark.slow
def test_appeal_read_json_prints_the_contract_object_and_reads_once(tmp_path, cert_pdf_bytes, cert_page):
    env, models = _own_tessdata(tmp_path)
    pdf = tmp_path / "kc.pdf"
    pdf.write_bytes(cert_pdf_bytes)
    png = tmp_path / unicodedata.normalize("NFD", "KC인증서.png")  # as a Mac names it
    cert_page.save(png, dpi=(300, 300))

    for path, source in ((pdf, "pdf_text"), (png, "ocr")):
        obj = _appeal_read_json(path, env)
        assert list(obj) == ["file", "sha256", "pages"]
        assert obj["file"] == unicodedata.normalize("NFC", path.name)
        assert obj["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
        [page] = obj["pages"]
        assert list(page) == ["number", "source", "rotation", "confidence", "text"]
        assert (page["number"], page["source"], page["rotation"]) == (1, source, 0)
        assert isinstance(page["text"], str)
        assert f"인증번호{CERT_NUMBER}" in squash(page["text"]).replace(":", "")
        if source == "ocr":
            assert isinstance(page["confidence"], float) and 0.5 < page["confidence"] <= 1
        else:
            assert page["confidence"] is None
    assert obj["file"] == "KC인증서.png"

    # Read again: the same object, from the cache, without Tesseract (whose Korean model is now garbage).
    _spoil_unnoticed(models / "Hangul.traineddata")
    assert _appeal_read_json(png, env) == obj
    assert "Hangul" in _appeal_read_json_error(tmp_path / "other.png", cert_page, env)
    assert list((tmp_path / "home" / "cache" / "read").rglob("*.json"))


def test_a_page_of_millions_of_characters_is_cut_with_a_finding(tmp_path):
    """An e-mail whose body is megabytes of junk must not take gigabytes to understand (issue 8)."""
    from extractors.readers.read import MAX_PAGE_CHARS, read_file

    body = ("x9 " * (MAX_PAGE_CHARS // 2)).encode()
    eml = tmp_path / "huge.eml"
    eml.write_bytes(b"From: a@example.com\r\nTo: b@example.com\r\nSubject: junk\r\n"
                    b"Content-Type: text/plain; charset=utf-8\r\n\r\n" + body)
    read = read_file(eml, tmp_path / "work", cache=False)
    assert read.pages and all(len(p.text) <= MAX_PAGE_CHARS for p in read.pages)
    assert any(i.code.value == "unreadable_document" and "characters" in i.detail for i in read.issues)
