"""Authorization letters: parties, brand and validity in each language and layout, and the
signature read off real files (seal, handwriting, digital signature, tampering, look-alikes)."""

from __future__ import annotations

import datetime as dt
import io
import math
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from casefile.codes import DocumentKind, SignatureKind
from casefile.pages import Page, ReadResult
from extractors.fields import FieldContext, extract_fields
from extractors.fields.authorization import extract_authorization, period, read_authorization
from extractors.marks.binding import signature_kind, signature_reading
from extractors.marks.signatures import TRUST_ROOTS_ENV, pdf_signatures
from extractors.readers.read import read_file
from validators.rules import load_rules

D = dt.date
NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


def fields_of(text: str, source: str = "pdf_text"):
    read = ReadResult(pages=[Page(number=1, source=source, text=text)], media_type="text/plain")
    return extract_authorization(read, FieldContext())


# -- what is never a party or a brand -------------------------------------------------------


@pytest.mark.parametrize("text", [
    "宁波华宇电器有限公司\nTel. 02-548-1762\n商标授权书\n特此授权在Coupang平台销售。",  # a phone number before 商标
    "Duration: March 1, 2027 through February 28, 2029\nTrademark Owner: Shenzhen Yongxing Toys Co., Ltd",
    "Trademark Authorization\nBrand Owner Jinhua Baisheng Plastic Products Limited",  # the title
])
def test_a_number_or_the_letters_own_words_are_no_brand(text):
    assert fields_of(text).brand is None


def test_a_title_run_into_a_name_is_not_part_of_it():
    from extractors.fields.parties import party_name

    assert party_name("Trademark Authorization Foshan Haoyang Technology Industrial Co., Ltd.") == \
        "Foshan Haoyang Technology Industrial Co., Ltd."
    assert party_name("Authorized Trading Co., Ltd.") == "Authorized Trading Co., Ltd."  # its own word


def test_a_label_split_over_two_cells_is_the_longer_label():
    from tests.extractors.layout.test_layout import page_of

    page = page_of([[(40, "Brand"), (200, "Owner Jinhua Baisheng Plastic Products Limited")],
                    [(40, "Licensee"), (200, "Daon Trading Co., Ltd.")], [(40, "Mark"), (200, "HANAKIDS")]])
    fields = extract_authorization(ReadResult(pages=[page]), FieldContext())
    assert fields.brand is None and fields.grantee == "Daon Trading Co., Ltd."


def test_a_label_or_a_labels_line_is_no_party():
    fields = fields_of("品牌 授权 书\n致 : Coupang\n授权方: 品牌\n被授权方: 致 : Coupang 被", source="ocr")
    assert fields.grantor is None and fields.grantee is None
    # A party referred to by its role is no name.
    assert fields_of("위 위임인은 상기 수임인에게 아래 브랜드 제품의 판매 권한을 위임합니다.").grantee is None


# -- layouts and languages -----------------------------------------------------------------

