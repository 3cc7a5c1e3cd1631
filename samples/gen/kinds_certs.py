"""KC certificates in layouts the six original cases do not use: a bilingual two-column PDF, a bordered
grid with an issuer band, and a paper form for scanning. Rows are (label, value) as printed."""

from __future__ import annotations

from html import escape
from pathlib import Path

from .pdf import render_pdf
from .raster import Sheet
from .seal import draw_seal

BILINGUAL_CSS = """
@page { margin: 16mm 18mm; }
div.band { background: #0b4f8a; color: white; padding: 4mm 6mm; margin-bottom: 8mm; }
div.band h1 { margin: 0; font-size: 17pt; } div.band div { font-size: 10pt; }
table { width: 100%; border-collapse: collapse; font-size: 10pt; }
td { border-bottom: 0.5pt solid #bbb; padding: 2.2mm 2mm; vertical-align: top; }
td.en { color: #555; width: 26%; } td.ko { width: 20%; font-weight: bold; }
p.foot { margin-top: 14mm; font-size: 9pt; color: #444; }
p.sign { text-align: right; font-size: 13pt; margin-top: 10mm; }
"""


def bilingual_pdf(path: Path, *, title_ko: str, title_en: str, rows: list[tuple[str, str, str]], date: str,
                  issuer: str) -> None:
    """English and Korean labels side by side, as testing bodies print certificates for foreign makers."""
    body = "".join(f'<tr><td class="en">{escape(en)}</td><td class="ko">{escape(ko)}</td><td>{escape(v)}</td></tr>'
                   for en, ko, v in rows)
    html = f"""<div class="band"><h1>{escape(title_ko)}</h1><div>{escape(title_en)}</div></div>
<table>{body}</table>
<p class="foot">This certificate is valid only for the model(s) listed above. 본 인증서는 상기 모델에 한하여 유효합니다.</p>
<p class="sign">{escape(date)}<br><b>{escape(issuer)}</b></p>"""
    render_pdf(html, path, font="NanumSquare, NanumGothic", css=BILINGUAL_CSS)


GRID_CSS = """
@page { margin: 20mm; border: 1.2pt double #444; padding: 8mm; }
h1 { text-align: center; font-size: 19pt; margin: 4mm 0 1mm; }
p.sub { text-align: center; font-size: 9pt; margin: 0 0 8mm; color: #333; }
table { width: 100%; border-collapse: collapse; }
td { border: 0.6pt solid #333; padding: 2.6mm; width: 25%; vertical-align: top; }
td.l { background: #f1efe8; font-weight: bold; text-align: center; }
p.body { margin: 10mm 0; text-align: center; }
p.date { text-align: center; } p.issuer { text-align: center; font-size: 15pt; font-weight: bold; }
"""


def grid_pdf(path: Path, *, title: str, subtitle: str, rows: list[tuple[str, str]], date: str, issuer: str,
             font: str = "NanumMyeongjo") -> None:
    """Four-column grid (label, value, label, value), the form most 인증기관 print."""
    cells = [f'<td class="l">{escape(k)}</td><td>{escape(v)}</td>' for k, v in rows]
    pairs = ["<tr>" + "".join(cells[i:i + 2]) + "</tr>" for i in range(0, len(cells), 2)]
    html = f"""<h1>{escape(title)}</h1><p class="sub">{escape(subtitle)}</p><table>{''.join(pairs)}</table>
<p class="body">위 제품은 관계 법령에 따른 기준에 적합함을 증명합니다.</p>
<p class="date">{escape(date)}</p><p class="issuer">{escape(issuer)}</p>"""
    render_pdf(html, path, font=font, css=GRID_CSS)


def paper_cert(*, title: str, rows: list[tuple[str, str]], date: str, issuer: str, seal_text: str,
               font: str = "myeongjo", pt: float = 12.5, seed: int = 9) -> Sheet:
    """A ruled two-column paper certificate, ready to be scanned or photographed."""
    s = Sheet(font)
    s.box(18, 18, 192, 279, width=5)
    s.text(105, 40, title, pt=pt * 1.8, bold=True, anchor="mm")
    y, step = 62, pt * 1.05
    for label, value in rows:
        s.rule(28, y - 3, 182, y - 3, width=2)
        s.text(32, y + step / 2, label, pt=pt, bold=True, anchor="lm")
        s.text(78, y + step / 2, value, pt=pt, anchor="lm")
        y += step + 3
    s.rule(28, y - 3, 182, y - 3, width=2)
    s.text(105, 232, date, pt=pt + 0.5, anchor="mm")
    s.text(105, 250, issuer, pt=pt * 1.4, bold=True, anchor="mm")
    s.stamp(draw_seal(seal_text, seed=seed), 150, 236, size_mm=24)
    return s
