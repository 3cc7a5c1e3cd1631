"""Authorization letter checks: the validity window covers the as-of day, and the letter is signed.

A letter valid until the as-of day itself is still valid that day. An unknown signature (null:
the file could not be looked at) is not a missing one; only a letter seen to carry nothing at its
signature line (`none`) is. A digital signature is judged on its own: one that does not
validate is reported even when the letter also bears a seal, since a seller who re-saved a
signed PDF has altered the document the reviewer will check.
"""

from __future__ import annotations

from casefile.codes import DocumentKind, FindingCode, SignatureKind
from casefile.fields import AuthorizationLetterFields
from casefile.pages import PdfSignature
from casefile.result import Finding
from validators.facts import CaseFacts
from validators.findings import finding


def check_authorization_dates(facts: CaseFacts) -> list[Finding]:
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.authorization_letter):
        fields: AuthorizationLetterFields = doc.fields
        if fields.valid_until is not None and fields.valid_until < facts.as_of:
            out.append(finding(FindingCode.authorization_expired, [doc.path], valid_until=fields.valid_until))
        if fields.valid_from is not None and fields.valid_from > facts.as_of:
            out.append(finding(FindingCode.authorization_not_yet_valid, [doc.path], valid_from=fields.valid_from))
    return out


def check_signatures(facts: CaseFacts) -> list[Finding]:
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.authorization_letter):
        if doc.fields.signature is SignatureKind.none:
            out.append(finding(FindingCode.signature_missing, [doc.path]))
    for path, signatures in facts.signatures.items():
        for signature in signatures:
            if not (signature.intact and signature.valid):
                out.append(finding(FindingCode.signature_invalid, [path], detail=failure_detail(signature)))
    return out


# The detail fills one slot of both the Korean and the Chinese message, so it says what failed in both.
_CHANGED = "서명 후 문서가 변경됨 / 签名后文件被修改"
_NOT_VERIFIED = "서명이 인증서로 검증되지 않음 / 签名无法用证书验证"


def failure_detail(signature: PdfSignature) -> str:
    """Who signed and what failed, short enough for the seller's review sheet."""
    what = _CHANGED if not signature.intact else _NOT_VERIFIED
    return f"{_signer_name(signature.signer)}: {what}"


def _signer_name(subject: str | None) -> str:
    """The common name of a subject like "Common Name: Kim, Organization: Hanbit"; else as given."""
    if not subject:
        return "?"
    parts = dict(p.split(": ", 1) for p in subject.split(", ") if ": " in p)
    return parts.get("Common Name") or parts.get("Organization") or subject
