"""Render docs/SCHEMA.md from the ontology models: `python -m mdkg.graph.schema_doc > docs/SCHEMA.md`."""

from __future__ import annotations

from mdkg.graph.ontology import NODE_PROPERTIES, RELATIONS, Label, Segment


def _props(model: type) -> str:
    fields = getattr(model, "model_fields", {})
    return ", ".join(f"`{name}`" for name in fields) or "—"


def _labels(labels: frozenset[Label]) -> str:
    if labels == frozenset(Label):
        return "any Entity"
    return ", ".join(label.value for label in Label if label in labels)


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
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(render(), end="")
