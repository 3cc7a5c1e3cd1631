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
    assert stages.seller_fallback([notice], reads) == ["주식회사 한빛무역"]
    assert stages.seller_fallback([notice], {"n.eml": ReadResult(headers={"To": "ops@example.com"})}) == []
