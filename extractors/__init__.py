"""Files -> pages of text (readers) -> document kind -> typed fields.

`read_file` is the entry point of the readers; classification and field extraction live in
their own modules of this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractors.readers.read import read_file, read_json

__all__ = ["read_file", "read_json"]


def __getattr__(name: str) -> Any:
    # Lazy, so `import extractors.text.dates` does not pay for pdfplumber, pikepdf and python-docx.
    if name in __all__:
        from extractors.readers import read

        return getattr(read, name)
    raise AttributeError(f"module 'extractors' has no attribute {name!r}")
