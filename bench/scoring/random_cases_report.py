"""The tables of random whole cases: status accuracy, blocking false alarms on clean cases, finding
recall and precision, per code, status by the hardest rendition, and examples."""

from __future__ import annotations

from .pipeline import AS_OF
from .random_cases_score import CaseScore
from .tables import listing, pct
from .targets import FINDING_TARGET, TIER_ORDER


def cases_report(score: CaseScore, repeat: str, n: int, seconds: float, examples: int) -> None:
    print(f"\nrandom cases: {n} ({score.clean[1]} planted with no fault), as_of {AS_OF}, {seconds:.0f} s"
          f"   (repeat: {repeat})\n")
    print(f"status accuracy          {pct(*score.status)}")
    print(f"blocking false alarms on clean cases: {score.clean[0]} of {score.clean[1]} clean cases"
          "   (target: none)")
    tp = sum(c["found"] for c in score.by_code.values())
    planted = sum(c["planted"] for c in score.by_code.values())
    false = sum(c["false"] for c in score.by_code.values())
    print(f"finding recall           {pct(tp, planted):24} target ≥ {FINDING_TARGET:.0%}")
    print(f"finding precision        {pct(tp, tp + false):24} target ≥ {FINDING_TARGET:.0%}")
    print("\nper code (found: raised, of them 'as warn' only as a warning where an error was due; false: raised "
          "where the code must not fire, of them 'on near' on a near miss planted for it):")
    print(f"  {'code':30} {'planted':>7} {'found':>5} {'as warn':>7} {'missed':>6} {'near':>5} {'false':>5} "
          f"{'on near':>7} {'precision':>10} {'recall':>8}")
    from samples.random.cases import CODES

    for code in sorted(set(CODES) | set(score.by_code)):
        c = score.by_code[code]
        found, planted_c, false_c = c["found"], c["planted"], c["false"]
        precision = f"{found / (found + false_c):.1%}" if found + false_c else "–"
        recall = f"{found / planted_c:.1%}" if planted_c else "–"
        print(f"  {code:30} {planted_c:7d} {found:5d} {c['warned']:7d} {planted_c - found:6d} {c['near']:5d} {false_c:5d} "
              f"{c['near_fired']:7d} {precision:>10} {recall:>8}")
    print("\nstatus accuracy by the hardest rendition in the case:")
    for tier in [*TIER_ORDER, "no documents"]:
        if tier in score.by_tier:
            print(f"  {tier:14} {pct(*score.by_tier[tier])}")
    if score.blocking:
        print(f"\nblocking findings on clean cases ({len(score.blocking)}):")
        for line in score.blocking[:max(examples * 4, 10)]:
            print("  " + line)
    print(f"\nexamples per code (up to {examples} each):")
    for code in sorted(score.examples):
        for what, line in score.examples[code][:examples]:
            print(f"  {code:30} {what:11} {line}")
    listing("status misses", score.status_misses)
    listing("crashes", score.crashes)
