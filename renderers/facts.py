"""The facts the letter, index and review sheet speak of, gathered once from the evidence chain.

case.toml wins over what the documents say (CONTRACT.md: "what is missing is read from the
documents"); among documents, the first exhibit that states a fact wins.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from casefile.codes import DocumentKind, Scheme
from casefile.evidence import EvidenceChain, EvidenceItem
from casefile.fields import (
    AuthorizationLetterFields,
    IngredientListFields,
    KcCertificateFields,
    NoticeEmailFields,
    SellerCenterScreenshotFields,
)
from renderers.typeset import kdate

#: The statute and article each scheme rests on, as DOMAIN.md §1.1 and §1.3 cite them (전안법 제5조
#: 안전인증, 제15조 안전확인 신고, 제23조 공급자적합성확인; 전파법 제58조의2 적합성평가).
_LAW: dict[Scheme, tuple[str, str]] = {
    Scheme.safety_certification: ("전기용품 및 생활용품 안전관리법", "제5조"),
    Scheme.safety_confirmation: ("전기용품 및 생활용품 안전관리법", "제15조"),
    Scheme.supplier_conformity: ("전기용품 및 생활용품 안전관리법", "제23조"),
    Scheme.radio_conformity: ("전파법", "제58조의2"),
}
#: A children's product (a `CB…` number, DOMAIN.md §1.4) rests on its own act, named without an
#: article: the article numbers of §1.2 are third-party and the split by number shape is inferred.
_CHILDREN = "어린이제품 안전 특별법"
LAW_ZH = {"전기용품 및 생활용품 안전관리법": "电气用品及生活用品安全管理法", "전파법": "电波法",
          _CHILDREN: "儿童产品安全特别法"}


def legal_basis(kc: KcCertificateFields) -> tuple[str, str | None] | None:
    """(statute, article or None) a certificate rests on, only as far as DOMAIN.md supports it."""
    if kc.scheme is None:
        return None
    if kc.scheme is not Scheme.radio_conformity and (kc.certificate_number or "").startswith("CB"):
        return _CHILDREN, None
    return _LAW.get(kc.scheme)


def law_ko(kc: KcCertificateFields) -> str:
    """`「전기용품 및 생활용품 안전관리법」 제5조`; empty when no basis is supported."""
    basis = legal_basis(kc)
    if basis is None:
        return ""
    name, article = basis
    return f"「{name}」 {article}" if article else f"「{name}」"


def law_zh(kc: KcCertificateFields) -> str:
    """`韩国《电气用品及生活用品安全管理法》第5条`; empty when no basis is supported."""
    basis = legal_basis(kc)
    if basis is None:
        return ""
    name, article = basis
    number = article.removeprefix("제").replace("조의", "条之").removesuffix("조") if article else ""
    return f"韩国《{LAW_ZH[name]}》" + (f"第{number}{'' if '条' in number else '条'}" if article else "")


#: How the exhibit index and the 붙임 list name a KC document by its scheme: a 안전확인 is a 신고
#: (DOMAIN.md §3.4 "안전확인신고 증명서"), a 공급자적합성확인 is no 인증, a 적합성평가 is RRA's.
KC_TITLE_KO: dict[Scheme, str] = {
    Scheme.safety_confirmation: "안전확인 신고증명서",
    Scheme.supplier_conformity: "공급자적합성확인 서류",
    Scheme.radio_conformity: "적합성평가 확인서",
}

#: A company's name shows its form; its head signs as 대표이사, anyone else's as 대표.
_CORPORATE = re.compile(r"주식회사|유한회사|\(주\)|\(유\)|㈜|有限公司|株式会社|\b(?:co|ltd|limited|inc|corp|corporation|llc|gmbh)\b\.?",
                        re.IGNORECASE)


def lookup_site(kc: KcCertificateFields) -> str:
    """Where Coupang's reviewer can check the number (DOMAIN.md §1.8)."""
    if kc.scheme is Scheme.radio_conformity:
        return "국립전파연구원(rra.go.kr)"
    return "국가기술표준원 제품안전정보센터(safetykorea.kr)"


def lookup_site_zh(kc: KcCertificateFields) -> str:
    if kc.scheme is Scheme.radio_conformity:
        return "韩国国立电波研究院（rra.go.kr）"
    return "韩国国家技术标准院产品安全信息中心（safetykorea.kr）"


@dataclass
class ExhibitView:
    """One row of the exhibit index and one line of the 붙임 list."""

    number: int
    label: str
    title: str
    document: str
    kind: DocumentKind
    detail: str | None  # issuer / certificate number / brand, where known
    note: str | None  # what the 붙임 line adds in parentheses: the certificate number, the brand
    dates: str | None
    sha256: str
    seller_note: str | None = None  # case.toml [exhibits."<path>"] note: what it shows, in the seller's words
    pages: int = 0
    first_page: int = 0  # in the package

    @property
    def sha_short(self) -> str:
        return self.sha256[:12]

    @property
    def page_range(self) -> str:
        last = self.first_page + self.pages - 1
        return f"{self.first_page}" if self.pages == 1 else f"{self.first_page}–{last}"


