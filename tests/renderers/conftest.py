"""A hand-built evidence chain over real files the tests make: a WeasyPrint PDF certificate,
a Pillow photo of a Wing screen, and a plain-text notice."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from casefile.codes import DocumentKind, FindingCode, PageSource, ReasonCode, Scheme, Severity, TextSource
from casefile.config import CaseConfig
from casefile.evidence import KIND_TITLE_KO, EvidenceChain, EvidenceItem
from casefile.fields import KcCertificateFields, NoticeEmailFields, SellerCenterScreenshotFields
from casefile.pages import Page
from casefile.result import DocumentResult, Exhibit, Finding

AS_OF = dt.date(2026, 11, 28)

CERT_HTML = """<html lang="ko"><style>@page{size:A4;margin:25mm} body{font-family:NanumGothic}</style>
<h1>안전인증서</h1><p>인증번호: HU071695-21012A</p><p>제품명: 미니 가습기 H2</p><p>모델명: HB-H200</p>
<p>인증기관: 한국기계전기전자시험연구원</p><p>인증일자: 2025년 3월 12일</p>
<p style="break-before:page">제품 사진 및 시험 결과 요약 (2쪽)</p></html>"""

NOTICE_TEXT = """쿠팡 판매자님께,
상품번호 7234567890 미니 가습기 H2 상품이 KC 인증 정보 미비로 판매중지되었습니다.
2026-11-20 자로 안내드립니다. 소명 자료를 회신하여 주시기 바랍니다."""


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_files(root: Path) -> dict[str, Path]:
    from weasyprint import HTML

    root.mkdir(parents=True, exist_ok=True)
    cert = root / "docs" / "kc.pdf"
    cert.parent.mkdir(exist_ok=True)
    cert.write_bytes(HTML(string=CERT_HTML).write_pdf())

    shot = root / "wing.png"  # a phone photo: big, not A4-shaped
    img = Image.new("RGB", (1600, 2400), (236, 240, 245))
    draw = ImageDraw.Draw(img)
    for y in range(200, 2200, 120):
        draw.rectangle((120, y, 1480, y + 70), fill=(200, 210, 225))
    img.save(shot)

    notice = root / "notice.txt"
    notice.write_text(NOTICE_TEXT, encoding="utf-8")

    seal = root / "seal.png"
    seal_img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(seal_img).rectangle((20, 20, 280, 280), outline=(200, 0, 0, 255), width=18)
    seal_img.save(seal)
    return {"cert": cert, "shot": shot, "notice": notice, "seal": seal}


def make_chain(root: Path, reason: ReasonCode = ReasonCode.kc_certification) -> EvidenceChain:
    files = make_files(root)
    kc = KcCertificateFields(
        certificate_number="HU071695-21012A", scheme=Scheme.safety_certification, product_name="미니 가습기 H2",
        model_name="HB-H200", manufacturer="Shenzhen Hanbit Electric Co., Ltd.", issuer="한국기계전기전자시험연구원",
        issue_date=dt.date(2025, 3, 12),
    )
    shot = SellerCenterScreenshotFields(product_id="7234567890", product_name="미니 가습기 H2", status="판매중지")
    notice = NoticeEmailFields(product_id="7234567890", reason="KC 인증 정보 미비", reason_code=reason,
                               notice_date=dt.date(2026, 11, 20))
    specs = [
        ("docs/kc.pdf", files["cert"], DocumentKind.kc_certificate, "application/pdf", 2, kc, TextSource.pdf_text),
        ("wing.png", files["shot"], DocumentKind.seller_center_screenshot, "image/png", 1, shot, TextSource.ocr),
        ("notice.txt", files["notice"], DocumentKind.notice_email, "text/plain", 1, notice, TextSource.plain),
    ]
    documents, items = [], []
    for number, (rel, path, kind, media, pages, fields, source) in enumerate(specs, start=1):
        sha = _sha(path)
        documents.append(DocumentResult(path=rel, sha256=sha, kind=kind, pages=pages, text_source=source,
                                        ocr_confidence=None, fields=fields))
        text_pages = [Page(number=1, source=PageSource.plain, text=NOTICE_TEXT)] if media == "text/plain" else []
        items.append(EvidenceItem(
            exhibit=Exhibit(number=number, label=f"붙임 {number}", document=rel, sha256=sha), kind=kind,
            title_ko=KIND_TITLE_KO[kind], abs_path=str(path), media_type=media, page_count=pages,
            fields=fields, pages=text_pages,
        ))
    config = CaseConfig.model_validate({
        "seller": {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd.",
                   "business_number": "124-81-00998", "vendor_id": "A00123456", "representative": "왕웨이",
                   "email": "ops@example.com", "seal_image": "seal.png"},
        "listing": {"product_id": "7234567890", "product_name": "미니 가습기 H2", "model_name": "HB-H200",
                    "brand": "HANBIT"},
        "appeal": {"reason": str(reason), "notice_date": "2026-11-20"},
    })
    findings = [Finding(code=FindingCode.holiday_slowdown, severity=Severity.info, documents=[],
                        message_ko="공휴일이 기한 사이에 있습니다.", message_zh="截止日期前有韩国公休日，审核可能变慢。")]
    return EvidenceChain(
        case_id="case-0001", as_of=AS_OF, reason_code=reason, notice_date=dt.date(2026, 11, 20),
        appeal_deadline=dt.date(2026, 11, 27), config=config, seal_image=str(files["seal"]),
        documents=documents, findings=findings, items=items,
    )


@pytest.fixture
def chain(tmp_path: Path) -> EvidenceChain:
    return make_chain(tmp_path / "case")


# --- reading a built package back --------------------------------------------------------------

import html.parser  # noqa: E402
import re  # noqa: E402

import pikepdf  # noqa: E402
import pdfplumber  # noqa: E402

FOOTER = re.compile(r"^- \d+ / \d+ -$")


def outline_pages(path: Path) -> dict[str, int]:
    """Top-level bookmark title -> 0-based page index."""
    with pikepdf.open(path) as pdf, pdf.open_outline() as outline:
        out = {}
        for item in outline.root:
            dest = item.destination
            if dest is None and item.action is not None:
                dest = item.action.get("/D")
            out[item.title] = pdf.pages.index(pikepdf.Page(dest[0]))
        return out


def page_lines(path: Path, first: int, last: int) -> list[str]:
    """Text lines of pages first..last (0-based, inclusive), as pdfplumber groups them."""
    with pdfplumber.open(path) as pdf:
        return [line for page in pdf.pages[first:last + 1]
                for line in (page.extract_text(x_tolerance=1.5) or "").splitlines()]


_INLINE = {"span", "b", "i", "em", "strong", "a", "img"}


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("style", "title", "head")
        if tag not in _INLINE:
            self.parts.append(" ")  # a block boundary separates words; an inline one does not

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "title", "head")
        if tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_words(markup: str) -> set[str]:
    parser = _Text()
    parser.feed(markup)
    return set("".join(parser.parts).split())


def broken_lines(lines: list[str], source_words: set[str]) -> list[str]:
    """Lines that start or end inside a word: their first or last token is not a whole source word."""
    bad = []
    for line in lines:
        tokens = line.split()
        if not tokens or FOOTER.match(line.strip()):
            continue
        if tokens[0] not in source_words or tokens[-1] not in source_words:
            bad.append(line)
    return bad
