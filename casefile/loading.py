"""Taking a case in from a folder or a `.zip`: safely, bounded, hashed, never altering the input."""

from __future__ import annotations

import hashlib
import lzma
import os
import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from casefile.case import Case, CaseProblem, SourceFile, case_id_of
from casefile.codes import FindingCode
from casefile.config import CaseConfig, parse_case_toml
from casefile.errors import CaseConfigError, CaseError
from casefile.limits import DEFAULT_LIMITS, Limits
from casefile.text import nfc_path

CASE_TOML = "case.toml"
_IGNORED_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_IGNORED_DIRS = {"__MACOSX", ".git"}


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def load_case(source: Path, workdir: Path, limits: Limits = DEFAULT_LIMITS) -> Case:
    """Inventory a case folder, or extract a case `.zip` into `workdir` first.

    Raises `CaseError` when the case as a whole cannot be taken in; problems with
    single files (symlinks, oversize) are recorded on the case as findings.
    """
    source = Path(source)
    if not source.exists():
        raise CaseError(f"case not found: {source}")
    if source.is_dir():
        case_id = case_id_of(source.resolve())
        root, problems = source.absolute(), []
    elif zipfile.is_zipfile(source):
        case_id = case_id_of(source)
        root, problems = _extract_zip(source, Path(workdir) / "case", limits)
    else:
        raise CaseError(f"{source}: a case must be a folder or a .zip archive")
    files, walk_problems = _inventory(root, limits)
    case = Case(case_id=case_id, root=str(root), files=files, problems=problems + walk_problems)
    _attach_config(case)
    return case


def _inventory(root: Path, limits: Limits) -> tuple[list[SourceFile], list[CaseProblem]]:
    files: list[SourceFile] = []
    problems: list[CaseProblem] = []
    total = 0
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in _IGNORED_DIRS)
        for name in sorted(filenames):
            full = Path(dirpath, name)
            rel = nfc_path(full.relative_to(root).as_posix())
            if name in _IGNORED_NAMES or name.startswith("._"):
                continue
            info = full.lstat()
            if stat.S_ISLNK(info.st_mode) or not stat.S_ISREG(info.st_mode):
                problems.append(CaseProblem(path=rel, code=FindingCode.unsupported_format,
                                            detail="a link or special file, not followed"))
                continue
            if info.st_size > limits.max_file_bytes:
                problems.append(CaseProblem(path=rel, code=FindingCode.unsupported_format,
                                            detail=f"{info.st_size} bytes, over the {limits.max_file_bytes}-byte limit"))
                continue
            total += info.st_size
            if len(files) >= limits.max_files or total > limits.max_total_bytes:
                raise CaseError(f"case holds more than {limits.max_files} files or "
                                f"{limits.max_total_bytes} bytes; split it into several cases")
            files.append(SourceFile(path=rel, abs_path=str(full), sha256=sha256_file(full), size=info.st_size))
    # Symlinked directories are not descended into (followlinks=False) but must still be reported.
    for dirpath, dirnames, _ in os.walk(root, followlinks=False):
        for d in dirnames:
            if Path(dirpath, d).is_symlink():
                rel = nfc_path(Path(dirpath, d).relative_to(root).as_posix())
                problems.append(CaseProblem(path=rel, code=FindingCode.unsupported_format,
                                            detail="a link to a folder, not followed"))
    return sorted(files, key=lambda f: f.path), problems


def _safe_member_path(name: str) -> PurePosixPath | None:
    """The member's path inside the case, or None when it would escape (absolute, `..`, drive)."""
    name = name.replace("\\", "/")
    pure = PurePosixPath(name)
    if pure.is_absolute() or name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return None
    if any(part in ("..", "") for part in pure.parts if part != "."):
        return None
    parts = [p for p in pure.parts if p != "."]
    return PurePosixPath(*parts) if parts else None


