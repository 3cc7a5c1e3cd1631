"""Character error rate, the measure the image steps are judged by (tests and `bench/reading`)."""

from __future__ import annotations

import re


def cer(reference: str, hypothesis: str) -> float:
    """Edit distance between the two texts with all white space removed, over the reference's
    length (the Hangul model spaces syllables apart, STACK.md §3, so spaces are not errors)."""
    ref, hyp = re.sub(r"\s+", "", reference), re.sub(r"\s+", "", hypothesis)
    if not ref:
        return float(bool(hyp))
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, start=1):
        current = [i]
        for j, h in enumerate(hyp, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h)))
        previous = current
    return previous[-1] / len(ref)
