"""Coupang notice e-mails as a mail client saves them: CRLF lines, an encoded subject and body."""

from __future__ import annotations

import base64
import quopri
from email.header import Header
from pathlib import Path

from .common import nfc

SENDER = '"Coupang Trust and Safety Center" <tns-noreply@coupang.com>'


def write_eml(path: Path, *, to: str, date: str, subject: str, body: str, charset: str = "utf-8",
              encoding: str = "quoted-printable", message_id: str) -> None:
    """`date` is an RFC 5322 date; every header is fixed so the file is byte-stable."""
    raw = nfc(body).replace("\n", "\r\n").encode(charset)
    if encoding == "base64":
        payload = base64.encodebytes(raw).decode("ascii")
    else:
        payload = quopri.encodestring(raw).decode("ascii")
    headers = [
        f"From: {SENDER}",
        f"To: {to}",
        f"Subject: {Header(nfc(subject), charset).encode()}",
        f"Date: {date}",
        f"Message-ID: <{message_id}>",
        "MIME-Version: 1.0",
        f'Content-Type: text/plain; charset="{charset}"',
        f"Content-Transfer-Encoding: {encoding}",
    ]
    text = "\r\n".join(headers) + "\r\n\r\n" + payload.replace("\r\n", "\n").replace("\n", "\r\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("ascii"))