def _member_name(info: zipfile.ZipInfo) -> str:
    # Archives written without the UTF-8 flag by Korean/Chinese Windows tools use CP949/GBK.
    if info.flag_bits & 0x800:
        return info.filename
    raw = info.filename.encode("cp437", errors="replace")
    for encoding in ("utf-8", "cp949", "gbk"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return info.filename


def _extract_zip(archive: Path, dest: Path, limits: Limits) -> tuple[Path, list[CaseProblem]]:
    problems: list[CaseProblem] = []
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise CaseError(f"{archive}: not a readable zip archive ({exc})") from exc
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) > limits.max_files:
            raise CaseError(f"{archive}: {len(members)} files, over the limit of {limits.max_files}")
        names = {id(m): _member_name(m) for m in members}
        prefix = _common_folder([names[id(m)] for m in members])
        total = 0
        for member in members:
            name = names[id(member)]
            inside = name[len(prefix):] if prefix else name
            rel = _safe_member_path(inside)
            shown = nfc_path(inside)  # as the case's documents are named: under the zip's top folder
            if rel is None:
                problems.append(CaseProblem(path=shown, code=FindingCode.unsupported_format,
                                            detail="archive path escapes the case; not extracted"))
                continue
            if stat.S_ISLNK(member.external_attr >> 16):
                problems.append(CaseProblem(path=shown, code=FindingCode.unsupported_format,
                                            detail="a link inside the archive, not followed"))
                continue
            if member.file_size > limits.max_file_bytes or (
                member.compress_size and member.file_size / member.compress_size > limits.max_zip_ratio
                and member.file_size > 1024 * 1024
            ):
                problems.append(CaseProblem(path=shown, code=FindingCode.unsupported_format,
                                            detail="member too large or compressed suspiciously well; not extracted"))
                continue
            total += member.file_size
            if total > limits.max_total_bytes:
                raise CaseError(f"{archive}: expands to more than {limits.max_total_bytes} bytes")
            target = dest.joinpath(*rel.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                _copy_bounded(zf, member, target, limits.max_file_bytes)
            # A damaged member (a broken deflate or LZMA stream, cut short) costs that member, not the case.
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError, zlib.error,
                    lzma.LZMAError) as exc:
                target.unlink(missing_ok=True)
                problems.append(CaseProblem(path=shown, code=FindingCode.unsupported_format,
                                            detail=f"cannot be extracted ({exc})"))
    dest.mkdir(parents=True, exist_ok=True)
    return dest, problems


def _copy_bounded(zf: zipfile.ZipFile, member: zipfile.ZipInfo, target: Path, limit: int) -> None:
    # The declared size can lie; count what really comes out.
    written = 0
    with zf.open(member) as src, open(target, "wb") as out:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            written += len(chunk)
            if written > limit:
                raise ValueError(f"expands past {limit} bytes")
            out.write(chunk)


def _common_folder(names: list[str]) -> str:
    """`folder/` when every member sits under one top folder (a zip of one case folder)."""
    tops = {n.replace("\\", "/").split("/", 1)[0] for n in names}
    if len(tops) == 1 and all("/" in n.replace("\\", "/") for n in names):
        return next(iter(tops)) + "/"
    return ""


def _attach_config(case: Case) -> None:
    toml_path = Path(case.root, CASE_TOML)
    if not toml_path.is_file() or toml_path.is_symlink():
        return
    try:
        text = toml_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        case.config_error = f"{CASE_TOML}: not UTF-8 text"
        return
    try:
        config = parse_case_toml(text, CASE_TOML)
        _check_seal_image(config, Path(case.root))
    except CaseConfigError as exc:
        case.config_error = exc.message
        return
    case.config = config


def _check_seal_image(config: CaseConfig, root: Path) -> None:
    rel = config.seller.seal_image
    if rel is None:
        return
    safe = _safe_member_path(rel)
    if safe is None:
        raise CaseConfigError(f"{CASE_TOML}: key 'seller.seal_image' points outside the case ({rel!r})")
    target = root.joinpath(*safe.parts)
    if target.is_symlink() or not target.is_file():
        raise CaseConfigError(f"{CASE_TOML}: key 'seller.seal_image' names {rel!r}, which is not a file of the case")
    config.seller.seal_image = safe.as_posix()


def documents_of(case: Case) -> list[SourceFile]:
    """The case's evidence: every file but case.toml and the seal image."""
    skip = {CASE_TOML}
    if case.config.seller.seal_image:
        skip.add(nfc_path(case.config.seller.seal_image))
    return [f for f in case.files if f.path not in skip]
