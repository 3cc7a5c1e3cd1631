"""Hand-built evidence chains over real files the tests make (WeasyPrint PDFs for the certificate,
the authorization letter and the ingredient list; Pillow images for a Wing screen and a product
photo; a plain-text notice), one per reason code, each with the exhibits that reason is argued with."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageDraw

from casefile.codes import (
    DocumentKind,
    FindingCode,
    PageSource,
    ReasonCode,
    Scheme,
    Severity,
    SignatureKind,
    TextSource,
)
from casefile.config import CaseConfig
from casefile.evidence import KIND_TITLE_KO, EvidenceChain, EvidenceItem
from casefile.fields import (
    AuthorizationLetterFields,
    IngredientListFields,
    KcCertificateFields,
    NoticeEmailFields,
    OtherFields,
    SellerCenterScreenshotFields,
)
from casefile.pages import Page
from casefile.result import DocumentResult, Exhibit, Finding

AS_OF = dt.date(2026, 11, 28)
NOTICE_DATE = dt.date(2026, 11, 20)

CERT_HTML = """<html lang="ko"><style>@page{size:A4;margin:25mm} body{font-family:NanumGothic}</style>
<h1>안전인증서</h1><p>인증번호: HU071695-21012A</p><p>제품명: 미니 가습기 H2</p><p>모델명: HB-H200</p>
<p>인증기관: 한국기계전기전자시험연구원</p><p>인증일자: 2025년 3월 12일</p>
<p style="break-before:page">제품 사진 및 시험 결과 요약 (2쪽)</p></html>"""

AUTH_HTML = """<html lang="ko"><style>@page{size:A4;margin:25mm} body{font-family:NanumMyeongjo}</style>
<h1>판매권한 위임장</h1><p>위임자: 주식회사 다온리빙</p><p>수임자: 주식회사 한빛무역</p><p>브랜드: DAON</p>
<p>위임 범위: 대한민국 쿠팡 마켓플레이스에서의 DAON 상품 판매</p>
<p>위임 기간: 2026년 1월 1일부터 2027년 12월 31일까지</p><p>주식회사 다온리빙 대표이사 김다온 (인)</p></html>"""

INGREDIENTS = ["정제수", "부틸렌글라이콜", "글리세린", "병풀추출물", "나이아신아마이드", "1,2-헥산다이올", "판테놀", "향료"]
INGR_HTML = """<html lang="ko"><style>@page{{size:A4;margin:25mm}} body{{font-family:NanumGothic}}</style>
<h1>전성분표</h1><p>제품명: 시카 카밍 토너</p><p>용량: 200 mL</p>
<p>전성분: {}</p></html>""".format(", ".join(INGREDIENTS))

NOTICE_TEXT = """쿠팡 판매자님께,
상품번호 7234567890 미니 가습기 H2 상품이 KC 인증 정보 미비로 판매중지되었습니다.
2026-11-20 자로 안내드립니다. 소명 자료를 회신하여 주시기 바랍니다."""

HUMIDIFIER = {"product_id": "7234567890", "product_name": "미니 가습기 H2", "model_name": "HB-H200",
              "brand": "HANBIT"}


def _notice(listing: dict[str, str], sentence: str) -> str:
    return (f"쿠팡 판매자님께,\n상품번호 {listing['product_id']} {listing['product_name']} 상품이 {sentence}\n"
            "2026-11-20 자로 안내드립니다. 소명 자료를 회신하여 주시기 바랍니다.")


@dataclass(frozen=True)
class Scenario:
    """One reason's case: the listing, the notice (its text and the reason read from it), and the
    documents in exhibit order (casefile.evidence.EXHIBIT_ORDER)."""

    listing: dict[str, str]
    notice_text: str
    notice_reason: str
    documents: tuple[str, ...]  # keys of DOCUMENTS


IP_LISTING = {"product_id": "7234567891", "product_name": "DAON 스텐 밀폐용기 5종 세트", "brand": "DAON"}
COS_LISTING = {"product_id": "7234567892", "product_name": "시카 카밍 토너 200ml", "brand": "GREENDAY"}

SCENARIOS: dict[ReasonCode, Scenario] = {
    ReasonCode.kc_certification: Scenario(HUMIDIFIER, NOTICE_TEXT, "KC 인증 정보 미비", ("cert", "shot", "notice")),
    ReasonCode.ip_infringement: Scenario(
        IP_LISTING, _notice(IP_LISTING, "상표권 침해 신고가 접수되어 판매중지되었습니다."),
        "상표권 침해 신고 접수", ("auth", "shot", "notice")),
    ReasonCode.cosmetics_labeling: Scenario(
        COS_LISTING, _notice(COS_LISTING, "화장품 표시 사항 미비로 판매중지되었습니다."),
        "화장품 표시 사항 미비", ("ingr", "shot", "notice")),
    ReasonCode.listing_mismatch: Scenario(
        HUMIDIFIER, _notice(HUMIDIFIER, "상세페이지 모델명과 인증 정보가 달라 판매중지되었습니다."),
        "상세페이지 모델명과 인증 정보 불일치", ("cert", "shot", "notice")),
    ReasonCode.other: Scenario(
        HUMIDIFIER, _notice(HUMIDIFIER, "상세페이지 표시 사항 확인이 필요하여 판매중지되었습니다."),
        "상세페이지 표시 사항 확인 요청", ("notice", "photo")),
}

#: An `other` appeal stands on the seller's own account and a note per exhibit (case.toml), as a
#: seller would write them in Korean.
OTHER_EXPLANATION = ("상세페이지의 제품 사진이 실제 판매 제품과 달라 표시 사항 확인이 필요하다는 안내를 받았습니다. "
                     "당사는 상세페이지의 제품 사진을 실제 판매 제품을 촬영한 사진으로 교체하였습니다.")
OTHER_NOTES = {"product.jpg": {"note": "상세페이지에 새로 게시한 실제 판매 제품의 사진"}}

#: key -> (path in the case, kind, media type, pages, text source)
DOCUMENTS: dict[str, tuple[str, DocumentKind, str, int, TextSource]] = {
    "cert": ("docs/kc.pdf", DocumentKind.kc_certificate, "application/pdf", 2, TextSource.pdf_text),
    "auth": ("docs/위임장.pdf", DocumentKind.authorization_letter, "application/pdf", 1, TextSource.pdf_text),
    "ingr": ("docs/전성분표.pdf", DocumentKind.ingredient_list, "application/pdf", 1, TextSource.pdf_text),
    "shot": ("wing.png", DocumentKind.seller_center_screenshot, "image/png", 1, TextSource.ocr),
    "notice": ("notice.txt", DocumentKind.notice_email, "text/plain", 1, TextSource.plain),
    "photo": ("product.jpg", DocumentKind.other, "image/jpeg", 1, TextSource.ocr),
}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _pdf(path: Path, html: str) -> Path:
    from weasyprint import HTML

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(HTML(string=html).write_pdf())
    return path


def _wing_png(path: Path) -> Path:
    img = Image.new("RGB", (1600, 2400), (236, 240, 245))  # a phone photo: big, not A4-shaped
    draw = ImageDraw.Draw(img)
    for y in range(200, 2200, 120):
        draw.rectangle((120, y, 1480, y + 70), fill=(200, 210, 225))
    img.save(path)
    return path


def _product_jpg(path: Path) -> Path:
    img = Image.new("RGB", (1200, 900), (245, 245, 240))
    ImageDraw.Draw(img).ellipse((350, 150, 850, 750), fill=(90, 150, 200))
    img.save(path, quality=85)
    return path


def _seal_png(path: Path) -> Path:
    img = Image.new("RGBA", (300, 300), (0, 0, 0, 0))
    ImageDraw.Draw(img).rectangle((20, 20, 280, 280), outline=(200, 0, 0, 255), width=18)
    img.save(path)
    return path


def make_files(root: Path, scenario: Scenario | None = None) -> dict[str, Path]:
    """The scenario's documents (the KC case's by default) and the seal, written under `root`."""
    scenario = scenario or SCENARIOS[ReasonCode.kc_certification]
    root.mkdir(parents=True, exist_ok=True)
    makers = {
        "cert": lambda p: _pdf(p, CERT_HTML), "auth": lambda p: _pdf(p, AUTH_HTML),
        "ingr": lambda p: _pdf(p, INGR_HTML), "shot": _wing_png, "photo": _product_jpg,
        "notice": lambda p: (p.write_text(scenario.notice_text, encoding="utf-8"), p)[1],
    }
    files = {key: makers[key](root / DOCUMENTS[key][0]) for key in scenario.documents}
    files["seal"] = _seal_png(root / "seal.png")
    return files


def _fields(key: str, scenario: Scenario, reason: ReasonCode):
    listing = scenario.listing
    return {
        "cert": lambda: KcCertificateFields(
            certificate_number="HU071695-21012A", scheme=Scheme.safety_certification, product_name="미니 가습기 H2",
            model_name="HB-H200", manufacturer="Shenzhen Hanbit Electric Co., Ltd.",
            issuer="한국기계전기전자시험연구원", issue_date=dt.date(2025, 3, 12)),
        "auth": lambda: AuthorizationLetterFields(
            grantor="주식회사 다온리빙", grantee="주식회사 한빛무역", brand="DAON", valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2027, 12, 31), signature=SignatureKind.seal),
        "ingr": lambda: IngredientListFields(product_name="시카 카밍 토너", ingredients=INGREDIENTS),
        "shot": lambda: SellerCenterScreenshotFields(
            product_id=listing["product_id"], product_name=listing["product_name"], status="판매중지"),
        "notice": lambda: NoticeEmailFields(
            product_id=listing["product_id"], reason=scenario.notice_reason, reason_code=reason,
            notice_date=NOTICE_DATE),
        "photo": lambda: OtherFields(),
    }[key]()


def make_chain(root: Path, reason: ReasonCode = ReasonCode.kc_certification) -> EvidenceChain:
    """A ready case for `reason`: the scenario's documents as exhibits 붙임 1, 2, … in order."""
    scenario = SCENARIOS[reason]
    files = make_files(root, scenario)
    documents, items = [], []
    for number, key in enumerate(scenario.documents, start=1):
        rel, kind, media, pages, source = DOCUMENTS[key]
        path, fields, sha = files[key], _fields(key, scenario, reason), _sha(files[key])
        documents.append(DocumentResult(path=rel, sha256=sha, kind=kind, pages=pages, text_source=source,
                                        ocr_confidence=None, fields=fields))
        text_pages = [Page(number=1, source=PageSource.plain, text=path.read_text(encoding="utf-8"))] \
            if media == "text/plain" else []
        items.append(EvidenceItem(
            exhibit=Exhibit(number=number, label=f"붙임 {number}", document=rel, sha256=sha), kind=kind,
            title_ko=KIND_TITLE_KO[kind], abs_path=str(path), media_type=media, page_count=pages,
            fields=fields, pages=text_pages,
        ))
    config = CaseConfig.model_validate({
        "seller": {"name_ko": "주식회사 한빛무역", "name": "Shenzhen Hanbit Trading Co., Ltd.",
                   "business_number": "124-81-00998", "vendor_id": "A00123456", "representative": "왕웨이",
                   "email": "ops@example.com", "seal_image": "seal.png"},
        "listing": scenario.listing,
        "appeal": {"reason": str(reason), "notice_date": NOTICE_DATE.isoformat(),
                   **({"explanation": OTHER_EXPLANATION} if reason is ReasonCode.other else {})},
        "exhibits": OTHER_NOTES if reason is ReasonCode.other else {},
    })
    findings = [Finding(code=FindingCode.holiday_slowdown, severity=Severity.info, documents=[],
                        message_ko="공휴일이 기한 사이에 있습니다.", message_zh="截止日期前有韩国公休日，审核可能变慢。")]
    return EvidenceChain(
        case_id="case-0001", as_of=AS_OF, reason_code=reason, notice_date=NOTICE_DATE,
        appeal_deadline=dt.date(2026, 11, 27), config=config, seal_image=str(files["seal"]),
        documents=documents, findings=findings, items=items,
    )


@pytest.fixture
def chain(tmp_path: Path) -> EvidenceChain:
    return make_chain(tmp_path / "case")


# --- reading a built package back --------------------------------------------------------------

import html.parser  # noqa: E402
import re  # noqa: E402

import pdfplumber  # noqa: E402
import pikepdf  # noqa: E402

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
