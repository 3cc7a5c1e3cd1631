"""The default mode's tables: kind, status and finding accuracy, findings per code, field accuracy
by text source and by kind and field, and the misses."""

from __future__ import annotations

from .pipeline import AS_OF
from .sample_cases_score import Score
from .tables import pct
from .targets import FIELD_TARGETS, FINDING_TARGET, KIND_TARGET


def report(score: Score, n_cases: int, n_renditions: int) -> None:
    print(f"\ncases: {n_cases}   renditions with field truth: {n_renditions}   as_of {AS_OF}\n")
    print(f"kind accuracy            {pct(*score.kind):24} target ≥ {KIND_TARGET:.0%}")
    print(f"status accuracy          {pct(*score.status):24}")
    tp, fn, fp = score.find_tp, score.find_fn, score.find_fp
    print(f"finding recall           {pct(tp, tp + fn):24} target ≥ {FINDING_TARGET:.0%}")
    print(f"finding precision        {pct(tp, tp + fp):24} target ≥ {FINDING_TARGET:.0%}"
          "   (false positives: `absent` codes raised)")
    print("\nfindings per code (recall: expected and found; precision: found against `absent` raised):")
    for code, (found, missed, false) in sorted(score.by_code.items()):
        print(f"  {code:30} recall {pct(found, found + missed):20} precision {pct(found, found + false)}")
    print("\nfield accuracy by text source:")
    for name, (a, n) in sorted(score.by_source.items()):
        target = FIELD_TARGETS.get(name)
        print(f"  {name:22} {pct(a, n):24} " + (f"target ≥ {target:.0%}" if target else ""))
    print("\nfield accuracy by kind and field (ingredients: F1 of the name lists):")
    for (kind, name), (a, n) in sorted(score.fields.items()):
        print(f"  {kind:26} {name:20} {pct(a, n)}")
    print(f"\nmisses ({len(score.misses)}):")
    for case_id, path, what, want, got in score.misses:
        print(f"  {case_id} | {path or '-'} | {what} | expected {want} | got {got}")
