"""Text normal form of the contract: Unicode NFC, runs of white space folded to one space, trimmed."""

from __future__ import annotations

import re
import unicodedata

_SPACE_RUN = re.compile(r"\s+")


def clean(value: str | None) -> str | None:
    """Contract form of a string field; an empty result is `None` (absent, never "")."""
    if value is None:
        return None
    folded = _SPACE_RUN.sub(" ", unicodedata.normalize("NFC", value)).strip()
    return folded or None


#: Every dash and minus OCR and word processors print for one hyphen.
#: One Hangul syllable (the precomposed block; jamo alone are not read as text).
HANGUL = re.compile(r"[\uac00-\ud7a3]")

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASHES = re.compile(f"[{DASHES}]")


def fold_dashes(text: str) -> str:
    """Every Unicode dash and minus as "-": OCR and word processors print them for one hyphen."""
    return _DASHES.sub("-", text)


def nfc_path(path: str) -> str:
    """A case-relative path as the contract writes it: `/` separators, NFC."""
    return unicodedata.normalize("NFC", path.replace("\\", "/"))