LAYOUTS = {
    "ko_labelled": ("""권한위임장
위임인: 주식회사 한빛상사 (대표이사 김철수)
수임인: 심천한빛무역유한회사
브랜드: HANBIT
위임기간: 2026년 1월 1일부터 2026년 12월 31일까지
위임인 주식회사 한빛상사 대표이사 김철수 (인)""",
                    ("주식회사 한빛상사", "심천한빛무역유한회사", "HANBIT", D(2026, 1, 1), D(2026, 12, 31))),
    "ko_prose_defined_terms": ("""위 임 장
당사 주식회사 한빛상사(이하 '위임인')는 선전한빛무역 유한회사(이하 '수임인')에게 「HANBIT」 브랜드
제품을 쿠팡에서 판매할 수 있는 권한을 2026. 3. 1. ~ 2027. 2. 28. 기간 동안 위임합니다.
2026. 3. 1.
주식회사 한빛상사 대표이사 김철수 (인)""",
                               ("주식회사 한빛상사", "선전한빛무역 유한회사", "HANBIT", D(2026, 3, 1), D(2027, 2, 28))),
    "ko_prose_plain_sentence": ("""본 위임장은 2027년 6월 30일까지 유효합니다.
한빛상사는 에이비씨무역에게 HANBIT 브랜드 상품의 판매를 허락합니다.""",
                                ("한빛상사", "에이비씨무역", "HANBIT", None, D(2027, 6, 30))),
    "ko_numbered_list_without_colons": ("""위임장
당사는 아래 업체에게 당사 브랜드 "HANBIT" 상품의 쿠팡 판매 권한을 위임합니다.
1. 수임인 선전한빛무역 유한회사
2. 위임 기간 2026년 1월 1일부터
2026년 1월 1일
위임인 주식회사 한빛상사 대표이사 김철수 (인)""",
                                        ("주식회사 한빛상사", "선전한빛무역 유한회사", "HANBIT", D(2026, 1, 1), None)),
    "ko_table_cells": ("""| 위임인 | (주)한빛상사 |
| 수임인 | 선전한빛무역 |
| 상표 | 한빛 (제40-1234567호) |
| 위임기간 | 2026.01.01 ~ 2026.12.31 |""",
                       ("(주)한빛상사", "선전한빛무역", "한빛", D(2026, 1, 1), D(2026, 12, 31))),
    "ko_glossed_labels_without_colons": ("""판 매 권 한 위 임 장
위임인 (상표권자) 주식회사 다온리빙
수임인 (판매자) ㈜새봄유통
상표 (브랜드) DAON
상표등록번호 제40-1823456호
위임 기간 2026-01-01 ~ 2027-12-31
수임인은 위임 범위를 벗어난 상품을 판매하거나 제3자에게 권한을 재위임할 수 없습니다.""",
                                         ("주식회사 다온리빙", "㈜새봄유통", "DAON", D(2026, 1, 1), D(2027, 12, 31))),
    "ko_numbered_who_grants": ("""위 임 장
1. 위임하는 자: 주식회사 마루오디오
2. 위임받는 자: 주식회사 미래상사
3. 위임 브랜드: MARU AUDIO (상표등록 40-1890234)
4. 위임 기간: 2026년 5월 1일 ~ 2027년 4월 30일""",
                               ("주식회사 마루오디오", "주식회사 미래상사", "MARU AUDIO", D(2026, 5, 1), D(2027, 4, 30))),
    "en_long_apposition": ("""We, Shenzhen Langyue Technology Co., Ltd., the registered owner of the trademark
LANGYUE (Korean Trademark Registration No. 40-2156630), hereby authorize Hanseo
Global Co., Ltd. to sell genuine wireless earphones on the Coupang marketplace.
This authorization is non-exclusive and is valid from 1 January 2027
to 31 December 2028.""",
                           ("Shenzhen Langyue Technology Co., Ltd.", "Hanseo Global Co., Ltd.", "LANGYUE", D(2027, 1, 1),
                            D(2028, 12, 31))),
    "en_table_rows": ("""AUTHORIZATION LETTER
Issued on: February 20, 2026
Licensor | Ningbo Aurora Home Products Co., Ltd.
Licensee | Shenzhen Meiyu Trading Co., Ltd.
Brand | AURORAHOME
Term | from March 1, 2026 to February 28, 2027""",
                      ("Ningbo Aurora Home Products Co., Ltd.", "Shenzhen Meiyu Trading Co., Ltd.", "AURORAHOME",
                       D(2026, 3, 1), D(2027, 2, 28))),
    "en_prose": ("""LETTER OF AUTHORIZATION
We, Hanbit Electronics Co., Ltd., hereby authorize Shenzhen Hanbit Trading Co., Ltd. to sell
products under the brand HANBIT on Coupang in the Republic of Korea.
This authorization is valid from March 1, 2026 to February 28, 2027.
Authorized Signatory: ________
Date: March 1, 2026""",
                 ("Hanbit Electronics Co., Ltd.", "Shenzhen Hanbit Trading Co., Ltd.", "HANBIT", D(2026, 3, 1),
                  D(2027, 2, 28))),
    "en_certify_prose": ("""This is to certify that ABC Electronics Inc., the owner of the trademark "ACME", hereby authorizes
XYZ Store to distribute ACME products in Korea through Coupang.
The authorization is effective from 2026-02-01 until 2027-01-31.""",
                         ("ABC Electronics Inc.", "XYZ Store", "ACME", D(2026, 2, 1), D(2027, 1, 31))),
    "en_signed_at_the_foot": ("""Authorization Letter
Date: January 5, 2026
To whom it may concern,
We hereby authorise Seoul Mart Co., Ltd. as our distributor for the brand "Lumo" in Korea.
This letter remains valid through 31 Dec 2026.
Lumo Technology Limited""",
                              ("Lumo Technology Limited", "Seoul Mart Co., Ltd.", "Lumo", None, D(2026, 12, 31))),
    "en_labelled": ("""Letter of Authorization
Licensor: ABC Industrial Co., Ltd.
Licensee: XYZ Trading Ltd.
Trademark: ACME (Reg. No. 40-1234567)
Valid until: 31 December 2027""",
                    ("ABC Industrial Co., Ltd.", "XYZ Trading Ltd.", "ACME", None, D(2027, 12, 31))),
    "zh_prose": ("""授权书
我司深圳市汉光科技有限公司（商标注册号：12345678）特授权韩国汉光贸易株式会社在韩国Coupang平台销售“HANBIT”品牌产品。
授权期限：自2026年1月1日起至2026年12月31日止。
授权方（盖章）：深圳市汉光科技有限公司
2026年1月1日""",
                 ("深圳市汉光科技有限公司", "韩国汉光贸易株式会社", "HANBIT", D(2026, 1, 1), D(2026, 12, 31))),
    "zh_until_only": ("""兹授权深圳市某某贸易有限公司为我司HANBIT品牌在韩国的授权经销商，授权期限至2027年6月30日止。
授权方（公章）：上海汉光实业有限公司
日期：2026年7月1日""",
                      ("上海汉光实业有限公司", "深圳市某某贸易有限公司", "HANBIT", None, D(2027, 6, 30))),
    "zh_party_a_b": ("""授权书
甲方（授权方）：广州美丽化妆品有限公司
乙方（被授权方）：首尔美丽株式会社
授权品牌：美丽 / BEAUTY
授权期间：2026年3月1日—2027年2月28日""",
                     ("广州美丽化妆品有限公司", "首尔美丽株式会社", "BEAUTY", D(2026, 3, 1), D(2027, 2, 28))),
    "bilingual_glosses": ("""위임장 (Letter of Authorization)
위임인 (Grantor): 주식회사 한빛상사 / Hanbit Co., Ltd.
수임인 (Grantee): 선전한빛무역 / Shenzhen Hanbit Trading
브랜드 (Brand): HANBIT
유효기간 (Validity): 2026. 1. 1. - 2026. 12. 31.""",
                          ("주식회사 한빛상사", "선전한빛무역", "HANBIT", D(2026, 1, 1), D(2026, 12, 31))),
    "bilingual_ko_zh_lines": ("""授权书 / 위임장
授权方：深圳市汉光科技有限公司
위임인: 심천한광과기유한공사
被授权方：株式会社 한빛무역
品牌：HANBIT
有效期：2026年1月1日至2027年12月31日""",
                              ("深圳市汉光科技有限公司", "株式会社 한빛무역", "HANBIT", D(2026, 1, 1), D(2027, 12, 31))),
}


