"""The fonts the package is typeset in, found on disk so nothing falls back to a system default.

STYLE.md B.6: a Korean PDF must name and embed its fonts explicitly; a missing font is a
`MissingDependencyError` naming the apt package, never a silent DejaVu substitution.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from casefile.errors import MissingDependencyError

FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
)

#: CSS family names the static stylesheets use; `font_face_css` binds them to the files found.
KOREAN_SERIF = "Appeal Myeongjo"
KOREAN_SANS = "Appeal Gothic"
KOREAN_SANS_BOLD = "Appeal Gothic Bold"


@dataclass(frozen=True)
class FontSet:
    myeongjo: Path
    myeongjo_bold: Path
    gothic: Path
    gothic_bold: Path
    noto_cjk: Path  # a TTC; WeasyPrint selects the SC face by its fontconfig family name


_WANTED: dict[str, tuple[str, str]] = {
    "myeongjo": ("NanumMyeongjo.ttf", "fonts-nanum"),
    "myeongjo_bold": ("NanumMyeongjoBold.ttf", "fonts-nanum"),
    "gothic": ("NanumGothic.ttf", "fonts-nanum"),
    "gothic_bold": ("NanumGothicBold.ttf", "fonts-nanum"),
    "noto_cjk": ("NotoSansCJK-Regular.ttc", "fonts-noto-cjk"),
}


def _find(file_name: str, dirs: tuple[Path, ...]) -> Path | None:
    for root in dirs:
        if root.is_dir():
            hit = next(iter(sorted(root.rglob(file_name))), None)
            if hit is not None:
                return hit
    return None


@functools.cache
def fonts(dirs: tuple[Path, ...] = FONT_DIRS) -> FontSet:
    """Locate every font the renderers need; raise naming the apt packages that are missing."""
    found: dict[str, Path] = {}
    missing: dict[str, str] = {}
    for key, (file_name, package) in _WANTED.items():
        path = _find(file_name, dirs)
        if path is None:
            missing[file_name] = package
        else:
            found[key] = path
    if missing:
        packages = " ".join(sorted(set(missing.values())))
        raise MissingDependencyError(
            f"font file(s) not found: {', '.join(sorted(missing))}; "
            f"install them with `apt-get install {packages}` (searched {', '.join(map(str, dirs))})"
        )
    return FontSet(**found)


def font_face_css(font_set: FontSet | None = None) -> str:
    """@font-face rules binding the stylesheet family names to the exact files found."""
    f = font_set or fonts()
    faces = [
        (KOREAN_SERIF, f.myeongjo, "normal"),
        (KOREAN_SERIF, f.myeongjo_bold, "bold"),
        (KOREAN_SANS, f.gothic, "normal"),
        (KOREAN_SANS, f.gothic_bold, "bold"),
    ]
    return "\n".join(
        f'@font-face {{ font-family: "{family}"; src: url("{path.as_uri()}"); font-weight: {weight}; }}'
        for family, path, weight in faces
    )
