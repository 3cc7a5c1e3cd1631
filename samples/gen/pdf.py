"""Born-digital PDFs from HTML via WeasyPrint, with fixed metadata so the bytes do not drift."""

from __future__ import annotations

from pathlib import Path

from weasyprint import HTML

BASE_CSS = """
@page { size: A4; margin: 22mm 20mm; }
body { font-family: %(font)s; font-size: 10.5pt; line-height: 1.55; color: #111; word-break: keep-all; }
"""


def render_pdf(body_html: str, path: Path, font: str = "NanumGothic", css: str = "", base: Path | None = None) -> None:
    html = f"""<!doctype html><html lang="ko"><head><meta charset="utf-8">
<meta name="dcterms.created" content="2026-11-27T09:00:00+09:00">
<meta name="dcterms.modified" content="2026-11-27T09:00:00+09:00">
<style>{BASE_CSS % {"font": font}}{css}</style></head><body>{body_html}</body></html>"""
    path.parent.mkdir(parents=True, exist_ok=True)
    HTML(string=html, base_url=str(base or path.parent)).write_pdf(path)
