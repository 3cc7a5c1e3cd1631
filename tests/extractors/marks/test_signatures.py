"""A signature covers what it signed, nothing after it: real letters signed with pyHanko, then
changed the way a seller's tool would change them, each change an incremental update made with
pyHanko's own writer (so the signed bytes stay intact and only the difference analysis can tell)."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from casefile.codes import FindingCode, SignatureKind
from casefile.config import CaseConfig
from casefile.pages import Page, ReadResult
from extractors.fields import FieldContext
from extractors.fields.authorization import extract_authorization
from extractors.marks.signatures import TRUST_ROOTS_ENV, pdf_signatures, signed_revision
from extractors.readers.read import read_file
from tests.extractors.fields.test_authorization import letter_html, self_signed  # noqa: F401 - a fixture
from validators.authorization import check_signatures
from validators.facts import resolve_facts

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
#: Stamped above the letter's own period after signing: read from the whole file, it would win.
FORGED_PERIOD = "위임기간: 2026년 1월 1일부터 2099년 12월 31일까지"
SIGNED_UNTIL = dt.date(2026, 12, 31)


@pytest.fixture(autouse=True)
def _untrusted(monkeypatch):
    monkeypatch.delenv(TRUST_ROOTS_ENV, raising=False)


@pytest.fixture(scope="module")
def letter() -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html()).write_pdf()


@pytest.fixture(scope="module")
def sign(self_signed):  # noqa: F811 - the imported fixture
    def _sign(data: bytes, field: str = "Sig1", certify: bool = False,
              permission: fields.MDPPerm = fields.MDPPerm.FILL_FORMS) -> bytes:
        meta = signers.PdfSignatureMetadata(field_name=field, certify=certify, docmdp_permissions=permission)
        out = io.BytesIO()
        signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), meta, signer=self_signed[0], output=out)
        return out.getvalue()

    return _sign


@pytest.fixture(scope="module")
def signed(letter, sign) -> bytes:
    return sign(letter)


def save(tmp_path: Path, data: bytes, name: str = "loa.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def updated(data: bytes, change) -> bytes:
    """`data` with one incremental update appended by pyHanko's writer, made by `change(writer)`."""
    writer = IncrementalPdfFileWriter(io.BytesIO(data))
    change(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def stamp_text(writer: IncrementalPdfFileWriter) -> None:
    """A line of Korean text drawn onto page 1, in the top margin above the letter's title."""
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStamp, TextStampStyle

    style = TextStampStyle(stamp_text=FORGED_PERIOD, border_width=0,
                           text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(NANUM), font_size=11))
    TextStamp(writer, style).apply(0, 57, 790)


def paint_box(writer: IncrementalPdfFileWriter) -> None:
    """A white rectangle appended to page 1's content, over the letter's period line."""
    box = writer.add_object(generic.StreamObject(stream_data=b"q 1 1 1 rg 50 578 500 24 re f Q"))
    writer.add_stream_to_page(0, box)


def cover_with_annotation(writer: IncrementalPdfFileWriter) -> None:
    """A white Square annotation over the period line: the page's text is untouched, what shows is not."""
    rect = (50, 578, 550, 602)
    look = writer.add_object(generic.StreamObject(
        {pdf_name("/Type"): pdf_name("/XObject"), pdf_name("/Subtype"): pdf_name("/Form"),
         pdf_name("/BBox"): generic.ArrayObject(generic.FloatObject(v) for v in (0, 0, 500, 24))},
        stream_data=b"1 1 1 rg 0 0 500 24 re f"))
    annot = writer.add_object(generic.DictionaryObject({
        pdf_name("/Type"): pdf_name("/Annot"), pdf_name("/Subtype"): pdf_name("/Square"),
        pdf_name("/Rect"): generic.ArrayObject(generic.FloatObject(v) for v in rect),
        pdf_name("/IC"): generic.ArrayObject([generic.FloatObject(1)] * 3),
        pdf_name("/C"): generic.ArrayObject([generic.FloatObject(1)] * 3),
        pdf_name("/AP"): generic.DictionaryObject({pdf_name("/N"): look}),
    }))
    page_ref, _ = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    page[pdf_name("/Annots")] = generic.ArrayObject([annot])
    writer.update_container(page)


