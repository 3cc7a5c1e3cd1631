"""Each check fires where it must and stays quiet on the near miss."""

from __future__ import annotations

import datetime as dt

from casefile.codes import FindingCode, ReasonCode, Status
from tests.validators.conftest import AS_OF, facts_for, kc_doc, notice_doc
from validators import check_case, status_of
from validators.identity import business_number_valid

KC_OK = dict(certificate_number="YU07421-24031", scheme="safety_confirmation", model_name="HB-H200")
LISTING = {"listing": {"model_name": "HB-H200"}, "appeal": {"reason": "kc_certification", "notice_date": "2026-11-24"}}


def codes(findings):
    return [f.code for f in findings]


def test_a_clean_kc_case_has_no_error():
    findings = check_case(facts_for([kc_doc(**KC_OK)], **LISTING))
    assert status_of(findings) is Status.ready, findings


def test_certificate_number_invalid_fires_and_near_miss_passes():
    bad = check_case(facts_for([kc_doc(**{**KC_OK, "certificate_number": "YU-07421"})], **LISTING))
    assert FindingCode.certificate_number_invalid in codes(bad)
    assert "YU-07421" in bad[0].message_ko
    lower = check_case(facts_for([kc_doc(**{**KC_OK, "certificate_number": "yu07421-24031"})], **LISTING))
    assert FindingCode.certificate_number_invalid not in codes(lower)


def test_supplier_conformity_needs_no_number():
    doc = kc_doc(scheme="supplier_conformity", model_name="HB-H200")
    assert FindingCode.certificate_number_invalid not in codes(check_case(facts_for([doc], **LISTING)))


def test_expired_expiring_and_valid_on_the_day():
    expired = check_case(facts_for([kc_doc(**KC_OK, expiry_date=AS_OF - dt.timedelta(days=1))], **LISTING))
    assert FindingCode.certificate_expired in codes(expired)
    same_day = check_case(facts_for([kc_doc(**KC_OK, expiry_date=AS_OF)], **LISTING))
    assert FindingCode.certificate_expired not in codes(same_day)
    assert FindingCode.certificate_expiring_soon in codes(same_day)
    far = check_case(facts_for([kc_doc(**KC_OK, expiry_date=AS_OF + dt.timedelta(days=31))], **LISTING))
    assert not {FindingCode.certificate_expired, FindingCode.certificate_expiring_soon} & set(codes(far))


def test_model_mismatch_fires_but_not_for_spacing_case_or_dash_variants():
    other = check_case(facts_for([kc_doc(**{**KC_OK, "model_name": "HB-H300"})], **LISTING))
    assert FindingCode.model_mismatch in codes(other)
    variant = check_case(facts_for([kc_doc(**{**KC_OK, "model_name": "hb – h200"})], **LISTING))
    assert FindingCode.model_mismatch not in codes(variant)


def test_missing_required_evidence_and_unknown_reason():
    nothing = check_case(facts_for([], **LISTING))
    assert FindingCode.missing_required_evidence in codes(nothing)
    unknown = check_case(facts_for([kc_doc(**KC_OK)]))
    assert codes(unknown) == [FindingCode.unknown_delisting_reason]


def test_reason_and_dates_come_from_the_notice_when_case_toml_is_silent():
    facts = facts_for([kc_doc(**KC_OK), notice_doc(reason_code="kc_certification",
                                                   notice_date=dt.date(2026, 11, 20))])
    assert facts.reason_code is ReasonCode.kc_certification
    assert facts.appeal_deadline == dt.date(2026, 11, 27)
    printed = facts_for([notice_doc(reason_code="kc_certification", notice_date=dt.date(2026, 11, 20),
                                    deadline=dt.date(2026, 12, 4))])
    assert printed.appeal_deadline == dt.date(2026, 12, 4)


def test_deadline_passed_but_not_on_the_day_itself():
    on_the_day = facts_for([kc_doc(**KC_OK)], listing={"model_name": "HB-H200"},
                           appeal={"reason": "kc_certification", "notice_date": "2026-11-21"})
    assert on_the_day.appeal_deadline == AS_OF
    assert FindingCode.appeal_deadline_passed not in codes(check_case(on_the_day))
    late = facts_for([kc_doc(**KC_OK)], appeal={"reason": "kc_certification", "notice_date": "2026-11-20"})
    assert FindingCode.appeal_deadline_passed in codes(check_case(late))


def test_holiday_slowdown_is_info_and_only_when_a_holiday_falls_in_the_window():
    chuseok = facts_for([kc_doc(**KC_OK)], as_of=dt.date(2026, 9, 21),
                        appeal={"reason": "kc_certification", "notice_date": "2026-09-20"})
    found = [f for f in check_case(chuseok) if f.code is FindingCode.holiday_slowdown]
    assert found and found[0].severity.value == "info" and "2026. 9. 24. 추석 전날" in found[0].message_ko
    assert "2026年9月24日 中秋节前一天" in found[0].message_zh
    quiet = facts_for([kc_doc(**KC_OK)], appeal={"reason": "kc_certification", "notice_date": "2026-11-24"})
    assert FindingCode.holiday_slowdown not in codes(check_case(quiet))


def test_resubmission_too_soon():
    soon = facts_for([kc_doc(**KC_OK)], appeal={"reason": "kc_certification", "previous_appeal_date": "2026-11-22"})
    assert FindingCode.resubmission_too_soon in codes(check_case(soon))
    week = facts_for([kc_doc(**KC_OK)], appeal={"reason": "kc_certification", "previous_appeal_date": "2026-11-21"})
    assert FindingCode.resubmission_too_soon not in codes(check_case(week))


def test_business_number_check_digit():
    for good in ("124-81-00998", "220-81-62517", "120-81-47521", "723-87-00195", "208-82-03460"):
        assert business_number_valid(good), good
    assert not business_number_valid("123-45-67890")
    assert not business_number_valid("124-81-0099")
    bad = facts_for([kc_doc(**KC_OK)], seller={"business_number": "124-81-00997"}, **LISTING)
    assert FindingCode.business_number_invalid in codes(check_case(bad))


def test_duplicates_are_one_info_finding():
    twice = [kc_doc("a.pdf", **KC_OK), kc_doc("b.pdf", **KC_OK)]
    found = [f for f in check_case(facts_for(twice, **LISTING)) if f.code is FindingCode.duplicate_document]
    assert len(found) == 1 and found[0].documents == ["a.pdf", "b.pdf"]
