"""What random whole cases score: per code planted, found, missed, near misses and false alarms;
status accuracy, also by the hardest rendition in the case; blocking findings on clean cases."""

from __future__ import annotations

from collections import defaultdict

from .targets import TIER_ORDER


class CaseScore:
    def __init__(self) -> None:
        self.by_code = defaultdict(lambda: defaultdict(int))  # code -> planted, found, near, near_fired, false
        self.status = [0, 0]
        self.clean = [0, 0]                     # clean cases with a blocking finding, clean cases
        self.examples = defaultdict(list)       # code -> ("missed" | "false alarm", line)
        self.blocking: list[str] = []
        self.status_misses: list[str] = []
        self.by_tier = defaultdict(lambda: [0, 0])  # rendition mix -> status right, cases
        self.crashes: list[str] = []

    def add(self, truth, got: dict) -> None:
        codes = got["codes"]
        where = f"{truth.case_id} [{truth.reason}; {renditions_of(truth)}]"
        for code in truth.expected:
            c = self.by_code[code]
            c["planted"] += 1
            if code in codes:
                c["found"] += 1
                severities = {sev for c2, sev, _ in got.get("findings", []) if c2 == code}
                if truth.status == "needs_fixes" and "error" not in severities:
                    c["warned"] += 1
                    self.examples[code].append(("warned only", f"{where} planted: {'; '.join(truth.notes)}"))
            else:
                self.examples[code].append(("missed", f"{where} planted: {'; '.join(truth.notes)}"))
        for code in truth.absent:
            if code in codes:
                self.by_code[code]["false"] += 1
                near = truth.near_misses.get(code)
                if near:
                    self.by_code[code]["near_fired"] += 1
                self.examples[code].append(("false alarm", f"{where} " + (f"near miss: {near}" if near else
                                            f"planted: {'; '.join(truth.notes) or 'nothing'}")))
        for code in truth.near_misses:
            self.by_code[code]["near"] += 1
        right = got["status"] == truth.status
        self.status[0] += right
        self.status[1] += 1
        tier = _tier_mix(truth)
        self.by_tier[tier][0] += right
        self.by_tier[tier][1] += 1
        if not right:
            self.status_misses.append(f"{where} expected {truth.status} got {got['status']} "
                                      f"(planted {truth.fault or 'nothing'}; raised {sorted(codes)})")
        if truth.fault is None:
            self.clean[1] += 1
            errors = [(c, docs) for c, sev, docs in got.get("findings", []) if sev == "error"]
            if errors:
                self.clean[0] += 1
                self.blocking.append(f"{where}: " + ", ".join(f"{c} {docs or ''}" for c, docs in errors))


def renditions_of(truth) -> str:
    return " ".join(f"{d['kind'].split('_')[0]}:{d['rendition']}" for d in truth.documents) or "no documents"


def _tier_mix(truth) -> str:
    from samples.random.common import TIERS

    tiers = {TIERS[d["rendition"]] for d in truth.documents}
    order = [t for t in TIER_ORDER if t in tiers]
    return order[-1] if order else "no documents"   # the hardest rendition in the case
