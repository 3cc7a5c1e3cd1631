"""Media type by content, whatever the file is called."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from PIL import Image

from extractors.readers import filetype
from extractors.readers.filetype import detect


def _image_bytes(fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(out, fmt)
    return out.getvalue()


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("fmt", "expected"),
    [("PNG", filetype.PNG), ("JPEG", filetype.JPEG), ("TIFF", filetype.TIFF), ("WEBP", filetype.WEBP)],
)
def test_images_by_magic_bytes_whatever_the_extension(tmp_path, fmt, expected):
    assert detect(_write(tmp_path, "scan.pdf", _image_bytes(fmt))) == expected


def test_pdf_even_after_leading_junk_and_with_a_wrong_extension(tmp_path, cert_pdf_bytes):
    assert detect(_write(tmp_path, "kc.png", cert_pdf_bytes)) == filetype.PDF
    assert detect(_write(tmp_path, "junk.bin", b"\r\n\x00garbage\n" + cert_pdf_bytes)) == filetype.PDF


def test_docx_is_a_zip_with_word_document_xml_but_other_zips_are_unknown(tmp_path):
    d = docx.Document()
    d.add_paragraph("위임장")
    d.save(tmp_path / "auth.bin")
    assert detect(tmp_path / "auth.bin") == filetype.DOCX

    with zipfile.ZipFile(tmp_path / "docs.docx", "w") as zf:
        zf.writestr("kc.txt", "인증번호")
    assert detect(tmp_path / "docs.docx") == filetype.UNKNOWN


def test_email_by_its_headers(tmp_path):
    msg = EmailMessage()
    msg["From"] = "쿠팡 <notice@coupang.com>"
    msg["To"] = "seller@example.com"
    msg["Subject"] = "판매중지 안내"
    msg.set_content("본문")
    assert detect(_write(tmp_path, "notice.txt", bytes(msg))) == filetype.EML


def test_mbox_style_first_line_is_still_an_email(tmp_path):
    data = b"From notice@coupang.com Mon Nov 20 10:00:00 2026\nReceived: by mx\nSubject: x\nFrom: a@b\n\nbody\n"
    assert detect(_write(tmp_path, "n.eml", data)) == filetype.EML


def test_a_note_with_one_subject_line_is_text_not_email(tmp_path):
    assert detect(_write(tmp_path, "memo.eml", "Subject: 소명 메모\n\n내용".encode())) == filetype.TEXT


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp949"])
def test_text_in_the_encodings_sellers_use(tmp_path, encoding):
    data = "쿠팡 소명 자료 목록\n1. 안전인증서\n".encode(encoding)
    assert detect(_write(tmp_path, "list.dat", data)) == filetype.TEXT


@pytest.mark.parametrize("data", [b"", b"\x00\x01\x02\x03binary\x00" * 50, bytes(range(256)) * 4])
def test_everything_else_is_unknown(tmp_path, data):
    assert detect(_write(tmp_path, "x.txt", data)) == filetype.UNKNOWN
