"""Tables as rows of cells: pdfplumber's ruled tables and python-docx tables, merged cells once."""

from __future__ import annotations

import io
import unicodedata

import docx
import pdfplumber
from hypothesis import given
from hypothesis import strategies as st

from extractors.readers.tables import clean_cell, docx_table, pdf_tables
from tests.extractors.conftest import CERT_NUMBER, render_pdf

#: A bordered table as a certificate lays it out: a header cell spanning two columns, a cell
#: whose text wraps over two lines, and one left empty.
TABLE_HTML = f"""<html><head><style>
  @page {{ size: A4; margin: 25mm 20mm; }} body {{ font-family: NanumGothic; font-size: 11pt; }}
  table {{ border-collapse: collapse; }} td {{ border: .5pt solid #333; padding: 3pt; }}
  .frame {{ border: 1pt solid #000; padding: 6pt; margin-top: 12pt; }}
</style></head><body>
<h1>안전인증서</h1>
<table>
  <tr><td colspan="2">인증 내역</td><td>비고</td></tr>
  <tr><td>인증번호</td><td>{CERT_NUMBER}</td><td></td></tr>
  <tr><td>제조자</td><td style="width: 40mm">Shenzhen Hanbit Trading Company Limited</td><td>중국</td></tr>
</table>
<div class="frame">위 제품은 안전인증을 받았음을 증명합니다.</div>
</body></html>"""


def _tables_of(html: str) -> tuple[list, str]:
    with pdfplumber.open(io.BytesIO(render_pdf(html))) as pdf:
        page = pdf.pages[0]
        return pdf_tables(page, x_tolerance=1.5), page.extract_text(x_tolerance=1.5)


def test_a_ruled_pdf_table_comes_out_as_rows_of_cells():
    [table], _ = _tables_of(TABLE_HTML)
    assert table.rows == [
        ["인증 내역", "", "비고"],  # the spanned grid position is "", not None
        ["인증번호", CERT_NUMBER, ""],
        ["제조자", "Shenzhen Hanbit Trading Company Limited", "중국"],  # wrapped lines joined by a space
    ]
    x0, top, x1, bottom = table.bbox
    assert 0 < x0 < x1 < 595.3 and 0 < top < bottom < 841.9


def test_a_box_around_a_paragraph_is_not_a_table():
    tables, text = _tables_of(TABLE_HTML.replace("<table>", "<table hidden>"))
    assert tables == []
    assert "위 제품은 안전인증을 받았음을 증명합니다." in text


def test_a_word_table_keeps_its_grid_and_states_merged_cells_once(tmp_path):
    d = docx.Document()
    t = d.add_table(rows=3, cols=3)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "브랜드"  # across two columns
    t.cell(0, 2).text = "HANBIT"
    t.cell(1, 0).merge(t.cell(2, 0)).text = "위임\n기간"  # down two rows
    t.cell(1, 1).text, t.cell(1, 2).text = "시작", "2026년 1월 1일"
    t.cell(2, 1).text, t.cell(2, 2).text = "끝", "2026년 12월 31일"
    d.save(tmp_path / "t.docx")
    [table] = docx.Document(str(tmp_path / "t.docx")).tables
    assert docx_table(table).rows == [
        ["브랜드", "", "HANBIT"],
        ["위임 기간", "시작", "2026년 1월 1일"],
        ["", "끝", "2026년 12월 31일"],
    ]
    assert docx_table(table).bbox is None


def test_an_empty_word_table_is_not_kept(tmp_path):
    d = docx.Document()
    d.add_table(rows=2, cols=2).cell(0, 0).text = "하나"
    assert docx_table(d.tables[0]) is None


def test_cells_are_nfc_with_white_space_folded():
    decomposed = unicodedata.normalize("NFD", "인증 번호")
    assert clean_cell(f"  {decomposed}\n\t HU071695 ") == "인증 번호 HU071695"
    assert clean_cell(None) == ""


@given(st.one_of(st.none(), st.text()))
def test_clean_cell_is_idempotent_and_folded(value):
    once = clean_cell(value)
    assert clean_cell(once) == once
    assert once == once.strip() and "  " not in once and "\n" not in once


def test_a_vector_qr_code_beside_a_table_is_not_taken_for_one():
    qr = "".join(f'<div style="position:absolute; left:{120 + x * 2}mm; top:{200 + y * 2}mm; width:2mm; '
                 f'height:2mm; background:#000"></div>' for x in range(29) for y in range(29) if (x * 7 + y * 3) % 5 < 2)
    rows = "".join(f"<tr><td>성분 {i}</td><td>{i / 10:.1f}%</td></tr>" for i in range(1, 31))
    html = TABLE_HTML.replace("<table>", f"<table>{rows}</table><table hidden>").replace("</body>", f"{qr}</body>")
    [table], _ = _tables_of(html)
    assert table.rows[0] == ["성분 1", "0.1%"] and len(table.rows) == 30


def test_a_kc_value_wrapped_inside_its_cell_is_read_whole(tmp_path):
    """The flowing text splits a wrapped cell over three lines; the table row keeps it whole."""
    from extractors.fields.kc import extract_kc
    from extractors.readers.read import read_file

    html = TABLE_HTML.replace("<td>제조자</td>", "<td>제조업자</td>").replace(
        "Shenzhen Hanbit Trading Company Limited", "Foshan Shunde Bolang Electric Co., Ltd.")
    pdf = tmp_path / "kc.pdf"
    pdf.write_bytes(render_pdf(html))
    read = read_file(pdf, tmp_path / "work")
    assert not any("Shunde Bolang" in line for line in read.pages[0].text.splitlines())  # split by the wrap
    without_tables = [page.model_copy(update={"tables": []}) for page in read.pages]
    assert extract_kc(without_tables).manufacturer != "Foshan Shunde Bolang Electric Co., Ltd."
    assert extract_kc(read.pages).manufacturer == "Foshan Shunde Bolang Electric Co., Ltd."


def test_row_lines_are_cells_between_borders():
    from casefile.pages import Table
    from extractors.readers.tables import row_lines

    table = Table(rows=[["제조업자", "Foshan Shunde\nBolang Electric", "인증기관", "KTR"], ["비고", ""]])
    assert row_lines([table]) == ["제조업자 | Foshan Shunde Bolang Electric | 인증기관 | KTR", "비고 | "]
