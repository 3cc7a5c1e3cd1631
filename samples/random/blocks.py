"""A small document model (title, paragraphs, label/value pairs in several layouts, tables, columns,
signature blocks with seals) and its two renderings: HTML for WeasyPrint (born-digital PDF, and the
page that scans and photos are made from) and DOCX with python-docx.

The composers (kc.py, letters.py, …) decide *what* goes on the page and draw the layout at random;
this module only draws it. Pair layouts ("families"):

- ``inline``   one pair per line, ``label<sep>value``; optionally the labels padded to a column
- ``table``    a label-left two-column table, ruled or not, labels shaded or not
- ``table4``   two pairs per row: label | value | label | value
- ``grid``     label above value, 2 or 3 pairs per row, ruled or not
- ``columns``  the pairs split into 2 or 3 side-by-side columns of ``inline`` lines
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image

from samples.gen.common import nfc, restamp_zip
from samples.gen.docx_doc import FIXED, _set_font
from samples.gen.pdf import render_pdf

# --- the model -----------------------------------------------------------------------------------

@dataclass
class Pair:
    label: str
    value: str
    sub: str = ""          # a second caption under the label (bilingual: 모델명 over Model No.)
    field: str | None = None  # the contract field it carries ("look-alike:…" for decoys); drawing ignores it


@dataclass
class Title:
    text: str
    sub: list[str] = field(default_factory=list)
    align: str = "center"
    pt: float = 20
    spaced: bool = False   # letter-spaced, as Korean certificates set titles


@dataclass
class Para:
    text: str
    align: str = "left"
    pt: float | None = None
    bold: bool = False
    grey: bool = False


@dataclass
class Pairs:
    pairs: list[Pair]
    family: str = "inline"
    sep: str = ": "
    ruled: bool = True
    shade: bool = False
    per_row: int = 2
    label_width: float = 32      # per cent of the row for the label column (table), mm for aligned inline
    aligned: bool = False        # inline: labels padded to one column
    label_bold: bool = True


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    ruled: bool = True
    shade: bool = True
    caption: str = ""
    pt: float | None = None


@dataclass
class Columns:
    columns: list[list]          # each a list of blocks
    ruled: bool = False


@dataclass
class Signature:
    lines: list[str]
    mark: Image.Image | None = None   # a seal or a pen signature, drawn over the last line
    mark_mm: float = 24
    align: str = "right"


@dataclass
class Letterhead:
    name: str
    lines: list[str]


@dataclass
class Spacer:
    mm: float


@dataclass
class Box:
    blocks: list
    border: float = 0.8


@dataclass
class Style:
    font_css: str = "'NanumGothic'"
    font_docx: str = "NanumGothic"
    pt: float = 10.5
    line_height: float = 1.5
    page: tuple[float, float] = (210, 297)
    margins: tuple[float, float, float, float] = (22, 20, 22, 20)  # top right bottom left, mm
    frame: int = 0               # 0 none, 1 single, 2 double border around the page
    rule_colour: str = "#333"
    shade_colour: str = "#f1f3f5"
    label_colour: str = "#111"
    lang: str = "ko"


@dataclass
class Doc:
    blocks: list
    style: Style = field(default_factory=Style)
    header: str = ""
    footer: str = ""


# --- HTML ---------------------------------------------------------------------------------------

def data_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def _t(s: str) -> str:
    return escape(nfc(s)).replace("\n", "<br>")


def _label_html(p: Pair, sub_inline: bool = False) -> str:
    if not p.sub:
        return _t(p.label)
    if sub_inline:
        return f"{_t(p.label)} {_t(p.sub)}"
    return f'{_t(p.label)}<br><span class="sub">{_t(p.sub)}</span>'


def _pairs_html(b: Pairs) -> str:
    lb = "font-weight:bold;" if b.label_bold else ""
    if b.family == "inline":
        out = []
        for p in b.pairs:
            if b.aligned:
                k = f'<span class="k" style="{lb}display:inline-block;min-width:{b.label_width}mm">{_label_html(p, True)}</span>'
            else:
                k = f'<span class="k" style="{lb}">{_label_html(p, True)}</span>'
            out.append(f'<p class="kv">{k}{_t(b.sep)}<span class="v">{_t(p.value)}</span></p>')
        return "".join(out)
    rule = "ruled" if b.ruled else "bare"
    shade = "shade" if b.shade else ""
    if b.family == "table":
        rows = "".join(f'<tr><th class="{shade}" style="{lb}width:{b.label_width}%">{_label_html(p)}</th>'
                       f"<td>{_t(p.value)}</td></tr>" for p in b.pairs)
        return f'<table class="kvt {rule}">{rows}</table>'
    if b.family == "table4":
        cells = [f'<th class="{shade}" style="{lb}">{_label_html(p)}</th><td>{_t(p.value)}</td>' for p in b.pairs]
        if len(cells) % 2:
            cells.append("<th></th><td></td>")
        rows = "".join(f"<tr>{cells[i]}{cells[i + 1]}</tr>" for i in range(0, len(cells), 2))
        return f'<table class="kvt {rule} four">{rows}</table>'
    if b.family == "grid":
        n = b.per_row
        cells = [f'<td><div class="gl {shade}" style="{lb}">{_label_html(p, True)}</div>'
                 f'<div class="gv">{_t(p.value)}</div></td>' for p in b.pairs]
        while len(cells) % n:
            cells.append("<td></td>")
        rows = "".join("<tr>" + "".join(cells[i:i + n]) + "</tr>" for i in range(0, len(cells), n))
        return f'<table class="grid {rule}" style="table-layout:fixed">{rows}</table>'
    if b.family == "columns":
        n = b.per_row
        per = -(-len(b.pairs) // n)
        cols = [b.pairs[i * per:(i + 1) * per] for i in range(n)]
        tds = "".join("<td>" + _pairs_html(Pairs(c, "inline", b.sep, label_bold=b.label_bold)) + "</td>" for c in cols)
        return f'<table class="cols" style="table-layout:fixed"><tr>{tds}</tr></table>'
    raise ValueError(b.family)


def _block_html(b) -> str:
    if isinstance(b, Title):
        ls = "letter-spacing:0.35em;" if b.spaced else ""
        subs = "".join(f'<div class="tsub">{_t(s)}</div>' for s in b.sub)
        return f'<div class="title" style="text-align:{b.align}"><div style="font-size:{b.pt}pt;{ls}">{_t(b.text)}</div>{subs}</div>'
    if isinstance(b, Para):
        st = f"text-align:{b.align};"
        st += f"font-size:{b.pt}pt;" if b.pt else ""
        st += "font-weight:bold;" if b.bold else ""
        st += "color:#666;" if b.grey else ""
        return f'<p style="{st}">{_t(b.text)}</p>'
    if isinstance(b, Pairs):
        return _pairs_html(b)
    if isinstance(b, Table):
        rule = "ruled" if b.ruled else "bare"
        st = f' style="font-size:{b.pt}pt"' if b.pt else ""
        head = "".join(f'<th class="{"shade" if b.shade else ""}">{_t(h)}</th>' for h in b.header)
        rows = "".join("<tr>" + "".join(f"<td>{_t(c)}</td>" for c in r) + "</tr>" for r in b.rows)
        cap = f'<p class="cap">{_t(b.caption)}</p>' if b.caption else ""
        return f'{cap}<table class="data {rule}"{st}><tr>{head}</tr>{rows}</table>'
    if isinstance(b, Columns):
        rule = "colrule" if b.ruled else ""
        tds = "".join(f'<td class="{rule}">' + "".join(_block_html(x) for x in col) + "</td>" for col in b.columns)
        return f'<table class="cols" style="table-layout:fixed"><tr>{tds}</tr></table>'
    if isinstance(b, Signature):
        lines = "".join(f"<div>{_t(s)}</div>" for s in b.lines)
        mark = ""
        if b.mark is not None:
            mark = (f'<img src="{data_uri(b.mark)}" style="position:absolute;right:-4mm;bottom:-6mm;'
                    f'width:{b.mark_mm}mm;opacity:0.9">')
        side = "margin-left:auto;" if b.align == "right" else ("margin:0 auto;" if b.align == "center" else "")
        return f'<div class="sign" style="{side}">{lines}{mark}</div>'
    if isinstance(b, Letterhead):
        lines = "".join(f"<div>{_t(s)}</div>" for s in b.lines)
        return f'<div class="lh"><div class="lhn">{_t(b.name)}</div>{lines}</div>'
    if isinstance(b, Spacer):
        return f'<div style="height:{b.mm}mm"></div>'
    if isinstance(b, Box):
        return f'<div class="box" style="border:{b.border}pt solid #444">' + "".join(_block_html(x) for x in b.blocks) + "</div>"
    raise TypeError(type(b))


def doc_css(s: Style) -> str:
    t, r, btm, lft = s.margins
    frame = ""
    if s.frame:
        frame = (f"body {{ border: {'3pt double' if s.frame == 2 else '1.2pt solid'} #333; padding: 8mm 9mm; "
                 f"min-height: {s.page[1] - t - btm - 22}mm; }}")
    return f"""
