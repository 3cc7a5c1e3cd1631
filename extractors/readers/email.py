"""Emails (.eml): the headers and the body as one page; attachments written out to be read as documents.

Korean and Chinese mail often declares a charset that is wrong (EUC-KR for CP949 text, GB2312 for
GBK text) or none at all, so every piece of text is decoded with fallbacks (`plain.decode_bytes`).
An attached email (`message/rfc822`) is written out whole as an attachment: read as a document of
its own, it yields its own text and attachments.
"""

from __future__ import annotations

import base64
import binascii
import email
import email.errors
import hashlib
import mimetypes
import quopri
import re
import unicodedata
from email import policy
from email.header import decode_header
from email.message import EmailMessage, Message
from email.parser import BytesHeaderParser
from html.parser import HTMLParser
from pathlib import Path

from casefile.atomic import write_bytes
from casefile.codes import PageSource
from casefile.pages import Attachment, Page, ReadResult
from extractors.readers.plain import decode_bytes, tidy_text

HEADERS = ("From", "To", "Subject", "Date")
MAX_ATTACHMENTS = 100
_ENCODED_WORD = re.compile(r"=\?[^?]+\?[bBqQ]\?[^?]*\?=")
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read_email(path: Path, workdir: Path) -> ReadResult:
    """One page: `From:`, `To:`, `Subject:`, `Date:` lines, a blank line, then the body text."""
    raw = Path(path).read_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    headers = _headers(message, email.message_from_bytes(raw, policy=policy.compat32))
    body_part = _body_part(message)
    body = _part_text(body_part) if body_part is not None else ""
    text = "\n".join(f"{name}: {value}" for name, value in headers.items()) + "\n\n" + body
    page = Page(number=1, source=PageSource.email, text=tidy_text(text), strategy="email:stdlib")
    attachments = [_save(part, index, Path(workdir))
                   for index, part in enumerate(_attachment_parts(message, body_part), start=1)]
    return ReadResult(pages=[page], headers=headers, attachments=[a for a in attachments if a])


def html_to_text(html: str) -> str:
    """Visible text of an HTML body: block elements become lines, table cells are ` | `-joined."""
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return parser.text()


def _headers(message: EmailMessage, raw_message: Message) -> dict[str, str]:
    """The stdlib's decoding of each header, unless it lost characters (a raw 8-bit header, or an
    encoded word in the wrong charset): then the raw bytes (compat32 keeps them) with fallbacks."""
    raw: dict[str, str] = {}
    for name, value in raw_message.raw_items():  # first occurrence wins, as mail clients show it
        raw.setdefault(name.lower(), value)
    found = {}
    for name in HEADERS:
        try:
            value = str(message.get(name) or "")
        # The header parser chokes on some garbage (a year of eleven digits, a broken address list).
        except (ValueError, TypeError, IndexError, OverflowError, email.errors.MessageError):
            value = "\ufffd"
        if "\ufffd" in value or _has_surrogates(value):
            value = _header_text(raw.get(name.lower(), ""))
        text = " ".join(unicodedata.normalize("NFC", value).split())
        if text:
            found[name] = text
    return found


def _has_surrogates(text: str) -> bool:
    return any("\udc80" <= ch <= "\udcff" for ch in text)


def _header_text(value: str) -> str:
    """RFC 2047 words decoded with charset fallbacks; raw 8-bit bytes decoded as CP949/GB18030/UTF-8."""
    chunks = []
    for data, charset in decode_header(value):
        if isinstance(data, str):  # no encoded words: str with raw bytes smuggled as surrogates
            data = data.encode("utf-8", errors="surrogateescape")
        chunks.append(decode_bytes(data, charset)[0])
    return unicodedata.normalize("NFC", "".join(chunks))


def _body_part(message: EmailMessage) -> EmailMessage | None:
    return message.get_body(preferencelist=("plain", "html"))


def _part_text(part: EmailMessage) -> str:
    data = part.get_payload(decode=True) or b""
    html = part.get_content_subtype() == "html"
    charset = part.get_content_charset() or (_meta_charset(data) if html else None)
    text, _ = decode_bytes(data, charset)
    return html_to_text(text) if html else text


