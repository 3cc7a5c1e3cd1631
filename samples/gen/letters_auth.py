"""Brand authorisation letters (DOMAIN.md §5) in Korean, English and Chinese, as PDF, DOCX or paper.

Each writer takes one `Letter` and prints it the way that language's offices do: the Korean one as a
공문 with 발신명의 and (인), the English one as a signed business letter, the Chinese one as a 授权书
under a round 公章. Dates are passed already formatted, since the style is part of the layout.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from html import escape
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt
from PIL import Image

from .common import restamp_zip
from .docx_doc import FIXED, _set_font
from .kinds_marks import ZhSheet, paste_mark
from .pdf import render_pdf
from .raster import Sheet


@dataclass
class Letter:
    grantor: str
    grantee: str
    brand: str
    period: str            # the validity line as printed, e.g. "2026년 1월 1일부터 2027년 12월 31일까지"
    signed_on: str         # the letter's own date, as printed
    signer: str
    trademark: str = ""    # registration number as printed
    products: str = ""
    address: str = ""


def _data_uri(img: Image.Image) -> str:
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return "data:image/png;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


KO_CSS = """
h1 { text-align: center; font-size: 21pt; letter-spacing: 10pt; margin: 6mm 0 12mm; }
table.kv { width: 100%; border-collapse: collapse; margin-bottom: 8mm; }
table.kv th, table.kv td { border: 0.7pt solid #444; padding: 2mm 3mm; text-align: left; }
table.kv th { width: 28%; background: #f3f3f3; }
p { margin: 0 0 4mm; }
p.date { text-align: center; margin: 14mm 0 10mm; }
div.sign { position: relative; margin-left: 52%; line-height: 2.1; }
div.sign img { position: absolute; left: 62mm; top: 6mm; width: 24mm; opacity: 0.92; }
"""


def ko_pdf(letter: Letter, path: Path, seal: Image.Image | None, font: str = "NanumMyeongjo",
           title: str = "판매권한 위임장") -> None:
    """A Korean 위임장: a key-value table, the grant in prose, then 발신명의 with (인) and the seal over it."""
    rows = [("위임인 (상표권자)", letter.grantor), ("수임인 (판매자)", letter.grantee),
            ("상표 (브랜드)", letter.brand), ("상표등록번호", letter.trademark),
            ("위임 범위", letter.products), ("위임 기간", letter.period)]
    table = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows if v)
    stamp = f'<img src="{_data_uri(seal)}">' if seal is not None else ""
    body = f"""<h1>{escape(title)}</h1>
<table class="kv">{table}</table>
<p>위임인은 위 상표가 부착된 상품을 대한민국 내 쿠팡(Coupang) 마켓플레이스에서 판매할 수 있는 권한을
위 기간 동안 수임인에게 위임합니다.</p>
<p>수임인은 위임 범위를 벗어난 상품을 판매하거나 제3자에게 권한을 재위임할 수 없으며, 위임 기간이
끝나면 본 위임장의 효력은 소멸합니다.</p>
<p class="date">{escape(letter.signed_on)}</p>
<div class="sign">위임인: {escape(letter.grantor)}<br>주소: {escape(letter.address)}<br>
대표이사 {escape(letter.signer)} (인){stamp}</div>"""
    render_pdf(body, path, font=font, css=KO_CSS)


def ko_sheet(letter: Letter, seal: Image.Image | None, title: str = "상표 사용 및 판매 위임장") -> Sheet:
    """The same grant on paper, label-colon style, to be scanned."""
    s = Sheet("gothic")
    s.text(105, 34, title, pt=22, bold=True, anchor="mm")
    s.rule(25, 44, 185, 44, width=4)
    lines = [("위 임 인", letter.grantor), ("수 임 인", letter.grantee), ("브 랜 드", letter.brand),
             ("등록번호", letter.trademark), ("대상제품", letter.products), ("위임기간", letter.period)]
    y = 60
    for label, value in lines:
        if value:
            s.text(28, y, label, pt=12.5, bold=True)
            s.text(56, y, ":  " + value, pt=12.5)
            y += 12
    for line in ("위임인은 상기 브랜드 제품을 쿠팡에서 판매할 수 있는 권한을 수임인에게 부여하며,",
                 "수임인은 위임기간 동안 정품만을 판매할 것을 확인합니다."):
        s.text(28, y + 8, line, pt=12)
        y += 9
    s.text(105, 205, letter.signed_on, pt=13, anchor="mm")
    s.text(112, 225, f"위임인  {letter.grantor}", pt=13)
    s.text(112, 236, f"대표이사  {letter.signer}  (인)", pt=13)
    if seal is not None:
        s.stamp(seal, 163, 226, size_mm=22)
    return s


EN_CSS = """
@page { margin: 25mm 24mm; }
body { font-size: 11pt; }
div.head { border-bottom: 1.5pt solid #2a4d69; padding-bottom: 2mm; margin-bottom: 10mm; color: #2a4d69; }
div.head b { font-size: 14pt; }
h1 { font-size: 16pt; text-align: center; text-transform: uppercase; letter-spacing: 1pt; margin: 0 0 8mm; }
div.sign { margin-top: 16mm; position: relative; }
div.sign img { position: absolute; left: 40mm; top: -8mm; width: 30mm; opacity: 0.9; }
"""


def en_pdf(letter: Letter, path: Path, mark: Image.Image | None) -> None:
    """An English Letter of Authorization on letterhead; the seal or signature sits on the sign-off."""
    stamp = f'<img src="{_data_uri(mark)}">' if mark is not None else ""
    body = f"""<div class="head"><b>{escape(letter.grantor)}</b><br>{escape(letter.address)}</div>
<h1>Letter of Authorization</h1>
<p>Date: {escape(letter.signed_on)}</p>
<p>To whom it may concern, Coupang Corp. (Republic of Korea)</p>
<p>We, <b>{escape(letter.grantor)}</b>, the registered owner of the trademark <b>{escape(letter.brand)}</b>
(Korean Trademark Registration No. {escape(letter.trademark)}), hereby authorize
<b>{escape(letter.grantee)}</b> to sell genuine {escape(letter.products)} bearing the said trademark
on the Coupang marketplace in the Republic of Korea.</p>
<p>This authorization is non-exclusive and non-transferable and is valid {escape(letter.period)}.</p>
<div class="sign">Authorized signatory:{stamp}<br><br>______________________________<br>
{escape(letter.signer)}, General Manager<br>For and on behalf of {escape(letter.grantor)}</div>"""
    render_pdf(body, path, font="NanumMyeongjo", css=EN_CSS)


def en_docx(letter: Letter, path: Path, mark: Image.Image, mark_width_mm: float = 45) -> None:
    """The English letter as a Word file, the signature pasted in as a picture above the typed name."""
    doc = Document()
    _set_font(doc.styles["Normal"], "Calibri", 11)
    props = doc.core_properties
    props.author = props.last_modified_by = "Admin"
    props.created = props.modified = FIXED
    props.revision = 2
    head = doc.add_paragraph()
    run = head.add_run(letter.grantor.upper())
    run.bold, run.font.size = True, Pt(13)
    doc.add_paragraph(letter.address)
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    t = title.add_run("AUTHORIZATION LETTER")
    t.bold, t.font.size = True, Pt(16)
    doc.add_paragraph(f"Issued on: {letter.signed_on}")
    table = doc.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for k, v in (("Licensor", letter.grantor), ("Licensee", letter.grantee), ("Brand", letter.brand),
                 ("Trademark Reg. No.", letter.trademark), ("Products", letter.products),
                 ("Territory / Channel", "Republic of Korea / Coupang"), ("Term", letter.period)):
        cells = table.add_row().cells
        cells[0].text, cells[1].text = k, v
    doc.add_paragraph("")
    doc.add_paragraph("The Licensor confirms that the Licensee may list and sell the above products under "
                      "the Brand for the Term stated. This letter may not be assigned.")
    buf = io.BytesIO()
    mark.save(buf, format="PNG", optimize=True)
    buf.seek(0)
    doc.add_paragraph("Signature:").add_run().add_picture(buf, width=Mm(mark_width_mm))
    doc.add_paragraph(f"Name: {letter.signer}")
    doc.add_paragraph("Title: Director")
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    restamp_zip(path)


def ko_docx(letter: Letter, path: Path, seal: Image.Image | None) -> None:
    """A Korean 위임장 typed in Word: numbered clauses, the seal pasted after the signer's name."""
    doc = Document()
    _set_font(doc.styles["Normal"], "NanumGothic", 11)
    props = doc.core_properties
    props.author = props.last_modified_by = "user"
    props.created = props.modified = FIXED
    props.revision = 1
    title = doc.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    r = title.add_run("위 임 장")
    r.bold, r.font.size = True, Pt(22)
    for line in (f"1. 위임하는 자: {letter.grantor}", f"2. 위임받는 자: {letter.grantee}",
                 f"3. 위임 브랜드: {letter.brand} (상표등록 {letter.trademark})",
                 f"4. 위임 내용: 쿠팡 마켓플레이스에서 {letter.products} 판매",
                 f"5. 위임 기간: {letter.period}"):
        doc.add_paragraph(line)
    doc.add_paragraph("상기와 같이 위임합니다.")
    date = doc.add_paragraph(letter.signed_on)
    date.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sign = doc.add_paragraph(f"{letter.grantor}  대표 {letter.signer}  ")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if seal is not None:
        buf = io.BytesIO()
        seal.save(buf, format="PNG", optimize=True)
        buf.seek(0)
        sign.add_run().add_picture(buf, width=Mm(20))
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    restamp_zip(path)


def zh_sheet(letter: Letter, seal: Image.Image) -> ZhSheet:
    """A 授权书 on paper: 授权方/被授权方 lines, the grant in prose, the round 公章 over the 盖章 line."""
    s = ZhSheet("serif")
    s.text(105, 36, "授  权  书", pt=26, bold=True, anchor="mm")
    y = 62
    for label, value in (("授权方", letter.grantor), ("地址", letter.address), ("被授权方", letter.grantee),
                         ("授权品牌", letter.brand), ("商标注册号", letter.trademark)):
        s.text(26, y, f"{label}：{value}", pt=13)
        y += 11
    prose = ["兹授权被授权方在韩国 Coupang（酷澎）平台销售上述品牌的",
             f"{letter.products}，被授权方不得转授权。",
             f"授权期限：{letter.period}。",
             "本授权书自授权方盖章之日起生效，复印件无效。"]
    for line in prose:
        s.text(26, y + 8, line, pt=13)
        y += 11
    s.text(120, 214, f"授权方（盖章）：{letter.grantor}", pt=12.5, anchor="mm")
    s.text(120, 226, f"法定代表人：{letter.signer}", pt=12.5, anchor="mm")
    s.text(120, 238, letter.signed_on, pt=12.5, anchor="mm")
    paste_mark(s, seal, 128, 200, 42)
    return s


ZH_CSS = """
h1 { text-align: center; font-size: 24pt; letter-spacing: 14pt; margin: 4mm 0 14mm; }
p { text-indent: 2em; margin: 0 0 4mm; line-height: 1.9; }
p.kv { text-indent: 0; margin: 0 0 1.5mm; }
div.sign { margin: 18mm 0 0 50%; position: relative; line-height: 2.2; }
div.sign img { position: absolute; left: 8mm; top: -10mm; width: 40mm; opacity: 0.9; }
"""


def zh_pdf(letter: Letter, path: Path, seal: Image.Image) -> None:
    """The 授权书 typed in a Chinese office suite and exported to PDF."""
    kv = "".join(f'<p class="kv">{escape(k)}：{escape(v)}</p>' for k, v in (
        ("授权方", letter.grantor), ("被授权方", letter.grantee), ("授权品牌", letter.brand),
        ("商标注册号", letter.trademark)))
    body = f"""<h1>品牌授权书</h1>{kv}
<p>授权方系“{escape(letter.brand)}”商标的合法持有人，现授权被授权方在韩国酷澎（Coupang）电商平台上
销售该品牌{escape(letter.products)}。</p>
<p>授权期限：{escape(letter.period)}。授权期满后本授权书自动失效。</p>
<div class="sign">授权方：{escape(letter.grantor)}<br>法定代表人：{escape(letter.signer)}<br>
日期：{escape(letter.signed_on)}<img src="{_data_uri(seal)}"></div>"""
    render_pdf(body, path, font="Noto Sans CJK SC", css=ZH_CSS)
