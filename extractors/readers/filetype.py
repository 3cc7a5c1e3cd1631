"""What a file is, by its content; never by its extension (sellers rename files freely)."""

from __future__ import annotations

import codecs
import re
import zipfile
from pathlib import Path

import filetype as magic  # the third-party `filetype` library (this module shadows the name only inside)

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EML = "message/rfc822"
TEXT = "text/plain"
UNKNOWN = "application/octet-stream"

IMAGES = frozenset({PNG, JPEG, TIFF, WEBP})

_HEAD = 64 * 1024
_MAGIC_TYPES = {PNG, JPEG, TIFF, WEBP}
_HEADER_LINE = re.compile(rb"^([!-9;-~]+):[ \t]?")
_MAIL_HEADERS = {
    b"from", b"to", b"cc", b"subject", b"date", b"mime-version", b"received", b"return-path",
    b"message-id", b"delivered-to", b"reply-to", b"content-type", b"x-mailer", b"dkim-signature",
}
_TEXT_CODECS = ("utf-8", "cp949")


def detect(path: Path) -> str:
    """The media type of a file from its bytes: one of the constants of this module."""
    path = Path(path)
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    if not head:
        return UNKNOWN
    if head.startswith(b"%PDF-"):
        return PDF
    kind = magic.guess_mime(head)
    if kind in _MAGIC_TYPES:
        return kind
    if head.startswith(b"PK\x03\x04"):
        return DOCX if _is_docx(path) else UNKNOWN
    # Readers accept a PDF header after up to 1 KiB of junk (mail gateways prepend some); checked
    # after the other signatures so that a zip or image holding a PDF is not taken for one.
    if b"%PDF-" in head[:1024]:
        return PDF
    if _is_email(head):
        return EML
    if _is_text(head):
        return TEXT
    return UNKNOWN


def _is_docx(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _is_email(head: bytes) -> bool:
    """RFC 822 headers from the first line: every line up to the blank one is a header or a
    continuation, and at least two are names mail really carries (one `Subject:` line in a note
    does not make it an email)."""
    lines = head.split(b"\n")
    if lines and lines[0].startswith(b"From "):  # mbox envelope line
        lines = lines[1:]
    known: set[bytes] = set()
    for number, raw in enumerate(lines):
        line = raw.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t") and number > 0:
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        name = match.group(1).lower()
        if name in _MAIL_HEADERS:
            known.add(name)
    return len(known) >= 2


def _is_text(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _printable(head[2:].decode("utf-16-le" if head[:2] == codecs.BOM_UTF16_LE else "utf-16-be",
                                          errors="replace"))
    if b"\x00" in head:
        return False
    for codec in _TEXT_CODECS:
        try:
            # final=False: the sample may end in the middle of a multi-byte character.
            text = codecs.getincrementaldecoder(codec)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return _printable(text)
    return False


def _printable(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= len(text) // 100
