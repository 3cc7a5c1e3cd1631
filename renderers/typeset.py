"""Jinja2 + WeasyPrint: the one place HTML becomes PDF.

WeasyPrint ignores `word-break: keep-all` (STACK.md §5a), so Korean words are kept whole by
wrapping each space-separated word in a nowrap span (`keepall`). Stylesheets are static files;
the only generated CSS is the @font-face block that pins the families to the font files found.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import weasyprint
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from weasyprint.text.fonts import FontConfiguration

from casefile.datetext import kdate, zh_date
from casefile.josa import attach
from renderers.fonts import font_face_css

TEMPLATES = Path(__file__).parent / "templates"

#: Longer tokens (URLs, paths, hashes) get no nowrap span, so they can still wrap anywhere.
LONG_TOKEN = 30

# WeasyPrint and fontTools log every subsetting step; keep our logs readable.
logging.getLogger("weasyprint").setLevel(logging.ERROR)
logging.getLogger("fontTools").setLevel(logging.ERROR)
logging.getLogger("weasyprint.progress").setLevel(logging.ERROR)


#: A 공문 date (`2024. 3. 15.`) is one unit: a line break inside it reads as two fragments.
_KDATE = re.compile(r"\d{4}\. \d{1,2}\. \d{1,2}\.")


def keepall(text: object) -> Markup:
    """One `<span class="w">` per word so lines break only between words (Korean 어절), a date
    kept whole."""
    text = str(text if text is not None else "")
    words = [w.replace("\0", " ") for w in _KDATE.sub(lambda m: m.group().replace(" ", "\0"), text).split()]
    spans = (
        Markup('<span class="long">%s</span>') % w if len(w) > LONG_TOKEN else Markup('<span class="w">%s</span>') % w
        for w in words
    )
    return Markup(" ").join(spans)


def _add_filters(env: Environment) -> Environment:
    # josa: `{{ f.model_name | josa("이/가") }}` is the name and the particle form it takes (casefile/josa.py).
    env.filters.update(keepall=keepall, kdate=kdate, zh_date=zh_date, josa=attach)
    return env


def html_env() -> Environment:
    """Autoescaping environment for the page templates."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return _add_filters(env)


def text_env() -> Environment:
    """Plain-text environment for paragraph templates; escaping happens later, in `keepall`."""
    return _add_filters(Environment(autoescape=False, undefined=StrictUndefined, keep_trailing_newline=False))


def render_html(template: str, **context: object) -> str:
    return html_env().get_template(template).render(**context)


def render_document(html: str, base_url: str | Path = TEMPLATES, extra_css: str = "") -> weasyprint.Document:
    """Lay out without writing, for page counts and element positions (`Page.anchors`)."""
    # @font-face only takes effect through a FontConfiguration shared by the CSS and the render.
    font_config = FontConfiguration()
    sheets = [weasyprint.CSS(string=font_face_css() + "\n" + extra_css, font_config=font_config)]
    return weasyprint.HTML(string=html, base_url=str(base_url)).render(stylesheets=sheets, font_config=font_config)


def render_pdf(html: str, base_url: str | Path = TEMPLATES, extra_css: str = "") -> bytes:
    return render_document(html, base_url, extra_css).write_pdf()
