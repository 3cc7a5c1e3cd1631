"""A stored case's history: one JSON object per line in `history.jsonl`, appended, never rewritten.

Runs (`ingested`, `inputs_updated`, `processed`) and the seller's outcomes (`submitted`, `denied`,
`reinstated`) share one file so the order of what happened is the order of the lines.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

EventName = Literal["ingested", "inputs_updated", "processed", "submitted", "denied", "reinstated"]
OUTCOMES: tuple[str, ...] = ("submitted", "denied", "reinstated")


class Event(BaseModel):
    model_config = ConfigDict(extra="allow")

    event: EventName
    at: dt.datetime = Field(default_factory=lambda: dt.datetime.now(dt.UTC),
                            description="When the line was written (UTC)")
    date: dt.date | None = Field(None, description="The day an outcome happened (submitted/denied/reinstated)")
    digest: str | None = Field(None, description="Content digest of the inputs the event is about")
    version: int | None = Field(None, description="Which input version (1 = input/, n = input.<n>/)")
    source: str | None = Field(None, description="Name of the dropped folder or .zip")
    status: str | None = None
    reason: str | None = None
    deadline: dt.date | None = None
    run_id: str | None = None

    def line(self) -> str:
        return self.model_dump_json(exclude_none=True) + "\n"


def append(path: Path, event: Event) -> None:
    """One write of one whole line under an exclusive lock, then fsync: a reader never sees half a line."""
    data = event.line().encode("utf-8")
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def read(path: Path) -> list[Event]:
    """Every complete line; a torn last line (power loss mid-write on some filesystems) is skipped."""
    if not path.is_file():
        return []
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            events.append(Event.model_validate(json.loads(line)))
        except ValueError:
            continue
    return events


def last(events: list[Event], *names: str) -> Event | None:
    return next((e for e in reversed(events) if e.event in names), None)