@dataclass
class Facts:
    case_id: str
    as_of: dt.date
    reason: str
    seller: str
    seller_other: str | None
    representative: str | None
    business_number: str | None
    vendor_id: str | None
    email: str | None
    seal_image: str | None
    product_id: str | None
    product_name: str | None
    model_name: str | None
    brand: str | None
    notice_date: dt.date | None
    notice_reason: str | None
    previous_product_name: str | None = None  # case.toml: what the listing said before its correction
    previous_model_name: str | None = None
    explanation: str | None = None  # case.toml [appeal] explanation, in the seller's words
    kc: KcCertificateFields | None = None
    kc_label: str | None = None
    auth: AuthorizationLetterFields | None = None
    auth_label: str | None = None
    ingredients: IngredientListFields | None = None
    ingredients_label: str | None = None
    shot: SellerCenterScreenshotFields | None = None
    exhibits: list[ExhibitView] = field(default_factory=list)

    @property
    def representative_title(self) -> str:
        """대표이사 for a company (주식회사, (주), Co., Ltd. …), else 대표."""
        names = " ".join(n for n in (self.seller, self.seller_other) if n)
        return "대표이사" if _CORPORATE.search(names) else "대표"

    def of_kinds(self, *kinds: str) -> list[ExhibitView]:
        """The exhibits of these document kinds, in exhibit order."""
        return [x for x in self.exhibits if x.kind in kinds]

    @property
    def product_label(self) -> str:
        """How the title names the product when its name may be unknown."""
        if self.product_name:
            return f"「{self.product_name}」"
        return f"상품번호 {self.product_id}" if self.product_id else "해당 상품"


def _first(items: list[EvidenceItem], kind: DocumentKind) -> EvidenceItem | None:
    return next((i for i in items if i.kind is kind), None)


def _detail_and_dates(item: EvidenceItem) -> tuple[str | None, str | None]:
    f = item.fields
    if isinstance(f, KcCertificateFields):
        detail = " · ".join(x for x in (f.issuer, f.certificate_number) if x) or None
        dates = " ~ ".join(kdate(d) for d in (f.issue_date, f.expiry_date) if d) or None
        return detail, (f"인증일 {dates}" if dates else None)
    if isinstance(f, AuthorizationLetterFields):
        detail = " · ".join(x for x in (f.grantor, f.brand) if x) or None
        if f.valid_from or f.valid_until:
            return detail, f"{kdate(f.valid_from)} ~ {kdate(f.valid_until)}".strip()
        return detail, None
    if isinstance(f, NoticeEmailFields):
        return None, (f"통보일 {kdate(f.notice_date)}" if f.notice_date else None)
    if isinstance(f, (SellerCenterScreenshotFields, IngredientListFields)):
        return f.product_name, None
    return None, None


def _title(item: EvidenceItem) -> str:
    scheme = getattr(item.fields, "scheme", None) if item.kind is DocumentKind.kc_certificate else None
    return KC_TITLE_KO.get(scheme, item.title_ko) if scheme else item.title_ko


def exhibit_views(chain: EvidenceChain) -> list[ExhibitView]:
    views = []
    for item in chain.items:
        detail, dates = _detail_and_dates(item)
        note = getattr(item.fields, "certificate_number", None) or getattr(item.fields, "brand", None)
        views.append(
            ExhibitView(
                number=item.exhibit.number, label=item.exhibit.label, title=_title(item),
                document=item.exhibit.document, kind=item.kind, detail=detail, note=note, dates=dates,
                sha256=item.exhibit.sha256, pages=item.page_count,
                seller_note=chain.config.note_for(item.exhibit.document),
            )
        )
    return views


def gather(chain: EvidenceChain) -> Facts:
    cfg, items = chain.config, chain.items
    kc, auth, ingr, shot = (_first(items, k) for k in (
        DocumentKind.kc_certificate, DocumentKind.authorization_letter, DocumentKind.ingredient_list,
        DocumentKind.seller_center_screenshot))
    notice = _first(items, DocumentKind.notice_email)
    stated = chain.facts  # one decision of which source wins, shared with the checks (casefile.facts)
    return Facts(
        case_id=chain.case_id,
        as_of=chain.as_of,
        reason=str(chain.reason_code or "other"),
        seller=next(iter(stated.seller), "판매자"),
        seller_other=cfg.seller.name if cfg.seller.name_ko else None,
        representative=cfg.seller.representative,
        business_number=cfg.seller.business_number,
        vendor_id=cfg.seller.vendor_id,
        email=cfg.seller.email,
        seal_image=chain.seal_image,
        product_id=stated.product_id.value,
        product_name=stated.product_name.value,
        model_name=stated.model_name.value,
        brand=stated.brand.value,
        notice_date=chain.notice_date,
        previous_product_name=cfg.listing.previous_product_name,
        previous_model_name=cfg.listing.previous_model_name,
        explanation=cfg.appeal.explanation,
        notice_reason=notice.fields.reason if notice and isinstance(notice.fields, NoticeEmailFields) else None,
        kc=kc.fields if kc else None,
        kc_label=kc.exhibit.label if kc else None,
        auth=auth.fields if auth else None,
        auth_label=auth.exhibit.label if auth else None,
        ingredients=ingr.fields if ingr else None,
        ingredients_label=ingr.exhibit.label if ingr else None,
        shot=shot.fields if shot else None,
        exhibits=exhibit_views(chain),
    )
