"""Word documents read with python-docx, in body order."""

from __future__ import annotations

import struct
import zipfile
import zlib

import docx
import pytest
from docx.oxml.ns import qn

from casefile.codes import FindingCode, PageSource
from extractors.readers.docx import read_docx


def _authorization_letter(path):
    d = docx.Document()
    d.styles["Normal"].element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "NanumGothic")
    d.sections[0].header.paragraphs[0].text = "HANBIT 주식회사 한빛무역"
    d.sections[0].footer.paragraphs[0].text = "서울특별시 강남구 테헤란로 1"
    d.add_heading("위임장", level=1)
    d.add_paragraph("아래와 같이 쿠팡 판매 권한을 위임합니다.")
    table = d.add_table(rows=3, cols=2)
    for row, (key, value) in zip(table.rows, [("위임인", "HANBIT Co., Ltd."), ("수임인", "주식회사 한빛무역"),
                                              ("위임 기간", "2026년 1월 1일 ~ 2026년 12월 31일")]):
        row.cells[0].text, row.cells[1].text = key, value
    merged = d.add_table(rows=1, cols=3)
    merged.rows[0].cells[0].merge(merged.rows[0].cells[1]).text = "브랜드"
    merged.rows[0].cells[2].text = "HANBIT"
    d.add_paragraph("2026년 1월 1일   ")
    d.save(path)


def test_paragraphs_tables_headers_and_footers_in_order(tmp_path):
    path = tmp_path / "auth.docx"
    _authorization_letter(path)
    result = read_docx(path)
    [page] = result.pages
    assert page.source == PageSource.docx
    assert result.issues == []
    assert page.text.split("\n") == [
        "HANBIT 주식회사 한빛무역",
        "위임장",
        "아래와 같이 쿠팡 판매 권한을 위임합니다.",
        "위임인 | HANBIT Co., Ltd.",
        "수임인 | 주식회사 한빛무역",
        "위임 기간 | 2026년 1월 1일 ~ 2026년 12월 31일",
        "브랜드 | HANBIT",  # a merged cell once, not once per grid column
        "2026년 1월 1일",  # trailing spaces stripped
        "서울특별시 강남구 테헤란로 1",
    ]
    # The tables also as rows of cells, each on its grid: the merged cell once, its span "".
    assert [t.rows for t in page.tables] == [
        [["위임인", "HANBIT Co., Ltd."], ["수임인", "주식회사 한빛무역"],
         ["위임 기간", "2026년 1월 1일 ~ 2026년 12월 31일"]],
        [["브랜드", "", "HANBIT"]],
    ]


def test_a_table_inside_a_cell_is_read_too(tmp_path):
    d = docx.Document()
    outer = d.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "인증 정보"
    outer.cell(1, 0).text, outer.cell(1, 1).text = "발급", "2025년 3월 12일"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for row, (key, value) in zip(inner.rows, [("인증번호", "HU071695-21012A"), ("모델명", "HB-H200")]):
        row.cells[0].text, row.cells[1].text = key, value
    d.save(tmp_path / "nested.docx")
    [page] = read_docx(tmp_path / "nested.docx").pages
    # the inner table's rows follow the outer table's
    assert page.text.split("\n") == ["인증 정보 |", "발급 | 2025년 3월 12일",
                                     "인증번호 | HU071695-21012A", "모델명 | HB-H200"]
    assert [t.rows for t in page.tables] == [
        [["인증 정보", ""], ["발급", "2025년 3월 12일"]],
        [["인증번호", "HU071695-21012A"], ["모델명", "HB-H200"]],
    ]


def test_a_corrupt_docx_is_an_unsupported_format_issue(tmp_path):
    path = tmp_path / "auth.docx"
    _authorization_letter(path)
    path.write_bytes(path.read_bytes()[:2000])
    result = read_docx(path)
    assert result.pages == []
    assert [i.code for i in result.issues] == [FindingCode.unsupported_format]


def test_a_docx_whose_body_cannot_be_unpacked_says_so_plainly(tmp_path):
    path = tmp_path / "auth.docx"
    _authorization_letter(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        body = archive.getinfo("word/document.xml")
    # The zip's directory stays whole; the deflated bytes of the body are scrambled.
    name_len, extra_len = struct.unpack("<HH", data[body.header_offset + 26:body.header_offset + 30])
    start = body.header_offset + 30 + name_len + extra_len
    data[start:start + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive, pytest.raises(zlib.error):
        archive.read("word/document.xml")  # the damage this test is about

    result = read_docx(path)
    [issue] = result.issues
    assert result.pages == [] and issue.code == FindingCode.unsupported_format
    assert "damaged" in issue.detail and "PDF" in issue.detail


def test_a_docx_bomb_is_refused_by_size_before_parsing(tmp_path, monkeypatch):
    from tests.hostile.corpus import docx_bomb

    path = tmp_path / "bomb.docx"
    path.write_bytes(docx_bomb(200))  # word/document.xml unpacks to 200 MB from 0.6 MB
    monkeypatch.setattr(docx, "Document", lambda *a: pytest.fail("python-docx must not parse it"))
    result = read_docx(path)
    assert result.pages == []
    [issue] = result.issues
    assert issue.code is FindingCode.unsupported_format
    assert "word/document.xml unpacks to 200 MB, over the 16 MB limit" in issue.detail


def test_a_docx_whose_parts_together_are_too_large_is_refused(tmp_path):
    path = tmp_path / "pictures.docx"
    _authorization_letter(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        info = zipfile.ZipInfo("word/media/image9.png")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as part:
            for _ in range(130):
                part.write(bytes(1024 * 1024))
    [issue] = read_docx(path).issues
    assert issue.code is FindingCode.unsupported_format and "its parts unpack to 131 MB, over the 128 MB limit" in issue.detail


def test_a_part_whose_header_understates_its_size_is_counted_as_it_unpacks(tmp_path):
    from extractors.readers import docx as reader

    path = tmp_path / "letter.docx"
    _authorization_letter(path)
    with zipfile.ZipFile(path) as archive:
        member = archive.getinfo("word/document.xml")
        assert reader._unpacked_size(archive, member, 10) <= member.file_size
        assert reader._unpacked_size(archive, member, 10 ** 9) == member.file_size
    assert read_docx(path).pages[0].text.startswith("HANBIT")
