"""Exhibit conversion and stamping on pages that are not plain A4."""

from __future__ import annotations

import io

import pdfplumber
import pikepdf
from PIL import Image
from weasyprint import HTML

from renderers.exhibits import A4, TARGET_DPI, image_pdf
from renderers.stamps import StampSpec, stamp_pages


def test_big_photo_is_placed_on_a4_at_about_200_dpi(tmp_path):
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (4000, 3000), (120, 140, 160)).save(photo, quality=90)
    pdf = image_pdf(photo)
    [page] = pdf.pages
    assert [round(float(v), 1) for v in page.mediabox] == [0, 0, round(A4[0], 1), round(A4[1], 1)]
    [(_, image)] = list(page.images.items())
    assert image.Filter == pikepdf.Name.DCTDecode  # a photo stays JPEG
    placed_width_in = (A4[0] - 2 * 42.5) / 72
    assert abs(int(image.Width) / placed_width_in - TARGET_DPI) < 2


def test_screenshot_png_stays_lossless(tmp_path):
    shot = tmp_path / "shot.png"
    Image.new("RGBA", (800, 1600), (10, 20, 30, 128)).save(shot)
    pdf = image_pdf(shot)  # keep the Pdf alive while its objects are read
    [(_, image)] = list(pdf.pages[0].images.items())
    assert image.Filter == pikepdf.Name.FlateDecode and int(image.Width) == 800


def test_stamps_follow_each_page_size_and_rotation(tmp_path):
    html = """<style>@page { size: 200mm 120mm; margin: 20mm }</style><p>Receipt page</p>"""
    pdf = pikepdf.open(io.BytesIO(HTML(string=html).write_pdf()))
    letter = pikepdf.open(io.BytesIO(HTML(string="<style>@page{size:A3}</style><p>Big page</p>").write_pdf()))
    pdf.pages.extend(letter.pages)
    pdf.pages[0].obj.Rotate = 90
    specs = [StampSpec("붙임 4", 1, 2, 9, 10), StampSpec("붙임 4", 2, 2, 10, 10)]
    stamp_pages(pdf, 0, specs)
    out = tmp_path / "stamped.pdf"
    pdf.save(out)
    with pdfplumber.open(out) as doc:
        first, second = doc.pages[0], doc.pages[1]
        assert "붙임 4" in first.extract_text() and "붙임 4 (1/2)" in first.extract_text()
        assert "붙임 4 (2/2)" in second.extract_text() and "- 10 / 10 -" in second.extract_text()
        # pdfminer applies /Rotate, so coordinates are as seen: the page's own text now runs
        # sideways while the stamp must read upright in the visual top-right corner.
        assert not [c for c in first.chars if c["text"] == "R"][0]["upright"]
        label = [c for c in first.chars if c["text"] == "붙"][0]
        assert label["upright"] and label["x0"] > float(first.width) - 120 and label["top"] < 60
        # On the A3 page the page count sits near its own bottom-right corner, not A4's.
        count = [c for c in second.chars if c["text"] == "붙"][0]
        assert count["x0"] > float(second.width) - 200 and count["top"] > float(second.height) - 60


def test_a_scanned_image_exhibit_is_searchable_but_looks_the_same(tmp_path):
    import io

    import pdfplumber
    import pypdfium2
    from PIL import Image, ImageDraw, ImageFont

    from casefile.pages import Page, Word
    from renderers.exhibits import image_pdf

    img = Image.new("RGB", (1240, 1754), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 40)
    ImageDraw.Draw(img).text((100, 200), "인증번호 HU071695-21012A", font=font, fill="black")
    path = tmp_path / "scan.png"
    img.save(path)
    read = Page(number=1, source="ocr", text="인증번호 HU071695-21012A", width=1240, height=1754,
                words=[Word(text="인증번호", left=100, top=205, width=170, height=40, confidence=0.95),
                       Word(text="HU071695-21012A", left=290, top=205, width=380, height=40, confidence=0.9)])

    def rendered(pdf) -> tuple[str, bytes]:
        buf = io.BytesIO()
        pdf.save(buf)
        with pdfplumber.open(io.BytesIO(buf.getvalue())) as doc:
            text = doc.pages[0].extract_text() or ""
        bitmap = pypdfium2.PdfDocument(buf.getvalue())[0].render(scale=1).to_pil().convert("L")
        return text, bitmap.tobytes()

    plain_text, plain_pixels = rendered(image_pdf(path))
    layered_text, layered_pixels = rendered(image_pdf(path, [read]))
    assert plain_text == ""
    assert "HU071695-21012A" in layered_text and "인증번호" in layered_text
    assert layered_pixels == plain_pixels  # invisible


def test_a_turned_page_gets_its_lines_not_misplaced_words():
    from casefile.pages import Page, Word
    from renderers.textlayer import Placement, placed_words

    read = Page(number=1, source="ocr", rotation=90, text="첫 줄\n둘째 줄", width=100, height=200,
                words=[Word(text="첫", left=1, top=1, width=5, height=5)])
    placed = placed_words(read, Placement(10, 20, 300, 400))
    assert [w.text for w in placed] == ["첫 줄", "둘째 줄"]
    assert placed[0].y == 20 and placed[1].y > placed[0].y
