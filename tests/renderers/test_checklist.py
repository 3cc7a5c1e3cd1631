"""The seller's actions before submitting (issue 17, item 3): each change a letter says the seller
has made is the review sheet's first section, a checklist in Chinese, each item with its evidence
(a Wing screenshot that shows the corrected value) or the plain note that the letter assumes it.

The sheets are real WeasyPrint renders read back with pdfplumber; a golden per reason holds the
sheet's opening (conclusion, checklist, case facts), regenerated with APPEAL_REGEN_GOLDEN=1."""

from __future__ import annotations

import dataclasses
import re

import pdfplumber
import pytest

from casefile.codes import DocumentKind, FindingCode, PageSource, ReasonCode, Scheme, Severity, Status
from casefile.pages import Page
from casefile.result import Finding
from renderers import build_review_sheet
from renderers.checklist import STATES, _pattern, checklist, checklist_catalog
from renderers.facts import gather
from renderers.letter import compose
from tests.renderers.conftest import INGREDIENTS, make_chain
from tests.renderers.test_golden import check_golden
from tests.renderers.test_template_language import ENDINGS, HANGUL, names_of, renamed, without

#: A Wing product screen after the KC number was entered, as Tesseract reads one (spaces inside
#: Korean words, the number whole): samples/cases/kc-wing-detail-heater/wing_capture.png.
WING_KC = """상품 조 회 / 수 정
등 록 상 품 ID 7234567890
노 출 상품명 미니 가습기 H2
판 매 상태 판매중지
인 증 정보 안전인증 HU071695-21012A
모델명 HB-H200"""


def _text(path) -> str:
    with pdfplumber.open(path) as pdf:
        return "\n".join(p.extract_text(x_tolerance=1.5) or "" for p in pdf.pages)


def _shot(chain):
    return next(i for i in chain.items if i.kind is DocumentKind.seller_center_screenshot)


def _read(chain, text: str):
    """The chain's Wing screenshot, read as `text` (the flow keeps every exhibit's pages)."""
    _shot(chain).pages = [Page(number=1, source=PageSource.ocr, text=text)]
    return chain


def _checks(chain, **facts):
    return checklist(compose(dataclasses.replace(gather(chain), **facts)), chain.items)


@pytest.fixture(scope="module")
def sheets(tmp_path_factory):
    """Review sheets as the seller gets them: KC with the Wing screen showing the number, KC with
    a Wing screen that does not (the conftest's), and the IP case (no change to make)."""
    out = {}
    for name, reason, wing in [("kc_shown", ReasonCode.kc_certification, WING_KC),
                               ("kc_assumed", ReasonCode.kc_certification, None),
                               ("ip", ReasonCode.ip_infringement, None)]:
        root = tmp_path_factory.mktemp(name)
        chain = make_chain(root / "case", reason)
        if wing:
            _read(chain, wing)
        out[name] = _text(root / build_review_sheet(chain, Status.ready, root)).replace("\n", "")  # lines rejoined
    return out


def test_a_change_with_its_evidence_is_checked_off_first(sheets):
    text = sheets["kc_shown"]
    assert "结论：可以提交" in text
    order = [text.index(s) for s in ("结论", "提交前必须完成的修改", "案件信息", "检查结果", "韩文申诉书的内容")]
    assert order == sorted(order), "the checklist comes first, right under the conclusion"
    assert "□ Coupang Wing：该商品的商品信息 → 认证信息栏：填写安全认证的认证编号" in text
    assert "应为 “HU071695-21012A”" in text
    assert "✓ 已有证据：붙임 2（附件，Coupang Wing截图）上读到了认证编号“HU071695-21012A”。" in text
    assert "尚无证据" not in text and "可以直接提交" not in text


