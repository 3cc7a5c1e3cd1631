"""The committed samples are what the generator makes, and their expected outcomes speak the contract."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import tomllib
import zipfile
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from samples.generate import AS_OF, generate

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
IDS = sorted(p.stem for p in (SAMPLES / "expected").glob("*.json"))

# Copied from shared/CONTRACT.md on purpose: the samples check the contract, not the product's reading of it.
STATUSES = {"ready", "needs_fixes", "failed"}
REASONS = {"kc_certification", "ip_infringement", "cosmetics_labeling", "listing_mismatch", "other"}
SEVERITY = {
    "unsupported_format": "error", "unreadable_document": "error", "low_resolution": "warning",
    "encrypted_pdf": "error", "certificate_number_invalid": "error", "certificate_expired": "error",
    "certificate_expiring_soon": "warning", "authorization_expired": "error",
    "authorization_not_yet_valid": "error", "signature_missing": "error", "signature_invalid": "error",
    "prohibited_ingredient": "error", "restricted_ingredient": "warning", "business_number_invalid": "error",
    "model_mismatch": "error", "product_mismatch": "warning", "seller_mismatch": "error",
    "brand_mismatch": "error", "missing_required_evidence": "error", "appeal_deadline_passed": "error",
    "resubmission_too_soon": "error", "unknown_delisting_reason": "error", "duplicate_document": "info",
    "holiday_slowdown": "info",
}
KIND_FIELDS = {
    "kc_certificate": {"certificate_number", "scheme", "product_name", "model_name", "manufacturer",
                       "issuer", "issue_date", "expiry_date"},
    "ingredient_list": {"product_name", "ingredients"},
    "authorization_letter": {"grantor", "grantee", "brand", "valid_from", "valid_until", "signature"},
    "seller_center_screenshot": {"product_id", "product_name", "status", "reason"},
    "notice_email": {"product_id", "reason", "reason_code", "notice_date", "deadline"},
    "other": set(),
}
SCHEMES = {"safety_certification", "safety_confirmation", "supplier_conformity", "radio_conformity"}
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
IMAGES = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".webp"}


def brn_is_valid(number: str) -> bool:
    """사업자등록번호 check digit, DOMAIN.md §4.1 (kept apart from the product's own check)."""
    d = [int(c) for c in number.replace("-", "")]
    if len(d) != 10:
        return False
    s = sum(x * w for x, w in zip(d, (1, 3, 7, 1, 3, 7, 1, 3, 5))) + d[8] * 5 // 10
    return (10 - s % 10) % 10 == d[9]


def test_brn_check_itself():
    assert brn_is_valid("124-81-00998") and brn_is_valid("220-81-62517")
    assert not brn_is_valid("123-45-67890")


def case_files(cases: Path, case_id: str) -> dict[str, bytes]:
    """Every file of a case by its path inside the case folder, whether it is a folder or a zip."""
    folder, archive = cases / case_id, cases / f"{case_id}.zip"
    if folder.is_dir():
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    with zipfile.ZipFile(archive) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        tops = {n.split("/", 1)[0] for n in names}
        assert len(tops) == 1 and all("/" in n for n in names), "a case zip holds exactly one folder"
        return {n.split("/", 1)[1]: zf.read(n) for n in names}


def load_expected(case_id: str) -> dict:
    return json.loads((SAMPLES / "expected" / f"{case_id}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("samples")
    generate(root / "cases", root / "expected")
    return root


def test_there_are_samples():
    assert len(IDS) >= 5


def test_generator_makes_every_expected_case(generated):
    made = sorted(p.stem for p in (generated / "expected").glob("*.json"))
    assert made == IDS
    for case_id in IDS:
        assert (generated / "expected" / f"{case_id}.json").read_bytes() == \
               (SAMPLES / "expected" / f"{case_id}.json").read_bytes()


def test_cases_folder_holds_only_the_cases():
    present = {p.name for p in (SAMPLES / "cases").iterdir()}
    wanted = {i for i in IDS if (SAMPLES / "cases" / i).is_dir()} | \
             {f"{i}.zip" for i in IDS if (SAMPLES / "cases" / f"{i}.zip").is_file()}
    assert present == wanted and len(wanted) == len(IDS)


def _pdf_text(data: bytes) -> list[str]:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def _docx_text(data: bytes) -> list:
    from docx import Document

    doc = Document(io.BytesIO(data))
    out = [p.text for p in doc.paragraphs]
    out += [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    return out


def assert_same_content(name: str, committed: bytes, fresh: bytes) -> None:
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" and committed.startswith(b"%PDF") and b"/Encrypt" not in committed:
        assert _pdf_text(committed) == _pdf_text(fresh), name
    elif suffix == ".docx":
        assert _docx_text(committed) == _docx_text(fresh), name
    elif suffix in IMAGES:
        a, b = Image.open(io.BytesIO(committed)), Image.open(io.BytesIO(fresh))
        assert (a.size, a.mode) == (b.size, b.mode), name
        # Codecs may differ by a grey level between library builds; the picture may not.
        diff = np.abs(np.asarray(a, dtype=np.float32) - np.asarray(b, dtype=np.float32)).mean()
        assert diff < 1.0, f"{name}: mean pixel difference {diff:.2f}"
    else:
        assert committed == fresh, name


@pytest.mark.parametrize("case_id", IDS)
def test_committed_case_is_what_the_generator_makes(generated, case_id):
    committed = case_files(SAMPLES / "cases", case_id)
    fresh = case_files(generated / "cases", case_id)
    assert sorted(committed) == sorted(fresh)
    for name in committed:
        assert_same_content(name, committed[name], fresh[name])


@pytest.mark.parametrize("case_id", IDS)
def test_expected_outcome_is_well_formed(case_id):
    exp = load_expected(case_id)
    assert set(exp) <= {"case_id", "as_of", "status", "reason_code", "findings", "absent", "fields"}
    assert exp["case_id"] == case_id and exp["as_of"] == AS_OF
    assert exp["status"] in STATUSES
    assert exp["reason_code"] is None or exp["reason_code"] in REASONS
    assert set(exp["findings"]) <= set(SEVERITY) and set(exp["absent"]) <= set(SEVERITY)
    assert not set(exp["findings"]) & set(exp["absent"])
    has_error = any(SEVERITY[c] == "error" for c in exp["findings"])
    if exp["status"] == "ready":
        assert not has_error
    if has_error:
        assert exp["status"] in {"needs_fixes", "failed"}

    files = case_files(SAMPLES / "cases", case_id)
    for path, fields in exp["fields"].items():
        assert path.split("#", 1)[0] in files, f"{path} is not in the case"
        kind = fields["kind"]
        assert kind in KIND_FIELDS and set(fields) - {"kind"} <= KIND_FIELDS[kind]
        for key, value in fields.items():
            if key.endswith("_date") or key in {"deadline", "valid_from", "valid_until"}:
                assert value is None or DATE.match(value), (path, key, value)
        if "scheme" in fields:
            assert fields["scheme"] in SCHEMES
        number = fields.get("certificate_number")
        if number is not None:
            assert number == number.upper() and " " not in number
        if fields.get("scheme") == "supplier_conformity":
            assert number is None, "공급자적합성확인 has no certificate number"


@pytest.mark.parametrize("case_id", IDS)
def test_business_number_check_digit(case_id):
    exp = load_expected(case_id)
    toml = case_files(SAMPLES / "cases", case_id).get("case.toml")
    number = tomllib.loads(toml.decode("utf-8")).get("seller", {}).get("business_number") if toml else None
    if number is None:
        pytest.skip("no business number in this case")
    meant_invalid = "business_number_invalid" in exp["findings"]
    assert brn_is_valid(number) != meant_invalid, number


def test_samples_stay_small():
    total = sum(p.stat().st_size for p in SAMPLES.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert total < 15_000_000  # the brief allows ~15 MB for the whole samples folder
    for case_id in IDS:
        for name, data in case_files(SAMPLES / "cases", case_id).items():
            if Path(name).suffix.lower() in IMAGES:
                w, h = Image.open(io.BytesIO(data)).size
                assert max(w, h) <= 3508 and min(w, h) <= 2480, name


@pytest.mark.ocr
def test_scan_is_readable_but_not_clean_text():
    """The 300-DPI scan must be readable by plain Tesseract (whitespace aside), or its expectations are unfair."""
    pytesseract = pytest.importorskip("pytesseract")
    tesseract = shutil.which("tesseract")
    listed = subprocess.run([tesseract, "--list-langs"], capture_output=True, text=True).stdout if tesseract else ""
    if "Hangul" not in listed.split():
        pytest.skip("Tesseract with the Hangul script model is not installed")
    img = Image.open(SAMPLES / "cases" / "kc-expired-charger" / "scan001.jpg")
    text = re.sub(r"\s+", "", pytesseract.image_to_string(img, lang="Hangul+eng", config="--psm 6"))
    fields = load_expected("kc-expired-charger")["fields"]["scan001.jpg"]
    assert fields["certificate_number"] in text
    assert fields["model_name"] in text
    assert "2023.5.10.~2026.5.9." in text
