"""Processing many stored cases from one flow run: each case once, a few at a time.

Each case runs as a nested `process-case` flow run inside a task, so the UI shows one run per case
under the batch. A case is processed only by whoever holds its store lock, so an `ingest-dropbox`
run started by the watcher and one started by the schedule never process a case twice.
"""

from __future__ import annotations

import datetime as dt

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

import flows.settings  # noqa: F401  (must precede the Prefect import)
from casefile.store import CaseStore
from flows import isolation


@task(name="process-stored", task_run_name="process {case_id}", cache_policy=NO_CACHE)
def process_stored(case_id: str, as_of: dt.date | None, only_if_pending: bool) -> str | None:
    """The case's status after its run, or None when someone else has it or it needs no run."""
    from flows.process_case import process_case_flow

    store = CaseStore()
    with store.lock(case_id, wait=False) as mine:
        if not mine:
            get_run_logger().info("%s is being processed by another run", case_id)
            return None
        if only_if_pending and not store.needs_run(case_id):
            return None
        return process_case_flow(case=case_id, as_of=as_of).status.value


def process_all(case_ids: list[str], as_of: dt.date | None, max_concurrency: int,
                only_if_pending: bool) -> dict[str, str | None]:
    """Runs in windows of `max_concurrency` so a big drop cannot start every case at once.

    The cases' own flows run in worker threads; an interrupt lands here, in the batch's flow.
    """
    statuses: dict[str, str | None] = {}
    with isolation.stop_all_on_interrupt():
        for start in range(0, len(case_ids), max(1, max_concurrency)):
            window = case_ids[start:start + max(1, max_concurrency)]
            futures = {c: process_stored.submit(c, as_of, only_if_pending) for c in window}
            for case_id, future in futures.items():
                statuses[case_id] = future.result()
    return statuses
