"""Where the chain page draws things: the chain left to right, its services in a band beneath.

Every segment of the ontology has a fixed place: the six links of the chain (IP and scripts →
production → post-production → platforms → marketing → overseas) are columns from left to right,
and the services beside the chain (bases, technology, talent, data, copyright) are columns of a
second band under it. A firm sits in the column of its first segment in that order, under the
segment's heading; a column with more firms than fit in one stack holds several side by side.
Positions are computed here, not by the browser's physics, so a page looks the same on every load.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mdkg.graph.ontology import Segment

CHAIN = [
    Segment.IP_SCRIPT,
    Segment.PRODUCTION,
    Segment.POST_PRODUCTION,
    Segment.PLATFORM,
    Segment.MARKETING,
    Segment.OVERSEAS,
]
SERVICES = [
    Segment.BASES_SERVICES,
    Segment.TECHNOLOGY,
    Segment.TALENT,
    Segment.DATA_SERVICES,
    Segment.COPYRIGHT,
]
BANDS = (CHAIN, SERVICES)
ORDER = [*CHAIN, *SERVICES]  # where a firm of several segments sits: the first of its segments here

# Canvas units; the page fits the drawing to its canvas, and never shows it above its natural size.
CELL_WIDTH = 150  # one stack of firms
LABEL_WIDTH = 128  # a firm's name wraps at this width (nine Chinese characters)
COLUMN_GAP = 28
HEADING_GAP = 75  # from a heading's centre to the first firm
BAND_GAP = 70  # from the chain's last firm to the services' headings
FONT_SIZE = 14
LINE_HEIGHT = 17
DOT = 32  # the largest dot the page draws (scaling max 16 is a radius)
ROW_GAP = 16
# The canvas of a 1400×900 window (the page's graph beside its panel), for the shape of the grid.
CANVAS = (950.0, 700.0)


@dataclass(frozen=True)
class Firm:
    """What the layout needs of a firm: its id, its name (for the height of its label), its segments."""

    id: str
    name: str
    segments: Sequence[Segment]


@dataclass(frozen=True)
class Column:
    """A segment's column: its heading's centre and width, and its firms (ids) in the order drawn."""

    segment: Segment
    x: float
    y: float
    width: float
    firms: list[str]


@dataclass(frozen=True)
class ChainLayout:
    columns: dict[Segment, Column]
    positions: dict[str, tuple[float, float]]  # firm id → centre of its dot


def home(segments: Sequence[Segment]) -> Segment:
    """The segment whose column a firm sits in: the first of its segments along the chain, then services."""
    return min(segments, key=ORDER.index)


def lay_out(firms: Sequence[Firm], rank: Mapping[str, float]) -> ChainLayout:
    """Columns for every segment and a place for every firm; the best ranked firms come first (top)."""
    members: dict[Segment, list[Firm]] = {s: [] for s in ORDER}
    for firm in firms:
        members[home(firm.segments)].append(firm)
    for group in members.values():
        group.sort(key=lambda f: (-rank.get(f.id, 0.0), f.name, f.id))
    rows = stack_height({s: [row_height(f.name) for f in group] for s, group in members.items()})
    columns: dict[Segment, Column] = {}
    positions: dict[str, tuple[float, float]] = {}
    top = 0.0
    for band in BANDS:
        left, bottom = 0.0, top
        for segment in band:
            group = members[segment]
            stacks = split(len(group), rows)
            width = max(1, len(stacks)) * CELL_WIDTH
            columns[segment] = Column(segment, left + width / 2, top, width, [f.id for f in group])
            for number, stack in enumerate(stacks):
                x, y = left + (number + 0.5) * CELL_WIDTH, top + HEADING_GAP
                for firm in group[stack.start : stack.stop]:
                    positions[firm.id] = (x, y)
                    y += row_height(firm.name)
                bottom = max(bottom, y)
            left += width + COLUMN_GAP
        top = bottom + BAND_GAP
    return ChainLayout(columns, positions)


def split(count: int, rows: int) -> list[range]:
    """`count` firms in as few stacks of at most `rows` as hold them, as even as they can be."""
    if not count:
        return []
    per = math.ceil(count / math.ceil(count / rows))
    return [range(start, min(start + per, count)) for start in range(0, count, per)]


def stack_height(heights: Mapping[Segment, Sequence[float]]) -> int:
    """How many firms a stack holds at most: the number that lets the drawing fill the canvas at the
    largest scale, from the height each firm takes (`row_height`) in its column's order.

    Taller stacks make the drawing tall and narrow, shorter ones wide and flat; ties go to taller
    stacks, which read as one column a segment.
    """
    most = max((len(h) for h in heights.values()), default=0)

    def scale(rows: int) -> float:
        stacks = {s: split(len(h), rows) for s, h in heights.items()}
        width = max(
            sum(max(1, len(stacks[s])) * CELL_WIDTH for s in band) + COLUMN_GAP * (len(band) - 1)
            for band in BANDS
        )
        tallest = [
            max((sum(heights[s][r.start : r.stop]) for s in band for r in stacks[s]), default=0.0)
            for band in BANDS
        ]
        height = sum(HEADING_GAP + t for t in tallest) + BAND_GAP
        return min(CANVAS[0] / width, CANVAS[1] / height, 1.0)

    return max(range(1, most + 1), key=lambda rows: (scale(rows), rows), default=1)


def row_height(name: str) -> float:
    """The height a firm takes in its stack: its dot and the lines its name wraps into."""
    return DOT + label_lines(name) * LINE_HEIGHT + ROW_GAP


def label_lines(name: str) -> int:
    """How many lines vis-network wraps `name` into at LABEL_WIDTH: whole words while they fit, and a
    word wider than a line cut where it fills one (Chinese names are one such word)."""
    lines, width = 1, 0.0
    space = _width(" ")
    for word in name.split(" "):
        size = _width(word)
        if width and width + space + size <= LABEL_WIDTH:
            width += space + size
            continue
        if width:
            lines += 1
        lines += int(size // LABEL_WIDTH) if size > LABEL_WIDTH else 0
        width = size % LABEL_WIDTH if size > LABEL_WIDTH else size
    return lines


def _width(text: str) -> float:
    """About how wide `text` is drawn: wide (Chinese) characters a font size, spaces a quarter of one,
    others (Latin letters, digits, brackets) 0.55 of one, a little more than Noto Sans draws them."""
    wide = sum(1 for c in text if unicodedata.east_asian_width(c) in "WF")
    spaces = text.count(" ")
    return (wide + spaces * 0.25 + (len(text) - wide - spaces) * 0.55) * FONT_SIZE
