"""Whole random cases with planted faults (samples/random/cases.py, issue 15 part 6): the same seed
makes the same cases and truth, each planted fault shows in the documents' own truth, near misses
are listed as absent, and every case.toml is valid. No OCR: most cases are planned and composed
without rendering; a few are rendered born-digital."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections import Counter

import pytest

from casefile.config import parse_case_toml
from casefile.text import fold_dashes
from samples.random.cases import AS_OF, CODES, PLAN, WARNINGS, build_case, case_toml, generate_cases, plan_case
from samples.random.generate import KINDS, compose_one

SEED = 20261128
N = 2 * len(PLAN)  # every code planted twice


@pytest.fixture(scope="module")
def cases():
    return [build_case(SEED, i, None) for i in range(N)]


def _digest(case) -> str:
    d = case.record(case.path.parent) if case.path.is_absolute() else {**case.__dict__, "path": str(case.path)}
    return json.dumps(d, ensure_ascii=False, sort_keys=True, default=str)


def test_same_seed_same_cases_and_truth(cases):
    again = [build_case(SEED, i, None) for i in range(N)]
    assert [_digest(a) for a in cases] == [_digest(b) for b in again]
    assert [_digest(a) for a in cases] != [_digest(build_case(SEED + 1, i, None)) for i in range(N)]


def test_case_does_not_depend_on_n():
    assert _digest(build_case(SEED, 5, None)) == _digest(generate_cases(SEED, 6, None)[5])


def test_every_code_planted_equally(cases):
    planted = Counter(c.fault for c in cases)
    assert {code: planted[code] for code in CODES} == dict.fromkeys(CODES, 2)
    assert planted[None] == 2 * PLAN.count(None)


def test_truth_is_coherent(cases):
    for c in cases:
        assert c.expected == ([c.fault] if c.fault else [])
        assert not set(c.expected) & set(c.absent)
        assert set(CODES) - set(c.expected) <= set(c.absent)
        assert set(c.near_misses) <= set(c.absent), c.case_id
        assert c.status == ("needs_fixes" if c.fault and c.fault not in WARNINGS else "ready")


def test_case_toml_parses(cases):
    for c in cases:
        config = parse_case_toml(case_toml(plan_case(SEED, int(c.case_id[-3:]))["config"]))
        assert config.appeal.reason.value == c.reason
        assert config.listing.model_name == c.config["listing"]["model_name"]
        assert config.seller.name_ko == c.config["seller"]["name_ko"]


def _docs(case, kind):
    return [d for d in case.documents if d["kind"] == kind]


def _model_key(model: str) -> str:
    return fold_dashes(re.sub(r"\s+", "", model)).upper()


def _company_key(name: str) -> str:
    return re.sub(r"주식회사|\(주\)|㈜|\s", "", name)


def _check_digit_ok(number: str) -> bool:
    d = [int(x) for x in re.sub(r"\D", "", number)]
    total = sum(x * w for x, w in zip(d[:9], (1, 3, 7, 1, 3, 7, 1, 3, 5))) + d[8] * 5 // 10
    return (10 - total % 10) % 10 == d[9]


def test_documents_agree_with_case_toml_unless_a_fault_says_otherwise(cases):
    for c in cases:
        listing, seller = c.config["listing"], c.config["seller"]
        for d in _docs(c, "kc_certificate"):
            if c.fault != "model_mismatch":
                assert _model_key(d["truth"]["model_name"]) == _model_key(listing["model_name"]), c.case_id
            assert d["truth"]["product_name"] in (None, listing["product_name"])
        for d in _docs(c, "authorization_letter"):
            t = d["truth"]
            if c.fault != "brand_mismatch":
                assert t["brand"].upper() == listing["brand"].upper(), c.case_id
            if c.fault != "seller_mismatch":
                assert t["grantee"] in (seller["name"],) or _company_key(t["grantee"]) == _company_key(seller["name_ko"])
            if c.fault not in ("authorization_expired", "authorization_not_yet_valid"):
                assert t["valid_from"] <= AS_OF.isoformat() <= (t["valid_until"] or "9999")
            if c.fault != "signature_missing":
                assert t["signature"] != "none"
        for d in _docs(c, "seller_center_screenshot") + _docs(c, "notice_email"):
            assert d["truth"]["product_id"] == listing["product_id"]
        for d in _docs(c, "ingredient_list"):
            assert d["truth"]["product_name"] in (None, listing["product_name"])
        for d in _docs(c, "notice_email"):
            assert d["truth"]["notice_date"] == c.config["appeal"]["notice_date"]
            assert d["truth"]["reason_code"] == c.reason


def _first(case, kind) -> dict:
    return _docs(case, kind)[0]["truth"]


def _days_to(iso: str) -> int:
    return (dt.date.fromisoformat(iso) - AS_OF).days


_KC_NUMBER = re.compile(r"[A-Z]{2}\d{5,7}-\d{4,6}[A-Z]?|CB\d{3}[A-Z]\d{3,6}-\d{4,5}[A-Z]?"
                        r"|(R|MSIP)-([CRI]|[CRI][RTEM][MIS])-[A-Z0-9]{3}-[A-Z0-9_-]{1,14}")
_BANNED = {"메칠렌글라이콜", "클로로아트라놀", "하이드로퀴논", "아트라놀", "니트로메탄"}

#: Per planted code: does the documents' (or case.toml's) own truth show the fault?
SHOWS = {
    "certificate_expired": lambda c: _days_to(_first(c, "kc_certificate")["expiry_date"]) < 0,
    "certificate_expiring_soon": lambda c: 0 <= _days_to(_first(c, "kc_certificate")["expiry_date"]) <= 30,
    "certificate_number_invalid": lambda c: not _KC_NUMBER.fullmatch(_first(c, "kc_certificate")["certificate_number"]),
    "model_mismatch": lambda c: _model_key(_first(c, "kc_certificate")["model_name"])
    != _model_key(c.config["listing"]["model_name"]),
    "seller_mismatch": lambda c: _company_key(_first(c, "authorization_letter")["grantee"])
    != _company_key(c.config["seller"]["name_ko"]) and _first(c, "authorization_letter")["grantee"] != c.config["seller"]["name"],
    "brand_mismatch": lambda c: _first(c, "authorization_letter")["brand"].upper() != c.config["listing"]["brand"].upper(),
    "authorization_expired": lambda c: _days_to(_first(c, "authorization_letter")["valid_until"]) < 0,
    "authorization_not_yet_valid": lambda c: _days_to(_first(c, "authorization_letter")["valid_from"]) > 0,
    "signature_missing": lambda c: _first(c, "authorization_letter")["signature"] == "none",
    "prohibited_ingredient": lambda c: bool(set(_first(c, "ingredient_list")["ingredients"]) & _BANNED),
    "missing_required_evidence": lambda c: {d["kind"] for d in c.documents} <= {"notice_email"},
    "appeal_deadline_passed": lambda c: _days_to(c.config["appeal"]["notice_date"]) + 7 < 0
    and all(d["truth"]["deadline"] is None or _days_to(d["truth"]["deadline"]) < 0 for d in _docs(c, "notice_email")),
    "resubmission_too_soon": lambda c: 0 <= -_days_to(c.config["appeal"]["previous_appeal_date"]) < 7,
    "business_number_invalid": lambda c: not _check_digit_ok(c.config["seller"]["business_number"]),
}


def test_each_planted_fault_shows_in_the_documents_truth(cases):
    assert set(SHOWS) == set(CODES)
    for c in cases:
        if c.fault:
            assert SHOWS[c.fault](c), (c.case_id, c.fault, c.notes)
        if c.fault != "business_number_invalid" and "business_number" in c.config["seller"]:
            assert _check_digit_ok(c.config["seller"]["business_number"])


def test_near_misses_are_near_and_absent(cases):
    seen = Counter()
    for c in cases:
        for code, what in c.near_misses.items():
            seen[code] += 1
            assert code in c.absent and code not in c.expected, (c.case_id, code)
            assert what
        if "model_mismatch" in c.near_misses:
            model = _docs(c, "kc_certificate")[0]["truth"]["model_name"]
            assert model != c.config["listing"]["model_name"]
            assert _model_key(model) == _model_key(c.config["listing"]["model_name"])
        if "seller_mismatch" in c.near_misses:
            grantee = _docs(c, "authorization_letter")[0]["truth"]["grantee"]
            assert grantee != c.config["seller"]["name_ko"]
            assert _company_key(grantee).replace(" ", "") == _company_key(c.config["seller"]["name_ko"])
        if "authorization_expired" in c.near_misses:
            assert _docs(c, "authorization_letter")[0]["truth"]["valid_until"] == AS_OF.isoformat()
        if "certificate_expiring_soon" in c.near_misses:
            expiry = dt.date.fromisoformat(_docs(c, "kc_certificate")[0]["truth"]["expiry_date"])
            assert (expiry - AS_OF).days >= 31
        if "resubmission_too_soon" in c.near_misses:
            assert (AS_OF - dt.date.fromisoformat(c.config["appeal"]["previous_appeal_date"])).days >= 7
    assert len(seen) >= 10


def test_overrides_leave_single_documents_alone():
    """The composers' new `given` is optional: without it a seed gives what it gave before the
    overrides were added (digest taken from the composers as they were)."""
    h = hashlib.sha256()
    for kind, (_, renditions) in KINDS.items():
        for i in range(4):
            c = compose_one(7, kind, i, renditions[0])
            h.update(json.dumps([c.truth, c.layout], ensure_ascii=False, sort_keys=True).encode())
    assert h.hexdigest() == "0032a37f1f7f181ee61f1f61bb486b0a2cae2440f445c8ff26649cb42052efca"


def test_rendered_cases(tmp_path):
    written = generate_cases(SEED, 3, tmp_path, renditions=["pdf", "docx", "email"])
    manifest = json.loads((tmp_path / "cases.json").read_text(encoding="utf-8"))
    assert [c["case_id"] for c in manifest["cases"]] == [c.case_id for c in written]
    for c in written:
        assert (c.path / "case.toml").is_file()
        parse_case_toml((c.path / "case.toml").read_text(encoding="utf-8"))
        for d in c.documents:
            assert (c.path / d["path"]).is_file(), d["path"]
            assert d["rendition"] in ("pdf", "docx", "email")
