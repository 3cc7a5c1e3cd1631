"""A language lint over every finding message (issue 17, items 2, 4 and 5).

Each message is made by the real `finding()` with names ending in a consonant, a vowel, a Latin
letter and a digit, and with every code a named slot can take; then:
- no slot is left raw (no `{` or `}`),
- the Chinese message holds no Hangul but the names given to it,
- a particle after a name has the form the name needs, and the source never writes one fixed,
- dates read `2026. 1. 5.` in Korean and `2026年1月5日` in Chinese, never ISO,
and the messages agree with the seller's actions on the review sheet (one DPI figure, the same
formats, one Chinese term per concept).
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib

import pytest

from casefile.codes import FindingCode, ReasonCode, Scheme
from casefile.datetext import kdate, zh_date
from casefile.josa import forms, particle
from casefile.pages import PdfSignature
from tests.validators.conftest import facts_for, kc_doc
from validators.authorization import check_signatures
from validators.certificates import check_certificate_numbers
from validators.evidence import check_required_evidence
from validators.findings import finding
from validators.rules import RULES_DIR, load_rules
from validators.timeline import korean_holidays

ACTIONS = RULES_DIR.parents[1] / "renderers" / "templates" / "review_actions_zh.toml"
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
DAY = dt.date(2026, 1, 5)  # a one-digit month and day: the Korean form is not zero-padded
#: A particle after a slot, written fixed: `}이`, `}'가`, `}」을` … (the pair must be named: `{이/가}`).
#: After `)` it is not: a particle after a parenthetical goes with the word before `(` (`기한({deadline})이`).
FIXED_PARTICLE = re.compile(r"\}['’\"”」』]?(?:은|는|이|가|을|를|과|와|으로|로|이며|며|이라는|라는|이나|나|란)")
PAIRS = ["이/가", "은/는", "을/를", "과/와", "으로/로"]

#: Names whose Korean reading ends in a consonant, a vowel, a Latin letter and a digit.
ENDINGS = {
    "consonant": "주식회사 한빛무역",
    "vowel": "다온리빙 시카 토너",
    "latin": "HANBIT KC",
    "digit": "HB-H200",
}


def _facts(code: FindingCode, name: str, named: dict[str, str]) -> dict[str, object]:
    """A value for every slot the message needs, by the slot's kind."""
    wording = load_rules().wording
    facts: dict[str, object] = {}
    for slot in sorted(load_rules().messages[code].slots() - {"docs"}):
        kind = wording.slots[slot]
        if kind == "date":
            facts[slot] = DAY
        elif kind == "number":
            facts[slot] = 3
        elif kind == "named":
            facts[slot] = named[slot]
        elif kind == "bilingual":
            facts[slot] = f"{name}: 서명 후 문서가 변경됨 / 签名后文件被修改"
        elif kind == "holidays":
            facts[slot] = f"{DAY.isoformat()} 설날, 2026-05-05 부처님오신날; 어린이날"
        elif kind != "derived":
            facts[slot] = name
    return facts


def _named_choices() -> list[dict[str, str]]:
    """Each code and Korean title a named slot may be given (validators/certificates.py passes the
    scheme's title_ko, or "KC" when the scheme is unknown)."""
    schemes = [s.value for s in Scheme] + [load_rules().schemes[s].title_ko for s in Scheme] + ["KC"]
    reasons = [r.value for r in ReasonCode]
    return [{"scheme": s, "reason": reasons[i % len(reasons)]} for i, s in enumerate(schemes)]


CASES = [(code, ending, named) for code in FindingCode for ending in ENDINGS for named in
         (_named_choices() if load_rules().wording.slots.keys() & load_rules().messages[code].slots()
          & {"scheme", "reason"} else [{}])]


def _check_rendered(ko: str, zh: str, names: list[str]) -> None:
    assert "{" not in ko + zh and "}" not in ko + zh, (ko, zh)
    stripped = zh
    for name in sorted(names, key=len, reverse=True):
        stripped = stripped.replace(name, "")
    assert not HANGUL.search(stripped), f"Korean in a Chinese sentence: {zh}"
    assert not ISO_DATE.search(ko) and not ISO_DATE.search(zh), (ko, zh)
    for name in names:
        for match in re.finditer(re.escape(name) + r"['’”」]?", ko):
            after = ko[match.end():]
            for pair in PAIRS:
                consonant, vowel = forms(pair)
                written = next((f for f in sorted((consonant, vowel), key=len, reverse=True)
                                if after.startswith(f)), None)
                if written:
                    right = particle(name, pair)
                    assert after.startswith(right), f"{name!r} takes {right}, not {written}: {ko}"


@pytest.mark.parametrize(("code", "ending", "named"), CASES,
                         ids=[f"{c}-{e}-{'-'.join(n.values()) or 'plain'}" for c, e, n in CASES])
def test_every_message_renders_cleanly_for_every_kind_of_ending(code, ending, named):
    name = ENDINGS[ending]
    docs = [f"docs/{name}.pdf"]
    facts = _facts(code, name, named)
    found = finding(code, docs, **facts)
    _check_rendered(found.message_ko, found.message_zh, [name, *docs, ", ".join(docs)])
    if any(isinstance(v, dt.date) for v in facts.values()):
        assert kdate(DAY) in found.message_ko and zh_date(DAY) in found.message_zh


@pytest.mark.parametrize("code", list(FindingCode), ids=str)
def test_with_unsure_inputs_the_note_is_in_each_language_too(code):
    facts = _facts(code, ENDINGS["digit"], _named_choices()[0])
    found = finding(code, ["kc.png"], unsure=["certificate_number", "grantee"], **facts)
    _check_rendered(found.message_ko, found.message_zh, [ENDINGS["digit"], "kc.png"])


