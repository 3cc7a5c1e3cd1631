"""A corpus of hostile and broken uploads, made at test time (nothing downloaded).

Each builder writes one case folder (or .zip) under `root` and returns its path. Document-level
items share a few cases so the suite stays fast; case-level items get a case each.
"""

from __future__ import annotations

import io
import os
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pikepdf
from PIL import Image

TOML_OK = '[appeal]\nreason = "kc_certification"\nnotice_date = 2026-11-25\n'


def _pdf_bytes(pages: int = 1, text: str = "안전확인 신고 증명서 YU07421-24031") -> bytes:
    from weasyprint import HTML

    body = "".join(f'<p style="break-after:page">{text} {i}</p>' for i in range(pages))
    return HTML(string=f"<html><body style='font-family:NanumGothic'>{body}</body></html>").write_pdf()


def _png_bytes(size=(400, 300)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, "white").save(buf, "PNG")
    return buf.getvalue()


def _jpeg_bytes() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(buf, "JPEG")
    return buf.getvalue()


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("안전확인 신고 증명서")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _bomb_png(side: int = 40000) -> bytes:
    """A valid PNG header claiming side x side pixels, with a tiny compressed body."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    row = b"\x00" + b"\x00" * side
    comp = zlib.compressobj(9)
    data = b"".join(comp.compress(row) for _ in range(64)) + comp.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _encrypted_pdf() -> bytes:
    buf = io.BytesIO()
    with pikepdf.open(io.BytesIO(_pdf_bytes())) as pdf:
        pdf.save(buf, encryption=pikepdf.Encryption(owner="o", user="secret", R=6))
    return buf.getvalue()


def _javascript_pdf() -> bytes:
    buf = io.BytesIO()
    with pikepdf.open(io.BytesIO(_pdf_bytes())) as pdf:
        js = pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('x');"))
        pdf.Root.OpenAction = pdf.make_indirect(js)
        pdf.attachments["payload.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ" + b"\x00" * 100, filename="payload.exe")
        pdf.save(buf)
    return buf.getvalue()


def _many_pages_pdf(n: int = 2000) -> bytes:
    pdf = pikepdf.new()
    for _ in range(n):
        pdf.add_blank_page(page_size=(595, 842))
    buf = io.BytesIO()
    pdf.save(buf)
    return buf.getvalue()


def _nested_pdf(depth: int = 5000) -> bytes:
    nested = "[" * depth + "]" * depth
    body = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R /Deep " + nested.encode() + b" >> endobj\n"
            b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
            b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
            b"trailer << /Root 1 0 R >>\n%%EOF\n")
    return body


def _malformed_eml() -> bytes:
    return (b"From: Coupang <noreply@coupang.com>\r\nSubject: =?x-unknown?B?7YyQ66ek7KSR7KeA?=\r\n"
            b"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"AAA\"\r\n\r\n"
            b"--AAA\r\nContent-Type: text/plain; charset=x-does-not-exist\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
            b"--AAA\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            b"JVBERi0xLjQK\r\n")  # no closing boundary


def _docx_external_ref() -> bytes:
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in src.infolist():
            data = src.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>",
                                    b'<Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/'
                                    b'2006/relationships/attachedTemplate" Target="http://127.0.0.1:9/evil.dotm" '
                                    b'TargetMode="External"/></Relationships>')
            zf.writestr(item, data)
        zf.writestr("word/media/huge.bin", b"\x00" * (80 * 1024 * 1024))  # an oversized part, compresses well
    return out.getvalue()


def documents_case(root: Path) -> Path:
    """One case holding every broken or hostile single file."""
    case = root / "bad-documents"
    case.mkdir(parents=True)
    good_pdf = _pdf_bytes()
    files = {
        "empty.pdf": b"", "empty.png": b"", "empty.docx": b"", "empty.eml": b"", "empty.txt": b"",
        "truncated.pdf": good_pdf[: len(good_pdf) // 2], "truncated.png": _png_bytes()[:200],
        "truncated.jpg": _jpeg_bytes()[:300], "truncated.docx": _docx_bytes()[:500],
        "really-a-png.pdf": _png_bytes(), "random.pdf": os.urandom(4096), "program.hwp": os.urandom(2048),
        "encrypted.pdf": _encrypted_pdf(), "javascript.pdf": _javascript_pdf(),
        "nested.pdf": _nested_pdf(), "bomb.png": _bomb_png(), "malformed.eml": _malformed_eml(),
        "external-ref.docx": _docx_external_ref(), "wide.png": _png_bytes((30000, 40)),
        "nul.txt": b"\x00\x01\x02" * 1000, "latin1.txt": "caf\xe9 r\xe9sum\xe9 \xa9".encode("latin-1"),
    }
    for name, data in files.items():
        (case / name).write_bytes(data)
    (case / "case.toml").write_text(TOML_OK, encoding="utf-8")
    return case


def many_pages_case(root: Path) -> Path:
    case = root / "many-pages"
    case.mkdir(parents=True)
    (case / "thousands.pdf").write_bytes(_many_pages_pdf())
    (case / "case.toml").write_text(TOML_OK, encoding="utf-8")
    return case


def _zip(path: Path, members: dict[str, bytes], links: dict[str, str] | None = None, raw_names: bool = False) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
        for name, target in (links or {}).items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
    return path


def zip_bomb_case(root: Path) -> Path:
    # 1 GiB of zeros in one member: a few MB compressed; must be refused, not expanded.
    path = root / "zip-bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        with zf.open("case/zeros.txt", "w", force_zip64=True) as member:
            chunk = b"\x00" * (1 << 20)
            for _ in range(1024):
                member.write(chunk)
        zf.writestr("case/case.toml", TOML_OK)
    return path


def traversal_zip_case(root: Path) -> Path:
    return _zip(root / "traversal.zip", {
        "../../escaped.txt": b"escape", "/tmp/absolute-escape.txt": b"abs", "ok/인증서.txt": "안전확인".encode(),
        "C:/windows/evil.txt": b"drive", "case.toml": TOML_OK.encode(),
    }, links={"link-to-passwd": "/etc/passwd"})


def nested_zip_case(root: Path) -> Path:
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("docs/b.txt", "안전확인 신고 증명서")
    return _zip(root / "nested-zip.zip", {"case/a.zip": inner.getvalue(), "case/case.toml": TOML_OK.encode()})


def non_utf8_names_case(root: Path) -> Path:
    path = root / "cp949-names.zip"
    with zipfile.ZipFile(path, "w") as zf:
        info = zipfile.ZipInfo("dummy")
        info.filename = "인증서.txt".encode("cp949").decode("cp437")  # written without the UTF-8 flag
        zf.writestr(info, "안전확인 신고 증명서")
        zf.writestr("case.toml", TOML_OK)
    return path


def symlink_case(root: Path) -> Path:
    case = root / "symlinks"
    case.mkdir(parents=True)
    outside = root / "outside-secret.txt"
    outside.write_text("secret outside the case")
    os.symlink(outside, case / "cert.txt")
    os.symlink("/etc", case / "etc")
    (case / "case.toml").write_text(TOML_OK, encoding="utf-8")
    return case


def toml_case(name: str, text: str | bytes) -> Callable[[Path], Path]:
    def build(root: Path) -> Path:
        case = root / name
        case.mkdir(parents=True)
        (case / "note.txt").write_text("안전확인 신고 증명서", encoding="utf-8")
        (case / "case.toml").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
        return case
    return build


def docx_bomb(part_mb: int = 200) -> bytes:
    """A DOCX whose word/document.xml unpacks to `part_mb` MB (about 0.6 MB on disk): python-docx
    held about 9x that in memory before the size check (issue 16)."""
    src = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w='
            b'"http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
    para = b"<w:p><w:r><w:t>" + b"A" * 900 + b"</w:t></w:r></w:p>"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            if item.filename != "word/document.xml":
                out.writestr(item, src.read(item.filename))
                continue
            info = zipfile.ZipInfo("word/document.xml")
            info.compress_type = zipfile.ZIP_DEFLATED
            with out.open(info, "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(part_mb * 1024 * 1024 // len(para)):
                    part.write(para)
                part.write(b"</w:body></w:document>")
    return buf.getvalue()


def docx_bomb_case(root: Path) -> Path:
    case = root / "docx-bomb"
    case.mkdir(parents=True)
    (case / "bomb.docx").write_bytes(docx_bomb())
    (case / "note.txt").write_text("안전확인 신고 증명서 YU07421-24031", encoding="utf-8")
    return case


def many_files_case(root: Path, count: int = 2000) -> Path:
    """A folder of 2,000 small files: over the 500-file limit, the first are read."""
    case = root / "many-files"
    (case / "scans").mkdir(parents=True)
    (case / "case.toml").write_text(TOML_OK, encoding="utf-8")
    (case / "notice.txt").write_text("안전확인 신고 증명서 YU07421-24031", encoding="utf-8")
    for i in range(count):
        (case / "scans" / f"{i:04d}.txt").write_text(f"메모 {i}", encoding="utf-8")
    return case


CASE_BUILDERS: dict[str, Callable[[Path], Path]] = {
    "documents": documents_case,
    "many-pages": many_pages_case,
    "zip-bomb": zip_bomb_case,
    "traversal-zip": traversal_zip_case,
    "nested-zip": nested_zip_case,
    "cp949-names": non_utf8_names_case,
    "symlinks": symlink_case,
    "toml-wrong-type": toml_case("toml-wrong-type", '[appeal]\nnotice_date = 12\n'),
    "toml-unknown-key": toml_case("toml-unknown-key", '[seller]\nnickname = "x"\n'),
    "toml-seal-outside": toml_case("toml-seal-outside", '[seller]\nseal_image = "../../../etc/passwd"\n'),
    "toml-not-utf8": toml_case("toml-not-utf8", b'[seller]\nname_ko = "\xff\xfe"\n'),
    "toml-syntax-error": toml_case("toml-syntax-error", '[appeal]\nreason = "kc_certification"\nnotice_date = \n'),
    "docx-bomb": docx_bomb_case,
    "many-files": many_files_case,
}