@page {{ size: {s.page[0]}mm {s.page[1]}mm; margin: {t}mm {r}mm {btm}mm {lft}mm;
  @top-center {{ content: element(hdr); }} @bottom-center {{ content: element(ftr); }} }}
body {{ font-family: {s.font_css}; font-size: {s.pt}pt; line-height: {s.line_height}; }}
{frame}
.hdr {{ position: running(hdr); font-size: 7.5pt; color: #777; }}
.ftr {{ position: running(ftr); font-size: 7.5pt; color: #777; }}
.title {{ margin: 2mm 0 7mm; font-weight: bold; }}
.tsub {{ font-size: {s.pt * 0.95:.1f}pt; font-weight: normal; margin-top: 1.5mm; }}
p {{ margin: 0 0 2.2mm; }}
p.kv {{ margin: 0 0 1.6mm; }}
.k {{ color: {s.label_colour}; }}
.sub {{ font-size: 0.82em; font-weight: normal; color: #555; }}
table {{ width: 100%; border-collapse: collapse; margin: 2mm 0 5mm; }}
th, td {{ text-align: left; vertical-align: top; padding: 1.6mm 2.4mm; font-weight: normal; }}
table.ruled th, table.ruled td {{ border: 0.7pt solid {s.rule_colour}; }}
table.bare th, table.bare td {{ border: none; padding: 1.1mm 2mm 1.1mm 0; }}
.shade {{ background: {s.shade_colour}; }}
table.grid .gl {{ font-size: 0.86em; color: #444; margin-bottom: 0.8mm; }}
table.grid .gv {{ min-height: 1em; }}
table.cols td {{ padding: 0 4mm 0 0; border: none; }}
td.colrule {{ border-left: 0.6pt solid #999 !important; padding-left: 3mm !important; }}
table.data th {{ font-weight: bold; }}
p.cap {{ font-weight: bold; margin-top: 3mm; }}
.sign {{ position: relative; width: 82mm; margin-top: 10mm; line-height: 1.9; }}
.lh {{ border-bottom: 1.4pt solid #333; padding-bottom: 2mm; margin-bottom: 8mm; }}
.lhn {{ font-size: 15pt; font-weight: bold; }}
.box {{ padding: 3mm; margin: 2mm 0 4mm; }}
"""


def to_html(doc: Doc) -> str:
    hf = ""
    if doc.header:
        hf += f'<div class="hdr">{_t(doc.header)}</div>'
    if doc.footer:
        hf += f'<div class="ftr">{_t(doc.footer)}</div>'
    return hf + "".join(_block_html(b) for b in doc.blocks)


def write_pdf(doc: Doc, path: Path) -> None:
    """Born-digital: WeasyPrint through samples/gen/pdf.render_pdf (fixed metadata)."""
    render_pdf(to_html(doc), path, font=doc.style.font_css, css=doc_css(doc.style))


# --- DOCX ---------------------------------------------------------------------------------------

_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER, "right": WD_ALIGN_PARAGRAPH.RIGHT,
          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}


def _shade(cell, colour: str) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour.lstrip("#"))
    tcpr.append(shd)


def _table(container, rows: int, cols: int, ruled: bool):
    t = container.add_table(rows=rows, cols=cols)
    if ruled:
        t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    return t


def _cell_text(cell, text: str, bold: bool = False, sub: str = "", pt: float | None = None) -> None:
    par = cell.paragraphs[0]
    run = par.add_run(nfc(text))
    run.bold = bold
    if pt:
        run.font.size = Pt(pt)
    if sub:
        r2 = cell.add_paragraph().add_run(nfc(sub))
        r2.font.size = Pt(8)
        r2.font.color.rgb = RGBColor(0x55, 0x55, 0x55)


def _pairs_docx(container, b: Pairs, style: Style) -> None:
    if b.family == "inline":
        for p in b.pairs:
            par = container.add_paragraph()
            label = f"{p.label} {p.sub}" if p.sub else p.label
            k = par.add_run(nfc(label))
            k.bold = b.label_bold
            if b.aligned:
                par.paragraph_format.tab_stops.add_tab_stop(Mm(b.label_width))
                par.add_run("\t" + nfc(b.sep.strip()) + " " + nfc(p.value))
            else:
                par.add_run(nfc(b.sep) + nfc(p.value))
            par.paragraph_format.space_after = Pt(2)
        return
    if b.family == "table":
        t = _table(container, len(b.pairs), 2, b.ruled)
        for row, p in zip(t.rows, b.pairs):
            _cell_text(row.cells[0], p.label, b.label_bold, p.sub)
            _cell_text(row.cells[1], p.value)
            if b.shade:
                _shade(row.cells[0], style.shade_colour)
        return
    if b.family == "table4":
        n = -(-len(b.pairs) // 2)
        t = _table(container, n, 4, b.ruled)
        for i, p in enumerate(b.pairs):
            cells = t.rows[i // 2].cells
            _cell_text(cells[(i % 2) * 2], p.label, b.label_bold, p.sub)
            _cell_text(cells[(i % 2) * 2 + 1], p.value)
            if b.shade:
                _shade(cells[(i % 2) * 2], style.shade_colour)
        return
    if b.family == "grid":
        n = b.per_row
        rows = -(-len(b.pairs) // n)
        t = _table(container, rows * 2, n, b.ruled)
        for i, p in enumerate(b.pairs):
            r, c = divmod(i, n)
            label = f"{p.label} {p.sub}" if p.sub else p.label
            _cell_text(t.rows[r * 2].cells[c], label, b.label_bold, pt=max(7.0, style.pt - 1.5))
            _cell_text(t.rows[r * 2 + 1].cells[c], p.value)
            if b.shade:
                _shade(t.rows[r * 2].cells[c], style.shade_colour)
        return
    if b.family == "columns":
        n = b.per_row
        per = -(-len(b.pairs) // n)
        t = _table(container, 1, n, False)
        for i in range(n):
            cell = t.rows[0].cells[i]
            chunk = b.pairs[i * per:(i + 1) * per]
            for j, p in enumerate(chunk):
                par = cell.paragraphs[0] if j == 0 else cell.add_paragraph()
                label = f"{p.label} {p.sub}" if p.sub else p.label
                par.add_run(nfc(label)).bold = b.label_bold
                par.add_run(nfc(b.sep) + nfc(p.value))
        return
    raise ValueError(b.family)


def _block_docx(container, b, style: Style) -> None:
    if isinstance(b, Title):
        par = container.add_paragraph()
        par.alignment = _ALIGN[b.align]
        run = par.add_run(nfc(" ".join(b.text) if b.spaced and len(b.text) < 12 else b.text))
        run.bold, run.font.size = True, Pt(b.pt)
        for s in b.sub:
            sp = container.add_paragraph(nfc(s))
            sp.alignment = _ALIGN[b.align]
    elif isinstance(b, Para):
        par = container.add_paragraph()
        par.alignment = _ALIGN.get(b.align, WD_ALIGN_PARAGRAPH.LEFT)
        run = par.add_run(nfc(b.text))
        run.bold = b.bold
        if b.pt:
            run.font.size = Pt(b.pt)
        if b.grey:
            run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    elif isinstance(b, Pairs):
        _pairs_docx(container, b, style)
    elif isinstance(b, Table):
        if b.caption:
            container.add_paragraph().add_run(nfc(b.caption)).bold = True
        t = _table(container, len(b.rows) + 1, len(b.header), b.ruled)
        for c, h in zip(t.rows[0].cells, b.header):
            _cell_text(c, h, True, pt=b.pt)
            if b.shade:
                _shade(c, style.shade_colour)
        for row, values in zip(t.rows[1:], b.rows):
            for c, v in zip(row.cells, values):
                _cell_text(c, v, pt=b.pt)
    elif isinstance(b, Columns):
        t = _table(container, 1, len(b.columns), b.ruled)
        for cell, col in zip(t.rows[0].cells, b.columns):
            for x in col:
                _block_docx(cell, x, style)
    elif isinstance(b, Signature):
        for i, line in enumerate(b.lines):
            par = container.add_paragraph()
            par.alignment = _ALIGN[b.align]
            par.add_run(nfc(line))
            if i == len(b.lines) - 1 and b.mark is not None:
                buf = io.BytesIO()
                b.mark.save(buf, format="PNG")
                buf.seek(0)
                par.add_run(" ").add_picture(buf, width=Mm(b.mark_mm))
    elif isinstance(b, Letterhead):
        par = container.add_paragraph()
        r = par.add_run(nfc(b.name))
        r.bold, r.font.size = True, Pt(15)
        for line in b.lines:
            container.add_paragraph(nfc(line))
    elif isinstance(b, Spacer):
        container.add_paragraph()
    elif isinstance(b, Box):
        t = _table(container, 1, 1, True)
        cell = t.rows[0].cells[0]
        for x in b.blocks:
            _block_docx(cell, x, style)
    else:
        raise TypeError(type(b))


def write_docx(doc: Doc, path: Path) -> None:
    """The same document as a Word file (fixed core properties and zip times, as samples/gen does)."""
    s = doc.style
    d = Document()
    _set_font(d.styles["Normal"], s.font_docx, s.pt)
    props = d.core_properties
    props.author = props.last_modified_by = "user"
    props.created = props.modified = FIXED
    props.revision = 1
    props.comments = ""
    sec = d.sections[0]
    sec.page_width, sec.page_height = Mm(s.page[0]), Mm(s.page[1])
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = (Mm(v) for v in s.margins)
    if doc.header:
        sec.header.paragraphs[0].text = nfc(doc.header)
    if doc.footer:
        sec.footer.paragraphs[0].text = nfc(doc.footer)
    for b in doc.blocks:
        _block_docx(d, b, s)
    path.parent.mkdir(parents=True, exist_ok=True)
    d.save(path)
    restamp_zip(path)