def test_a_change_without_evidence_is_what_the_letter_assumes(sheets):
    text = sheets["kc_assumed"]
    assert "结论：完成下列修改后才能提交" in text and "可以直接提交" not in text
    assert "但申诉书写的是下列修改已经完成，而其中未标“已有证据”的各项，材料中没有证据证明" in text
    assert "尚无证据：붙임 2（附件，Coupang Wing截图）上没有读到认证编号“HU071695-21012A”" in text
    assert "申诉书以此修改已经完成为前提" in text
    assert text.index("提交前必须完成的修改") < text.index("检查结果")


def test_a_reason_with_no_change_to_make_has_no_checklist(sheets):
    text = sheets["ip"]
    assert "结论：可以提交" in text and "可以直接提交" in text
    assert "提交前必须完成的修改" not in text and "□" not in text and "证据：" not in text


def test_no_checklist_before_the_case_is_ready(tmp_path):
    chain = make_chain(tmp_path / "case")
    chain.findings.append(Finding(code=FindingCode.certificate_expired, severity=Severity.error,
                                  documents=["docs/kc.pdf"], message_ko="인증서가 만료되었습니다.",
                                  message_zh="KC证书已过期。"))
    text = _text(tmp_path / build_review_sheet(chain, Status.needs_fixes, tmp_path))
    assert "结论：需要修改" in text and "提交前必须完成的修改" not in text


@pytest.mark.parametrize("reason", list(ReasonCode), ids=str)
def test_the_opening_of_each_reasons_sheet_matches_its_golden(reason, tmp_path):
    chain = make_chain(tmp_path / "case", reason)
    text = _text(tmp_path / build_review_sheet(chain, Status.ready, tmp_path))
    check_golden(f"review_{reason}.txt", text[: text.index("检查结果")].rstrip() + "\n")


# -- what counts as evidence ------------------------------------------------------------------------


def test_kc_number_evidence_is_the_number_on_a_wing_screen(tmp_path):
    chain = make_chain(tmp_path / "kc")
    [check] = _checks(chain)
    assert (check.action, check.state) == ("kc_number", "missing")
    [check] = _checks(_read(chain, WING_KC))
    assert check.state == "shown" and check.evidenced
    [check] = _checks(_read(chain, WING_KC.replace("21012A", "21012")))  # another number is no proof
    assert check.state == "missing"
    chain.items.remove(_shot(chain))
    [check] = _checks(chain)
    assert check.state == "absent" and "材料中没有Coupang Wing截图" in check.note


@pytest.mark.parametrize(("scheme", "number", "action", "after"), [
    (Scheme.supplier_conformity, None, "kc_supplier_category", None),
    (Scheme.safety_certification, None, "kc_info", None),
    (Scheme.safety_confirmation, "YU10128-23004", "kc_number", "YU10128-23004"),
])
def test_the_kc_item_follows_the_letters_branch(tmp_path, scheme, number, action, after):
    chain = make_chain(tmp_path / "kc")
    kc = gather(chain).kc.model_copy(update={"scheme": scheme, "certificate_number": number})
    [check] = _checks(chain, kc=kc)
    assert (check.action, check.after) == (action, after)
    if action == "kc_info":
        assert check.state == "unverifiable" and "确认确已完成后再提交" in check.note
    if action == "kc_number":
        assert "申报编号" in check.what  # 안전확인 is a 신고: its number is a 申报编号
    if action == "kc_supplier_category":
        assert _checks(_read(chain, "인증 정보 공급자 적합성 확인"), kc=kc)[0].state == "shown"


def test_listing_before_and_after(tmp_path):
    chain = make_chain(tmp_path / "listing", ReasonCode.listing_mismatch)
    checks = _checks(chain, previous_model_name="HB-H100")
    assert [(c.action, c.before, c.after) for c in checks] == [("listing_model_name_changed", "HB-H100", "HB-H200")]
    assert checks[0].state == "missing"
    stale = _checks(_read(chain, "노출상품명 미니 가습기 H2 HB-H100"), previous_model_name="HB-H100")[0]
    assert stale.state == "stale" and "修改前的“HB-H100”" in stale.note
    shown = _checks(_read(chain, "노출상품명 미니 가습기 H2 HB-H200"), previous_model_name="HB-H100")[0]
    assert shown.state == "shown"
    # A new name that contains the old one: the old is only stale where it stands alone.
    renamed_ = {"previous_product_name": "미니 가습기", "product_name": "미니 가습기 H2"}
    assert _checks(_read(chain, "상품명 미니 가습기 H2"), **renamed_)[0].state == "shown"
    assert _checks(_read(chain, "상품명 미니 가습기 (구)"), **renamed_)[0].state == "stale"


