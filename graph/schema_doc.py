"""Render docs/SCHEMA.md from the ontology models: `python -m mdkg.graph.schema_doc > docs/SCHEMA.md`."""

from __future__ import annotations

from collections.abc import Iterable

from mdkg.graph.neo4j_queries import EVIDENCE_FIELDS, REPRINT_FIELDS, SEARCH_FORM_FIELDS
from mdkg.graph.ontology import NODE_PROPERTIES, RELATIONS, Article, Label, RegionLevel, Segment


def _props(model: type) -> str:
    fields = getattr(model, "model_fields", {})
    return ", ".join(f"`{name}`" for name in fields) or "—"


def _labels(labels: frozenset[Label]) -> str:
    if labels == frozenset(Label):
        return "any Entity"
    return ", ".join(label.value for label in Label if label in labels)


def _code(names: Iterable[object]) -> str:
    return ", ".join(f"`{n}`" for n in names)


def _neo4j_naming() -> list[str]:
    """How the Neo4j store names what it writes (graph/neo4j_queries.py, graph/neo4j_store.py)."""
    return [
        "",
        "## Names and values in Neo4j",
        "",
        "How the Neo4j store (`graph/neo4j_store.py`, `graph/neo4j_queries.py`) and the neo4j-admin export",
        "write the graph, for Cypher of your own (`mdkg cypher`, `queries/*.cypher`):",
        "",
        "- **Labels** are PascalCase, the ontology's: every entity has `Entity` and its own label (`Firm`,",
        "  `Region` …). A Region also has its level as a label:",
        f"  {_code(RegionLevel)}.",
        "  Articles are `Article`, with",
        f"  {_code(f for f in Article.model_fields if f != 'reprints')}",
        "  and their reprints (other outlets' copies) as parallel lists (below).",
        "- **Relationship types** are UPPER_SNAKE_CASE (`LOCATED_IN`, `PARTNERS_WITH`), and",
        "  `(:Article)-[:MENTIONS {count}]->(:Entity)` links an article to what it names.",
        "- **Property names** are snake_case: the field names of the models in `graph/ontology.py`. A",
        "  label's or type's own properties (the tables above; `properties` in the API) are properties of",
        "  the node or relationship itself, beside `id` and `name`: `f.legal_name`, `f.segments`,",
        "  `r.amount_cny`, not a nested map (Neo4j has none). Units are part of the name: `_cny` is an",
        "  amount in yuan (`amount_cny`, `max_support_cny`), `area_sqm` square metres. Lists have plural",
        "  names (`aliases`, `sources`, `segments`).",
        "- **Values** are text, numbers and lists of one type. Dates are ISO text (`2025-03-01`; an",
        "  article's `published_at` may add a time), compared as text, not Neo4j `date` values:",
        "  `WHERE r.first_seen >= '2025-01-01'`. A label's own property with no value is absent, never null",
        "  or an empty list; `aliases` and `sources` are always there.",
        "- **Lists of records are parallel lists**, one property a field, item *i* of each the *i*-th",
        "  record (`evidence` holds the sentences). A relationship's evidence:",
        f"  {_code(EVIDENCE_FIELDS)}.",
        "  An article's reprints:",
        f"  {_code(REPRINT_FIELDS)}.",
        "  One record a row: `UNWIND range(0, size(r.evidence) - 1) AS i RETURN r.evidence[i],",
        "  r.evidence_articles[i]`.",
        "- **Internal properties** serve the store's own lookups and are no data of the graph: on articles",
        "  `fingerprint`, `story_keys` and `seq`; `evidence_keys` and `reprint_keys`, by which a re-ingest",
        "  adds nothing twice; on entities:",
        f"  {_code(['search_keys', *SEARCH_FORM_FIELDS, 'form_text', 'spelling_keys', 'degree'])}.",
    ]


def render() -> str:
    lines = [
        "# Graph schema",
        "",
        "Generated from `graph/ontology.py` by `python -m mdkg.graph.schema_doc`; a test keeps it current.",
        "It follows ONTOLOGY.md v1. Every node also has the label `Entity` and the properties `id`, `name`,",
        "`aliases`, `first_seen`, `last_seen`, `sources`; every relationship has `id`, `confidence`,",
        "`first_seen`, `last_seen`, `sources` and its evidence as parallel lists (`evidence` = sentences,",
        "`evidence_articles`, `evidence_starts`, `evidence_ends`, `evidence_extractors`,",
        "`evidence_confidences`).",
        "`(:Article)-[:MENTIONS {count}]->(:Entity)` links articles to what they name.",
        "For search, entities also carry their name keys (`search_keys`), pinyin (`pinyin_keys`,",
        "`initials_keys`), full-text words (`search_words`, `form_text`), spelling keys (`spelling_keys`)",
        "and `degree`, their relationships in and out (indexed; kept by every write), by which a search",
        "held by many entities reads them best first; none of these is an entity property of the API.",
        "",
        "Three labels keep the ingest's books, not the industry: `(:StoreVersion {id: 'store', version})`",
        "counts the writes (each write takes its lock, so writers queue; `story_keys_indexed`,",
        "`search_forms_indexed` and `degrees_indexed` mark that what older versions wrote got its story",
        "keys, search forms and degrees); `(:IngestedFile {key, path, done,",
        "total, at})` is how far the ingest of the file whose bytes have SHA-256 `key` got;",
        "`(:RetiredArticle {id, story, seq})` is a story that became the reprint of `story`. Articles carry",
        "`seq`, the version that last wrote them, and `story_keys`, the keys of their near-duplicate",
        "fingerprint (full-text index `article_story_keys`), by which an ingest finds the copies of a new",
        "article. The embedded store keeps the same in its tables `store_meta`, `ingested_files`,",
        "`retired_articles` and `story_keys`.",
        "",
        "Two labels keep the corrections (`mdkg curate`, `/corrections`; graph/corrections.py):",
        "`(:Correction {id, seq, kind, target, into, active, who, at, why, record})` is one entry of the log",
        "(`kind` reject, confirm, merge, split, rename, relabel or add; `active` false once undone; `record`",
        "the whole entry as JSON), and `(:EntityRedirect {id, keep, seq, record})` an entity merged away (or",
        "relabelled): its id answers with `keep`, and `record` holds what the merge moved, which a split",
        "gives back. A confirmed relationship is one with an active `confirm` entry: `MATCH ()-[r]->()",
        "WHERE EXISTS { MATCH (c:Correction {kind: 'confirm', active: true, target: r.id}) }`.",
        "The embedded store keeps them in its tables `corrections` and `entity_merges`.",
        "",
        "## Node labels",
        "",
        "| label | properties |",
        "|---|---|",
    ]
    lines += [f"| `{label.value}` | {_props(NODE_PROPERTIES[label])} |" for label in Label]
    lines += [
        "",
        "## Relationship types",
        "",
        "| type | from | to | properties | meaning |",
        "|---|---|---|---|---|",
    ]
    for rel, spec in RELATIONS.items():
        sym = " (symmetric)" if spec.symmetric else ""
        lines.append(
            f"| `{rel.value}`{sym} | {_labels(spec.sources)} | {_labels(spec.targets)} "
            f"| {_props(spec.props)} | {spec.meaning} |"
        )
    lines += [
        "",
        "## Industry-chain segments (`Firm.segments`)",
        "",
        ", ".join(f"`{s.value}`" for s in Segment),
    ]
    lines += _neo4j_naming()
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
