"""Functions the isolation tests run in a child process (they must be importable by name)."""

from __future__ import annotations

import os
import signal
import time

from casefile.errors import MissingDependencyError


def sleep_forever() -> None:
    time.sleep(3600)


def allocate(mb: int) -> int:
    block = bytearray(mb * 1024 * 1024)
    return len(block)


def die() -> None:
    os.kill(os.getpid(), signal.SIGSEGV)


def no_tesseract() -> None:
    raise MissingDependencyError("Tesseract OCR is not installed")


def add(a: int, b: int) -> int:
    return a + b
