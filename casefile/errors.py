"""One exception hierarchy: an exception means "could not run"; a finding means "ran, here is the verdict".

Each class carries an actionable message and the exit code the CLI maps it to.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    ok = 0
    bad_args = 2
    input_case = 3
    missing_dependency = 4
    output = 5
    signing = 6
    other_error = 15


class AppealError(Exception):
    """Base of every error the pipeline raises on purpose."""

    exit_code = ExitCode.other_error

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CaseError(AppealError):
    """The case as a whole cannot be taken in (missing, not a folder or zip, unsafe archive)."""

    exit_code = ExitCode.input_case


class CaseConfigError(CaseError):
    """case.toml is not valid; the message names the bad key."""


class MissingDependencyError(AppealError):
    """An external program (tesseract, a font, a language model) is missing or too old."""

    exit_code = ExitCode.missing_dependency


class OutputError(AppealError):
    """The output folder cannot be written."""

    exit_code = ExitCode.output


class SigningError(AppealError):
    """The signing key cannot be loaded or used."""

    exit_code = ExitCode.signing


class RuleFileError(AppealError):
    """A rule file is missing, malformed or incomplete: the product must not run on it."""


class ReadError(AppealError):
    """One file cannot be read; becomes a finding on that file, never stops the case."""

    def __init__(self, message: str, code: str = "unsupported_format"):
        super().__init__(message)
        self.code = code
