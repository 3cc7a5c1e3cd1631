"""The layout randomiser (samples/random): the same seed makes the same documents and truth, every
kind renders through every one of its renditions, and every truth is a valid field record of its
kind in contract form (casefile/fields.py). No OCR here: files are only opened and parsed."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pytest
from docx import Document
from PIL import Image

from casefile.codes import DocumentKind
from casefile.fields import FIELDS_BY_KIND
from samples.random import KINDS, generate, truth_digest
from samples.random.generate import validate_truth

SEED = 20261128
BORN_DIGITAL = ["pdf", "docx", "email", "screenshot"]


def content_digest(path: Path) -> str:
    """What a born-digital file says, not how its bytes happen to be laid out."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        with pdfplumber.open(path) as pdf:
            text = "\f".join(page.extract_text() or "" for page in pdf.pages)
    elif suffix == ".docx":
        doc = Document(path)
        cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
        text = "\n".join([p.text for p in doc.paragraphs] + cells)
    elif suffix == ".eml":
        text = path.read_bytes().decode("ascii")
    else:  # a screenshot: its pixels
        return hashlib.sha256(Image.open(path).convert("RGB").tobytes()).hexdigest()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture(scope="module")
def twice(tmp_path_factory):
    a = generate(SEED, 4, tmp_path_factory.mktemp("a"), renditions=BORN_DIGITAL)
    b = generate(SEED, 4, tmp_path_factory.mktemp("b"), renditions=BORN_DIGITAL)
    return a, b


def test_same_seed_same_documents_and_truth(twice):
    a, b = twice
    assert len(a) == len(b) == 4 * len(KINDS)
    assert truth_digest(a) == truth_digest(b)
    for x, y in zip(a, b):
        assert (x.kind, x.rendition, x.path.name) == (y.kind, y.rendition, y.path.name)
        assert content_digest(x.path) == content_digest(y.path), x.path.name


def test_a_document_does_not_depend_on_what_else_was_asked_for(twice, tmp_path):
    a, _ = twice
    alone = generate(SEED, 2, tmp_path, kinds=["notice_email"], renditions=BORN_DIGITAL)
    same = [s for s in a if s.kind == "notice_email"][:2]
    assert [s.truth for s in alone] == [s.truth for s in same]


def test_another_seed_gives_other_documents(twice, tmp_path):
    a, _ = twice
    other = generate(SEED + 1, 1, tmp_path, kinds=["kc_certificate"], renditions=["pdf"])
    assert other[0].truth != next(s for s in a if s.kind == "kc_certificate").truth


@pytest.fixture(scope="module")
def every_rendition(tmp_path_factory):
    out = tmp_path_factory.mktemp("all")
    n = max(len(renditions) for _, renditions in KINDS.values())
    return out, generate(SEED, n, out)


def test_every_kind_renders_through_every_rendition(every_rendition):
    out, samples = every_rendition
    made = {(s.kind, s.rendition) for s in samples}
    assert made == {(k, r) for k, (_, renditions) in KINDS.items() for r in renditions}
    for s in samples:
        assert s.path.is_file() and s.path.stat().st_size > 500, s.path
        _opens(s.path)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [d["path"] for d in manifest["documents"]] == [s.path.relative_to(out).as_posix() for s in samples]


def test_every_truth_is_a_contract_field_record(every_rendition):
    _, samples = every_rendition
    for s in samples:
        model = FIELDS_BY_KIND[DocumentKind(s.kind)]
        assert set(s.truth) == set(model.model_fields), s.kind
        validate_truth(s.kind, s.truth)   # parses, and is already in contract form
        assert set(s.unscored) <= set(s.truth)
        if s.kind == "seller_center_screenshot":
            assert s.context["product_id"] == s.truth["product_id"]
        if s.kind == "kc_certificate" and s.truth["certificate_number"]:
            assert s.truth["certificate_number"] == s.truth["certificate_number"].upper()


def test_truth_holds_nulls_for_what_is_not_printed(tmp_path):
    """Across a few documents, some fields are absent (null), so the bench can see invented values."""
    samples = generate(SEED, 12, tmp_path, kinds=["kc_certificate", "notice_email"], renditions=["docx", "email"])
    nulls = {k for s in samples for k, v in s.truth.items() if v is None}
    assert {"expiry_date", "deadline"} <= nulls


def _opens(path: Path) -> None:
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        doc = pdfium.PdfDocument(str(path))
        assert len(doc) >= 1
        doc.close()
    elif suffix == ".docx":
        assert Document(path).paragraphs
    elif suffix == ".eml":
        msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert msg["Date"] and msg.get_body(("plain",)).get_content().strip()
    else:
        with Image.open(path) as img:
            img.verify()
