"""The pipeline's stages as plain functions on typed values (no Prefect here: tests call them directly).

`flows/process_case.py` wraps each of these as a Prefect task; nothing else belongs in between.
"""

from __future__ import annotations

import datetime as dt
import logging
from email.utils import parseaddr
from pathlib import Path
from typing import NamedTuple

from casefile.case import Case, SourceFile
from casefile.codes import DocumentKind, FindingCode, Status, TextSource
from casefile.errors import MissingDependencyError
from casefile.evidence import KIND_TITLE_KO, EvidenceChain, EvidenceItem, order_exhibits
from casefile.fields import empty_fields
from casefile.loading import documents_of
from casefile.pages import ReadIssue, ReadResult
from casefile.result import DocumentResult, Finding, Result
from casefile.text import nfc_path
from extractors.classify import classify
from extractors.fields import FieldContext
from extractors.fields.provenance import DERIVED, FieldTrace, trace
from extractors.fields.registry import extract
from extractors.fields.screenshot import seller_account
from extractors.marks.signatures import pdf_signatures
from extractors.readers import filetype
from extractors.readers.read import cached_read, ocr_confidence, read_file
from flows import isolation
from flows.isolation import Bounds
from flows.transient import is_transient
from validators import CaseFacts, check_case, dedupe, finding, resolve_facts
from validators.evidence import evidence_complete
from validators.reading import case_problem_findings, reading_findings, unsure_field_findings
from validators.rules import load_rules

log = logging.getLogger(__name__)

#: How deep attachments of attachments are followed (an e-mail inside an e-mail inside …).
MAX_NESTING = 4


def read_and_verify(path: Path, workdir: Path) -> ReadResult:
    """Read one file; a PDF with a signed field also gets pyHanko's verdict on each signature."""
    read = read_file(path, workdir)
    if read.media_type == filetype.PDF and read.has_signature_field:
        read.signatures = pdf_signatures(path)
    return read


def read_source(source: SourceFile, workdir: Path, bounds: Bounds | None = None) -> ReadResult:
    """Read one file, in a bounded child process; whatever goes wrong costs that file a finding.

    Only a missing engine (Tesseract) propagates: without it no case can be judged.
    """
    path, work = Path(source.abs_path), Path(workdir)
    cached = cached_read(source.sha256)
    if cached is not None and not cached.has_signature_field:  # a signature is verified afresh, isolated
        return cached  # a child process costs half a second: a cached case would pay it per file
    try:
        if isolation.enabled():
            return isolation.run_isolated(read_and_verify, path, work, bounds=bounds or Bounds())
        return read_and_verify(path, work)
    except MissingDependencyError:
        raise
    except isolation.IsolatedTimeout as exc:
        return _unreadable(source, FindingCode.unreadable_document, f"reading took too long ({exc})")
    except isolation.IsolatedMemoryError as exc:
        return _unreadable(source, FindingCode.unreadable_document, f"reading needed too much memory ({exc})")
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the batch
        return _unreadable(source, FindingCode.unreadable_document, f"reader error: {type(exc).__name__}",
                           transient=is_transient(exc))


def _unreadable(source: SourceFile, code: FindingCode, detail: str, transient: bool = False) -> ReadResult:
    log.warning("could not read %s: %s", source.path, detail.splitlines()[0])
    return ReadResult(issues=[ReadIssue(code=code, detail=detail.splitlines()[0], transient=transient)])


def attachment_sources(parent: SourceFile, read: ReadResult) -> list[SourceFile]:
    """Files found inside `parent` become documents of the case, named `container#member`."""
    if parent.path.count("#") >= MAX_NESTING:
        return []
    return [
        SourceFile(path=f"{parent.path}#{nfc_path(a.name)}", abs_path=a.data_path, sha256=a.sha256,
                   size=a.size, container=parent.path)
        for a in read.attachments
    ]


def read_all(sources: list[SourceFile], workdir: Path) -> tuple[list[SourceFile], dict[str, ReadResult]]:
    """Every file, then every attachment found inside, wave after wave, one at a time (benches and
    tools; the flow reads each wave in parallel tasks)."""
    all_sources: list[SourceFile] = []
    reads: dict[str, ReadResult] = {}
    wave = sources
    while wave:
        next_wave: list[SourceFile] = []
        for source in wave:
            reads[source.path] = read_source(source, workdir)
            all_sources.append(source)
            next_wave += attachment_sources(source, reads[source.path])
        wave = next_wave
    return all_sources, reads


class Understood(NamedTuple):
    """One document understood: its result entry, and where each of its fields was read."""

    document: DocumentResult
    trace: FieldTrace


