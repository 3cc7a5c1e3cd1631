"""Korean DOCX certificates with python-docx: East-Asian font set, fixed core properties, stable zip."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from .common import nfc, restamp_zip

FIXED = dt.datetime(2026, 11, 27, 9, 0, 0)


def _set_font(style, name: str, size: float) -> None:
    style.font.name = name
    style.font.size = Pt(size)
    # Without w:eastAsia Word renders Hangul in its own default font, whatever font.name says.
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(rfonts)
    rfonts.set(qn("w:eastAsia"), name)


def write_docx(path: Path, *, title: str, subtitle: str, rows: list[tuple[str, str]],
               closing: list[str], font: str = "NanumMyeongjo") -> None:
    doc = Document()
    _set_font(doc.styles["Normal"], font, 11)
    props = doc.core_properties
    props.author = props.last_modified_by = "user"
    props.created = props.modified = FIXED
    props.revision = 1
    props.comments = ""

    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run(nfc(title))
    run.bold, run.font.size = True, Pt(20)
    sub = doc.add_paragraph(nfc(subtitle))
    sub.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text = nfc(label), nfc(value)
        cells[0].paragraphs[0].runs[0].bold = True

    for line in closing:
        p = doc.add_paragraph(nfc(line))
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    restamp_zip(path)