def _meta_charset(data: bytes) -> str | None:
    """The charset an HTML body declares in a `<meta>` tag. Needed when the MIME header names none:
    GB2312 bytes also decode as CP949 (the same double-byte layout), into Korean-looking garbage."""
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def _attachment_parts(message: EmailMessage, body: EmailMessage | None) -> list[EmailMessage]:
    """Leaf parts that are files (named, or not text), not descending into attached emails."""
    found: list[EmailMessage] = []
    stack = [message]
    while stack and len(found) < MAX_ATTACHMENTS:
        part = stack.pop(0)
        if part is body:
            continue
        if part.get_content_type() == "message/rfc822" and part is not message:
            found.append(part)
        elif part.is_multipart():
            stack[0:0] = list(part.iter_parts())
        elif part.get_filename() or part.get_content_maintype() != "text" or part.is_attachment():
            found.append(part)
    return found


def _save(part: EmailMessage, index: int, workdir: Path) -> Attachment | None:
    data = _part_bytes(part)
    if data is None:
        return None
    digest = hashlib.sha256(data).hexdigest()
    target = workdir / digest
    if not target.exists():  # named by content: the same file twice is written once
        write_bytes(target, data)
    return Attachment(name=_file_name(part, index, data), data_path=str(target.resolve()), sha256=digest,
                      size=len(data))


def _part_bytes(part: EmailMessage) -> bytes | None:
    if part.get_content_type() == "message/rfc822":
        inner = part.get_payload()
        inner = inner[0] if isinstance(inner, list) else inner
        if inner is None:
            return None
        return _undo_transfer_encoding(part, inner.as_bytes(policy=policy.default.clone(linesep="\r\n")))
    return part.get_payload(decode=True)


def _undo_transfer_encoding(part: EmailMessage, data: bytes) -> bytes:
    """RFC 2046 forbids encoding an attached message, but some webmails base64 it anyway; the
    parser then takes the base64 text for a message without headers."""
    encoding = str(part.get("Content-Transfer-Encoding", "")).strip().lower()
    try:
        if encoding == "base64":
            return base64.b64decode(data)  # not validating: line breaks are skipped
        if encoding == "quoted-printable":
            return quopri.decodestring(data)
    except (binascii.Error, ValueError):
        pass  # not encoded after all: keep the bytes as they came
    return data


def _file_name(part: EmailMessage, index: int, data: bytes) -> str:
    """The attachment's own name (RFC 2231 / 2047 decoded, NFC, no folders), else a made-up one:
    an attached email is named after its subject."""
    name = part.get_filename() or ""
    if _has_surrogates(name):  # raw 8-bit name without a declared charset
        name = decode_bytes(name.encode("utf-8", errors="surrogateescape"))[0]
    if _ENCODED_WORD.search(name):  # Outlook puts RFC 2047 words inside quoted parameters
        name = _header_text(name)
    name = re.split(r"[\\/]", unicodedata.normalize("NFC", name))[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if name:
        return name
    if part.get_content_type() == "message/rfc822":
        try:  # from the bytes written out: the parsed part is wrong when the message was encoded
            subject = str(BytesHeaderParser(policy=policy.default).parsebytes(data).get("Subject", ""))
        except (ValueError, TypeError, IndexError):
            subject = ""
        stem = re.sub(r'[\\/:*?"<>|]', "_", " ".join(subject.split()))[:80]
        return f"{stem or f'message-{index}'}.eml"
    extension = mimetypes.guess_extension(part.get_content_type()) or ".bin"
    return f"attachment-{index}{extension}"


class _TextParser(HTMLParser):
    _BLOCKS = {"p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
               "blockquote", "pre", "hr", "section", "article", "header", "footer", "title"}
    _HIDDEN = {"script", "style", "head", "noscript", "template"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._out: list[str] = []
        self._hidden = 0
        self._cells_in_row = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._HIDDEN:
            self._hidden += 1
        elif tag in ("td", "th"):
            if self._cells_in_row:
                self._out.append(" | ")
            self._cells_in_row += 1
        elif tag in self._BLOCKS:
            self._newline(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._HIDDEN:
            self._hidden = max(0, self._hidden - 1)
        elif tag in self._BLOCKS:
            self._newline(tag)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in ("br", "hr"):
            self._out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self._out.append(re.sub(r"\s+", " ", data))

    def _newline(self, tag: str) -> None:
        if tag == "tr":
            self._cells_in_row = 0
        self._out.append("\n")

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self._out).split("\n"))
        return "\n".join(line for line in lines if line)
