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
