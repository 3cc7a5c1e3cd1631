"""Authorization letter checks: the validity window covers the as-of day, and the letter is signed.

A letter valid until the as-of day itself is still valid that day. An unknown signature (null:
the file could not be looked at) is not a missing one; only a letter seen to carry nothing at its
signature line (`none`) is, and only as a warning when that `none` is unsure (a grey scan, where
a red seal cannot show red). A digital signature is judged on its own: one that does not
validate is reported even when the letter also bears a seal, since a seller who re-saved a
signed PDF has altered the document the reviewer will check. So is one whose file was changed
after signing (text stamped on, an annotation over the text, a field filled that the signature
locked): the finding names what changed, as pyHanko's difference analysis and the comparison of
the revisions found it (`PdfSignature.changes`).
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
            out.append(finding(FindingCode.authorization_expired, [doc.path], unsure=facts.unsure(doc, "valid_until"),
                               valid_until=fields.valid_until))
        if fields.valid_from is not None and fields.valid_from > facts.as_of:
            out.append(finding(FindingCode.authorization_not_yet_valid, [doc.path],
                               unsure=facts.unsure(doc, "valid_from"), valid_from=fields.valid_from))
    return out


def check_signatures(facts: CaseFacts) -> list[Finding]:
    out: list[Finding] = []
    for doc in facts.of_kind(DocumentKind.authorization_letter):
        if doc.fields.signature is SignatureKind.none:
            out.append(finding(FindingCode.signature_missing, [doc.path], unsure=facts.unsure(doc, "signature")))
    for path, signatures in facts.signatures.items():
        for signature in signatures:
            if not (signature.intact and signature.valid) or signature.changed_after_signing:
                out.append(finding(FindingCode.signature_invalid, [path], detail=failure_detail(signature)))
    return out


# The detail fills one slot of both the Korean and the Chinese message, so it says what failed in both.
_CHANGED = "서명 후 문서가 변경됨 / 签名后文件被修改"
_NOT_VERIFIED = "서명이 인증서로 검증되지 않음 / 签名无法用证书验证"
_CHANGED_AFTER = "서명 이후 문서 내용이 변경됨 — {ko} / 签名后文件内容被更改——{zh}"
# What the revisions after the signed one changed (PdfSignature.changes), in Korean and Chinese.
_CHANGE_NAMES: dict[str, tuple[str, str]] = {
    "text": ("추가·변경된 텍스트", "添加或更改的文字"),
    "drawing": ("추가·변경된 그림이나 도형", "添加或更改的图形或图片"),
    "annotation": ("본문 위에 추가된 주석", "正文上添加的批注"),
    "form": ("서명이 허용하지 않는 양식 입력", "签名不允许的表单填写"),
    "pages": ("추가·삭제된 페이지", "添加或删除的页面"),
    "other": ("파일 구조 변경", "文件结构更改"),
}


def failure_detail(signature: PdfSignature) -> str:
    """Who signed and what failed, short enough for the seller's review sheet."""
    if not signature.intact:
        what = _CHANGED
    elif signature.changed_after_signing:
        names = [_CHANGE_NAMES.get(c, _CHANGE_NAMES["other"]) for c in signature.changes or ["other"]]
        what = _CHANGED_AFTER.format(ko=", ".join(ko for ko, _ in names), zh="、".join(zh for _, zh in names))
    else:
        what = _NOT_VERIFIED
    return f"{_signer_name(signature.signer)}: {what}"


def _signer_name(subject: str | None) -> str:
    """The common name of a subject like "Common Name: Kim, Organization: Hanbit"; else as given."""
    if not subject:
        return "?"
    parts = dict(p.split(": ", 1) for p in subject.split(", ") if ": " in p)
    return parts.get("Common Name") or parts.get("Organization") or subject
