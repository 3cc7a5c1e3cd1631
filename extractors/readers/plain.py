"""Plain text files, and the text helpers every reader shares (decoding, tidying, counting).

Sellers' `.txt` files come from Windows machines in Korea and China as often as from anywhere,
so after the BOMs and UTF-8 we try CP949 (Korean) before GB18030 (Chinese): GB18030 accepts
almost any byte string, so it can only ever be the last resort.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from casefile.codes import PageSource
from casefile.pages import Page, ReadResult

#: Declared charsets mapped to the superset that real mail and files actually use.
_SUPERSETS = {
    "euc-kr": "cp949", "euc_kr": "cp949", "ks_c_5601-1987": "cp949", "ks_c_5601": "cp949",
    "ksc5601": "cp949", "korean": "cp949", "x-windows-949": "cp949", "ms949": "cp949", "uhc": "cp949",
    "gb2312": "gb18030", "gb_2312-80": "gb18030", "euc-cn": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    "cp936": "gb18030", "ms936": "gb18030", "chinese": "gb18030",
    "us-ascii": "utf-8", "ascii": "utf-8",
}
_FALLBACKS = ("utf-8", "cp949", "gb18030")
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CID = re.compile(r"\(cid:\d+\)")


def charset_codec(declared: str | None) -> str | None:
    """The Python codec for a declared charset (mapped to its superset), or None if unknown."""
    if not declared:
        return None
    name = declared.strip().strip("\"'").lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode text whose charset may be declared wrongly or not at all; returns (text, codec used)."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace"), codec
    candidates = [c for c in (charset_codec(declared), *_FALLBACKS) if c]
    for codec in dict.fromkeys(candidates):
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    codec = candidates[0]
    return data.decode(codec, errors="replace"), codec


def tidy_text(text: str) -> str:
    """Page text form: NFC, `\\n` line ends, no trailing spaces on a line, no blank lines at the ends."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def real_char_count(text: str) -> int:
    """Letters and digits a person could read: no `(cid:N)` codes, replacement or private-use chars."""
    return sum(1 for ch in _CID.sub("", text) if ch.isalnum() and not _is_junk(ch))


def junk_char_count(text: str) -> int:
    """Characters that show a broken text layer: `(cid:N)` codes, U+FFFD, private-use code points."""
    return len(_CID.findall(text)) + sum(1 for ch in _CID.sub("", text) if _is_junk(ch))


def _is_junk(ch: str) -> bool:
    return ch == "\ufffd" or unicodedata.category(ch) == "Co"


def read_plain(path: Path, workdir: Path | None = None) -> ReadResult:
    """A `.txt` file as one page."""
    text, codec = decode_bytes(Path(path).read_bytes())
    page = Page(number=1, source=PageSource.plain, text=tidy_text(text), strategy=f"plain:{codec}")
    return ReadResult(pages=[page])
