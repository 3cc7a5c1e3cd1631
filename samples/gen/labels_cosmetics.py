"""Cosmetics 전성분 (DOMAIN.md §2.1) as sellers upload them: the back-label artwork as PDF, a photo of
the printed box, a scanned maker's 전성분표 table, and an English INCI specification sheet in Word.

Ingredients are given as printed, parentheticals and all; the case decides what a reader must return.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .common import restamp_zip
from .docx_doc import FIXED, _set_font
from .pdf import render_pdf
from .raster import Sheet

LABEL_CSS = """
@page { size: 120mm 170mm; margin: 9mm; }
body { font-size: 7.5pt; line-height: 1.45; }
div.brand { font-size: 15pt; font-weight: bold; letter-spacing: 3pt; text-align: center; }
div.name { font-size: 10pt; text-align: center; margin: 1mm 0 4mm; }
div.box { border: 0.6pt solid #555; padding: 2.5mm; }
b { font-weight: bold; }
p { margin: 0 0 1.6mm; }
"""


def label_pdf(path: Path, *, brand: str, name: str, volume: str, ingredients: list[str], maker: str,
              seller: str) -> None:
    """Die-cut label artwork: small type, the list run in as one comma-separated paragraph."""
    rows = [("제품명", name), ("용량", volume), ("전성분", ", ".join(ingredients)),
            ("사용방법", "세안 후 적당량을 덜어 피부결을 따라 부드럽게 펴 발라 줍니다."),
            ("사용기한", "제조일로부터 30개월 (개봉 후 12개월)"), ("제조업자", maker), ("책임판매업자", seller),
            ("주의사항", "상처가 있는 부위 등에는 사용을 자제할 것. 어린이의 손이 닿지 않는 곳에 보관할 것.")]
    body = "".join(f"<p><b>{escape(k)}</b> : {escape(v)}</p>" for k, v in rows)
    html = f"""<div class="brand">{escape(brand)}</div><div class="name">{escape(name)}</div>
<div class="box">{body}</div>"""
    render_pdf(html, path, font="NanumBarunGothic, NanumGothic", css=LABEL_CSS)


def box_sheet(*, brand: str, name: str, volume: str, ingredients: list[str], maker: str) -> Sheet:
    """The back of a carton laid flat: headline, then 전성분 wrapped at the panel's width."""
    s = Sheet("gothic")
    s.box(22, 20, 188, 250, width=5)
    s.text(105, 38, brand, pt=30, bold=True, anchor="mm")
    s.text(105, 54, name, pt=16, anchor="mm")
    s.text(30, 72, f"제품명 : {name}", pt=12)
    s.text(30, 82, f"내용량 : {volume}", pt=12)
    s.text(30, 96, "[전성분]", pt=12.5, bold=True)
    y = 106
    for line in _wrap(", ".join(ingredients), 40):
        s.text(30, y, line, pt=12.5)
        y += 8.5
    s.text(30, y + 8, f"제조업자 : {maker}", pt=11)
    s.text(30, y + 17, "제조국 : 중국   사용기한 : 별도 표기일까지", pt=11)
    return s


def _wrap(text: str, width: int) -> list[str]:
    """Break at commas when a line is full, as a packaging designer sets the text by hand."""
    lines, line = [], ""
    for part in text.split(", "):
        piece = part if not line else f"{line}, {part}"
        if len(piece) > width and line:
            lines.append(line + ",")
            line = part
        else:
            line = piece
    return lines + [line]


def table_sheet(*, title: str, product: str, ingredients: list[tuple[str, str]], company: str,
                date: str) -> Sheet:
    """A maker's 전성분표: numbered rows of name and content, ruled like a spreadsheet printout."""
    s = Sheet("myeongjo")
    s.text(105, 28, title, pt=20, bold=True, anchor="mm")
    s.text(25, 44, f"제품명: {product}", pt=12.5)
    s.text(185, 44, f"작성일: {date}", pt=11, anchor="ra")
    top, row_h = 52, 9.4
    s.box(25, top, 185, top + row_h * (len(ingredients) + 1), width=3)
    for x in (40, 150):
        s.rule(x, top, x, top + row_h * (len(ingredients) + 1), width=2)
    for i, (label, content) in enumerate([("성분명", "함량(%)")] + ingredients):
        y = top + row_h * i
        if i:
            s.rule(25, y, 185, y, width=2)
        s.text(32.5, y + 6.6, "No." if i == 0 else str(i), pt=11, bold=i == 0, anchor="ms")
        s.text(44, y + 6.6, label, pt=11.5, bold=i == 0, anchor="ls")
        s.text(167.5, y + 6.6, content, pt=11, bold=i == 0, anchor="ms")
    s.text(105, top + row_h * (len(ingredients) + 1) + 16, company, pt=13, bold=True, anchor="mm")
    return s


def inci_docx(path: Path, *, product: str, code: str, rows: list[tuple[str, str, str, str]], supplier: str,
              date: str) -> None:
    """A supplier's English specification sheet: INCI name, Korean name, CAS, % w/w per row."""
    doc = Document()
    _set_font(doc.styles["Normal"], "Arial", 9.5)
    props = doc.core_properties
    props.author = props.last_modified_by = "QA"
    props.created = props.modified = FIXED
    props.revision = 3
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = head.add_run("PRODUCT SPECIFICATION — FULL INGREDIENT DISCLOSURE")
    r.bold, r.font.size = True, Pt(13)
    for line in (f"Product Name: {product}", f"Formula Code: {code}", f"Supplier: {supplier}",
                 f"Date of Issue: {date}"):
        doc.add_paragraph(line)
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("No.", "INCI Name", "Korean Name (성분명)", "CAS No.", "% w/w")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for i, row in enumerate(rows, 1):
        for cell, text in zip(table.add_row().cells, (str(i),) + row):
            cell.text = text
    doc.add_paragraph("Ingredients are listed in descending order of concentration. Ingredients below 1% "
                      "are listed in no particular order.")
    doc.add_paragraph("Prepared by: Quality Assurance Dept.")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    restamp_zip(path)
