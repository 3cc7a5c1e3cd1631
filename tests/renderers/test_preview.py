"""PNG previews of a real signed package, rasterised by PDFium."""

from __future__ import annotations

import io
import os

import numpy as np
import pikepdf
import pytest
from PIL import Image
from weasyprint import HTML

from renderers import SigningConfig, build_package
from renderers.preview import DEFAULT_DPI, PREVIEW_DIR, render_pages, write_previews
from tests.renderers.conftest import make_chain, outline_pages

A4_PX_AT_100_DPI = (827, 1170)


@pytest.fixture(scope="module")
def package_out(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    out = root / "out"
    build_package(make_chain(root / "case"), out, SigningConfig(demo_key_dir=root / "keys"))
    (out / "review_zh.pdf").write_bytes(HTML(string="<p>审核单</p><p style='break-before:page'>2</p>").write_pdf())
    return out


def _png(path) -> Image.Image:
    image = Image.open(path)
    image.load()
    return image.convert("RGB")


@pytest.mark.slow
def test_one_png_per_page_of_both_pdfs_at_the_asked_resolution(package_out):
    written = write_previews(package_out)
    with pikepdf.open(package_out / "appeal.pdf") as pdf:
        pages = len(pdf.pages)
    names = sorted(p.name for p in (package_out / PREVIEW_DIR).iterdir())
    assert names == sorted([f"appeal-p{i:02d}.png" for i in range(1, pages + 1)]
                           + ["review_zh-p01.png", "review_zh-p02.png"])
    assert [(p.source, p.page) for p in written][:pages] == [("appeal.pdf", i) for i in range(1, pages + 1)]
    for preview in written:
        size = _png(preview.path).size
        assert abs(size[0] - A4_PX_AT_100_DPI[0]) <= 1 and abs(size[1] - A4_PX_AT_100_DPI[1]) <= 1, preview
    assert not [n for n in os.listdir(package_out / PREVIEW_DIR) if n.endswith(".part")]


@pytest.mark.slow
def test_the_pictures_show_the_stamps_and_the_signature_box(package_out):
    write_previews(package_out)
    first_exhibit = outline_pages(package_out / "appeal.pdf")["붙임 1 - KC 인증서 (HU071695-21012A)"]
    stamp = _png(package_out / PREVIEW_DIR / f"appeal-p{first_exhibit + 1:02d}.png")
    corner = np.asarray(stamp.crop((stamp.width - 160, 0, stamp.width, 90)), dtype=int)  # the red 붙임 label
    red = (corner[..., 0] > 150) & (corner[..., 1] < 90) & (corner[..., 2] < 90)
    assert red.sum() > 150, "no red exhibit label in the top-right corner"

    with pikepdf.open(package_out / "appeal.pdf") as pdf:
        [(index, rect)] = [(i, [float(v) for v in a.Rect]) for i, page in enumerate(pdf.pages)
                           for a in page.obj.get("/Annots", []) if a.get("/FT") == "/Sig"]
        height = float(pdf.pages[index].mediabox[3])
    scale = DEFAULT_DPI / 72
    box = _png(package_out / PREVIEW_DIR / f"appeal-p{index + 1:02d}.png").crop(
        (int(rect[0] * scale) + 4, int((height - rect[3]) * scale) + 4,
         int(rect[2] * scale) - 4, int((height - rect[1]) * scale) - 4))
    ink = (np.asarray(box.convert("L")) < 128).sum()
    assert ink > 100, "the visible signature (a form field's appearance) was not drawn"


@pytest.mark.slow
def test_only_the_pages_asked_for_and_stale_pictures_go(package_out, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    three = HTML(string="<p>1</p><p style='break-before:page'>2</p><p style='break-before:page'>3</p>").write_pdf()
    (out / "appeal.pdf").write_bytes(three)
    write_previews(out)
    assert sorted(p.name for p in (out / PREVIEW_DIR).iterdir()) == ["appeal-p01.png", "appeal-p02.png",
                                                                     "appeal-p03.png"]
    # A newer, shorter package: the picture of its old third page must not survive.
    (out / "appeal.pdf").write_bytes((package_out / "appeal.pdf").read_bytes())
    os.utime(out / "appeal.pdf", (os.path.getmtime(out / PREVIEW_DIR / "appeal-p03.png") + 5,) * 2)
    written = write_previews(out, dpi=50, pages={2})
    assert [(p.source, p.page) for p in written] == [("appeal.pdf", 2)]
    assert sorted(p.name for p in (out / PREVIEW_DIR).iterdir()) == ["appeal-p02.png"]
    assert _png(out / PREVIEW_DIR / "appeal-p02.png").size[0] in (413, 414)


def test_resolution_is_bounded_and_pages_are_pngs(tmp_path):
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(HTML(string="<p>한 쪽</p>").write_pdf())
    [(number, png)] = list(render_pages(pdf, dpi=72))
    assert number == 1 and Image.open(io.BytesIO(png)).format == "PNG"
    with pytest.raises(ValueError):
        list(render_pages(pdf, dpi=2000))
    assert write_previews(tmp_path / "nothing-here") == []
