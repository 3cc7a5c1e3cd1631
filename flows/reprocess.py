"""The `reprocess-failed` flow: run again the stored cases that a fix or a new upload may change.

Which cases (`select`, plain Python, tested without Prefect):
- `failed`: the last result is `failed` (an engine or rule fix may now read it);
- `needs_fixes`: the last result is `needs_fixes` *and* the inputs changed since that run
  (the seller uploaded a fix); the same inputs would give the same verdict;
- `denied`: Coupang denied the appeal (last outcome `denied`) and the case was not run since.
The date filter applies to the day of that deciding event (the run, or the denial).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from prefect import flow
from prefect.task_runners import ThreadPoolTaskRunner
from pydantic import BaseModel, Field

import flows.settings  # noqa: F401  (must precede the Prefect import)
from casefile.codes import ReasonCode
from casefile.history import OUTCOMES, Event, last
from casefile.store import CaseStore
from flows.batch import process_all

Selectable = Literal["failed", "needs_fixes", "denied"]
ALL_SELECTABLE: list[Selectable] = ["failed", "needs_fixes", "denied"]
Concurrency = Annotated[int, Field(ge=1, le=8)]


class ReprocessRequest(BaseModel):
    """Which stored cases to run again (the `reprocess-failed` flow's filters as one value)."""

    statuses: list[Selectable] = Field(default_factory=lambda: list(ALL_SELECTABLE))
    reason: ReasonCode | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    max_concurrency: Concurrency = 2
    as_of: dt.date | None = None


def why_selected(store: CaseStore, case_id: str, request: ReprocessRequest) -> Event | None:
    """The event that makes the case a candidate, or None."""
    events = store.history(case_id)
    processed = last(events, "processed")
    outcome = last(events, *OUTCOMES)
    if processed is None:
        return None
    if request.reason is not None and processed.reason != request.reason.value:
        return None
    if "denied" in request.statuses and outcome is not None and outcome.event == "denied" \
            and events.index(outcome) > events.index(processed):
        return outcome
    if "failed" in request.statuses and processed.status == "failed":
        return processed
    if "needs_fixes" in request.statuses and processed.status == "needs_fixes" \
            and store.current_digest(case_id, events) != processed.digest:
        return processed
    return None


def select(store: CaseStore, request: ReprocessRequest) -> list[str]:
    chosen = []
    for case_id in store.list_cases():
        event = why_selected(store, case_id, request)
        if event is None:
            continue
        day = event.date or event.at.date()
        if (request.since and day < request.since) or (request.until and day > request.until):
            continue
        chosen.append(case_id)
    return chosen


# Top-level parameters, each described in the UI's form by the Args section below (Prefect reads it).
@flow(name="reprocess-failed", task_runner=ThreadPoolTaskRunner(max_workers=8), validate_parameters=True)
def reprocess_failed(statuses: list[Selectable] | None = None, reason: ReasonCode | None = None,
                     since: dt.date | None = None, until: dt.date | None = None,
                     max_concurrency: Concurrency = 2, as_of: dt.date | None = None) -> dict[str, str | None]:
    """Run the selected cases again; each gets a new `processed` line and fresh outputs.

    Args:
        statuses: Which cases: failed; needs_fixes whose inputs changed since; denied by Coupang
            and not run since (default all three)
        reason: Only cases taken down for this reason
        since: Only cases whose deciding event is on or after this day (YYYY-MM-DD)
        until: Only cases whose deciding event is on or before this day (YYYY-MM-DD)
        max_concurrency: How many cases are processed at once (1 to 8)
        as_of: The day every date rule is judged on (YYYY-MM-DD); default today in Seoul
    """
    request = ReprocessRequest(statuses=ALL_SELECTABLE if statuses is None else statuses, reason=reason,
                               since=since, until=until, max_concurrency=max_concurrency, as_of=as_of)
    return process_all(select(CaseStore(), request), as_of, max_concurrency, only_if_pending=False)
