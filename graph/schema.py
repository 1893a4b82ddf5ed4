"""Neo4j constraints and indexes, derived from the ontology and created idempotently."""

from __future__ import annotations

from mdkg.graph.ontology import Label, RelType

# Full-text search over names and the search words of graph/names.py (aliases, pinyin), cut by
# Lucene's CJK analyzer: CJK bigrams and latin words, the same tokens the embedded store keeps.
SEARCH_INDEX = "entity_search"
# Exact lookups of name and spelling keys (lists, which a range index cannot look up by element):
# a full-text index with the keyword analyzer, each key one whole token.
KEYWORD_INDEX = "entity_keys"
# The fingerprint keys of stories (graph/fingerprints.py), the same way: candidate copies by index.
STORY_KEYS_INDEX = "article_story_keys"


def schema_statements() -> list[str]:
    """Every statement is `IF NOT EXISTS`, so running them on each connect is safe."""
    statements = [
        "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
        "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
        "CREATE CONSTRAINT store_version_id IF NOT EXISTS FOR (v:StoreVersion) REQUIRE v.id IS UNIQUE",
        "CREATE CONSTRAINT ingested_file_key IF NOT EXISTS FOR (f:IngestedFile) REQUIRE f.key IS UNIQUE",
        "CREATE CONSTRAINT retired_article_id IF NOT EXISTS FOR (r:RetiredArticle) REQUIRE r.id IS UNIQUE",
        "CREATE CONSTRAINT entity_redirect_id IF NOT EXISTS FOR (d:EntityRedirect) REQUIRE d.id IS UNIQUE",
        "CREATE CONSTRAINT correction_id IF NOT EXISTS FOR (c:Correction) REQUIRE c.id IS UNIQUE",
        "CREATE INDEX correction_target IF NOT EXISTS FOR (c:Correction) ON (c.target)",
        "CREATE INDEX correction_into IF NOT EXISTS FOR (c:Correction) ON (c.into)",
        "CREATE INDEX article_seq IF NOT EXISTS FOR (a:Article) ON (a.seq)",
        "CREATE INDEX retired_article_seq IF NOT EXISTS FOR (r:RetiredArticle) ON (r.seq)",
        "CREATE INDEX entity_search_keys IF NOT EXISTS FOR (n:Entity) ON (n.search_keys)",
        # search reads the entities holding a common key best first, down this index (graph.search)
        "CREATE INDEX entity_degree IF NOT EXISTS FOR (n:Entity) ON (n.degree)",
        # trigram text index: a search key (3+ characters) inside an entity's forms without a scan
        "CREATE TEXT INDEX entity_form_text IF NOT EXISTS FOR (n:Entity) ON (n.form_text)",
        f"CREATE FULLTEXT INDEX {KEYWORD_INDEX} IF NOT EXISTS FOR (n:Entity) "
        "ON EACH [n.search_keys, n.spelling_keys] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
        f"CREATE FULLTEXT INDEX {STORY_KEYS_INDEX} IF NOT EXISTS FOR (a:Article) ON EACH [a.story_keys] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'keyword'}}",
        f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.search_words] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}",
    ]
    for label in Label:
        statements.append(
            f"CREATE INDEX {label.value.lower()}_name IF NOT EXISTS FOR (n:{label.value}) ON (n.name)"
        )
    for rel in RelType:
        statements.append(
            f"CREATE INDEX rel_{rel.value.lower()}_id IF NOT EXISTS FOR ()-[r:{rel.value}]-() ON (r.id)"
        )
    return statements
