"""Blocks: cells stacked in one column, read as one piece of text (issue 14).

A label photographed beside other text, or a two-column leaflet, flattens into lines that run
across the columns; a 전성분 block then comes out interleaved with its neighbour. Reading cell
under cell, column by column, gives each block back whole.
"""

from __future__ import annotations

from casefile.layout import Cell, Layout

#: A cell continues a block when it starts under the block's last cell (within this many line
#: heights of its left edge, or overlapping it by half) and no further below than this gap.
ALIGN = 1.5
GAP = 1.2
#: A cell flush with the block's left edge may sit further below: a caption over its text is often
#: set off by a little space (a leaflet's "화장품 전성분" 1.4 line heights over its list).
FLUSH = 0.3
FLUSH_GAP = 2.0


def column_blocks(layout: Layout) -> list[list[Cell]]:
    """The word region's cells grouped into column blocks, top-left first."""
    blocks: list[list[Cell]] = []
    for region in layout.regions:
        if region.kind != "words":
            continue
        for line in region.lines:
            for cell in line.cells:
                home = next((b for b in reversed(blocks) if _continues(b[-1], cell)), None)
                if home is None:
                    blocks.append([cell])
                else:
                    home.append(cell)
    return sorted(blocks, key=lambda b: (round(b[0].box.top / max(b[0].box.height, 1.0)), b[0].box.x0))


def column_text(layout: Layout) -> str:
    """The page read block by block: each block's cells one per line, blocks apart by a blank line."""
    return "\n\n".join("\n".join(c.text for c in block) for block in column_blocks(layout))


def _continues(last: Cell, cell: Cell) -> bool:
    height = max(last.box.height, cell.box.height, 1.0)
    gap = cell.box.top - last.box.bottom
    flush = abs(cell.box.x0 - last.box.x0) <= FLUSH * height
    if gap < -0.3 * height or gap > (FLUSH_GAP if flush else GAP) * height:
        return False
    return abs(cell.box.x0 - last.box.x0) <= ALIGN * height or last.box.overlap_x(cell.box) >= 0.5
