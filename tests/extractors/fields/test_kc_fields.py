"""KC certificate fields from several layouts and wordings, born-digital and OCR'd."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casefile.codes import Scheme
from casefile.fields import KcCertificateFields
from casefile.pages import Page
from extractors.fields.kc import detect_scheme, extract_kc, read_certificate_number, repair_certificate_number
from extractors.text.nlp import find_cert_numbers, fits_shape, pipeline
from tests.extractors.layout.test_layout import page_of

KTC = "한국기계전기전자시험연구원(KTC)"
KTL = "한국산업기술시험원(KTL)"


def kc(text: str, source: str = "pdf_text") -> KcCertificateFields:
    return extract_kc([Page(number=1, source=source, text=text)])


# -- whole certificates ------------------------------------------------------------------

ELECTRICAL_COLON = """전기용품 안전인증서
인증번호 : HU071695-21012A
제 품 명 : 미니 가습기
모 델 명 : HB-H200 (기본모델), HB-H201
파생모델명 : HB-H201, HB-H202
제 조 자 : Shenzhen Hanbit Electric Co., Ltd.
제 조 국 : 중국
인증기관 : 한국기계전기전자시험연구원
인증일자 : 2025. 3. 12.
위 제품은 「전기용품 및 생활용품 안전관리법」 제5조에 따라 안전인증을 받았음을 증명합니다.
2025년 3월 12일
한국기계전기전자시험연구원장"""


def test_electrical_certificate_colon_layout() -> None:
    assert kc(ELECTRICAL_COLON) == KcCertificateFields(
        certificate_number="HU071695-21012A",
        scheme=Scheme.safety_certification,
        product_name="미니 가습기",
        model_name="HB-H200",
        manufacturer="Shenzhen Hanbit Electric Co., Ltd.",
        issuer=KTC,
        issue_date=dt.date(2025, 3, 12),
        expiry_date=None,  # none printed: never computed
    )


CONFIRMATION_TABLE = """안전확인 신고증명서
| 구분 | 내용 |
| 안전확인신고번호 | YU10128-23004 |
| 품목 | 전기용품 - 선풍기 |
| 제품명 | 탁상용 선풍기 |
| 모델명 | FAN-01 외 2종 |
| 제조업자 | 닝보 윈드 일렉트릭 |
| 신고일자 | 2023-05-02 |
| 유효기간 | 2023. 5. 2. ~ 2028. 5. 1. |
| 확인기관 | 한국산업기술시험원 |"""


def test_confirmation_certificate_table_layout() -> None:
    fields = kc(CONFIRMATION_TABLE)
    assert fields.certificate_number == "YU10128-23004"
    assert fields.scheme is Scheme.safety_confirmation
    assert fields.product_name == "탁상용 선풍기"
    assert fields.model_name == "FAN-01"
    assert fields.manufacturer == "닝보 윈드 일렉트릭"
    assert fields.issuer == KTL
    assert fields.issue_date == dt.date(2023, 5, 2)
    assert fields.expiry_date == dt.date(2028, 5, 1)  # the end of the range


LABELS_ABOVE_VALUES = """어린이제품 안전확인 신고확인증
제품명\t모델명\t인증번호
원목 장난감\tWOODEN TOY-MB22\tCB063R10486-2002
제조회사명
CHUANGYI FOREST ARTS&CRAFTS CO., LTD.
인증일자
20221115
인증기관
KTC"""


def test_children_certificate_labels_above_values() -> None:
    fields = kc(LABELS_ABOVE_VALUES)
    assert fields.certificate_number == "CB063R10486-2002"
    assert fields.scheme is Scheme.safety_confirmation
    assert fields.product_name == "원목 장난감"
    assert fields.model_name == "WOODEN TOY-MB22"
    assert fields.manufacturer == "CHUANGYI FOREST ARTS&CRAFTS CO., LTD."
    assert fields.issue_date == dt.date(2022, 11, 15)
    assert fields.issuer == KTC


BILINGUAL = """KC SAFETY CERTIFICATE / 안전인증서
Certificate No. (인증번호): HU 071695-21012A
Product Name (제품명): Mini Humidifier
Model Name (모델명): HB-H200
Manufacturer (제조자): Shenzhen Hanbit Electric Co., Ltd.
Date of Issue (발급일): March 12, 2025
Valid Until (유효기간): March 11, 2028
Korea Testing Laboratory"""


def test_bilingual_english_first_certificate() -> None:
    fields = kc(BILINGUAL)
    assert fields.certificate_number == "HU071695-21012A"
    assert fields.scheme is Scheme.safety_certification
    assert fields.product_name == "Mini Humidifier"
    assert fields.model_name == "HB-H200"
    assert fields.manufacturer == "Shenzhen Hanbit Electric Co., Ltd."
    assert fields.issue_date == dt.date(2025, 3, 12)
    assert fields.expiry_date == dt.date(2028, 3, 11)
    assert fields.issuer == KTL


OCR_SPACED = """안 전 인 증 서
인 증 번 호 : HU O71695-21O12A
제 품 명 : 미 니 가 습 기
모 델 명 : HB-H200
제 조 자 : ( 주 ) 한 빛 전 자
인 증 일 자 : 2025 년 3 월 12 일
한 국 기 계 전 기 전 자 시 헙 연 구 원 장"""


def test_ocr_spaced_certificate_with_character_errors() -> None:
    fields = kc(OCR_SPACED, source="ocr")
    assert fields.certificate_number == "HU071695-21012A"  # O read for 0 in the digit groups
    assert fields.scheme is Scheme.safety_certification
    assert fields.product_name == "미니가습기"
    assert fields.model_name == "HB-H200"
    assert fields.manufacturer == "(주) 한빛전자"
    assert fields.issue_date == dt.date(2025, 3, 12)
    assert fields.issuer == KTC  # one misread syllable in the name


SUPPLIER_CONFORMITY = """공급자적합성확인서
인증구분 : [생활용품]공급자적합성확인
확인번호 : 해당없음
제품명 : 우산
모델명 : UM-1
제조사 : Ningbo Umbrella Co.
신고일 : 2025-01-05
적용규격 : KC 안전기준 (시험기관 KTR 안전인증기관 아님)"""


def test_supplier_conformity_has_no_certificate_number() -> None:
    fields = kc(SUPPLIER_CONFORMITY)
    assert fields.scheme is Scheme.supplier_conformity
    assert fields.certificate_number is None
    assert fields.model_name == "UM-1"
    assert fields.issue_date == dt.date(2025, 1, 5)


def test_supplier_conformity_ignores_a_number_printed_anyway() -> None:
    text = "[생활용품] 공급자적합성확인\n시험성적서 번호: HU071695-21012A\n모델명: UM-1"
    assert kc(text).certificate_number is None


RADIO = """방송통신기자재등의 적합성평가 확인서
(Registration of Broadcasting and Communication Equipments)
상호 : 주식회사 한빛무역
기자재명칭 : 블루투스 스피커
모델명 : BT-S1
적합성평가번호 : R-R-HBT-BT_S1
제조자/제조국가 : Hanbit Audio Co., Ltd. / 중국
등록일자 : 2024-09-30
위 기자재는 「전파법」 제58조의2 제3항에 따라 적합등록 되었음을 확인합니다.
국립전파연구원장"""


def test_radio_registration() -> None:
    fields = kc(RADIO.replace("상호 :", "지정시험기관 : KCTL\n상호 :"), source="ocr")
    assert fields.certificate_number == "R-R-HBT-BT_S1"
    assert fields.scheme is Scheme.radio_conformity
    assert fields.product_name == "블루투스 스피커"
    assert fields.model_name == "BT-S1"
    assert fields.issue_date == dt.date(2024, 9, 30)
    assert fields.issuer == "국립전파연구원(RRA)"


def test_old_msip_code_without_label() -> None:
    fields = kc("Smart Watch\nMSIP-CRM-PEB-WQ3\n제조자: Pebble Technology")
    assert fields.certificate_number == "MSIP-CRM-PEB-WQ3"
    assert fields.scheme is Scheme.radio_conformity


def test_label_on_one_line_value_on_the_next() -> None:
    text = "안전인증서\n\n인증번호\nHU071695-21012A\n제품명\n미니 가습기\n모델명\nHB-H200\n인증일자\n2025.03.12"
    fields = kc(text)
    assert (fields.certificate_number, fields.product_name, fields.model_name, fields.issue_date) == (
        "HU071695-21012A", "미니 가습기", "HB-H200", dt.date(2025, 3, 12)
    )


def test_fields_on_a_later_page() -> None:
    pages = [
        Page(number=1, source="ocr", text="(표지)\nHANBIT"),
        Page(number=2, source="ocr", text="안 전 인 증 서"),
        Page(number=3, source="ocr", text="인 증 번 호 : HU071695-21012A\n모 델 명 : HB-H200"),
    ]
    fields = extract_kc(pages)
    assert fields.certificate_number == "HU071695-21012A" and fields.model_name == "HB-H200"
    assert fields.scheme is Scheme.safety_certification


def test_a_date_that_does_not_exist_is_null() -> None:
    fields = kc("안전인증서\n인증번호: HU071695-21012A\n인증일자: 2025-02-30\n유효기간: 2025. 2. 30. ~ 2028. 2. 31.")
    assert fields.issue_date is None
    assert fields.expiry_date is None


@pytest.mark.parametrize("printed", ["발급일로부터 3년", "없음", "해당 없음", "-", "2025. 3. 12.부터"])
def test_no_printed_expiry_is_null(printed: str) -> None:
    assert kc(f"안전인증서\n인증번호: HU071695-21012A\n유효기간: {printed}").expiry_date is None


def test_empty_pages_give_empty_fields() -> None:
    assert extract_kc([]) == KcCertificateFields()
    assert extract_kc([Page(number=1, source="ocr", text="  \n")]) == KcCertificateFields()


def test_unknown_issuer_is_kept_as_printed() -> None:
    assert kc("안전인증서\n인증기관 : Shenzhen Test Lab").issuer == "Shenzhen Test Lab"


def test_test_lab_is_the_issuer_only_when_no_body_is_named() -> None:
    assert kc("안전확인 신고증명서\n시험기관 : KTR\n모델명: A-1").issuer == "KTR"


# -- scheme wording ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "scheme"),
    [
        ("[전기용품]안전인증_국가인증 - 한국기계전기전자시험연구원", Scheme.safety_certification),
        ("[어린이제품]안전확인 - 한국기계전기전자시험연구원(KTC)", Scheme.safety_confirmation),
        ("[생활용품]공급자적합성확인", Scheme.supplier_conformity),
        ("[방송통신기자재]적합인증", Scheme.radio_conformity),
        ("[방송통신기자재]잠정인증", Scheme.radio_conformity),
        ("안 전 확 인 신 고 증 명 서", Scheme.safety_confirmation),
        # 안전확인 certificate whose body names the 안전인증기관: the title decides.
        ("안전확인 신고증명서\n본 기관은 안전인증기관으로서 안전인증 및 안전확인 업무를 수행합니다.", Scheme.safety_confirmation),
        ("KC 인증서", None),
    ],
)
def test_scheme_from_wording(text: str, scheme: Scheme | None) -> None:
    assert detect_scheme(text) is scheme


def test_scheme_field_beats_the_title() -> None:
    assert detect_scheme("KC 안전인증 결과 통보서", ["안전확인"]) is Scheme.safety_confirmation


# -- certificate numbers -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("printed", "number"),
    [
        ("HU071695-21012A", "HU071695-21012A"),
        ("hu071695-21012a", "HU071695-21012A"),
        ("HU071695 – 21012A", "HU071695-21012A"),  # en dash, spaces
        ("HUO71695-21O12A", "HU071695-21012A"),
        ("YUl0128-23OO4", "YU10128-23004"),
        ("CB O63R1O486-2OO2", "CB063R10486-2002"),
        ("HU071695-21012A (파생모델 포함)", "HU071695-21012A"),
        ("AB12-34", "AB12-34"),  # fits no known shape: kept as printed for the validators
        ("해당없음", None),
        ("N/A", None),
    ],
)
def test_read_certificate_number(printed: str, number: str | None) -> None:
    assert read_certificate_number(printed) == number


def test_repair_only_when_the_result_fits_a_shape() -> None:
    assert repair_certificate_number("HUO71695-21012A") == "HU071695-21012A"
    assert repair_certificate_number("HU071695-210120") is None  # a sixth digit is no misread letter
    assert repair_certificate_number("HELLO-WORLD") is None


# -- the spaCy pipeline, run for real ----------------------------------------------------


def test_nlp_pipeline_is_built_once_with_the_kc_ruler() -> None:
    nlp = pipeline()
    assert pipeline() is nlp
    assert nlp.lang == "ko" and "entity_ruler" in nlp.pipe_names


def test_nlp_finds_every_number_shape_in_clean_and_ocr_text() -> None:
    text = (
        "인증번호: HU071695-21012A, YU10128-23004 / 어린이 CB063R10486-2002\n"
        "전파: R-CRM-ABC-XYZ123, MSIP-CRM-PEB-WQ3, MSIP-CMM-ht1-O-Lamp-Smart 제품\n"
        "OCR: 인 증 번 호 : HU071695 -21012A 와 YU 10128 - 23004"
    )
    found = [(m.number, m.family) for m in find_cert_numbers(text)]
    assert found == [
        ("HU071695-21012A", "electrical"),
        ("YU10128-23004", "electrical"),
        ("CB063R10486-2002", "children"),
        ("R-CRM-ABC-XYZ123", "radio"),
        ("MSIP-CRM-PEB-WQ3", "radio"),
        ("MSIP-CMM-HT1-O-LAMP-SMART", "radio"),
        ("HU071695-21012A", "electrical"),
        ("YU10128-23004", "electrical"),
    ]


def test_nlp_spans_point_into_the_original_text() -> None:
    text = "번호 HU 071695-21012A 끝"
    [m] = find_cert_numbers(text)
    assert text[m.start:m.end] == "HU 071695-21012A"


@pytest.mark.parametrize("text", ["사업자등록번호 123-45-67891", "전화 02-1234-5678", "08AV1AB0901", "2025-03-12"])
def test_nlp_does_not_take_other_numbers(text: str) -> None:
    assert find_cert_numbers(text) == []
    assert fits_shape(text.split()[-1]) is None


# -- real OCR --------------------------------------------------------------------------

FONT = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


@pytest.mark.ocr
def test_kc_ocr_rendered_certificate() -> None:
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image, ImageDraw, ImageFont

    if not FONT.exists():
        pytest.skip("NanumGothic not installed")
    os.environ["OMP_THREAD_LIMIT"] = "1"
    lines = [
        "안전확인 신고증명서", "",
        "인증번호 : YU10128-23004",
        "제품명 : 미니 선풍기",
        "모델명 : FAN-01",
        "제조자 : 한빛전자",
        "신고일자 : 2023년 5월 2일", "",
        "한국산업기술시험원장",
    ]
    font = ImageFont.truetype(str(FONT), 40)
    image = Image.new("L", (1400, 120 + 70 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((100, 60 + 70 * i), line, font=font, fill=0)
    text = pytesseract.image_to_string(image, lang="Hangul+eng", config="--psm 6")

    fields = extract_kc([Page(number=1, source="ocr", text=text)])

    assert fields.certificate_number == "YU10128-23004"
    assert fields.scheme is Scheme.safety_confirmation
    assert fields.model_name == "FAN-01"
    assert fields.product_name in {"미니 선풍기", "미니선풍기"}
    assert fields.manufacturer == "한빛전자"
    assert fields.issue_date == dt.date(2023, 5, 2)
    assert fields.issuer == KTL


LOOK_ALIKES = {"0": "OQD", "1": "IL", "2": "Z", "5": "S", "8": "B", "6": "G"}


@given(
    letters=st.text(alphabet="ABCDEFGHJKMNPRTUVWXY", min_size=2, max_size=2),
    first=st.text(alphabet="0123456789", min_size=6, max_size=6),
    second=st.text(alphabet="0123456789", min_size=5, max_size=5),
    data=st.data(),
)
def test_repair_undoes_any_look_alike_in_the_digit_groups(letters: str, first: str, second: str, data) -> None:
    number = f"{letters}{first}-{second}A"
    garbled = "".join(
        data.draw(st.sampled_from([c, *LOOK_ALIKES.get(c, "")])) if c.isdigit() else c for c in number
    )
    assert read_certificate_number(garbled) == number


def test_validity_period_with_a_garbled_label_still_gives_the_expiry() -> None:
    # The 유효기간 label came out of OCR as noise; the printed period still ends the validity.
    text = "인 증 번 호 : HU071842-23009A\n인 증 일 자 - 2023. 5. 10.\nCo wade » 2023. 5. 10. ~ 2026. 5. 9.\n"
    assert extract_kc([Page(number=1, source="ocr", text=text)]).expiry_date == dt.date(2026, 5, 9)
    unreadable_start = "Co wade » 2023.5 10 ~ 2026: 5. 9.\n"
    assert extract_kc([Page(number=1, source="ocr", text=unreadable_start)]).expiry_date == dt.date(2026, 5, 9)


def test_a_test_period_is_no_validity_and_a_label_row_is_no_wrapped_value() -> None:
    rows = [[(60, "제품명"), (320, "족욕기")], [(60, "대표이사"), (320, "류현우")],
            [(60, "시험종료일"), (320, "2021. 10. 11. ~ 2021. 10. 18.")]]
    fields = extract_kc([page_of(rows)])
    assert fields.product_name == "족욕기" and fields.expiry_date is None


def test_two_unrelated_dates_on_a_line_are_no_period() -> None:
    text = "인증일자 2024. 3. 15. 발급 2024. 3. 20.\n"
    assert extract_kc([Page(number=1, source="pdf_text", text=text)]).expiry_date is None


def test_prose_certificate_states_the_model_in_a_sentence() -> None:
    text = ("적합성평가 확인서\n해당 기자재의 모델명은 HB-200W이며, 제조자는 Shenzhen Hanbit Co., Ltd.입니다.\n"
            "부여된 식별부호는 R-R-HBT-HB200W 이고, 적합등록일은 2025년 3월 12일입니다.\n")
    fields = extract_kc([Page(number=1, source="pdf_text", text=text)])
    assert fields.model_name == "HB-200W"
    assert fields.certificate_number == "R-R-HBT-HB200W"
    korean = "이 제품의 모델명은 미니 가습기이며 다른 모델은 없습니다.\n"
    assert extract_kc([Page(number=1, source="pdf_text", text=korean)]).model_name is None


# -- properties: every number a reader recognises, read back and judged valid; garbage --------

UPPER, DIGIT = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789"


def _run(alphabet: str, low: int, high: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=alphabet, min_size=low, max_size=high)


# One strategy per shape of casefile/rules/kc_numbers.toml, built by hand (not from the regexes, so a
# shape file that drifts from DOMAIN.md §1.4 fails here rather than agreeing with itself).
RADIO_PREFIX = st.sampled_from(["R", "MSIP", "KCC"])
RADIO_KIND = st.one_of(st.sampled_from("CRI"), st.tuples(st.sampled_from("CRI"), st.sampled_from("RTEM"),
                                                         st.sampled_from("MIS")).map("".join))
ELECTRICAL_NUMBERS = st.builds(lambda a, d1, d2, t: f"{a}{d1}-{d2}{t}",
                               _run(UPPER, 2, 2), _run(DIGIT, 5, 6), _run(DIGIT, 5, 5), _run(UPPER, 0, 1))
CHILDREN_NUMBERS = st.builds(lambda d1, a, d2, d3: f"CB{d1}{a}{d2}-{d3}",
                             _run(DIGIT, 3, 3), _run(UPPER, 1, 1), _run(DIGIT, 3, 5), _run(DIGIT, 4, 5))
RADIO_NUMBERS = st.builds(
    lambda prefix, kind, applicant, product: f"{prefix}-{kind}-{applicant}-{'-'.join(product)}",
    RADIO_PREFIX,
    RADIO_KIND,
    _run(UPPER + DIGIT, 3, 3),
    st.lists(_run(UPPER + DIGIT, 1, 4), min_size=1, max_size=3),
)
NUMBERS = st.one_of(ELECTRICAL_NUMBERS.map(lambda n: ("electrical", n)),
                    CHILDREN_NUMBERS.map(lambda n: ("children", n)),
                    RADIO_NUMBERS.map(lambda n: ("radio", n)))
SCHEMES_OF = {"electrical": [Scheme.safety_certification, Scheme.safety_confirmation],
              "children": [Scheme.safety_certification, Scheme.safety_confirmation],
              "radio": [Scheme.radio_conformity]}
# How a number reaches us: any case, an OCR space around a hyphen, a word processor's dash.
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d", "\ufe63"]


@st.composite
def printed_forms(draw, number: str) -> str:
    out = []
    for ch in number:
        if ch == "-":
            out.append(draw(st.sampled_from(["", " "])) + draw(st.sampled_from(DASHES)) + draw(st.sampled_from(["", " "])))
        else:
            out.append(ch.lower() if draw(st.booleans()) else ch)
    return "".join(out)


@settings(max_examples=60, deadline=None)
@given(numbered=NUMBERS)
def test_a_generated_number_fits_its_family_and_the_validators_accept_it(numbered) -> None:
    from tests.validators.conftest import facts_for, kc_doc
    from validators.certificates import check_certificate_numbers

    family, number = numbered
    assert fits_shape(number) == family
    for scheme in [None, *SCHEMES_OF[family]]:
        facts = facts_for([kc_doc(certificate_number=number, scheme=scheme)])
        assert check_certificate_numbers(facts) == [], (number, scheme)


# spaCy's tokenizer splits unit suffixes off digits ("21012T" -> "21012", "T") and a hyphen between
# letters only ("B1-C"): the token match stops short there, and the compact-text match that runs on
# must win (extractors/nlp.find_cert_numbers).
@pytest.mark.parametrize("letter", list("GKMT"))
def test_an_electrical_number_ending_in_a_unit_letter_keeps_it(letter: str) -> None:
    assert read_certificate_number(f"HU071695-21012{letter}") == f"HU071695-21012{letter}"


def test_a_radio_code_ending_in_a_hyphenated_token_is_read_whole() -> None:
    assert read_certificate_number("R-R-HBT-A-B1-C") == "R-R-HBT-A-B1-C"


@settings(max_examples=60, deadline=None)
@given(data=st.data(), numbered=NUMBERS, label=st.sampled_from(["인증번호: ", "인 증 번 호 : ", "Certificate No. ", ""]),
       after=st.sampled_from(["", " (파생모델 포함)", "\n제품명: 가습기"]))
def test_a_printed_number_reads_back_as_the_number(data, numbered, label, after) -> None:
    family, number = numbered
    printed = data.draw(printed_forms(number)) if family != "radio" else number.lower()
    assert read_certificate_number(printed + after) == number
    page = Page(number=1, source="ocr", text=f"안전인증서\n{label}{printed}{after}\n")
    assert extract_kc([page]).certificate_number == number


ID_TEXT = st.text(alphabet=UPPER + DIGIT + "abcoil -_–−—/:()OQDILZSBG인증번호\n", max_size=40)


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=40), ID_TEXT))
def test_reading_a_number_never_raises_and_is_idempotent(value: str) -> None:
    number = read_certificate_number(value)
    if number is None:
        return
    assert number == number.upper() and not any(c.isspace() for c in number)
    assert not number.endswith(("-", "_"))
    assert read_certificate_number(number) == number, "a read number reads as itself"


@settings(max_examples=60)
@given(st.one_of(st.text(max_size=40), ID_TEXT))
def test_validator_normalisation_is_idempotent_and_never_raises(value: str) -> None:
    from validators.certificates import normalise_number

    once = normalise_number(value)
    assert normalise_number(once) == once
    assert not any(c.isspace() for c in once)


@settings(max_examples=60, deadline=None)
@given(numbered=NUMBERS, data=st.data())
def test_the_validators_reject_a_number_without_its_hyphens_or_with_a_foreign_character(numbered, data) -> None:
    from validators.rules import load_rules

    family, number = numbered
    schemes = [load_rules().schemes[s] for s in SCHEMES_OF[family]]
    if family != "radio":
        assert not any(rule.accepts(number.replace("-", "")) for rule in schemes), number
    position = data.draw(st.integers(0, len(number) - 1))
    foreign = data.draw(st.sampled_from(["#", "*", "가", "?", ".", "/"]))
    broken = number[:position] + foreign + number[position + 1:]
    assert not any(rule.accepts(broken) for rule in schemes), broken


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=60), ID_TEXT), min_size=1, max_size=3), st.sampled_from(["ocr", "pdf_text"]))
def test_extract_kc_never_raises_on_garbage_pages(texts: list[str], source: str) -> None:
    fields = extract_kc([Page(number=i + 1, source=source, text=t) for i, t in enumerate(texts)])
    assert isinstance(fields, KcCertificateFields)


def test_full_width_digits_and_letters_read_as_their_ascii_forms() -> None:
    # Typed with a Chinese or Korean input method in full-width mode.
    found = kc("안전확인신고증명서\n신고번호：ＹＵ１０１２８－２３００４\n모델명：ＦＮ－Ｍ１２\n"
               "인증일자：２０２５．３．１２．\n한국산업기술시험원")
    assert (found.certificate_number, found.model_name, found.issue_date) == (
        "YU10128-23004", "FN-M12", dt.date(2025, 3, 12))
