"""What the random set scores: per kind x rendition tier, per field, per rendition, and per way of
reading, each value right, null or wrong; with examples, kind misses and crashes."""

from __future__ import annotations

import re
from collections import defaultdict

from validators.rules import load_rules

from .fields import judge_field, short

SURE = load_rules().certainty.sure  # what a check may assert an error on


class RandomScore:
    def __init__(self) -> None:
        self.docs = defaultdict(lambda: [0, 0])                       # (kind, tier) -> kind right, docs
        self.outcomes = defaultdict(lambda: defaultdict(int))         # (kind, tier) -> outcome -> count
        self.by_field = defaultdict(lambda: defaultdict(int))         # (kind, field) -> outcome -> count
        self.by_rendition = defaultdict(lambda: defaultdict(int))     # rendition -> outcome -> count
        self.invented = defaultdict(int)                              # (kind, tier) -> value where truth is null
        self.f1 = defaultdict(list)                                   # tier -> ingredient F1s
        self.examples = defaultdict(list)                             # (kind, field) -> examples
        self.crashes: list[str] = []
        self.kind_misses: list[str] = []
        self.by_how = defaultdict(lambda: defaultdict(int))           # (kind, how) -> outcome -> count
        self.by_sureness = defaultdict(lambda: defaultdict(int))      # sure | unsure -> outcome -> count

    def add(self, sample, rel: str, got: dict | None) -> None:
        key = (sample.kind, sample.tier)
        self.docs[key][1] += 1
        kind_got = got["kind"] if got else "not read"
        self.docs[key][0] += kind_got == sample.kind
        if kind_got != sample.kind:
            self.kind_misses.append(f"{rel} [{sample.rendition}] {sample.kind} -> {kind_got}   ({sample.layout})")
        fields = got["fields"] if got else {}
        for name, want in sample.truth.items():
            if name in sample.unscored:
                continue
            outcome, credit = judge_field(want, fields.get(name), sample.accept.get(name))
            for bucket in (self.outcomes[key], self.by_field[(sample.kind, name)], self.by_rendition[sample.rendition]):
                bucket[outcome] += 1
            if outcome == "wrong" and want is None:
                self.invented[key] += 1
            if got and fields.get(name) not in (None, "", []):  # a value was given: how, and how sure
                how = re.sub(r"\+wrap$", "", got.get("how", {}).get(name, "derived"))
                self.by_how[(sample.kind, how)][outcome] += 1
                certainty = got.get("certainty", {}).get(name, 1.0)
                self.by_sureness["sure" if certainty >= SURE else "unsure"][outcome] += 1
            if isinstance(want, list):
                self.f1[sample.tier].append(credit)
            if outcome != "right":
                self.examples[(sample.kind, name)].append(
                    (outcome, rel, sample.rendition, short(want), short(fields.get(name)), sample.layout))
