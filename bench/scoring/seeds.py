"""The seed of a random mode (`--random`, `--random-cases`)."""

from __future__ import annotations


def seed_from(value: str) -> int:
    """The seed given, or a fresh one when none was (`fresh`)."""
    import secrets

    return secrets.randbelow(10**6) if value == "fresh" else int(value)
