"""The random set's tables: per kind x rendition tier, per tier against the issue's targets, per
rendition, per way of reading and certainty, per field worst first, and examples of the weakest."""

from __future__ import annotations

from collections import defaultdict

from .random_set_score import SURE, RandomScore
from .tables import listing
from .targets import TIER_ORDER, TIER_TARGETS, WRONG_CEILING


def random_report(score: RandomScore, repeat: str, n: int, n_docs: int, seconds: float, examples: int) -> None:
    print(f"\nrandom set: {n} per kind, {n_docs} documents, {seconds:.0f} s   (repeat: {repeat})\n")
    print("per kind x rendition tier (right + null + wrong = 100 % of scored fields; wrong includes a value "
          "where the truth is null, shown as 'invented'):")
    print(f"  {'kind':26} {'tier':13} {'docs':>4} {'kind ok':>8} {'fields':>6} {'right':>7} {'null':>7} {'wrong':>7} "
          f"{'invented':>8}")
    for kind in sorted({k for k, _ in score.docs}):
        for tier in TIER_ORDER:
            key = (kind, tier)
            if key not in score.docs:
                continue
            ok, docs = score.docs[key]
            nf, r, nl, w = _rates(score.outcomes[key])
            print(f"  {kind:26} {tier:13} {docs:4d} {ok / docs:8.0%} {nf:6d} {r:7.1%} {nl:7.1%} {w:7.1%} "
                  f"{score.invented[key]:8d}")
    print("\nper tier, all kinds (targets from issue 14: field accuracy, and wrong <= 2 %):")
    for tier in TIER_ORDER:
        total = defaultdict(int)
        docs = ok = 0
        for (_kind, t), c in score.outcomes.items():
            if t == tier:
                for k, v in c.items():
                    total[k] += v
        for (_kind, t), (a, b) in score.docs.items():
            if t == tier:
                ok, docs = ok + a, docs + b
        if not docs:
            continue
        nf, r, nl, w = _rates(total)
        target = TIER_TARGETS.get(tier)
        verdict = (f"target >= {target:.0%} {'met' if r >= target else 'NOT met'}" if target else "no target set")
        wrong = f"wrong {'<=' if w <= WRONG_CEILING else '>'} {WRONG_CEILING:.0%}"
        f1 = score.f1.get(tier)
        f1s = f"   ingredient F1 {sum(f1) / len(f1):.2f}" if f1 else ""
        print(f"  {tier:13} docs {docs:3d}  kind {ok / docs:6.1%}  right {r:6.1%}  null {nl:6.1%}  wrong {w:6.1%}"
              f"   {verdict}; {wrong}{f1s}")
    print("\nper rendition:")
    for rendition, c in sorted(score.by_rendition.items()):
        nf, r, nl, w = _rates(c)
        print(f"  {rendition:14} fields {nf:4d}  right {r:6.1%}  null {nl:6.1%}  wrong {w:6.1%}")
    print("\nvalues given, by how they were read (precision = right / given; a text rule's certainty in "
          "extractors/rules/inference.toml should not exceed its precision):")
    for (kind, how), c in sorted(score.by_how.items()):
        n = sum(c.values())
        print(f"  {kind:26} {how:28} given {n:4d}  right {c['right'] / n:6.1%}  wrong {c['wrong'] / n:6.1%}")
    print(f"\nvalues given, by certainty (sure >= {SURE}: what a check may assert an error on):")
    for which in ("sure", "unsure"):
        c = score.by_sureness.get(which, {})
        n = sum(c.values())
        if n:
            print(f"  {which:7} given {n:4d}  right {c['right'] / n:6.1%}  wrong {c['wrong'] / n:6.1%}")
    print("\nper field, worst first (all tiers):")
    ranked = sorted(score.by_field.items(), key=lambda kv: (_rates(kv[1])[1], -_rates(kv[1])[3]))
    for (kind, name), c in ranked:
        nf, r, nl, w = _rates(c)
        print(f"  {kind:26} {name:20} n {nf:3d}  right {r:6.1%}  null {nl:6.1%}  wrong {w:6.1%}")
    print(f"\nexamples of the weakest fields (up to {examples} each; wrong first):")
    for (kind, name), c in ranked[:10]:
        if _rates(c)[1] >= 1:
            break
        print(f"  {kind}.{name}:")
        cases = sorted(score.examples[(kind, name)], key=lambda e: e[0] != "wrong")[:examples]
        for outcome, rel, rendition, want, got, layout in cases:
            print(f"    {outcome:5} {rel} [{rendition}] expected {want} got {got}\n          {layout}")
    listing("kind misses", score.kind_misses)
    listing("crashes", score.crashes)


def _rates(c: dict) -> tuple[int, float, float, float]:
    n = sum(c.values())
    if not n:
        return 0, 0.0, 0.0, 0.0
    return n, c["right"] / n, c["null"] / n, c["wrong"] / n
