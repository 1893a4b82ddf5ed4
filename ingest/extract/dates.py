"""Dates of founding and issuing, read from the sentence that states the relationship."""

from __future__ import annotations

from mdkg.graph.ontology import RelType
from mdkg.ingest.dates import dates_in
from mdkg.ingest.types import ExtractedRelation

DATED = frozenset({RelType.ESTABLISHED, RelType.ISSUED})


def date_in(sentence: str, article_year: int | None) -> str | None:
    """The first date a sentence gives, as `YYYY-MM-DD` or `YYYY-MM`; a month and day without a
    year take the article's year. None when the sentence gives no month."""
    found = next(dates_in(sentence, article_year), None)
    return None if found is None else found.date


def date_relations(relations: list[ExtractedRelation], published: str | None) -> list[ExtractedRelation]:
    """ESTABLISHED and ISSUED get the date their sentence states, when it states one."""
    year = int(published[:4]) if published else None
    out = []
    for r in relations:
        when = date_in(r.evidence.sentence, year) if r.type in DATED and "date" not in r.properties else None
        out.append(r.model_copy(update={"properties": {**r.properties, "date": when}}) if when else r)
    return out
