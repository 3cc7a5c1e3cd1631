"""Notice e-mails the way webmail saves them: multipart/alternative with an HTML part, base64 bodies.

eml.py writes the plain-text kind; this one is the layout a reader sees most from Coupang's newer
system, where the only structure is in HTML tables.
"""

from __future__ import annotations

import base64
from email.header import Header
from html import escape
from pathlib import Path

from .common import nfc
from .eml import SENDER

BOUNDARY = "----=_Part_20261126_7731"  # fixed, so the file is byte-stable


def write_html_eml(path: Path, *, to: str, date: str, subject: str, intro: str, rows: list[tuple[str, str]],
                   outro: str, message_id: str) -> None:
    text = "\n".join([intro, ""] + [f"{k}: {v}" for k, v in rows] + ["", outro, "", "쿠팡_TNScnt"])
    table = "".join(f'<tr><td style="background:#f5f5f5;padding:6px">{escape(k)}</td>'
                    f'<td style="padding:6px">{escape(v)}</td></tr>' for k, v in rows)
    html = (f'<html><body style="font-family:sans-serif"><p>{escape(intro)}</p>'
            f'<table border="1" cellspacing="0">{table}</table><p>{escape(outro)}</p>'
            f'<p style="color:#888">쿠팡_TNScnt</p></body></html>')
    parts = []
    for subtype, body in (("plain", text), ("html", html)):
        payload = base64.encodebytes(nfc(body).replace("\n", "\r\n").encode("utf-8")).decode("ascii")
        parts.append(f'--{BOUNDARY}\r\nContent-Type: text/{subtype}; charset="UTF-8"\r\n'
                     f"Content-Transfer-Encoding: base64\r\n\r\n{payload}")
    headers = [f"From: {SENDER}", f"To: {to}", f"Subject: {Header(nfc(subject), 'utf-8').encode()}",
               f"Date: {date}", f"Message-ID: <{message_id}>", "MIME-Version: 1.0",
               f'Content-Type: multipart/alternative; boundary="{BOUNDARY}"']
    text_out = "\r\n".join(headers) + "\r\n\r\n" + "\r\n".join(parts) + f"\r\n--{BOUNDARY}--\r\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text_out.replace("\r\n", "\n").replace("\n", "\r\n").encode("ascii"))
