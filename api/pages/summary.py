"""The region page's summary box: `compare_regions` figures, one column a region, as plain text.

The template writes every cell with Jinja's autoescape, so names stay text. Amounts read the way
Chinese policy documents state them (万元, 亿元) next to the exact yuan figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from mdkg.graph.analytics import RegionSummary

WAN = 10_000
YI = 100_000_000
NONE = "—"


@dataclass(frozen=True)
class SummaryColumn:
    """A region heading the box: its name and id, and a link to its own page (None for this page)."""

    id: str
    name: str
    href: str | None


@dataclass(frozen=True)
class SummaryBox:
    """The box: a column a region, a row a figure whose cells are lines of text, one cell a column.

    The box opens folded, its `headline` (the page region's main figures) on its one line, so the
    graph is on the first screen; it opens unfolded when regions are compared, as that was asked for,
    and when it has only a `missing` notice to show.
    """

    columns: list[SummaryColumn]
    rows: list[tuple[str, list[list[str]]]]
    compare: str
    missing: str | None = None
    headline: str = ""

    @property
    def unfolded(self) -> bool:
        return bool(self.compare) or self.missing is not None


def yuan(amount: float) -> str:
    """`¥10,000,000 (1,000万元)`; amounts under 万 as yuan only, from 亿 on in 亿元."""
    exact = f"¥{round(amount):,}"
    if abs(amount) >= YI:
        return f"{exact} ({_short(amount / YI)}亿元)"
    if abs(amount) >= WAN:
        return f"{exact} ({_short(amount / WAN)}万元)"
    return exact


def _short(value: float) -> str:
    """At most two decimals, none when they are zero: 1,000 · 1.5 · 1,234.57."""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def summary_box(
    summary: RegionSummary | None,
    compared: Sequence[RegionSummary],
    *,
    region_id: str,
    as_of: str | None = None,
) -> SummaryBox:
    """The box of a region page: the page's region first (if it was in the graph then), the compared after."""
    shown = [summary, *compared] if summary else list(compared)
    columns = [
        SummaryColumn(s.region.id, s.region.name, None if s is summary else region_href(s.region.id, as_of))
        for s in shown
    ]
    missing = None if summary else f"{region_id} was not yet in the graph as of {as_of}"
    compare = ",".join(s.region.id for s in compared)
    return SummaryBox(columns, summary_rows(shown), compare, missing, headline(summary) if summary else "")


def headline(summary: RegionSummary) -> str:
    """The figures an analyst looks for first: `深圳市 · 7 firms · 1 base · … · support up to ¥…`."""
    counts = [
        (summary.firms, "firm"),
        (summary.bases, "base"),
        (summary.policies, "policy"),
        (summary.funds, "fund"),
    ]
    parts = [summary.region.name, *(f"{n:,} {_plural(word, n)}" for n, word in counts)]
    if summary.largest_support_cny is not None:
        parts.append(f"support up to {yuan(summary.largest_support_cny)}")
    return " · ".join(parts)


def _plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


def region_href(region_id: str, as_of: str | None) -> str:
    """The relative link from one region page to another (ids hold ':', so they are quoted)."""
    query = f"?{urlencode({'as_of': as_of})}" if as_of else ""
    return f"./{quote(region_id, safe='')}{query}"


def summary_rows(summaries: Sequence[RegionSummary]) -> list[tuple[str, list[list[str]]]]:
    """The figures of each region, row by row, in the order an analyst compares districts."""
    counts: list[tuple[str, Callable[[RegionSummary], int]]] = [
        ("sub-regions", lambda s: s.sub_regions),
        ("actors", lambda s: s.actors),
        ("firms", lambda s: s.firms),
        ("bases", lambda s: s.bases),
        ("policies", lambda s: s.policies),
        ("funds", lambda s: s.funds),
        ("associations", lambda s: s.associations),
        ("events", lambda s: s.events),
    ]
    rows = [(name, [[f"{figure(s):,}"] for s in summaries]) for name, figure in counts]
    rows.append(("largest support", [_support(s) for s in summaries]))
    rows.append(("top firms", [[f"{f.rank}. {f.name}" for f in s.top_firms] or [NONE] for s in summaries]))
    rows.append(("first seen", [[s.earliest_first_seen or NONE] for s in summaries]))
    rows.append(("last seen", [[s.latest_first_seen or NONE] for s in summaries]))
    return rows


def _support(summary: RegionSummary) -> list[str]:
    if summary.largest_support_cny is None:
        return [NONE]
    lines = [yuan(summary.largest_support_cny)]
    if summary.largest_support_by:
        by = summary.largest_support_by
        lines.append(f"by {by.name} ({by.label.value})")
    return lines
