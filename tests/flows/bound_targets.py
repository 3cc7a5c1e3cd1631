"""Functions the time-bound tests run in a child process (importable by name): a reader that
grants itself time as it goes (extractors.readers.tesseract.grant), as the OCR of each page does."""

from __future__ import annotations

import time

from extractors.readers import tesseract


def grant_and_sleep(steps: list[tuple[float, float]]) -> str:
    """For each (grant, sleep): grant that many seconds, then work (sleep) that long."""
    for seconds, work in steps:
        tesseract.grant(seconds)
        time.sleep(work)
    return "done"
