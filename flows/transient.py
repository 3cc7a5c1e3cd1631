"""Which failures are worth another try: the machine was busy, not the input bad.

A bad PDF fails the same way every time; retrying it only delays the verdict, so only these
errors retry (STYLE.md C.3).
"""

from __future__ import annotations

import errno
import subprocess

from casefile.pages import ReadResult

TRANSIENT_ERRNOS = {errno.EAGAIN, errno.ENOMEM, errno.EMFILE, errno.ENFILE}


class TransientReadError(RuntimeError):
    """A reader hit a transient error; raised so the task's retries get their chance."""


def is_transient(exc: BaseException) -> bool:
    if isinstance(exc, (TransientReadError, TimeoutError, subprocess.TimeoutExpired, MemoryError)):
        return True
    return isinstance(exc, OSError) and exc.errno in TRANSIENT_ERRNOS


def transient_issue(read: ReadResult) -> str | None:
    """What went transiently wrong reading a file (`stages.read_source` flags it), else None."""
    return next((issue.detail for issue in read.issues if issue.transient), None)


def retry_transient(task, task_run, state) -> bool:
    """`retry_condition_fn` for Prefect tasks: retry the run only when it failed transiently."""
    exc = state.data
    if not isinstance(exc, BaseException):
        try:
            exc = state.result(raise_on_failure=False)
        except Exception:  # noqa: BLE001 - no exception to look at means nothing to retry
            return False
    return isinstance(exc, BaseException) and is_transient(exc)