def test_no_message_writes_a_particle_fixed_after_a_slot():
    rules = load_rules()
    texts = {f"{code}.{lang}": getattr(m, lang) for code, m in rules.messages.items() for lang in ("ko", "zh")}
    texts["certainty.unverified.ko"] = rules.certainty.unverified.ko
    fixed = {where: FIXED_PARTICLE.findall(text) for where, text in texts.items() if FIXED_PARTICLE.search(text)}
    assert fixed == {}


# -- the slips issue 17 lists, through the real checks ---------------------------------------------


@pytest.mark.parametrize("reason", list(ReasonCode), ids=str)
def test_missing_evidence_names_the_reason_and_documents_in_each_language(reason):
    found = check_required_evidence(facts_for([], appeal={"reason": reason.value}))
    for f in found:
        assert reason.value not in f.message_ko and reason.value not in f.message_zh
        names = load_rules().wording.names["reason"][reason.value]
        assert names.ko in f.message_ko and names.zh in f.message_zh
        _check_rendered(f.message_ko, f.message_zh, [])


@pytest.mark.parametrize("scheme", list(Scheme), ids=str)
def test_an_invalid_number_points_to_the_site_that_looks_up_its_scheme(scheme):
    [found] = check_certificate_numbers(facts_for([kc_doc(certificate_number="ZZ-1", scheme=scheme)]))
    radio = scheme is Scheme.radio_conformity
    for text in (found.message_ko, found.message_zh):
        assert ("rra.go.kr" in text) is radio and ("safetykorea.kr" in text) is not radio
    _check_rendered(found.message_ko, found.message_zh, ["ZZ-1", "kc.pdf"])
    [unknown] = check_certificate_numbers(facts_for([kc_doc(certificate_number="ZZ-1")]))
    assert "rra.go.kr" in unknown.message_zh and "safetykorea.kr" in unknown.message_zh


def test_every_korean_holiday_has_a_chinese_name():
    """The `holidays` package's Korean names over several years, as validators/timeline.py gives them."""
    cal = korean_holidays(2024, 2030)
    listed = ", ".join(f"{day.isoformat()} {name}" for day, name in sorted(cal.items()))
    found = finding(FindingCode.holiday_slowdown, as_of=DAY, deadline=DAY, holidays=listed)
    _check_rendered(found.message_ko, found.message_zh, [])


def test_a_signature_failure_says_what_failed_in_each_language():
    facts = facts_for([])
    facts.signatures = {"loa.pdf": [PdfSignature(field_name="Sig1", signer="Common Name: 김철수", intact=False,
                                                 valid=False)]}
    [found] = check_signatures(facts)
    assert "김철수" in found.message_ko and "김철수" in found.message_zh  # the signer, a name
    assert "签名后文件被修改" in found.message_zh and "签名后" not in found.message_ko
    _check_rendered(found.message_ko, found.message_zh, ["김철수", "loa.pdf"])


def test_seller_mismatch_asks_for_a_letter_naming_the_seller_as_grantee():
    found = finding(FindingCode.seller_mismatch, ["loa.pdf"], grantee="주식회사 한빛상사", seller="주식회사 한빛무역")
    assert "被授权方" in found.message_zh and "将卖家列为被授权方" in found.message_zh
    assert "수임인으로" in found.message_ko
    assert "以卖家名义出具" not in found.message_zh


# -- messages and the review sheet's actions say the same ------------------------------------------


def _actions() -> dict[str, str]:
    return tomllib.loads(ACTIONS.read_text(encoding="utf-8"))["actions"]


def _all_chinese() -> dict[str, str]:
    rules = load_rules()
    texts = {f"message {code}": m.zh for code, m in rules.messages.items()}
    texts |= {f"action {code}": text for code, text in _actions().items()}
    texts["certainty.unverified"] = rules.certainty.unverified.zh
    return texts


def test_every_finding_has_an_action_in_chinese_only():
    actions = _actions()
    assert set(actions) == {str(c) for c in FindingCode}
    assert {code: text for code, text in actions.items() if HANGUL.search(text) or "{" in text} == {}


def test_one_dpi_figure_everywhere():
    rules = load_rules()
    texts = [*(m.ko for m in rules.messages.values()), *_all_chinese().values(), rules.certainty.unverified.ko]
    assert {int(n) for t in texts for n in re.findall(r"(\d+) DPI", t)} == {300}


def test_the_accepted_formats_are_the_same_in_the_messages_and_the_action():
    contract = {"PDF", "JPG", "PNG", "TIFF", "WEBP", "DOCX", "EML", "TXT"}  # CONTRACT.md "Input: a case"
    message = load_rules().messages[FindingCode.unsupported_format]
    action = _actions()["unsupported_format"]
    for text in (message.ko, message.zh, action):
        assert set(re.findall(r"\b[A-Z]{3,4}\b", text)) == contract, text


@pytest.mark.parametrize(("avoid", "why"), [
    ("下架", "판매중지 is 停售 throughout"),
    ("标示", "a Korean-ism: 标注"),
    ("「", "Chinese quotes are “…”"),
    ("」", "Chinese quotes are “…”"),
    ("改正日期", "never ask for a date to be changed on a signed letter"),
    ("以卖家名义出具", "the seller is the grantee, not the issuer"),
    ("营业执照", "사업자등록증 is 营业登记证"),
    ("事业者登录", "사업자등록번호 is 营业登记号"),
])
def test_one_chinese_term_per_concept(avoid, why):
    assert {where: text for where, text in _all_chinese().items() if avoid in text} == {}, why

