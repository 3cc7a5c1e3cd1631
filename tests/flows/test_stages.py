"""The plain stage functions, without Prefect."""

from __future__ import annotations

from casefile.case import SourceFile
from casefile.pages import Attachment, Page, ReadResult
from flows import stages


def test_text_source_is_mixed_when_pages_were_read_in_different_ways():
    read = ReadResult(pages=[Page(number=1, source="pdf_text", text="a"), Page(number=2, source="ocr", text="b")])
    assert stages.text_source(read).value == "mixed"
    assert stages.text_source(ReadResult(pages=[Page(number=1, source="ocr")])).value == "ocr"
    assert stages.text_source(ReadResult()) is None


def test_attachments_are_named_container_hash_member_and_nesting_is_bounded(tmp_path):
    parent = SourceFile(path="mail/notice.eml", abs_path=str(tmp_path / "n.eml"), sha256="a" * 64, size=1)
    read = ReadResult(attachments=[Attachment(name="KC인증서.pdf", data_path=str(tmp_path / "x"),
                                              sha256="b" * 64, size=3)])
    [child] = stages.attachment_sources(parent, read)
    assert child.path == "mail/notice.eml#KC인증서.pdf" and child.container == "mail/notice.eml"
    deep = parent.model_copy(update={"path": "a.eml" + "#b.eml" * stages.MAX_NESTING})
    assert stages.attachment_sources(deep, read) == []


def test_a_reader_crash_costs_the_file_a_finding(tmp_path):
    # A folder where a file is expected makes every reader fail with an OS error.
    source = SourceFile(path="weird.pdf", abs_path=str(tmp_path), sha256="c" * 64, size=0)
    read = stages.read_source(source, tmp_path)
    assert read.pages == [] and read.issues and read.issues[0].code.value in {"unsupported_format",
                                                                             "unreadable_document"}


def test_the_seller_falls_back_to_the_notice_addressee_when_case_toml_names_nobody():
    from casefile.fields import NoticeEmailFields
    from casefile.result import DocumentResult

    notice = DocumentResult(path="n.eml", sha256="d" * 64, kind="notice_email", pages=1, text_source="email",
                            ocr_confidence=None, fields=NoticeEmailFields())
    reads = {"n.eml": ReadResult(headers={"To": "주식회사 한빛무역 <ops@example.com>"})}
    assert stages.seller_mentions([notice], reads) == ([], [("n.eml", "주식회사 한빛무역")])
    assert stages.seller_mentions([notice], {"n.eml": ReadResult(headers={"To": "ops@example.com"})}) == ([], [])


def test_a_field_too_unsure_to_use_is_null_with_a_warning_naming_it(tmp_path):
    """understand -> judge on an OCR'd certificate whose number OCR doubted (issue 4, item 7)."""
    import datetime as dt

    from casefile.codes import PageSource
    from casefile.loading import load_case
    from casefile.pages import Word

    case_dir = tmp_path / "case"
    case_dir.mkdir()
    (case_dir / "kc.png").write_bytes(b"")  # inventory only: the reading is given below
    case = load_case(case_dir, tmp_path / "work")
    lines = [("안전인증서", 0.95), ("인증번호", 0.93), ("HU07I695-21012A", 0.31), ("모델명", 0.94), ("HB-H200", 0.96),
             ("인증일자", 0.93), ("2025.3.12", 0.92), ("한국산업기술시험원장", 0.9)]
    words = [Word(text=t, left=0, top=40 * i, width=200, height=30, confidence=c) for i, (t, c) in enumerate(lines)]
    page = Page(number=1, source=PageSource.ocr, confidence=0.87, words=words,
                text="안전인증서\n인증번호 HU07I695-21012A\n모델명 HB-H200\n인증일자 2025.3.12\n한국산업기술시험원장")
    source = stages.inventory(case)[0]
    reads = {source.path: ReadResult(pages=[page], media_type="image/png")}
    understood = stages.understand(source, reads[source.path])
    assert understood.document.kind.value == "kc_certificate"
    assert understood.document.fields.certificate_number is None
    assert understood.document.fields.model_name == "HB-H200"
    assert understood.trace.doubtful == ["certificate_number"]
    _, findings = stages.judge(case, [understood.document], reads, dt.date(2026, 11, 28),
                               {source.path: understood.trace})
    unsure = [f for f in findings if f.code.value == "unreadable_document"]
    assert unsure and "certificate_number 0.31" in unsure[0].message_ko and unsure[0].documents == ["kc.png"]
    # That field is null and named; the document stands (issue 15): a warning, not an error.
    assert unsure[0].severity.value == "warning" and "인증번호" in unsure[0].message_ko


