"""The case store under APPEAL_HOME: each case's inputs (immutable, versioned), outputs and history.

```
APPEAL_HOME/cases/<case_id>/
  input/<name>        the upload as it came: the case folder itself, or the .zip file itself
  input.<n>/<name>    a later, different upload under the same case id (earlier ones are kept)
  out/                result.json, appeal.pdf, review_zh.pdf, run.json of the latest run
  history.jsonl       ingested, inputs_updated, processed, submitted, denied, reinstated
APPEAL_HOME/cases/.tmp/    copies being made; a folder left here by a crash is removed on restart
APPEAL_HOME/cases/.locks/  one lock file per case, so two runs never take in or process one case at once
```

A zip stays a zip: `load_case` reads it as it reads a dropped zip, and the stored bytes are the
uploaded bytes. An upload is recognised by content: the digest over its sorted relative paths and
file hashes, so the same upload dropped twice is stored once.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import os
import shutil
import unicodedata
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from casefile import history
from casefile.case import case_id_of
from casefile.errors import CaseError
from casefile.history import OUTCOMES, Event
from casefile.loading import sha256_file

INPUT = "input"


def appeal_home() -> Path:
    return Path(os.environ.get("APPEAL_HOME") or "var")


def manifest(entry: Path) -> dict[str, str]:
    """Relative path -> sha256 of every regular file of a folder (`.` for a single file)."""
    if entry.is_file():
        return {".": sha256_file(entry)}
    files = {}
    for dirpath, dirnames, filenames in os.walk(entry, followlinks=False):
        dirnames.sort()
        for name in filenames:
            full = Path(dirpath, name)
            if full.is_file() and not full.is_symlink():
                files[unicodedata.normalize("NFC", full.relative_to(entry).as_posix())] = sha256_file(full)
    return files


def digest_of(files: dict[str, str]) -> str:
    lines = "".join(f"{path}\0{sha}\n" for path, sha in sorted(files.items()))
    return hashlib.sha256(lines.encode("utf-8")).hexdigest()


class IngestOutcome(BaseModel):
    case_id: str
    action: Literal["stored", "updated", "duplicate"]
    version: int
    digest: str


class CaseSummary(BaseModel):
    case_id: str
    status: str = "pending"
    reason: str | None = None
    deadline: dt.date | None = None
    last_event: str | None = None
    last_event_date: dt.date | None = None
    pending: bool = True


class CaseStore:
    def __init__(self, root: Path | None = None):
        self.root = Path(root) if root is not None else appeal_home()
        self.cases = self.root / "cases"
        self._tmp = self.cases / ".tmp"
        self._locks = self.cases / ".locks"

    # --- where things are -------------------------------------------------------------------
    def case_dir(self, case_id: str) -> Path:
        if not case_id or case_id.startswith(".") or "/" in case_id or "\\" in case_id:
            raise CaseError(f"not a case id: {case_id!r}")
        return self.cases / case_id

    def has(self, case_id: str) -> bool:
        try:
            return (self.case_dir(case_id) / INPUT).is_dir()
        except CaseError:
            return False

    def out_dir(self, case_id: str) -> Path:
        return self.case_dir(case_id) / "out"

    def versions(self, case_id: str) -> list[tuple[int, Path]]:
        found = []
        for child in self.case_dir(case_id).glob(f"{INPUT}*"):
            suffix = child.name[len(INPUT):]
            if suffix == "":
                found.append((1, child))
            elif suffix[1:].isdigit() and suffix[0] == ".":
                found.append((int(suffix[1:]), child))
        return sorted(found)

    def input_path(self, case_id: str, version: int | None = None) -> Path:
        """The stored upload (the folder or the .zip) of `version`, the latest by default."""
        versions = dict(self.versions(case_id))
        if not versions:
            raise CaseError(f"no stored case {case_id!r} in {self.cases}")
        folder = versions[version or max(versions)]
        entries = [p for p in folder.iterdir()]
        if len(entries) != 1:
            raise CaseError(f"{folder}: expected exactly one stored upload, found {len(entries)}")
        return entries[0]

    def list_cases(self) -> list[str]:
        if not self.cases.is_dir():
            return []
        return sorted(p.name for p in self.cases.iterdir() if not p.name.startswith(".") and (p / INPUT).is_dir())

    # --- history ----------------------------------------------------------------------------
    def history(self, case_id: str) -> list[Event]:
        return history.read(self.case_dir(case_id) / "history.jsonl")

    def append(self, case_id: str, event: Event) -> None:
        history.append(self.case_dir(case_id) / "history.jsonl", event)

    def mark(self, case_id: str, event: str, date: dt.date) -> Event:
        """Record what happened to the appeal; the reason is the latest result's, for the 7-day rule."""
        if event not in OUTCOMES:
            raise CaseError(f"an outcome is one of {', '.join(OUTCOMES)}, not {event!r}")
        if not self.has(case_id):
            raise CaseError(f"no stored case {case_id!r} in {self.cases}")
        processed = history.last(self.history(case_id), "processed")
        entry = Event(event=event, date=date, reason=processed.reason if processed else None)
        self.append(case_id, entry)
        return entry

    def current_digest(self, case_id: str, events: list[Event] | None = None) -> str:
        """From the history when it has the latest version's line (no hashing); else from the files."""
        latest = max(v for v, _ in self.versions(case_id))
        events = self.history(case_id) if events is None else events
        recorded = next((e.digest for e in reversed(events)
                         if e.event in ("ingested", "inputs_updated") and e.version == latest), None)
        return recorded or digest_of(manifest(self.input_path(case_id, latest)))

    def summary(self, case_id: str) -> CaseSummary:
        events = self.history(case_id)
        summary = CaseSummary(case_id=case_id)
        processed = history.last(events, "processed")
        if processed:
            summary.status, summary.reason, summary.deadline = processed.status, processed.reason, processed.deadline
        if events:
            summary.last_event = events[-1].event
            summary.last_event_date = events[-1].date or events[-1].at.date()
        summary.pending = self.is_pending(case_id, events)
        return summary

    def is_pending(self, case_id: str, events: list[Event] | None = None) -> bool:
        """True when the latest inputs have never been processed (a crash, or a new upload)."""
        events = self.history(case_id) if events is None else events
        done = {e.digest for e in events if e.event == "processed"}
        return self.current_digest(case_id, events) not in done

    def needs_run(self, case_id: str) -> bool:
        """Pending, or its result.json is missing (a run killed after it retracted the last one)."""
        return self.is_pending(case_id) or not (self.out_dir(case_id) / "result.json").is_file()

    def previous_appeal_date(self, case_id: str, reason: str | None) -> dt.date | None:
        """The last `submitted` date on this reason (an unknown reason on either side matches)."""
        for event in reversed(self.history(case_id)):
            if event.event == "submitted" and (reason is None or event.reason in (None, reason)):
                return event.date
        return None

    # --- taking a case in -------------------------------------------------------------------
    @contextmanager
    def lock(self, case_id: str, wait: bool = True) -> Iterator[bool]:
        """Yields whether the lock was taken; the kernel drops it if the process dies."""
        self._locks.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._locks / f"{self.case_dir(case_id).name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True
        finally:
            os.close(fd)

    @contextmanager
    def output_lock(self, out_dir: Path, wait: bool = True) -> Iterator[bool]:
        """The lock on one output folder: two runs writing the same result.json take turns, whether
        the folder is a stored case's or a path given on the command line. (Not the case lock, which
        a batch holds while it runs the case.)"""
        key = hashlib.sha256(str(Path(out_dir).resolve()).encode()).hexdigest()[:24]
        with self.lock(f"out-{key}", wait=wait) as mine:
            yield mine

    def ingest(self, source: Path, case_id: str | None = None) -> IngestOutcome:
        """Copy, verify, then rename into place; a crash at any point leaves only a temp folder."""
        source = Path(source)
        if not source.exists():
            raise CaseError(f"case not found: {source}")
        case_id = case_id or case_id_of(source)
        files = manifest(source)
        digest = digest_of(files)
        self.clean_temp()
        with self.lock(case_id):
            if self.has(case_id):
                return self._add_version(case_id, source, files, digest)
            with self._staging(case_id) as staging:
                self._copy_verified(source, staging / INPUT / source.name, files)
                history.append(staging / "history.jsonl",
                               Event(event="ingested", digest=digest, version=1, source=source.name))
                self.cases.mkdir(parents=True, exist_ok=True)
                os.rename(staging, self.case_dir(case_id))
            _fsync_dir(self.cases)
            return IngestOutcome(case_id=case_id, action="stored", version=1, digest=digest)

    def _add_version(self, case_id: str, source: Path, files: dict[str, str], digest: str) -> IngestOutcome:
        events = self.history(case_id)
        for version, folder in self.versions(case_id):
            entry = next(folder.iterdir(), None)
            if entry is not None and digest_of(manifest(entry)) == digest:
                # Seen before; a crash may have come between the rename and the history line.
                if not any(e.digest == digest and e.event in ("ingested", "inputs_updated") for e in events):
                    self.append(case_id, Event(event="inputs_updated", digest=digest, version=version,
                                               source=source.name))
                return IngestOutcome(case_id=case_id, action="duplicate", version=version, digest=digest)
        version = max(v for v, _ in self.versions(case_id)) + 1
        with self._staging(case_id) as staging:
            self._copy_verified(source, staging / source.name, files)
            os.rename(staging, self.case_dir(case_id) / f"{INPUT}.{version}")
        _fsync_dir(self.case_dir(case_id))
        self.append(case_id, Event(event="inputs_updated", digest=digest, version=version, source=source.name))
        return IngestOutcome(case_id=case_id, action="updated", version=version, digest=digest)

    @contextmanager
    def _staging(self, case_id: str) -> Iterator[Path]:
        # The pid in the name lets a restart tell an abandoned copy from one still being made.
        path = self._tmp / f"{os.getpid()}.{uuid.uuid4().hex[:8]}.{self.case_dir(case_id).name}"
        path.mkdir(parents=True)
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)  # gone already once renamed into place

    def _copy_verified(self, source: Path, target: Path, files: dict[str, str]) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_file():
            _copy_synced(source, target)
        else:
            for rel in files:
                _copy_synced(source / rel, target / rel)
        copied = manifest(target)
        if copied != files:
            changed = sorted(set(copied.items()) ^ set(files.items()))
            raise CaseError(f"{source}: changed while it was being stored ({changed[0][0]}); try again")

    def clean_temp(self) -> None:
        if not self._tmp.is_dir():
            return
        for child in self._tmp.iterdir():
            pid = child.name.split(".", 1)[0]
            if not pid.isdigit() or not _alive(int(pid)):
                shutil.rmtree(child, ignore_errors=True)


def _copy_synced(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(source, "rb") as src, open(target, "wb") as out:
        shutil.copyfileobj(src, out, 1 << 20)
        out.flush()
        os.fsync(out.fileno())
    shutil.copystat(source, target)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
