"""The evidence chain as data, embedded in the package as `manifest.json`.

A reviewer's tool (or a later audit) can check every exhibit against its original by hash
without trusting the letter's text.
"""

from __future__ import annotations

import json

import pikepdf

from casefile.evidence import EvidenceChain
from renderers.facts import Facts

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1


def manifest(chain: EvidenceChain, facts: Facts) -> dict:
    views = {view.document: view for view in facts.exhibits}
    return {
        "manifest_version": MANIFEST_VERSION,
        "case_id": chain.case_id,
        "as_of": chain.as_of.isoformat(),
        "reason_code": chain.reason_code.value if chain.reason_code else None,
        "notice_date": chain.notice_date.isoformat() if chain.notice_date else None,
        "appeal_deadline": chain.appeal_deadline.isoformat() if chain.appeal_deadline else None,
        "documents": [doc.model_dump(mode="json") for doc in chain.documents],
        "findings": [f.model_dump(mode="json") for f in chain.findings],
        "exhibits": [
            {**item.exhibit.model_dump(mode="json"), "kind": item.kind.value,
             "first_page": views[item.exhibit.document].first_page,
             "pages": views[item.exhibit.document].pages}
            for item in chain.items
        ],
    }


def embed_manifest(pdf: pikepdf.Pdf, data: dict) -> None:
    body = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")
    spec = pikepdf.AttachedFileSpec(pdf, body, description="evidence chain: documents, hashes, findings, exhibits",
                                    filename=MANIFEST_NAME, mime_type="application/json")
    pdf.attachments[MANIFEST_NAME] = spec