def test_only_a_machine_failure_is_flagged_for_retry(tmp_path, monkeypatch):
    """The retry decision reads a flag on the issue, not the wording of its finding (issue 7)."""
    import errno

    from flows.transient import transient_issue

    monkeypatch.setenv("APPEAL_ISOLATE", "0")  # the reader runs in this process, so it can be made to fail
    source = SourceFile(path="kc.pdf", abs_path=str(tmp_path / "kc.pdf"), sha256="e" * 64, size=0)

    def busy(*_):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(stages, "read_and_verify", busy)
    read = stages.read_source(source, tmp_path)
    assert read.issues[0].transient and transient_issue(read) == "reader error: BlockingIOError"

    def broken(*_):
        raise ValueError("xref table damaged")

    monkeypatch.setattr(stages, "read_and_verify", broken)
    read = stages.read_source(source, tmp_path)
    assert not read.issues[0].transient and transient_issue(read) is None


def test_a_file_in_the_read_cache_is_taken_without_a_reader_process(tmp_path, monkeypatch):
    """A cached case would otherwise pay a child process (about half a second) per file (issue 16)."""
    import hashlib
    import shutil
    from pathlib import Path

    from extractors.readers.read import read_file
    from flows import isolation

    monkeypatch.setenv("APPEAL_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("APPEAL_CACHE", raising=False)
    sample = Path(__file__).resolve().parents[2] / "samples" / "cases" / "kc-ready-humidifier" / "KC인증서.pdf"
    pdf = tmp_path / "kc.pdf"
    shutil.copyfile(sample, pdf)
    first = read_file(pdf, tmp_path)  # here, not in a child: the fork server keeps the environment it began with
    assert first.pages and not first.issues

    def no_child(*_args, **_kwargs):
        raise AssertionError("a reader process was started for a cached file")

    monkeypatch.setattr(isolation, "run_isolated", no_child)
    source = SourceFile(path="kc.pdf", abs_path=str(pdf), sha256=hashlib.sha256(pdf.read_bytes()).hexdigest(),
                        size=pdf.stat().st_size)
    assert stages.read_source(source, tmp_path) == first
    other = source.model_copy(update={"sha256": "d" * 64})  # content never read: a reader must run
    assert "AssertionError" in stages.read_source(other, tmp_path).issues[0].detail


def test_an_unreadable_extra_document_beside_complete_evidence_is_a_warning(tmp_path):
    """A KC appeal with its certificate read and a Wing photo that could not be read: the photo is an
    extra exhibit, not the evidence; without the certificate the same photo would be an error."""
    import datetime as dt

    from casefile.codes import FindingCode
    from casefile.fields import KcCertificateFields, OtherFields
    from casefile.loading import load_case
    from casefile.pages import ReadIssue
    from casefile.result import DocumentResult

    case_dir = tmp_path / "case"
    case_dir.mkdir()
    (case_dir / "case.toml").write_text('[appeal]\nreason = "kc_certification"\nnotice_date = "2026-11-24"\n',
                                        encoding="utf-8")
    case = load_case(case_dir, tmp_path / "work")
    kc = DocumentResult(path="kc.pdf", sha256="a" * 64, kind="kc_certificate", pages=1, text_source="pdf_text",
                        ocr_confidence=None, fields=KcCertificateFields(certificate_number="HU071695-21012A",
                                                                        scheme="safety_certification"))
    photo = DocumentResult(path="wing.jpg", sha256="b" * 64, kind="other", pages=1, text_source="ocr",
                           ocr_confidence=0.3, fields=OtherFields())
    unread = ReadResult(issues=[ReadIssue(code=FindingCode.unreadable_document, detail="too little text")])
    reads = {"kc.pdf": ReadResult(), "wing.jpg": unread}

    def severity(documents):
        _, found = stages.judge(case, documents, reads, dt.date(2026, 11, 28))
        return [f.severity.value for f in found if f.code is FindingCode.unreadable_document]

    assert severity([kc, photo]) == ["warning"]
    assert severity([photo]) == ["error"]


def test_a_judgement_over_the_document_is_not_taken_as_an_unlocated_word():
    """On an OCR'd letter, a brand whose words were not found again counts as unsure; its signature
    verdict (a seal looked for, not words) keeps the certainty of the rule that made it, so a colour
    photo's `none` is sure and a grey scan's (its rule says 0.5) is not."""
    from casefile.fields import AuthorizationLetterFields
    from casefile.pages import FieldSource
    from casefile.result import DocumentResult
    from extractors.fields.provenance import FieldTrace
    from validators.rules import load_rules

    doc = DocumentResult(path="loa.jpg", sha256="a" * 64, kind="authorization_letter", pages=1, text_source="ocr",
                         ocr_confidence=0.9, fields=AuthorizationLetterFields(brand="HANBIT", signature="none"))
    sure = load_rules().certainty.sure
    measured = stages.field_certainty(doc, FieldTrace())
    assert measured["brand"] < sure and "signature" not in measured
    grey = FieldSource(page=1, source="ocr", confidence=0.9, text="none", pairing="text:letter:no-seal-in-grey",
                       score=0.5)
    assert stages.field_certainty(doc, FieldTrace(sources={"signature": grey}))["signature"] < sure