def with_text_field(data: bytes) -> bytes:
    """The letter with an empty text field ("확인자") added before signing (pikepdf first, sign last)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        page = pdf.pages[0]
        font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
        field = pdf.make_indirect(pikepdf.Dictionary(
            Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Widget, FT=pikepdf.Name.Tx, T=pikepdf.String("checked_by"),
            Rect=[360, 80, 540, 100], F=4, P=page.obj, DA=pikepdf.String("/Helv 10 Tf 0 g")))
        page.obj.Annots = pdf.make_indirect(pikepdf.Array([field]))
        pdf.Root.AcroForm = pdf.make_indirect(pikepdf.Dictionary(
            Fields=pikepdf.Array([field]), DR=pikepdf.Dictionary(Font=pikepdf.Dictionary(Helv=font))))
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


def fill_field(writer: IncrementalPdfFileWriter) -> None:
    for ref in writer.root["/AcroForm"]["/Fields"]:
        field = ref.get_object()
        if field.get("/T") == "checked_by":
            field[pdf_name("/V")] = generic.TextStringObject("Shenzhen Other Co")
            writer.update_container(field)


def invalid_findings(path: Path) -> list:
    facts = resolve_facts(dt.date(2026, 11, 28), CaseConfig(), [])
    facts.signatures = {"loa.pdf": pdf_signatures(path)}
    return [f for f in check_signatures(facts) if f.code is FindingCode.signature_invalid]


def read_letter(path: Path, tmp_path: Path):
    read = read_file(path, tmp_path, cache=False)
    return extract_authorization(read, FieldContext(source_path=path)), read


# -- untouched, and the changes a signature allows -----------------------------------------------


def test_a_signed_untouched_letter_is_digital_with_no_finding(signed, tmp_path):
    path = save(tmp_path, signed)
    [sig] = pdf_signatures(path)
    assert sig.valid and not sig.changed_after_signing and sig.changes == []
    assert (sig.coverage, sig.modification_level, sig.docmdp_ok) == ("ENTIRE_FILE", "NONE", True)
    assert sig.signed_bytes == len(signed) and signed_revision(path) is None
    got, read = read_letter(path, tmp_path)
    assert got.signature is SignatureKind.digital and read.later_revisions == []
    assert invalid_findings(path) == []


def test_a_second_signature_added_incrementally_leaves_the_first_valid(signed, sign, tmp_path):
    path = save(tmp_path, sign(signed, field="Sig2"))
    first, second = pdf_signatures(path)
    assert (first.field_name, first.coverage, first.modification_level) == ("Sig1", "ENTIRE_REVISION", "FORM_FILLING")
    assert first.valid and first.docmdp_ok and not first.changed_after_signing
    assert second.valid and second.coverage == "ENTIRE_FILE"
    assert signed_revision(path) is None
    got, read = read_letter(path, tmp_path)
    assert got.signature is SignatureKind.digital and read.later_revisions == []
    assert invalid_findings(path) == []


def test_filling_a_field_the_certification_allows_is_no_change(letter, sign, tmp_path):
    certified = sign(with_text_field(letter), certify=True, permission=fields.MDPPerm.FILL_FORMS)
    [sig] = pdf_signatures(save(tmp_path, updated(certified, fill_field)))
    assert (sig.modification_level, sig.docmdp_ok) == ("FORM_FILLING", True)
    assert sig.valid and not sig.changed_after_signing


# -- changed after signing ---------------------------------------------------------------------


def test_text_added_after_signing_is_invalid_and_never_read_as_a_field(signed, tmp_path):
    path = save(tmp_path, updated(signed, stamp_text))
    # The stamp is real text: read from the file as it now is, its period would be the letter's.
    whole = "\n".join(p.extract_text(x_tolerance=1.5) for p in pdfplumber.open(path).pages)
    assert "2099" in whole
    forged = extract_authorization(ReadResult(pages=[Page(number=1, source="pdf_text", text=whole)]), FieldContext())
    assert forged.valid_until == dt.date(2099, 12, 31)

    [sig] = pdf_signatures(path)
    assert sig.intact and not sig.valid and sig.changed_after_signing
    assert (sig.coverage, sig.modification_level, sig.docmdp_ok) == ("ENTIRE_REVISION", "OTHER", False)
    assert sig.changes == ["text"] and sig.diff_summary
    revision = signed_revision(path)
    assert revision is not None and revision.data == signed

    got, read = read_letter(path, tmp_path)
    assert "2099" not in read.text and read.later_revisions == ["text"]
    assert got.valid_until == SIGNED_UNTIL and got.brand == "HANBIT"
    assert got.signature is not SignatureKind.digital
    [found] = invalid_findings(path)
    assert "서명 이후 문서 내용이 변경됨" in found.message_ko and "텍스트" in found.message_ko
    assert "签名后文件内容被更改" in found.message_zh and "文字" in found.message_zh


def test_a_box_painted_over_the_text_after_signing_is_invalid(signed, tmp_path):
    path = save(tmp_path, updated(signed, paint_box))
    [sig] = pdf_signatures(path)
    assert sig.changed_after_signing and not sig.valid and sig.changes == ["drawing"]
    got, read = read_letter(path, tmp_path)
    assert got.valid_until == SIGNED_UNTIL and read.later_revisions == ["drawing"]
    [found] = invalid_findings(path)
    assert "그림이나 도형" in found.message_ko and "图形" in found.message_zh


def test_an_annotation_painted_over_the_text_after_signing_is_invalid(signed, tmp_path):
    path = save(tmp_path, updated(signed, cover_with_annotation))
    [sig] = pdf_signatures(path)
    assert sig.intact and sig.changed_after_signing and not sig.valid
    assert (sig.modification_level, sig.changes) == ("OTHER", ["annotation"])
    got, read = read_letter(path, tmp_path)
    assert got.signature is not SignatureKind.digital and read.later_revisions == ["annotation"]
    [found] = invalid_findings(path)
    assert "주석" in found.message_ko and "批注" in found.message_zh


def test_filling_a_field_a_no_changes_certification_forbids_is_invalid(letter, sign, tmp_path):
    certified = sign(with_text_field(letter), certify=True, permission=fields.MDPPerm.NO_CHANGES)
    path = save(tmp_path, updated(certified, fill_field))
    [sig] = pdf_signatures(path)
    # pyHanko accepts the update as form filling, which the certification's DocMDP does not allow.
    assert (sig.modification_level, sig.docmdp_ok) == ("FORM_FILLING", False)
    assert sig.changed_after_signing and not sig.valid and sig.changes == ["form"]
    assert "checked_by" in sig.diff_summary and "NO_CHANGES" in sig.diff_summary
    [found] = invalid_findings(path)
    assert "양식" in found.message_ko and "表单" in found.message_zh


def test_only_the_first_changed_signature_bounds_what_is_read(signed, sign, tmp_path):
    """Sig1, then text stamped, then Sig2 over all of it: Sig2 vouches for the stamp, Sig1 does
    not, and what is read is what Sig1 signed."""
    path = save(tmp_path, sign(updated(signed, stamp_text), field="Sig2"))
    first, second = pdf_signatures(path)
    assert first.changed_after_signing and first.changes == ["text"]
    assert second.valid and not second.changed_after_signing
    _, read = read_letter(path, tmp_path)
    assert "2099" not in read.text and read.later_revisions == ["text"]
    assert [f.message_ko.count("텍스트") for f in invalid_findings(path)] == [1]
