"""The committed JSON Schema is generated from the models; results validate against it."""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from casefile.fields import KcCertificateFields, OtherFields
from casefile.result import DocumentResult, Finding, Result
from casefile.schema import SCHEMA_PATH, schema_text


def test_committed_schema_is_current():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == schema_text(), (
        "casefile/result.schema.json is stale: run `make schema` (python -m casefile.schema)")


def sample_result() -> Result:
    kc = KcCertificateFields(certificate_number="YU07421-24031", scheme="safety_confirmation",
                             model_name="HB-H200", issue_date=dt.date(2024, 3, 12))
    return Result(
        case_id="case-0001", as_of=dt.date(2026, 11, 28), status="needs_fixes",
        reason_code="kc_certification", appeal_deadline=dt.date(2026, 11, 27),
        documents=[
            DocumentResult(path="docs/kc.pdf", sha256="a" * 64, kind="kc_certificate", pages=1,
                           text_source="pdf_text", ocr_confidence=None, fields=kc),
            DocumentResult(path="x.png", sha256="b" * 64, kind="other", pages=1, text_source="ocr",
                           ocr_confidence=0.91, fields=OtherFields()),
        ],
        findings=[Finding(code="appeal_deadline_passed", severity="error", message_ko="기한", message_zh="期限")],
    )


def test_result_serialises_to_the_contract_shape_and_validates():
    data = json.loads(sample_result().to_json())
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert list(data) == ["schema_version", "case_id", "as_of", "status", "reason_code", "appeal_deadline",
                          "documents", "findings", "exhibits", "package", "review_sheet"]
    kc = data["documents"][0]["fields"]
    assert set(kc) == {"certificate_number", "scheme", "product_name", "model_name", "manufacturer",
                       "issuer", "issue_date", "expiry_date"}
    assert kc["issue_date"] == "2024-03-12" and kc["expiry_date"] is None
    assert data["documents"][1]["fields"] == {}


def test_contract_strings_are_nfc_and_folded():
    fields = KcCertificateFields(product_name="  미니   가습기\n H2 ", manufacturer="   ")
    assert fields.product_name == "미니 가습기 H2"
    assert fields.manufacturer is None  # never an empty string


def test_schema_rejects_unknown_status():
    data = json.loads(sample_result().to_json())
    data["status"] = "done"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
