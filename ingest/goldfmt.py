"""An extraction in the gold format of ONTOLOGY.md, for scoring with `eval/score.py`."""

from __future__ import annotations

from mdkg.graph.ontology import RELATIONS, PropertyValue
from mdkg.ingest.types import Extraction


def to_gold_line(extraction: Extraction) -> dict:
    """`{"title", "entities": [{type, name, aliases}], "relations": [{type, head, tail, props}]}`.

    Heads and tails are entity names; a relationship stated by several sentences is listed once
    (symmetric ones once whichever way round).
    """
    entities = [
        {"type": e.label.value, "name": e.name, "aliases": list(e.aliases)} for e in extraction.entities
    ]
    relations, seen = [], set()
    for r in extraction.relations:
        ends = (r.head[1], r.tail[1])
        key = (r.type, *(sorted(ends) if RELATIONS[r.type].symmetric else ends))
        if key in seen:
            continue
        seen.add(key)
        relations.append(
            {"type": r.type.value, "head": ends[0], "tail": ends[1], "props": _plain(r.properties)}
        )
    title = extraction.document.original_title or extraction.document.article.title
    return {"title": title, "entities": entities, "relations": relations}


def _plain(props: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
    """Whole amounts as integers, as annotators write them (10000000, not 10000000.0)."""
    return {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in props.items()}