def test_listing_without_previous_values_asks_for_the_values_the_letter_prints(tmp_path):
    chain = make_chain(tmp_path / "listing", ReasonCode.listing_mismatch)
    checks = _checks(chain)
    assert [(c.action, c.after, c.state) for c in checks] == [
        ("listing_product_name_now", "미니 가습기 H2", "shown"),  # the Wing screen's own product name
        ("listing_model_name_now", "HB-H200", "missing"),
    ]
    unchanged = _checks(chain, previous_model_name="HB-H200")  # 모델명(변경 없음): nothing to change
    assert unchanged == []


def test_cosmetics_evidence_is_every_ingredient_in_label_order(tmp_path):
    chain = make_chain(tmp_path / "cos", ReasonCode.cosmetics_labeling)
    page = "전성분: " + ", ".join(INGREDIENTS)
    [check] = _checks(_read(chain, page.replace("부틸렌글라이콜", "부틸렌 글라이콜")))
    assert check.action == "cosmetics_ingredients" and check.state == "shown"
    swapped = [INGREDIENTS[1], INGREDIENTS[0], *INGREDIENTS[2:]]
    assert _checks(_read(chain, "전성분: " + ", ".join(swapped)))[0].state == "missing"
    assert _checks(_read(chain, "전성분: " + ", ".join(INGREDIENTS[:-1])))[0].state == "missing"


def test_other_reason_asks_the_seller_to_confirm_their_own_account(tmp_path):
    [check] = _checks(make_chain(tmp_path / "other", ReasonCode.other))
    assert check.action == "other_explanation" and check.state == "unverifiable"


@pytest.mark.parametrize(("value", "text", "found"), [
    ("HT-M300", "모델명 HT-M300", True),
    ("HT-M300", "모델명 HT-M3000", False),
    ("HT-M300", "XHT-M300", False),
    ("ht-m300", "HT - M300", True),
    ("미니 가습기 H2", "미니가습기 H 2 화이트", True),
    ("인증 정보", "인 증 정보", True),
])
def test_values_are_read_through_ocr_spacing_but_not_into_longer_codes(value, text, found):
    assert bool(_pattern(value).search(text)) is found


# -- the data and its language ------------------------------------------------------------------


def test_every_action_a_paragraph_names_has_its_row_and_every_state_its_sentence():
    rows, sentences = checklist_catalog()  # raises on an unknown, unused or malformed row
    assert set(sentences) == set(STATES) and rows


@pytest.mark.parametrize("reason", list(ReasonCode), ids=str)
@pytest.mark.parametrize("ending", list(ENDINGS))
def test_every_item_and_state_is_chinese_but_for_names(tmp_path, reason, ending):
    chain = renamed(make_chain(tmp_path / "case", reason), ENDINGS[ending])
    names = names_of(chain)
    wings = [None, WING_KC, ENDINGS[ending], "전성분: " + ", ".join(INGREDIENTS)]
    for wing in wings:
        if wing is not None and any(i.kind is DocumentKind.seller_center_screenshot for i in chain.items):
            _read(chain, wing)
        for previous in ({}, {"previous_product_name": "구 상품명", "previous_model_name": "HB-H100"}):
            for check in _checks(chain, **previous):
                for zh in (check.where, check.what, check.note):
                    assert zh and not re.search(r"[{}]|None", zh), zh
                    assert not HANGUL.search(without(zh, [*names, "구 상품명"])), f"Korean in Chinese: {zh}"
