"""Word documents: paragraphs and tables in body order, headers and footers, text boxes; one page.

Tables are read twice over: as ` | `-joined text lines in their place (the fields are found in the
text) and as `Table`s of rows and cells on the page (for readers that want the grid).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from casefile.codes import FindingCode, PageSource
from casefile.pages import Page, ReadIssue, ReadResult
from casefile.pages import Table as PageTable
from extractors.readers.plain import tidy_text
from extractors.readers.tables import docx_table

CELL_SEPARATOR = " | "
MAX_NESTED_TABLES = 4  # form layouts nest two or three deep; a hostile file could nest thousands
#: Unpacked sizes a DOCX may declare and really unpack to, checked before python-docx parses it.
#: python-docx held about 9x an XML part's size (a 16 MB word/document.xml: 150 MB resident), so a
#: 200 MB part took the run past 3 GB (issue 16); a letter or certificate's XML is well under 1 MB.
MAX_XML_PART_BYTES = 16 * 1024 * 1024
#: Every part together, pictures included (python-docx keeps every part's bytes in memory).
MAX_UNPACKED_BYTES = 128 * 1024 * 1024
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def read_docx(path: Path, workdir: Path | None = None) -> ReadResult:
    """Headers, then the body (tables one line per row), then text boxes, then footers."""
    tables: list[PageTable] = []
    refused = oversized_part(path)
    if refused:
        return ReadResult(issues=[ReadIssue(code=FindingCode.unsupported_format,
                                            detail=f"DOCX refused before reading: {refused}; save it as PDF instead")])
    try:
        document = docx.Document(str(path))
        lines = [*_headers_and_footers(document, "header", tables),
                 *_blocks(document.iter_inner_content(), tables),
                 *_text_boxes(document), *_headers_and_footers(document, "footer", tables)]
    except (zlib.error, EOFError) as exc:  # zlib's own words ("Error -3 ...") tell a seller nothing
        return ReadResult(issues=[ReadIssue(code=FindingCode.unsupported_format,
                                            detail=f"DOCX is damaged: a part of it cannot be unpacked ({exc}); "
                                                   "save it again from Word or send it as PDF")])
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError, LxmlError, OSError) as exc:
        return ReadResult(issues=[ReadIssue(code=FindingCode.unsupported_format,
                                            detail=f"DOCX cannot be opened: {type(exc).__name__}: {exc}")])
    page = Page(number=1, source=PageSource.docx, text=tidy_text("\n".join(lines)), tables=tables,
                strategy="docx:python-docx")
    return ReadResult(pages=[page])


def oversized_part(path: Path) -> str | None:
    """What makes the DOCX too large to parse safely, or None: a part whose declared or actual
    unpacked size passes its limit (an XML part `MAX_XML_PART_BYTES`, all parts together
    `MAX_UNPACKED_BYTES`). The declared sizes are checked first, then the XML parts are unpacked
    and counted without keeping them (a member's header may understate its size)."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.infolist() if not m.is_dir()]
            xml = [m for m in members if m.filename.lower().endswith(_XML_SUFFIXES)]
            for member in xml:
                if member.file_size > MAX_XML_PART_BYTES:
                    return f"{member.filename} unpacks to {_mb(member.file_size)}, over the {_mb(MAX_XML_PART_BYTES)} limit"
            declared = sum(m.file_size for m in members)
            if declared > MAX_UNPACKED_BYTES:
                return f"its parts unpack to {_mb(declared)}, over the {_mb(MAX_UNPACKED_BYTES)} limit"
            for member in xml:
                if _unpacked_size(archive, member, MAX_XML_PART_BYTES) > MAX_XML_PART_BYTES:
                    return f"{member.filename} unpacks to more than {_mb(MAX_XML_PART_BYTES)}"
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError, ValueError):
        return None  # damaged, not a size problem: python-docx's reading says what is wrong with it
    return None


def _unpacked_size(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limit: int) -> int:
    """Bytes `member` really unpacks to, counted in chunks without keeping them, up to `limit` and
    one chunk (zipfile never unpacks past the declared size, and python-docx reads through it)."""
    total = 0
    with archive.open(member) as stream:
        while total <= limit and (chunk := stream.read(1 << 20)):
            total += len(chunk)
    return total


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def _blocks(blocks: Iterable[Paragraph | Table], tables: list[PageTable], depth: int = 0) -> Iterator[str]:
    """Text lines of the blocks; their tables, nested ones after their parent, go to `tables`."""
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_rows(block)
            found = docx_table(block)
            if found is not None:
                tables.append(found)
            if depth < MAX_NESTED_TABLES:
                # A table inside a cell: `cell.text` leaves it out, so it is read in its own right.
                nested = [Table(tbl, block._parent) for tbl in block._tbl.xpath("./w:tr/w:tc/w:tbl")]
                yield from _blocks(nested, tables, depth + 1)


def _table_rows(table: Table) -> Iterator[str]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split()))
        yield CELL_SEPARATOR.join(cells)


def _headers_and_footers(document: docx.document.Document, kind: str, tables: list[PageTable]) -> Iterator[str]:
    """Each distinct header (or footer) once; sections usually repeat the same one."""
    seen: set[str] = set()
    for section in document.sections:
        for part in (getattr(section, f"first_page_{kind}"), getattr(section, kind),
                     getattr(section, f"even_page_{kind}")):
            if part.is_linked_to_previous:
                continue
            found: list[PageTable] = []
            text = "\n".join(_blocks(part.iter_inner_content(), found)).strip()
            if text and text not in seen:
                seen.add(text)
                tables.extend(found)
                yield text


def _text_boxes(document: docx.document.Document) -> Iterator[str]:
    """Text in drawing shapes, which python-docx's block iteration does not reach (letterheads,
    stamped boxes). Word stores each box twice (DrawingML and a VML fallback), hence the dedupe."""
    seen: set[str] = set()
    body = document.element.body
    for box in body.xpath(".//w:txbxContent"):
        text = "\n".join("".join(t.text or "" for t in p.xpath(".//w:t")) for p in box.xpath("./w:p")).strip()
        if text and text not in seen:
            seen.add(text)
            yield text
