"""The `ingest-dropbox` flow: take settled uploads from APPEAL_HOME/dropbox into the store, then process them.

Exactly once, across crashes: an upload is stored (copied, verified, renamed into place) before
its original is moved to dropbox/processed/, and the store knows an upload by its content. A run
killed between the two steps finds the original again, sees it stored, and only moves it. Stored
cases whose latest inputs have no `processed` line yet (a run killed mid-case) are processed by
the next run.
"""

from __future__ import annotations

import datetime as dt
import os
import time
import zipfile
from pathlib import Path
from typing import Annotated

from prefect import flow, get_run_logger, task
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import Field

import flows.settings  # noqa: F401  (must precede the Prefect import)
from casefile.errors import CaseError
from casefile.store import CaseStore
from flows.batch import process_all

PROCESSED = "processed"
Look = dict[str, tuple[int, int]]


#: The upload settle time's default; the service's tests shorten it.
SETTLE_SECONDS = float(os.environ.get("APPEAL_DROPBOX_SETTLE_SECONDS", "5"))
Seconds = Annotated[float, Field(ge=0)]
Concurrency = Annotated[int, Field(ge=1, le=8)]


def entries(dropbox: Path) -> list[Path]:
    """Case folders and .zip files; not processed/, not dotfiles (editors' and uploaders' temp files)."""
    if not dropbox.is_dir():
        return []
    return sorted(p for p in dropbox.iterdir()
                  if not p.name.startswith(".") and p.name != PROCESSED
                  and (p.is_dir() or (p.is_file() and p.suffix.lower() == ".zip")))


def look(entry: Path) -> Look:
    """Size and modification time of the entry and of every file in it."""
    def stat(p: Path) -> tuple[int, int]:
        info = p.stat()
        return info.st_size, info.st_mtime_ns

    seen = {".": stat(entry)}
    if entry.is_dir():
        for dirpath, _, filenames in os.walk(entry):
            for name in filenames:
                full = Path(dirpath, name)
                seen[full.relative_to(entry).as_posix()] = stat(full)
    return seen


def zip_opens(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as zf:
            zf.infolist()
        return True
    except (zipfile.BadZipFile, OSError):
        return False


def settled(dropbox: Path, settle_seconds: float, give_up_seconds: float) -> list[Path]:
    """Entries unchanged across two looks, and complete: a zip opens, a folder holds a file."""
    first = {e: _safe_look(e) for e in entries(dropbox)}
    if first:
        time.sleep(settle_seconds)
    ready = []
    for entry, before in first.items():
        after = _safe_look(entry)
        if after is None or after != before:
            continue
        old = time.time() - max(mtime for _, mtime in after.values()) / 1e9 > give_up_seconds
        if entry.is_file() and not zip_opens(entry) and not old:
            continue
        if entry.is_dir() and len(after) == 1 and not old:
            continue
        ready.append(entry)
    return ready


def _safe_look(entry: Path) -> Look | None:
    try:
        return look(entry)
    except FileNotFoundError:  # moved away by a concurrent run, or a file deleted mid-copy
        return None


def move_to_processed(entry: Path, processed: Path) -> Path:
    processed.mkdir(parents=True, exist_ok=True)
    target, n = processed / entry.name, 1
    while target.exists():
        n += 1
        stem, suffix = (entry.stem, entry.suffix) if entry.is_file() else (entry.name, "")
        target = processed / f"{stem}.{n}{suffix}"
    os.rename(entry, target)
    return target


@task(name="take", task_run_name="take {entry.name}", cache_policy=NO_CACHE)
def take(entry: Path, store_root: Path) -> str | None:
    """Store the upload, then move the original; the case id, or None when it must wait for a later run."""
    log = get_run_logger()
    store = CaseStore(store_root)
    try:
        outcome = store.ingest(entry)
    except (CaseError, OSError) as exc:
        log.warning("%s not taken this time: %s", entry.name, getattr(exc, "message", exc))
        return None
    try:
        moved = move_to_processed(entry, store_root / "dropbox" / PROCESSED)
    except FileNotFoundError:
        return outcome.case_id  # a concurrent run moved it; it is stored all the same
    log.info("%s: %s as %s (version %d); original in %s", entry.name, outcome.action, outcome.case_id,
             outcome.version, moved)
    return outcome.case_id


@flow(name="ingest-dropbox", task_runner=ThreadPoolTaskRunner(max_workers=8), validate_parameters=True)
def ingest_dropbox(settle_seconds: Seconds = SETTLE_SECONDS, give_up_seconds: Seconds = 600.0,
                   max_concurrency: Concurrency = 2, as_of: dt.date | None = None) -> dict[str, str | None]:
    """Take every settled upload, then process each stored case whose latest inputs were never processed.

    Args:
        settle_seconds: An upload is taken only when the size and time of every file stayed the
            same across two looks this many seconds apart
        give_up_seconds: A .zip that still does not open after this long unchanged is taken
            anyway, and fails as unreadable
        max_concurrency: How many cases are processed at once (1 to 8)
        as_of: The day every date rule is judged on (YYYY-MM-DD); default today in Seoul
    """
    store = CaseStore()
    dropbox = store.root / "dropbox"
    (dropbox / PROCESSED).mkdir(parents=True, exist_ok=True)
    store.clean_temp()
    for entry in settled(dropbox, settle_seconds, give_up_seconds):
        take(entry, store.root)
    pending = [c for c in store.list_cases() if store.needs_run(c)]
    return process_all(pending, as_of, max_concurrency, only_if_pending=True)
