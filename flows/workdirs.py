"""A case run's work folder under TMPDIR (an extracted zip, e-mail attachments, rendered pages).

A run killed outright (SIGKILL, the OOM killer, a power cut) cannot remove its folder, and an
extracted case can be hundreds of megabytes. So each folder carries the id of the process that
made it, and every new run first removes the folders of processes that are gone.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

PREFIX = "appeal-case-"
#: A dead owner is not enough: a TMPDIR shared across PID namespaces (containers) shows folders of
#: processes this one cannot see. No case run lasts this long; a folder untouched for as long is left over.
ORPHAN_AGE_S = 6 * 3600


@contextmanager
def work_folder() -> Iterator[Path]:
    """A fresh folder for one run, removed when the run ends; left-overs of killed runs are swept first."""
    sweep_orphans()
    with tempfile.TemporaryDirectory(prefix=f"{PREFIX}{os.getpid()}-") as folder:
        yield Path(folder)


def sweep_orphans(root: Path | None = None, now: float | None = None) -> list[Path]:
    """Remove the work folders whose process is gone and which nothing has touched for
    `ORPHAN_AGE_S`; returns what was removed. Never raises: sweeping is housekeeping."""
    root = Path(root or tempfile.gettempdir())
    now = time.time() if now is None else now
    removed = []
    try:
        candidates = list(root.glob(f"{PREFIX}*"))
    except OSError:
        return []
    for folder in candidates:
        owner = _owner(folder.name)
        try:
            if owner is None or folder.is_symlink() or not folder.is_dir() or _alive(owner):
                continue
            if now - folder.stat().st_mtime < ORPHAN_AGE_S:
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        if not folder.exists():
            log.info("removed the work folder %s of a run that did not finish (process %d)", folder, owner)
            removed.append(folder)
    return removed


def _owner(name: str) -> int | None:
    pid = name[len(PREFIX):].split("-", 1)[0]
    return int(pid) if pid.isdigit() else None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