@pytest.mark.parametrize("name", LAYOUTS)
def test_parties_brand_and_period_in_each_layout(name):
    text, (grantor, grantee, brand, start, end) = LAYOUTS[name]
    got = fields_of(text)
    assert (got.grantor, got.grantee, got.brand, got.valid_from, got.valid_until) == (grantor, grantee, brand, start, end)


def test_ocr_syllable_spacing_is_undone():
    got = fields_of("""위 임 장
위 임 인 : 주 식 회 사 한 빛 상 사
수 임 인 : ( 주 ) 에 이 비 씨 무 역
브 랜 드 : HANBIT
위 임 기 간 : 2026 년 1 월 1 일 부 터 2026 년 12 월 31 일 까 지""", source="ocr")
    assert got.grantee == "(주) 에이비씨무역"
    assert got.grantor is not None and got.grantor.replace(" ", "") == "주식회사한빛상사"
    assert (got.brand, got.valid_from, got.valid_until) == ("HANBIT", D(2026, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize("printed, expected", [
    ("2026年3月1日至2027年2月28日", (D(2026, 3, 1), D(2027, 2, 28))),
    ("自2026年3月1日起至2027年2月28日止", (D(2026, 3, 1), D(2027, 2, 28))),
    ("2026. 3. 1. ~ 2027. 2. 28.", (D(2026, 3, 1), D(2027, 2, 28))),
    ("2026년 3월 1일부터 2027년 2월 28일까지", (D(2026, 3, 1), D(2027, 2, 28))),
    ("from March 1, 2026 to February 28, 2027", (D(2026, 3, 1), D(2027, 2, 28))),
    ("1 March 2026 – 28 February 2027", (D(2026, 3, 1), D(2027, 2, 28))),
    ("2026-03-01 through 2027-02-28", (D(2026, 3, 1), D(2027, 2, 28))),
    ("2027년 2월 28일까지", (None, D(2027, 2, 28))),
    ("until February 28, 2027", (None, D(2027, 2, 28))),
    ("至2027年2月28日止", (None, D(2027, 2, 28))),
    ("签署之日起至2027年2月28日", (None, D(2027, 2, 28))),
    ("2026년 3월 1일부터", (D(2026, 3, 1), None)),
    ("2027. 2. 28.", (None, D(2027, 2, 28))),  # a validity with one bare date is its end
    ("2027. 2. 30. ~ 2028. 1. 1.", (None, D(2028, 1, 1))),  # not a real day: never a nearby one
    # An end that is an event: the one date opens the period (the word 부터 misread as "FE" by OCR).
    ("2026. 5. 29. FE 별도 해지 통보 시까지", (D(2026, 5, 29), None)),
    ("2026. 5. 29.부터 계약 해지 시까지", (D(2026, 5, 29), None)),
    ("March 1, 2026 until terminated in writing", (D(2026, 3, 1), None)),
    ("2026年3月1日起长期有效", (D(2026, 3, 1), None)),
])
def test_each_date_style_of_a_period(printed, expected):
    assert period(printed, bare_is_end=True) == expected


def test_a_letters_own_date_line_is_not_its_validity():
    got = fields_of("위임장\n위임인: 주식회사 한빛\n수임인: 에이비씨무역\n2026년 1월 1일\n주식회사 한빛 (인)")
    assert (got.valid_from, got.valid_until) == (None, None)


def test_nothing_printed_gives_nulls_not_guesses():
    got = fields_of("위임장\n아래와 같이 위임합니다.")
    assert got.model_dump() == dict(grantor=None, grantee=None, brand=None, valid_from=None, valid_until=None,
                                    signature=None)


def test_registered_for_the_kind():
    read = ReadResult(pages=[Page(number=1, source="plain", text=LAYOUTS["ko_labelled"][0])], media_type="text/plain")
    got = extract_fields(DocumentKind.authorization_letter, read, FieldContext())
    assert got.brand == "HANBIT" and got.signature is None  # a text file shows no signature either way


# -- real files: the signature -------------------------------------------------------------

SEAL_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="22mm" height="22mm" viewBox="0 0 100 100">
<circle cx="50" cy="50" r="45" fill="none" stroke="#d0201a" stroke-width="5"/>
<text x="50" y="46" font-family="NanumGothic" font-size="24" fill="#d0201a" text-anchor="middle">한빛</text>
<text x="50" y="74" font-family="NanumGothic" font-size="24" fill="#d0201a" text-anchor="middle">상사</text></svg>"""


def letter_html(seal: bool = False, red_header: bool = False, lang: str = "ko") -> str:
    title_style = "color:#d0201a" if red_header else ""
    rule = '<div style="border-top:4pt solid #d0201a;margin-bottom:4mm"></div>' if red_header else ""
    stamp = f'<span style="position:absolute;right:-4mm;top:-8mm">{SEAL_SVG}</span>' if seal else ""
    if lang == "zh":
        body = f"""<h1 style="text-align:center;{title_style}">授权书</h1>
<p>我司深圳市汉光科技有限公司特授权韩国汉光贸易株式会社在韩国Coupang平台销售“HANBIT”品牌产品。</p>
<p>授权期限：自2026年1月1日起至2026年12月31日止。</p>
<p style="margin-top:25mm;text-align:right;position:relative">授权方（盖章）：深圳市汉光科技有限公司 {stamp}</p>"""
    else:
        body = f"""<h1 style="text-align:center;{title_style}">권한 위임장</h1>
<p>위임인: 주식회사 한빛상사</p><p>수임인: 선전한빛무역 유한회사</p><p>브랜드: HANBIT</p>
<p>위임기간: 2026년 1월 1일부터 2026년 12월 31일까지</p>
<p>위 수임인에게 쿠팡에서 HANBIT 브랜드 상품을 판매할 권한을 위임합니다.</p>
<p style="margin-top:25mm;text-align:center">2026년 1월 1일</p>
<p style="margin-top:12mm;text-align:right;position:relative">위임인 주식회사 한빛상사 대표이사 김철수 (인){stamp}</p>
"""
    return f"""<html><head><style>@page {{ size: A4; margin: 25mm 20mm; }}
body {{ font-family: NanumGothic; font-size: 12pt; line-height: 1.7 }}</style></head><body>{rule}{body}</body></html>"""


def write_pdf(path: Path, html: str) -> Path:
    from weasyprint import HTML

    path.write_bytes(HTML(string=html).write_pdf())
    return path


def letter_fields(path: Path, workdir: Path):
    read = read_file(path, workdir)
    return extract_authorization(read, FieldContext(source_path=path)), read


@pytest.mark.parametrize("lang", ["ko", "zh"])
def test_pdf_with_a_red_seal_at_the_signature_line(tmp_path, lang):
    got, _ = letter_fields(write_pdf(tmp_path / "loa.pdf", letter_html(seal=True, lang=lang)), tmp_path)
    assert got.signature is SignatureKind.seal
    assert got.brand == "HANBIT" and got.valid_until == D(2026, 12, 31)


def test_the_same_pdf_without_the_seal_is_unsigned(tmp_path):
    got, _ = letter_fields(write_pdf(tmp_path / "loa.pdf", letter_html(seal=False)), tmp_path)
    assert got.signature is SignatureKind.none
    assert got.grantor == "주식회사 한빛상사"


def test_red_header_rule_and_red_title_are_not_a_seal(tmp_path):
    got, _ = letter_fields(write_pdf(tmp_path / "loa.pdf", letter_html(red_header=True)), tmp_path)
    assert got.signature is SignatureKind.none


def test_docx_with_an_embedded_seal_picture(tmp_path):
    import docx
    from docx.shared import Cm

    seal = Image.new("RGBA", (300, 300), (255, 255, 255, 0))
    draw = ImageDraw.Draw(seal)
    draw.ellipse((10, 10, 290, 290), outline=(208, 32, 26), width=14)
    font = ImageFont.truetype(NOTO, 80, index=1)
    draw.text((150, 110), "한빛", font=font, fill=(208, 32, 26), anchor="mm")
    draw.text((150, 195), "상사", font=font, fill=(208, 32, 26), anchor="mm")
    seal.save(tmp_path / "seal.png")
    for stamped in (True, False):
        document = docx.Document()
        for line in LAYOUTS["ko_labelled"][0].splitlines():
            document.add_paragraph(line)
        if stamped:
            document.add_paragraph().add_run().add_picture(str(tmp_path / "seal.png"), width=Cm(2.4))
        path = tmp_path / f"loa-{stamped}.docx"
        document.save(path)
        got, _ = letter_fields(path, tmp_path)
        assert got.grantee == "심천한빛무역유한회사"
        assert got.signature is (SignatureKind.seal if stamped else SignatureKind.none)


def photo_letter(path: Path, ink: tuple[int, int, int] | None) -> Path:
    """A phone-photo-like page (A4 at 200 DPI): warm, unevenly lit paper with sensor noise."""
    w, h = 1654, 2339
    yy, xx = np.mgrid[0:h, 0:w]
    light = 235 - 25 * (xx / w) - 15 * (yy / h)
    noise = np.random.default_rng(7).normal(0, 3, (h, w, 1))
    img = Image.fromarray(np.clip(np.stack([light, light - 4, light - 14], -1) + noise, 0, 255).astype(np.uint8))
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(NOTO, 40, index=1)
    draw.text((650, 200), "위 임 장", font=ImageFont.truetype(NOTO, 64, index=1), fill=(30, 30, 30))
    for i, line in enumerate(["위임인: 주식회사 한빛상사", "수임인: 선전한빛무역 유한회사", "브랜드: HANBIT",
                              "위임기간: 2026. 1. 1. ~ 2026. 12. 31."]):
        draw.text((200, 420 + i * 90), line, font=font, fill=(25, 25, 25))
    draw.text((700, 1200), "위임인 대표이사 김철수 (인)", font=font, fill=(25, 25, 25))
    arr = np.asarray(img).copy()
    if ink is not None:  # a signature scrawled over the line, beside the printed (인)
        for k in range(3):
            xs = np.linspace(1150 + k * 60, 1380 + k * 40, 25)
            ys = 1215 + 45 * np.sin(np.linspace(0, 3 * math.pi, 25) + k)
            cv2.polylines(arr, [np.stack([xs, ys], 1).astype(np.int32)], False, ink, 4, cv2.LINE_AA)
    Image.fromarray(arr).save(path)
    return path


@pytest.mark.slow
@pytest.mark.ocr
def test_photo_with_blue_handwriting_at_the_signature_line(tmp_path):
    got, read = letter_fields(photo_letter(tmp_path / "loa.png", ink=(40, 60, 200)), tmp_path)
    assert got.signature is SignatureKind.handwritten
    assert (got.brand, got.valid_from, got.valid_until) == ("HANBIT", D(2026, 1, 1), D(2026, 12, 31))
    # The same page, read the same way, without the strokes: the printed (인) alone is no signature.
    blank = photo_letter(tmp_path / "blank.png", ink=None)
    assert signature_kind(blank, read.media_type, read) is SignatureKind.none


@pytest.mark.slow
@pytest.mark.ocr
def test_no_seal_on_a_grey_scan_is_an_unsure_none_and_on_a_colour_photo_a_sure_one(tmp_path):
    """A red seal on a black-and-white scan or fax is a grey square like the print around it: not
    finding a red one there proves nothing, so `none` is kept but unsure (the check then warns)."""
    photo = photo_letter(tmp_path / "photo.png", ink=None)
    grey = tmp_path / "grey.png"
    Image.open(photo).convert("L").save(grey)
    for path, sure in ((photo, True), (grey, False)):
        read = read_file(path, tmp_path)
        seen = signature_reading(path, read.media_type, read)
        assert (seen.kind, seen.sure) == (SignatureKind.none, sure), path.name
    extraction = read_authorization(read_file(grey, tmp_path), FieldContext(source_path=grey))
    assert extraction.fields.signature is SignatureKind.none
    assert extraction.inferred["signature"].how == "letter:no-seal-in-grey"
    assert extraction.inferred["signature"].certainty < load_rules().certainty.sure


# -- real files: digital signatures --------------------------------------------------------


@pytest.fixture(scope="module")
def self_signed(tmp_path_factory):
    """A signer with a self-signed certificate made here, and the certificate as a PEM file."""
    from asn1crypto import keys as asn1_keys
    from asn1crypto import x509 as asn1_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "주식회사 한빛상사"),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Hanbit Test Signer")])
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_cert_sign=True, crl_sign=True,
                          key_encipherment=False, data_encipherment=False, key_agreement=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(usage, critical=True).sign(key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    signer = signers.SimpleSigner(signing_cert=asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
                                  signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
                                  cert_registry=SimpleCertificateStore())
    roots = tmp_path_factory.mktemp("roots")
    (roots / "hanbit.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return signer, roots


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory, self_signed) -> Path:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    folder = tmp_path_factory.mktemp("signed")
    unsigned = write_pdf(folder / "unsigned.pdf", letter_html()).read_bytes()
    out = io.BytesIO()
    signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(unsigned)), signers.PdfSignatureMetadata(field_name="Sig1"),
                     signer=self_signed[0], output=out)
    path = folder / "signed.pdf"
    path.write_bytes(out.getvalue())
    return path


def test_a_self_signed_pdf_is_digital_but_untrusted(signed_pdf, tmp_path, monkeypatch):
    monkeypatch.delenv(TRUST_ROOTS_ENV, raising=False)
    [sig] = pdf_signatures(signed_pdf)
    assert (sig.field_name, sig.intact, sig.valid, sig.trusted) == ("Sig1", True, True, False)
    assert "Hanbit Test Signer" in sig.signer and sig.coverage == "ENTIRE_FILE" and sig.signed_at
    got, read = letter_fields(signed_pdf, tmp_path)
    assert read.has_signature_field and got.signature is SignatureKind.digital


def test_trust_roots_from_the_configured_folder(signed_pdf, self_signed, monkeypatch):
    monkeypatch.setenv(TRUST_ROOTS_ENV, str(self_signed[1]))
    [sig] = pdf_signatures(signed_pdf)
    assert sig.trusted and sig.valid


def test_one_flipped_byte_after_signing_breaks_the_signature(signed_pdf, tmp_path, caplog):
    data = bytearray(signed_pdf.read_bytes())
    data[data.index(b"stream") + 40] ^= 0x01  # inside the first content stream, within the signed range
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(bytes(data))
    [sig] = pdf_signatures(tampered)
    assert not sig.intact and not sig.valid
    assert not any("Traceback" in r.getMessage() or r.exc_info for r in caplog.records if r.name.startswith("pyhanko"))
    read = ReadResult(pages=[Page(number=1, source="pdf_text", text="위임장", width=595, height=842)],
                      media_type="application/pdf", has_signature_field=True)
    assert signature_kind(tampered, read.media_type, read) is SignatureKind.none  # no seal, no ink either


def test_verdicts_already_on_the_read_result_are_used(tmp_path):
    from casefile.pages import PdfSignature

    good = PdfSignature(field_name="S", intact=True, valid=True, trusted=False)
    read = ReadResult(pages=[], media_type="application/pdf", signatures=[good])
    assert signature_kind(None, read.media_type, read) is SignatureKind.digital


def test_a_file_that_cannot_be_looked_at_is_unknown_not_unsigned(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert signature_kind(broken, docx_type, ReadResult()) is None
    page = Page(number=1, source="pdf_text", text="위임장")
    assert signature_kind(tmp_path / "gone.pdf", "application/pdf", ReadResult(pages=[page])) is None


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7\n garbage", b"not a pdf at all"])
def test_a_broken_pdf_has_no_signatures_and_does_not_raise(tmp_path, content):
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    assert pdf_signatures(path) == []


@pytest.mark.parametrize("text, name", [
    ("hereby authorize (주)다온 코리아 to sell", "(주)다온 코리아"),   # spaced as a typist or OCR spaced it
    ("수임인: (주)소담 트레이딩", "(주)소담 트레이딩"),
    ("주식회사 한빛 판매권한을 위임합니다", "주식회사 한빛"),     # the sentence goes on: one word
    ("주식회사 한빛 수입 제품을 판매", "주식회사 한빛"),          # a word before another: the sentence's
    ("주식회사 한빛 대표이사 김철수 (인)", "주식회사 한빛"),
])
def test_a_form_first_name_takes_its_last_spaced_word_only(text, name):
    from extractors.fields.parties import company_names

    assert company_names(text)[0][2] == name


def test_a_chinese_clause_that_starts_with_a_role_word_names_no_party():
    text = ("品牌 授权 委托 书\n授权 期 限 : 2026 年 11 月 28 日 至 2027 年 10 月 6 日 。\n"
            "1. 被 授权 方 可 在 Coupang 平 台 销 售 授权 品牌 的 正品 。")
    assert fields_of(text, source="ocr").grantee is None


def test_a_spaced_title_is_no_brand_and_a_mixed_case_brand_is_read_from_the_sentence():
    """`브 랜 드 판 매 위 임 장` (the title "브랜드 판매위임장") is not brand 판매위임장; "보유한 Kira audio
    상표가" names the brand in mixed case."""
    text = ("브 랜 드 판 매 위 임 장\n이우카이다무역유한회사(이하 \"위임인\")는 주식회사 미래 무역(이하 \"수임인\")에게 "
            "위임인이 보유한 Kira audio\n상표가 부착된 제품을 쿠팡(Coupang)에서 판매할 수 있는 권한을 아래와 같이 위임합니다.\n"
            "위임기간: 2026. 12. 28. ~ 2027. 12. 27.")
    assert fields_of(text).brand == "Kira audio"
