"""Pieces the printed tables share: a share as a percentage with its counts, and a titled listing."""

from __future__ import annotations


def pct(a: float, n: int) -> str:
    return f"{100 * a / n:6.1f}% ({a:g}/{n})" if n else "     – (0)"


def listing(title: str, lines: list[str]) -> None:
    """A titled list of lines, counted; nothing when there are none."""
    if lines:
        print(f"\n{title} ({len(lines)}):")
        for line in lines:
            print("  " + line)
