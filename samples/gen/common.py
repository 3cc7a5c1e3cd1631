"""Small shared helpers: fonts, the BRN check digit, byte-stable text, TOML and zip writers."""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

NANUM = "/usr/share/fonts/truetype/nanum"
FONTS = {
    "gothic": f"{NANUM}/NanumGothic.ttf",
    "gothic-bold": f"{NANUM}/NanumGothicBold.ttf",
    "myeongjo": f"{NANUM}/NanumMyeongjo.ttf",
    "myeongjo-bold": f"{NANUM}/NanumMyeongjoBold.ttf",
    "noto": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "noto-bold": "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "serif": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "serif-bold": "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
}
# Noto CJK collections hold one face per region; index 1 is the Korean one.
TTC_INDEX = {"noto": 1, "noto-bold": 1, "serif": 1, "serif-bold": 1}
# A fixed timestamp for every zip member, so that archives are byte-stable across runs.
ZIP_TIME = (2026, 11, 27, 9, 0, 0)


def brn_check_digit(first9: str) -> int:
    """사업자등록번호 check digit (DOMAIN.md §4.1)."""
    d = [int(c) for c in first9]
    s = sum(x * w for x, w in zip(d, (1, 3, 7, 1, 3, 7, 1, 3, 5))) + d[8] * 5 // 10
    return (10 - s % 10) % 10


def brn(first9: str, valid: bool = True) -> str:
    """A formatted BRN; `valid=False` perturbs the check digit the way a typo would."""
    check = brn_check_digit(first9)
    if not valid:
        check = (check + 3) % 10
    digits = first9 + str(check)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def write_text(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(nfc(text).replace("\n", newline).encode(encoding))


def toml_text(sections: dict[str, dict[str, str]]) -> str:
    """case.toml as a seller would write it: flat tables of strings, no library needed."""
    lines: list[str] = []
    for name, table in sections.items():
        lines.append(f"[{name}]")
        for key, value in table.items():
            escaped = value.replace("\\", "\\\\").replace('"', '\\"')
            lines.append(f'{key} = "{escaped}"')
        lines.append("")
    return "\n".join(lines)


def restamp_zip(path: Path) -> None:
    """Rewrite a zip (e.g. a DOCX) with fixed member times and order, for byte-stable output."""
    with zipfile.ZipFile(path) as zf:
        members = [(info.filename, zf.read(info)) for info in zf.infolist()]
    write_zip(path, members)


def write_zip(path: Path, members: list[tuple[str, bytes]]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(nfc(name), ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)


def zip_folder(folder: Path, archive: Path, top: str) -> None:
    """Zip `folder` as one top folder named `top`, the way a seller's archiver would."""
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    members = [(f"{top}/{p.relative_to(folder).as_posix()}", p.read_bytes()) for p in files]
    write_zip(archive, members)
