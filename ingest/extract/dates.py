"""Dates of founding and issuing, read from the sentence that states the relationship."""

from __future__ import annotations

import re

from mdkg.graph.ontology import RelType
from mdkg.ingest.types import ExtractedRelation

DATED = frozenset({RelType.ESTABLISHED, RelType.ISSUED})
_ZH = re.compile(
    r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d>3[01]|[12]\d|0?[1-9])\s*日)?"
)
_MONTHS = "january february march april may june july august september october november december".split()
_EN = re.compile(
    r"\b(?P<mon>"
    + "|".join(m.capitalize() for m in _MONTHS)
    + r")\.?(?:\s+(?P<d>\d{1,2}))?,?\s+(?P<y>(?:19|20)\d{2})\b"
)


def date_in(sentence: str, article_year: int | None) -> str | None:
    """The first date a sentence gives, as `YYYY-MM-DD` or `YYYY-MM`; a month and day without a
    year take the article's year. None when the sentence gives no month."""
    zh = _ZH.search(sentence)
    if zh is not None:
        year = int(zh["y"]) if zh["y"] else article_year
        return _iso(year, int(zh["m"]), int(zh["d"]) if zh["d"] else None)
    en = _EN.search(sentence)
    if en is not None:
        return _iso(int(en["y"]), _MONTHS.index(en["mon"].lower()) + 1, int(en["d"]) if en["d"] else None)
    return None


def _iso(year: int | None, month: int, day: int | None) -> str | None:
    if year is None:
        return None
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")


def date_relations(relations: list[ExtractedRelation], published: str | None) -> list[ExtractedRelation]:
    """ESTABLISHED and ISSUED get the date their sentence states, when it states one."""
    year = int(published[:4]) if published else None
    out = []
    for r in relations:
        when = date_in(r.evidence.sentence, year) if r.type in DATED and "date" not in r.properties else None
        out.append(r.model_copy(update={"properties": {**r.properties, "date": when}}) if when else r)
    return out