def understand(source: SourceFile, read: ReadResult, product_id: str | None = None) -> Understood:
    """Kind and typed fields of one document, with how its text was obtained; a field OCR was
    too unsure of is null (its trace says which and how sure)."""
    kind = classify(read, source.path) if read.pages else DocumentKind.other
    context = FieldContext(source_path=Path(source.abs_path), product_id=product_id)
    try:
        extraction = extract(kind, read, context)
        fields, where = trace(extraction.fields, read.pages, extraction.placed, extraction.inferred)
    except Exception as exc:  # noqa: BLE001 - a field extractor bug must not lose the document
        log.warning("field extraction failed on %s: %s", source.path, type(exc).__name__)
        fields, where = empty_fields(kind), FieldTrace()
    document = DocumentResult(path=source.path, sha256=source.sha256, kind=kind, pages=len(read.pages),
                              text_source=text_source(read), ocr_confidence=_rounded(ocr_confidence(read)),
                              fields=fields)
    return Understood(document, where)


def text_source(read: ReadResult) -> TextSource | None:
    sources = {p.source for p in read.pages}
    if not sources:
        return None
    if len(sources) > 1:
        return TextSource.mixed
    return TextSource(next(iter(sources)).value)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def judge(case: Case, documents: list[DocumentResult], reads: dict[str, ReadResult],
          as_of: dt.date, traces: dict[str, FieldTrace] | None = None) -> tuple[CaseFacts, list[Finding]]:
    """Every finding of the case: reading problems first (fields too unsure to use among them),
    then the reviewer's checks."""
    facts = resolve_facts(as_of, case.config, documents, *seller_mentions(documents, reads))
    facts.signatures = {path: read.signatures for path, read in reads.items() if read.signatures}
    facts.certainty = {doc.path: field_certainty(doc, (traces or {}).get(doc.path)) for doc in documents}
    found = case_problem_findings(case.problems)
    unread = {path for path, read in reads.items() if any(i.code is FindingCode.unreadable_document for i in read.issues)}
    needed = not evidence_complete(facts, without=unread)
    for doc in documents:
        found += reading_findings(doc.path, reads[doc.path].issues, needed=needed)
        where = (traces or {}).get(doc.path)
        if where and where.doubtful:  # those fields are null; the rest of the document stands
            found += unsure_field_findings(doc.path, {n: where.sources[n].confidence for n in where.doubtful})
    found += check_case(facts)
    return facts, dedupe(found)


def field_certainty(doc: DocumentResult, where: FieldTrace | None) -> dict[str, float]:
    """How surely each field with a value was read (its source's certainty). A value on an OCR'd
    document whose words were not found again was not measured, and is not taken as sure; a
    judgement over the whole document (the scheme, the signature) is no words to find, and is as
    sure as the rule that made it says (its source, when it has one)."""
    if where is None:
        return {}
    out = {name: source.certainty for name, source in where.sources.items()}
    if doc.text_source in (TextSource.ocr, TextSource.mixed):
        floor = load_rules().certainty.unlocated_ocr
        for name, value in doc.fields:
            if name not in out and name not in DERIVED and value not in (None, [], ""):
                out[name] = floor
    return out


def seller_mentions(documents: list[DocumentResult],
                    reads: dict[str, ReadResult]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Where the documents name the seller, for casefile.facts to weigh: the account each Wing
    screenshot shows, and the name each notice e-mail is addressed to, as (path, name)."""
    accounts, addressees = [], []
    for doc in documents:
        if doc.kind is DocumentKind.seller_center_screenshot:
            account = seller_account(reads[doc.path])
            if account:
                accounts.append((doc.path, account))
        elif doc.kind is DocumentKind.notice_email:
            name, _ = parseaddr(reads[doc.path].headers.get("To", ""))
            if name.strip():
                addressees.append((doc.path, name.strip()))
    return accounts, addressees


def evidence_chain(case: Case, facts: CaseFacts, findings: list[Finding], documents: list[DocumentResult],
                   reads: dict[str, ReadResult], sources: dict[str, SourceFile]) -> EvidenceChain:
    by_path = {d.path: d for d in documents}
    items = []
    for exhibit in order_exhibits(documents):
        doc, read = by_path[exhibit.document], reads[exhibit.document]
        items.append(EvidenceItem(exhibit=exhibit, kind=doc.kind, title_ko=KIND_TITLE_KO[doc.kind],
                                  abs_path=sources[doc.path].abs_path, media_type=read.media_type,
                                  page_count=max(len(read.pages), 1), fields=doc.fields, pages=read.pages))
    seal = case.seal_image_path
    return EvidenceChain(case_id=case.case_id, as_of=facts.as_of, reason_code=facts.reason_code,
                         notice_date=facts.notice_date, appeal_deadline=facts.appeal_deadline,
                         config=case.config, facts=facts.resolved, seal_image=str(seal) if seal else None,
                         documents=documents, findings=findings, items=items)


def failed_result(case_id: str, as_of: dt.date, path: str, detail: str) -> Result:
    """The result of a case that could not be processed at all; its finding says why."""
    return Result(case_id=case_id, as_of=as_of, status=Status.failed,
                  findings=[finding(FindingCode.unsupported_format, [path], detail=detail)])


def inventory(case: Case) -> list[SourceFile]:
    return documents_of(case)
