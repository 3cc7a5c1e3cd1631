"""The seller's review sheet in Simplified Chinese: is the case ready, and first of all what the
seller must have changed before submitting it (the changes the letter says were made, each with
its evidence or the note that the letter assumes it: renderers/checklist.py), what is wrong, what
to do, and — when ready — what the Korean letter says, paragraph by paragraph."""

from __future__ import annotations

import functools
import tomllib
from pathlib import Path

from casefile.atomic import write_bytes
from casefile.codes import Severity, Status
from casefile.errors import OutputError
from casefile.evidence import EvidenceChain
from renderers.checklist import checklist
from renderers.facts import gather
from renderers.letter import compose
from renderers.typeset import TEMPLATES, render_html, render_pdf

REVIEW_NAME = "review_zh.pdf"
STATUS_ZH = {Status.ready: "可以提交", Status.needs_fixes: "需要修改", Status.failed: "无法处理"}
#: A ready package whose letter states a change no exhibit shows: the change comes first.
PENDING_ZH = "完成下列修改后才能提交"
SEVERITY_ZH = {Severity.error: "错误", Severity.warning: "警告", Severity.info: "提示"}
_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


@functools.cache
def actions_zh() -> dict[str, str]:
    return tomllib.loads((TEMPLATES / "review_actions_zh.toml").read_text(encoding="utf-8"))["actions"]


def review_html(chain: EvidenceChain, status: Status) -> str:
    facts = gather(chain)
    letter = compose(facts) if status is Status.ready else None
    findings = sorted(chain.findings, key=lambda f: _ORDER[f.severity])
    rows = [
        {"code": str(f.code), "severity": SEVERITY_ZH[f.severity], "severe": f.severity is Severity.error,
         "message": f.message_zh, "action": actions_zh().get(str(f.code), ""), "documents": f.documents}
        for f in findings
    ]
    checks = checklist(letter, chain.items) if letter is not None else []
    pending = any(not c.evidenced for c in checks)
    return render_html("review_zh.html.j2", chain=chain, f=facts, status=status,
                       status_zh=PENDING_ZH if pending else STATUS_ZH[status], findings=rows, letter=letter,
                       checks=checks, pending=pending)


def build_review_sheet(chain: EvidenceChain, status: str | Status, out_dir: Path) -> str:
    """Write `out_dir/review_zh.pdf` atomically; return its name relative to out_dir."""
    pdf = render_pdf(review_html(chain, Status(status)))
    try:
        write_bytes(Path(out_dir) / REVIEW_NAME, pdf)
    except OSError as exc:
        raise OutputError(f"cannot write {Path(out_dir) / REVIEW_NAME}: {exc.strerror}") from exc
    return REVIEW_NAME
