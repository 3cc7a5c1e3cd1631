"""Containers for the renditions: image-only and mixed PDFs, and an EUC-KR e-mail with a PDF attached.

PDFs are assembled with pikepdf so that a scanned page holds exactly one JPEG and no text layer,
as a scanner's "scan to PDF" writes it, and the bytes are stable (`deterministic_id`, no dates).
"""

from __future__ import annotations

import base64
import io
from email.header import Header
from html import escape
from pathlib import Path

import pikepdf
from PIL import Image

from .common import nfc
from .pdf import render_pdf

CSS = """
h1 { text-align: center; font-size: 19pt; margin: 6mm 0 8mm; }
p { margin: 0 0 3mm; }
table { width: 100%; border-collapse: collapse; margin: 4mm 0 8mm; }
th, td { border: 0.8pt solid #333; padding: 2.2mm 3mm; text-align: left; }
th { width: 30%; background: #eef1f5; }
p.c { text-align: center; }
"""


def jpeg_bytes(img: Image.Image, quality: int, dpi: int) -> bytes:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality, optimize=True, dpi=(dpi, dpi))
    return buf.getvalue()


def add_image_page(pdf: pikepdf.Pdf, img: Image.Image, dpi: int, quality: int = 70) -> None:
    """One page the size of the image at `dpi`, the image drawn over all of it."""
    gray = img.convert("L")
    image = pikepdf.Stream(pdf, jpeg_bytes(gray, quality, dpi))
    image.Type, image.Subtype = pikepdf.Name.XObject, pikepdf.Name.Image
    image.Width, image.Height = gray.width, gray.height
    image.ColorSpace, image.BitsPerComponent = pikepdf.Name.DeviceGray, 8
    image.Filter = pikepdf.Name.DCTDecode
    w, h = gray.width * 72 / dpi, gray.height * 72 / dpi
    content = pikepdf.Stream(pdf, f"q {w:.2f} 0 0 {h:.2f} 0 0 cm /Im0 Do Q".encode())
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, w, h], Contents=content,
                              Resources=pikepdf.Dictionary(XObject=pikepdf.Dictionary(Im0=image)))
    pdf.pages.append(pikepdf.Page(page))


def save_pdf(pdf: pikepdf.Pdf, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.save(path, deterministic_id=True, compress_streams=True)


def image_pdf(path: Path, images: list[Image.Image], dpi: int, quality: int = 70) -> None:
    """A scanner's image-only PDF: one JPEG per page, no text layer."""
    pdf = pikepdf.new()
    for img in images:
        add_image_page(pdf, img, dpi, quality)
    save_pdf(pdf, path)


def table_html(title: str, rows: list[tuple[str, str]], after: list[str]) -> tuple[str, str]:
    """A born-digital certificate page: its HTML, and its text as the text layer will give it."""
    body = f"<h1>{escape(title)}</h1><table>"
    body += "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows) + "</table>"
    body += "".join(f'<p class="c">{escape(line)}</p>' for line in after)
    text = "\n".join([title, *(f"{k} {v}" for k, v in rows), *after])
    return body, text


def born_digital_pdf(path: Path, html: str) -> None:
    render_pdf(html, path, font="NanumGothic", css=CSS)


def mixed_pdf(path: Path, html: str, scan: Image.Image, dpi: int, workdir: Path) -> None:
    """Page 1 born-digital (text layer), page 2 a scan: a seller's PDF pieced together."""
    first = workdir / "page1.pdf"
    born_digital_pdf(first, html)
    with pikepdf.open(first) as src:
        pdf = pikepdf.new()
        pdf.pages.extend(src.pages)
        add_image_page(pdf, scan, dpi)
        save_pdf(pdf, path)


def _encoded(value: str, charset: str) -> str:
    return Header(nfc(value), charset).encode()


def _b64(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii").replace("\n", "\r\n")


def eml_with_pdf(path: Path, *, headers: dict[str, str], body: str, attachment: tuple[str, bytes],
                 message_id: str, boundary: str, charset: str = "euc-kr") -> str:
    """A multipart notice as Korean webmail writes it: base64 EUC-KR body, the file name as an
    encoded word (not RFC 2231). `headers` are the ones a reader shows (From, To, Subject, Date);
    returns the e-mail's page as such a reader shows it: those headers, a blank line, the body."""
    name, data = attachment
    head = [f"{k}: {_encoded(v, charset) if k == 'Subject' else v}" for k, v in headers.items()]
    head += [f"Message-ID: <{message_id}>", "MIME-Version: 1.0", f'Content-Type: multipart/mixed; boundary="{boundary}"']
    raw_body = nfc(body).replace("\n", "\r\n").encode(charset)
    parts = [
        f'Content-Type: text/plain; charset="{charset}"\r\nContent-Transfer-Encoding: base64\r\n\r\n'
        + _b64(raw_body),
        f'Content-Type: application/pdf; name="{_encoded(name, charset)}"\r\n'
        f"Content-Transfer-Encoding: base64\r\n"
        f'Content-Disposition: attachment; filename="{_encoded(name, charset)}"\r\n\r\n' + _b64(data),
    ]
    text = "\r\n".join(head) + "\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n"
    text += "".join(f"--{boundary}\r\n{part}\r\n" for part in parts) + f"--{boundary}--\r\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("ascii"))
    shown = "\n".join(f"{k}: {v}" for k, v in headers.items())
    return nfc(f"{shown}\n\n{body}")
