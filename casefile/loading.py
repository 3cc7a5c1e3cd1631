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
from casefile.config import CaseConfig, key_lines, read_case_toml
from casefile.errors import CaseError
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
    """Every regular file of the folder, hashed. Past the limits on files and bytes the first files
    are kept (top level first, then by name) and one problem says how many were left."""
    found: list[tuple[str, Path, int]] = []
    problems: list[CaseProblem] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if d not in _IGNORED_DIRS)
        for d in dirnames:  # not descended into (followlinks=False), but reported
            if Path(dirpath, d).is_symlink():
                problems.append(CaseProblem(path=nfc_path(Path(dirpath, d).relative_to(root).as_posix()),
                                            code=FindingCode.unsupported_format, detail="a link to a folder, not followed"))
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
            found.append((rel, full, info.st_size))
    kept, left = _first_files(found, limits, key=lambda f: f[0], size=lambda f: f[2])
    problems += _left_problem(left, len(found), limits)
    files = [SourceFile(path=rel, abs_path=str(full), sha256=sha256_file(full), size=size) for rel, full, size in kept]
    return sorted(files, key=lambda f: f.path), problems


def _first_files(items: list, limits: Limits, key, size) -> tuple[list, list]:
    """The items a case takes in, in order (top level first, then by path), up to `max_files` and
    `max_total_bytes`; and those left out."""
    ordered = sorted(items, key=lambda item: (key(item) != CASE_TOML, key(item).count("/"), key(item)))
    kept, total = [], 0
    for index, item in enumerate(ordered):
        if len(kept) >= limits.max_files or total + size(item) > limits.max_total_bytes:
            return kept, ordered[index:]
        kept.append(item)
        total += size(item)
    return kept, []


def _left_problem(left: list, total: int, limits: Limits) -> list[CaseProblem]:
    """One problem for every file a case's limits left out, on the first of them."""
    if not left:
        return []
    first = left[0][0] if isinstance(left[0], tuple) else left[0]  # (path, file, size) or a member's path
    return [CaseProblem(path=first, code=FindingCode.unsupported_format,
                        detail=f"the case holds {total} files; only the first {total - len(left)} were read "
                               f"(top level first, then by name; at most {limits.max_files} files and "
                               f"{limits.max_total_bytes // (1024 * 1024)} MB), {len(left)} were left from "
                               f"{first} on: split them into several cases")]


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
        names = {id(m): _member_name(m) for m in members}
        prefix = _common_folder([names[id(m)] for m in members])
        inside_of = {id(m): names[id(m)][len(prefix):] if prefix else names[id(m)] for m in members}
        members, left = _first_files(members, limits, key=lambda m: inside_of[id(m)].replace("\\", "/"),
                                     size=lambda m: m.file_size if m.file_size <= limits.max_file_bytes else 0)
        problems += _left_problem([nfc_path(inside_of[id(m)]) for m in left], len(members) + len(left), limits)
        for member in members:
            inside = inside_of[id(member)]
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
    """case.toml as far as it can be used; each fault is a problem of its own naming the key and the
    line (a finding on case.toml), and the case's documents are read all the same."""
    toml_path = Path(case.root, CASE_TOML)
    if not toml_path.is_file() or toml_path.is_symlink():
        return
    try:
        text = toml_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        case.problems.append(_config_problem("not UTF-8 text, so none of it was used"))
        return
    config, problems = read_case_toml(text)
    case.problems.extend(_config_problem(p.detail) for p in problems)
    seal = _check_seal_image(config, Path(case.root))
    if seal:
        line = key_lines(text).get("seller.seal_image")
        case.problems.append(_config_problem(f"line {line}: {seal}" if line else seal))
    case.config = config


def _config_problem(detail: str) -> CaseProblem:
    return CaseProblem(path=CASE_TOML, code=FindingCode.unsupported_format, detail=detail)


def _check_seal_image(config: CaseConfig, root: Path) -> str | None:
    """Why `seller.seal_image` cannot be used (it is then dropped), or None when it can."""
    rel = config.seller.seal_image
    if rel is None:
        return None
    safe = _safe_member_path(rel)
    target = root.joinpath(*safe.parts) if safe else None
    if target is None or target.is_symlink() or not target.is_file():
        config.seller.seal_image = None
        where = "points outside the case" if safe is None else "is not a file of the case"
        return f"key 'seller.seal_image' {where} ({rel!r}), ignored: the appeal is signed without a seal"
    config.seller.seal_image = safe.as_posix()
    return None


def documents_of(case: Case) -> list[SourceFile]:
    """The case's evidence: every file but case.toml and the seal image."""
    skip = {CASE_TOML}
    if case.config.seller.seal_image:
        skip.add(nfc_path(case.config.seller.seal_image))
    return [f for f in case.files if f.path not in skip]
