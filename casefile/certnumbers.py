"""KC certificate-number shapes (rules/kc_numbers.toml), loaded and checked once.

One source for both users: the extractors spot and repair numbers on a page with these shapes, the
validators judge a number's format per scheme with the same ones. A broken file fails loudly.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NoReturn

from casefile.codes import Scheme
from casefile.errors import RuleFileError

RULES = Path(__file__).with_name("rules") / "kc_numbers.toml"

_GROUP = re.compile(r"\(\?P<([^>]*)>")


@dataclass(frozen=True)
class CertShape:
    family: str
    schemes: tuple[Scheme, ...]
    segments: tuple[str, ...]
    examples: tuple[str, ...]
    source: str
    #: The wider form a number may take before a check calls it wrong (`accepts`); the shape itself
    #: when the file gives none.
    tolerant: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled("-".join(f"(?:{s})" for s in self.segments))

    def fits(self, number: str) -> bool:
        """Whether the whole of `number` (upper case, no white space, hyphens as "-") has this shape:
        what the extractors spot and repair on a page."""
        return self.regex.fullmatch(number) is not None

    def accepts(self, number: str) -> bool:
        """Whether `number` may be of this family at all: what the validators hold a number to. The
        shapes are inferred from a few examples, so a number a little longer or shorter is not
        called invalid on their word (a wrong finding blocks a seller who is right)."""
        pattern = _compiled("-".join(f"(?:{s})" for s in self.tolerant)) if self.tolerant else self.regex
        return pattern.fullmatch(number) is not None


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


@cache
def cert_shapes() -> tuple[CertShape, ...]:
    """Every shape, in file order; raises `RuleFileError` on a file that cannot be trusted."""
    try:
        rows = tomllib.loads(RULES.read_text(encoding="utf-8"))["shape"]
        shapes = tuple(
            CertShape(
                family=row["family"],
                schemes=tuple(Scheme(s) for s in row["schemes"]),
                segments=tuple(row["segments"]),
                examples=tuple(row["examples"]),
                source=row["source"],
                tolerant=tuple(row.get("tolerant", ())),
            )
            for row in rows
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise RuleFileError(f"rule file {RULES} cannot be read: {exc!r}") from exc
    for shape in shapes:
        _check_alone(shape, shapes)
    for shape in shapes:
        _check_examples(shape, shapes)
    return shapes


def _fail(shape: CertShape, why: str) -> NoReturn:
    raise RuleFileError(f"{RULES.name}, shape {shape.family!r}: {why}")


def _check_alone(shape: CertShape, shapes: tuple[CertShape, ...]) -> None:
    if [s.family for s in shapes].count(shape.family) > 1:
        _fail(shape, "the family is listed twice")
    if not shape.segments or not shape.schemes or not shape.examples or not shape.source:
        _fail(shape, "segments, schemes, examples and source are all required")
    try:
        pattern = shape.regex.pattern
        shape.accepts("")
    except re.error as exc:
        _fail(shape, f"a segment is no regular expression: {exc}")
    for name in _GROUP.findall(pattern):
        if not re.fullmatch(r"[ad]\d+", name):
            _fail(shape, f"group {name!r} is neither a digit group (d…) nor a letter group (a…)")


def _check_examples(shape: CertShape, shapes: tuple[CertShape, ...]) -> None:
    """Each example DOMAIN.md cites fits its own shape and no other."""
    for example in shape.examples:
        if not (shape.fits(example.upper()) and shape.accepts(example.upper())):
            _fail(shape, f"its own example {example!r} does not fit")
        others = [s.family for s in shapes if s is not shape and s.fits(example.upper())]
        if others:
            _fail(shape, f"its example {example!r} also fits {', '.join(others)}")


def shape_of(number: str) -> CertShape | None:
    """The first shape `number` fits, if any."""
    return next((s for s in cert_shapes() if s.fits(number)), None)


def shapes_for(scheme: Scheme) -> tuple[CertShape, ...]:
    """The shapes a certificate of `scheme` may carry; none for a scheme without numbers."""
    return tuple(s for s in cert_shapes() if scheme in s.schemes)
