"""What a `process-case` run shows in the Prefect UI: one markdown report and one link per case."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from prefect.artifacts import create_link_artifact, create_markdown_artifact

import flows.settings  # noqa: F401  (must precede the Prefect import)
from casefile.result import Result


def artifact_key(case_id: str) -> str:
    """`case-<id>` in lowercase letters, digits and dashes (the UI lists only such keys).

    An id that loses characters on the way (Hangul, Chinese) gets a short hash so two cases never
    share a key.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", case_id.lower()).strip("-")
    if slug != case_id.lower():
        slug = f"{slug}-{hashlib.sha1(case_id.encode()).hexdigest()[:8]}".strip("-")
    return f"case-{slug}"


def report_markdown(result: Result, out_dir: Path) -> str:
    lines = [f"# {result.case_id}: **{result.status.value}**", "",
             f"- as of: {result.as_of}",
             f"- reason: {result.reason_code.value if result.reason_code else 'unknown'}",
             f"- appeal deadline: {result.appeal_deadline or 'unknown'}",
             f"- outputs: `{out_dir}`", ""]
    if result.package:
        lines += [f"- package: `{out_dir / result.package.path}` ({result.package.pages} pages)", ""]
    lines += ["## Documents", "", "| document | kind | pages | text |", "|---|---|---|---|"]
    lines += [f"| {_cell(d.path)} | {d.kind.value} | {d.pages} | {d.text_source.value if d.text_source else '-'} |"
              for d in result.documents]
    lines += ["", "## Findings", ""]
    if result.findings:
        lines += ["| severity | code | documents | message |", "|---|---|---|---|"]
        lines += [f"| {f.severity.value} | {f.code.value} | {_cell(', '.join(f.documents))} | {_cell(f.message_ko)} |"
                  for f in result.findings]
    else:
        lines.append("none")
    return "\n".join(lines) + "\n"


def publish(result: Result, out_dir: Path) -> None:
    key = artifact_key(result.case_id)
    create_markdown_artifact(report_markdown(result, out_dir), key=key,
                             description=f"{result.case_id}: {result.status.value}")
    create_link_artifact((out_dir / "result.json").resolve().as_uri(), link_text="result.json",
                         key=f"{key}-result", description=f"Where {result.case_id}'s outputs are")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
