"""Named Cypher for the Neo4j store. Values always travel as parameters; labels and
relationship types are spliced in only from the ontology's enums."""

from __future__ import annotations

from mdkg.graph.ontology import Label, RegionLevel, RelType, list_properties
from mdkg.graph.schema import KEYWORD_INDEX, SEARCH_INDEX, STORY_KEYS_INDEX

_EARLIEST = (
    "CASE WHEN {t}.first_seen IS NULL OR (row.first_seen IS NOT NULL AND row.first_seen < {t}.first_seen)"
    " THEN row.first_seen ELSE {t}.first_seen END"
)
_LATEST = (
    "CASE WHEN {t}.last_seen IS NULL OR (row.last_seen IS NOT NULL AND row.last_seen > {t}.last_seen)"
    " THEN row.last_seen ELSE {t}.last_seen END"
)


def _union(target: str, field: str) -> str:
    return f"reduce(acc = {target}, x IN {field} | CASE WHEN x IN acc THEN acc ELSE acc + x END)"


# search forms (graph/names.py): names and aliases only ever grow, so uniting them is exact
SEARCH_FORM_FIELDS = ("pinyin_keys", "initials_keys", "search_words")
_SEARCH_FORMS_SET = ", ".join(
    f"n.{f} = {_union(f'coalesce(n.{f}, [])', f'row.{f}')}" for f in SEARCH_FORM_FIELDS
)

# graph.search.form_text: the forms joined, for the trigram text index `entity_form_text`
_FORM_TEXT = (
    "n.form_text = substring(reduce(s = '', x IN n.search_keys + coalesce(n.pinyin_keys, []) + "
    "coalesce(n.initials_keys, []) | s + '|' + x), 1)"
)

REPRINT_FIELDS = {"reprint_titles": "title", "reprint_sources": "source", "reprint_dates": "published_at",
                  "reprint_urls": "url", "reprint_keys": "key"}  # fmt: skip


def upsert_articles() -> str:
    """Reprints (other outlets' copies) are kept as parallel lists, each copy once (by `reprint_keys`)."""
    init = ", ".join(f"a.{f} = []" for f in REPRINT_FIELDS)
    append = ", ".join(
        f"a.{f} = a.{f} + [r IN fresh | coalesce(r.{c}, '')]" for f, c in REPRINT_FIELDS.items()
    )
    return (
        "UNWIND $rows AS row MERGE (a:Article {id: row.id}) "
        f"ON CREATE SET {init} "
        "SET a.title = row.title, a.source = row.source, a.published_at = row.published_at, "
        "a.url = row.url, a.language = row.language, "
        "a.fingerprint = coalesce(row.fingerprint, a.fingerprint), "
        "a.story_keys = coalesce(row.story_keys, a.story_keys), a.seq = $version "
        "WITH a, row, [r IN row.reprints WHERE NOT r.key IN a.reprint_keys] AS fresh "
        f"SET {append}"
    )


# --- the store's version, file marks and retired stories (graph.store.GraphStore.write) ---------

EVIDENCE_FIELDS = (
    "evidence",
    "evidence_articles",
    "evidence_starts",
    "evidence_ends",
    "evidence_extractors",
    "evidence_confidences",
    "evidence_keys",
)


_VERSION_NODE = "OPTIONAL MATCH (v:StoreVersion {id: 'store'})"  # the one node keeping the store's books
_VERSION_NODE_MADE = "MERGE (v:StoreVersion {id: 'store'}) ON CREATE SET v.version = 0"


def lock_version() -> str:
    """Take the write lock on the version node first, so writers queue and then read the latest."""
    return f"{_VERSION_NODE_MADE} SET v.locked = true"


def read_version() -> str:
    return f"{_VERSION_NODE} RETURN coalesce(v.version, 0) AS version"


def set_version() -> str:
    return "MATCH (v:StoreVersion {id: 'store'}) SET v.version = $version REMOVE v.locked"


def set_file_mark() -> str:
    return (
        "MERGE (f:IngestedFile {key: $key}) SET f.path = $path, f.done = $done, f.total = $total, f.at = $at"
    )


def file_mark() -> str:
    return (
        "MATCH (f:IngestedFile {key: $key}) "
        "RETURN f.key AS key, f.path AS path, f.done AS done, f.total AS total, f.at AS at"
    )


def stories_since() -> str:
    """Articles written without a version (before versions existed) count as written at 0."""
    return (
        "MATCH (a:Article) WHERE a.fingerprint IS NOT NULL AND ($since = 0 OR a.seq > $since) "
        "RETURN a.id AS id, a.fingerprint AS fp, a.published_at AS published ORDER BY id"
    )


def stories_by_keys() -> str:
    """The stories holding each of `$keys` through the keyword full-text index, at most `$cap` a key:
    a key with more is boilerplate, left out by the caller's limit."""
    return (
        "UNWIND $keys AS key "
        f"CALL (key) {{ CALL db.index.fulltext.queryNodes('{STORY_KEYS_INDEX}', '\"' + key + '\"') "
        "YIELD node RETURN node LIMIT $cap } "
        "WITH key, collect(node) AS holders WHERE size(holders) < $cap "
        "UNWIND holders AS a "
        "RETURN key, a.id AS id, a.fingerprint AS fp, a.published_at AS published ORDER BY key, id"
    )


def stories_without_keys() -> str:
    return (
        "MATCH (a:Article) WHERE a.fingerprint <> '' AND a.story_keys IS NULL "
        "RETURN a.id AS id, a.fingerprint AS fp"
    )


FILLED = frozenset(
    {"story_keys", "search_forms", "degrees"}
)  # what a store fills in once for older versions' data


def filled(what: str) -> str:
    """Whether `what` (one of FILLED) was filled in: a mark `<what>_indexed` on the version node."""
    assert what in FILLED, what
    return f"{_VERSION_NODE} RETURN coalesce(v.{what}_indexed, false) AS done"


def mark_filled(what: str) -> str:
    assert what in FILLED, what
    return f"{_VERSION_NODE_MADE} SET v.{what}_indexed = true"


def spelling_scheme() -> str:
    return f"{_VERSION_NODE} RETURN v.spelling_scheme AS scheme"


def set_spelling_scheme() -> str:
    return f"{_VERSION_NODE_MADE} SET v.spelling_scheme = $scheme"


def entities_labelled() -> str:
    return "MATCH (n:Entity) WHERE any(l IN labels(n) WHERE l IN $labels) RETURN n ORDER BY n.id"


def set_spellings() -> str:
    return "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) SET n.spelling_keys = row.keys"


def set_story_keys() -> str:
    return "UNWIND $rows AS row MATCH (a:Article {id: row.id}) SET a.story_keys = row.keys"


def retired_since() -> str:
    return "MATCH (r:RetiredArticle) WHERE r.seq > $since RETURN r.id AS id, r.story AS story ORDER BY id"


def retire_targets() -> str:
    """What a story's extraction gave: the entities it mentions and the relationships among them it
    is evidence for (a relationship's ends are always named by the articles that state it)."""
    return (
        "MATCH (a:Article {id: $old})-[:MENTIONS]->(n:Entity) WITH collect(n) AS ns "
        "UNWIND ns AS n OPTIONAL MATCH (n)-[r]->(m:Entity) WHERE m IN ns AND $old IN r.evidence_articles "
        "WITH ns, collect(DISTINCT {id: r.id, source: n.id, target: m.id, articles: r.evidence_articles, "
        "confidences: r.evidence_confidences}) AS rels "
        "RETURN [n IN ns | {id: n.id, sources: n.sources}] AS entities, "
        "[r IN rels WHERE r.id IS NOT NULL] AS rels"
    )


def article_dates() -> str:
    return "MATCH (a:Article) WHERE a.id IN $ids RETURN a.id AS id, substring(a.published_at, 0, 10) AS date"


def keep_evidence() -> str:
    """Keep the evidence items at `row.keep` (indexes) of each relationship, or delete it if none."""
    keep = ", ".join(f"r.{f} = [i IN row.keep | r.{f}[i]]" for f in EVIDENCE_FIELDS)
    return (
        "UNWIND $rows AS row MATCH (:Entity {id: row.source})-[r]->(:Entity {id: row.target}) "
        "WHERE r.id = row.id "
        f"SET {keep}, r.sources = [s IN r.sources WHERE s <> $old], r.confidence = row.confidence, "
        "r.first_seen = row.first_seen, r.last_seen = row.last_seen "
        "WITH r, row WHERE size(row.keep) = 0 DELETE r"
    )


def settle_entities() -> str:
    """An entity keeps its other sources (and their dates); one nothing else names or links goes."""
    return (
        "UNWIND $rows AS row MATCH (n:Entity {id: row.id}) "
        "SET n.sources = row.sources, n.first_seen = row.first_seen, n.last_seen = row.last_seen "
        "WITH n, row WHERE size(row.sources) = 0 AND NOT EXISTS { (n)--(:Entity) } "
        "AND NOT EXISTS { (:Article)-[:MENTIONS]->(n) } "
        "DETACH DELETE n"
    )


def retire_article() -> str:
    return (
        "MATCH (a:Article {id: $old}) DETACH DELETE a "
        "WITH count(*) AS done MERGE (r:RetiredArticle {id: $old}) SET r.story = $new, r.seq = $version"
    )


def upsert_entities(label: Label, level: RegionLevel | None) -> str:
    labels = ":".join([label.value, *([level.value] if level else [])])
    listed = list_properties(label)
    united = "".join(  # list properties unite (graph.merge.merged_properties)
        f"n.{p} = CASE WHEN row.properties.{p} IS NULL OR was_{p} IS NULL THEN n.{p} "
        f"ELSE {_union(f'was_{p}', f'row.properties.{p}')} END, "
        for p in listed
    )
    return (
        "UNWIND $rows AS row MERGE (n:Entity {id: row.id}) "
        "ON CREATE SET n.name = row.name, n.aliases = [], n.sources = [], n.search_keys = [], "
        "n.spelling_keys = [], "
        "n.pinyin_keys = [], n.initials_keys = [], n.search_words = [] "
        # a firm first known by a short name takes its legal name when that arrives (graph.merge.takes_name)
        "WITH n, row, CASE WHEN row.properties.legal_name IS NOT NULL AND n.legal_name IS NULL "
        "THEN row.name ELSE n.name END AS name "
        # every form in the order graph.merge.merged_names keeps them
        "WITH n, row, name, [n.name] + n.aliases + [row.name] + row.aliases AS forms"
        f"{''.join(f', n.{p} AS was_{p}' for p in listed)} "
        f"SET n:{labels} SET n += row.properties, n.name = name, "
        f"{united}"
        "n.aliases = reduce(acc = [], x IN forms | "
        "CASE WHEN x IN acc OR x = name THEN acc ELSE acc + x END), "
        f"n.sources = {_union('n.sources', 'row.sources')}, "
        f"n.search_keys = {_union('n.search_keys', 'row.search_keys')}, "
        f"n.spelling_keys = {_union('coalesce(n.spelling_keys, [])', 'row.spelling_keys')}, "
        f"{_SEARCH_FORMS_SET}, "
        f"n.first_seen = {_EARLIEST.format(t='n')}, n.last_seen = {_LATEST.format(t='n')} "
        f"WITH n SET {_FORM_TEXT}"
    )


def upsert_relationships(rel_type: RelType) -> str:
    t = RelType(rel_type).value
    fields = EVIDENCE_FIELDS
    init = ", ".join(f"r.{f} = []" for f in fields)
    column = {
        "evidence": "sentence",
        "evidence_articles": "article_id",
        "evidence_starts": "start",
        "evidence_ends": "end",
        "evidence_extractors": "extractor",
        "evidence_confidences": "confidence",
        "evidence_keys": "key",
    }
    append = ", ".join(f"r.{f} = r.{f} + [e IN fresh | e.{column[f]}]" for f in fields)
    return (
        "UNWIND $rows AS row MATCH (a:Entity {id: row.source}) "
        "MATCH (b:Entity {id: row.target}) "
        f"MERGE (a)-[r:{t} {{id: row.id}}]->(b) "
        f"ON CREATE SET {init}, r.sources = [], r.confidence = 0.0 "
        "SET r += row.properties "
        "WITH r, row, [e IN row.evidence WHERE NOT e.key IN r.evidence_keys] AS fresh "
        f"SET {append}, r.sources = {_union('r.sources', 'row.sources')}, "
        "r.confidence = CASE WHEN row.confidence > r.confidence THEN row.confidence ELSE r.confidence END, "
        f"r.first_seen = {_EARLIEST.format(t='r')}, r.last_seen = {_LATEST.format(t='r')} "
        "RETURN count(DISTINCT r) AS written"
    )


def upsert_mentions() -> str:
    return (
        "UNWIND $rows AS row MATCH (a:Article {id: row.article_id}) "
        "MATCH (e:Entity {id: row.entity_id}) "
        "MERGE (a)-[m:MENTIONS]->(e) SET m.count = row.count"
    )


def entities_by_id() -> str:
    return "MATCH (n:Entity) WHERE n.id IN $ids RETURN n"


def articles_by_id() -> str:
    return "MATCH (a:Article) WHERE a.id IN $ids RETURN a"


_DEGREE = "COUNT { (n)-->(:Entity) } + COUNT { (n)<--(:Entity) }"


def set_degrees() -> str:
    """Keep `degree` on the entities of `$ids` (those a write touched): search walks down it."""
    return f"UNWIND $ids AS id MATCH (n:Entity {{id: id}}) SET n.degree = {_DEGREE}"


def count_degrees() -> str:
    """`degree` on every entity, for a store a version without it wrote (an auto-commit query)."""
    return f"MATCH (n:Entity) CALL (n) {{ SET n.degree = {_DEGREE} }} IN TRANSACTIONS OF 20000 ROWS"


_IN_LABELS = "($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))"


_KEY_FORMS = (
    "WITH n, [k IN n.search_keys WHERE k CONTAINS $key] AS keys, "
    "[k IN coalesce(n.pinyin_keys, []) WHERE k CONTAINS $key] AS pinyin, "
    "[k IN coalesce(n.initials_keys, []) WHERE k STARTS WITH $key] AS initials "
)
_KEY_RETURN = "RETURN n.id AS id, n.name AS name, keys, pinyin, initials, n.degree AS degree"
# where the candidates of a key come from (graph.search): the trigram text index on `form_text`, the
# full-text index for two Chinese characters (one CJK bigram token), else every entity
_CANDIDATES = {
    "grams": "MATCH (n:Entity) WHERE n.form_text CONTAINS $key AND ",
    "bigram": f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $bigram) YIELD node AS n WHERE ",
    "scan": "MATCH (n:Entity) WHERE ",
}


def search_by_key(candidates: str) -> str:
    """Entities with a name key or full pinyin containing `$key`, or pinyin initials starting with it;
    for "bigram", every entity holding the token (those whose forms do not hold the key match at the
    token tier: the full-text query of two Chinese characters is this same one)."""
    matched = "" if candidates == "bigram" else "WHERE size(keys) + size(pinyin) + size(initials) > 0 "
    return f"{_CANDIDATES[candidates]}{_IN_LABELS} {_KEY_FORMS}{matched}{_KEY_RETURN}"


# a common key of two Chinese characters (graph.search.top_of_many): each query reads few entities
_BEST_FIRST = "ORDER BY n.degree DESC, size(n.name), n.name, n.id"
_RANKED_RETURN = "RETURN n.id AS id, n.name AS name, keys, pinyin, initials, n.degree AS degree"


def count_bigram() -> str:
    """How many entities hold the token `$bigram`, counted up to `$most`."""
    return (
        f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $bigram, {{limit: $most}}) YIELD node "
        "RETURN count(node) AS held"
    )


def search_by_name_key() -> str:
    """Entities with a name key `$lucene` finds in the keyword index (the key whole, or as a prefix),
    best first, at most `$limit`."""
    return (
        f"CALL db.index.fulltext.queryNodes('{KEYWORD_INDEX}', $lucene) YIELD node AS n "
        f"WHERE {_IN_LABELS} AND any(k IN n.search_keys WHERE k STARTS WITH $key) "
        f"WITH n {_BEST_FIRST} LIMIT $limit {_KEY_FORMS}{_RANKED_RETURN}"
    )


def search_bigram_ranked() -> str:
    """The best `$limit` entities holding the token `$bigram` (two Chinese characters, the key), ranked
    in the database as `mdkg.graph.search` ranks them: tier (exact, prefix, contains, token), best first."""
    tier = (
        "CASE WHEN $key IN keys + pinyin + initials THEN 0 "
        "WHEN size(initials) > 0 OR any(k IN keys + pinyin WHERE k STARTS WITH $key) THEN 1 "
        "WHEN size(keys) + size(pinyin) > 0 THEN 2 ELSE 3 END"
    )
    return (
        f"{_CANDIDATES['bigram']}{_IN_LABELS} {_KEY_FORMS}"
        f"WITH n, keys, pinyin, initials, {tier} AS tier "
        f"ORDER BY tier, n.degree DESC, size(n.name), n.name, n.id LIMIT $limit {_RANKED_RETURN}"
    )


def search_best_first() -> str:
    """The best `$limit` entities with a name key containing `$key`, read down the degree index."""
    return (
        f"MATCH (n:Entity) WHERE n.degree >= 0 AND {_IN_LABELS} "
        "AND any(k IN n.search_keys WHERE k CONTAINS $key) "
        f"WITH n {_BEST_FIRST} LIMIT $limit {_KEY_FORMS}{_RANKED_RETURN}"
    )


def best_connected() -> str:
    """The best-connected `$limit` entities of `$labels` (all when null), down the degree index."""
    return f"MATCH (n:Entity) WHERE n.degree >= 0 AND {_IN_LABELS} WITH n {_BEST_FIRST} LIMIT $limit RETURN n"


def search_by_tokens() -> str:
    """Entities holding every token of `$lucene` in the `cjk` full-text index."""
    return (
        f"CALL db.index.fulltext.queryNodes('{SEARCH_INDEX}', $lucene) YIELD node AS n "
        f"WHERE {_IN_LABELS} RETURN n.id AS id, n.name AS name, n.degree AS degree"
    )


def entities_without_search_forms() -> str:
    return (
        "MATCH (n:Entity) WHERE n.search_words IS NULL OR n.form_text IS NULL "
        "RETURN n.id AS id, n.name AS name, n.aliases AS aliases"
    )


def set_search_forms() -> str:
    assignments = ", ".join(f"n.{f} = row.{f}" for f in SEARCH_FORM_FIELDS)
    return f"UNWIND $rows AS row MATCH (n:Entity {{id: row.id}}) SET {assignments} WITH n SET {_FORM_TEXT}"


KEYWORD_CLAUSES = 400  # keys a Lucene query ORs (Lucene allows 1,024 clauses)


def find_by_keyword(label: Label, field: str) -> str:
    """Entities of a label holding one of `$keys` in the list `field` (`search_keys` or
    `spelling_keys`), found through the keyword full-text index (`$lucene` names the keys)."""
    return (
        f"CALL db.index.fulltext.queryNodes('{KEYWORD_INDEX}', $lucene) YIELD node AS n "
        f"WHERE n:{label.value} AND any(k IN n.{field} WHERE k IN $keys) RETURN n ORDER BY n.id"
    )


_REL_ROW = "r, type(r) AS type, startNode(r).id AS source, endNode(r).id AS target"
_REL_MAP = "{r: r, type: type(r), source: startNode(r).id, target: endNode(r).id}"


_PATTERNS = {"out": "(n)-[r]->(m:Entity)", "in": "(n)<-[r]-(m:Entity)", "both": "(n)-[r]-(m:Entity)"}


def expand(direction: str) -> str:
    """The edges of a traversal level's nodes (ids only); a node without any gives one row without."""
    return (
        f"MATCH (n:Entity) WHERE n.id IN $ids OPTIONAL MATCH {_PATTERNS[direction]} "
        "WHERE type(r) <> 'MENTIONS' AND ($types IS NULL OR type(r) IN $types) "
        "RETURN n.id AS node, r.id AS edge, m.id AS other"
    )


def one_hop(direction: str) -> str:
    """A node, its first `$limit` neighbours by id and every edge to them, in one round trip: what
    `merge.breadth_first` keeps at depth 1. No row when there is no such node."""
    pattern = _PATTERNS[direction]
    kept = "type(r) <> 'MENTIONS' AND ($types IS NULL OR type(r) IN $types)"
    return (
        "MATCH (n:Entity {id: $id}) "
        f"CALL (n) {{ OPTIONAL MATCH {pattern} WHERE {kept} "
        "WITH DISTINCT m ORDER BY m.id LIMIT $limit RETURN collect(m) AS others } "
        f"CALL (n, others) {{ UNWIND others AS m MATCH {pattern} WHERE {kept} "
        f"RETURN collect({_REL_MAP}) AS rels }} "
        "RETURN n, others, rels"
    )


def nodes_and_edges() -> str:
    """Entities by id and relationships by their ends (each found from the end with fewer edges)."""
    return (
        "CALL { MATCH (n:Entity) WHERE n.id IN $ids RETURN collect(n) AS nodes } "
        "CALL { UNWIND $pairs AS p MATCH (a:Entity {id: p.a})-[r]-(b:Entity {id: p.b}) WHERE r.id = p.edge "
        f"RETURN collect(DISTINCT {_REL_MAP}) AS rels }} "
        "RETURN nodes, rels"
    )


def shortest_path(max_depth: int) -> str:
    return (
        "MATCH (a:Entity {id: $source}), (b:Entity {id: $target}) "
        f"MATCH p = shortestPath((a)-[rels*..{int(max_depth)}]-(b)) "
        "WHERE none(r IN rels WHERE type(r) = 'MENTIONS') "
        "RETURN [n IN nodes(p) | n.id] AS nodes, "
        f"[r IN relationships(p) | {_REL_MAP}] AS rels"
    )


def edges_among() -> str:
    return (
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND type(r) <> 'MENTIONS' "
        f"RETURN {_REL_ROW}"
    )


def all_entities() -> str:
    return "MATCH (n:Entity) RETURN n ORDER BY n.id LIMIT $limit"


def all_relationships() -> str:
    return (
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'MENTIONS' "
        "RETURN r, type(r) AS type, a.id AS source, b.id AS target"
    )


def counts() -> dict[str, str]:
    """Totals; all but evidence come from the database's count store, without reading the graph."""
    return {
        "articles": "MATCH (a:Article) RETURN count(a) AS c",
        "entities": "MATCH (n:Entity) RETURN count(n) AS c",
        "evidence": "MATCH (:Entity)-[r]->(:Entity) RETURN coalesce(sum(size(r.evidence_keys)), 0) AS c",
        "mentions": "MATCH ()-[m:MENTIONS]->() RETURN count(m) AS c",  # only articles mention
    }


def count_by_label() -> str:
    """Entities a label, from the count store (one branch a label; labels with none left out)."""
    branches = " UNION ALL ".join(
        f"MATCH (n:{label.value}) RETURN '{label.value}' AS label, count(n) AS c" for label in Label
    )
    return f"CALL () {{ {branches} }} WITH label, c WHERE c > 0 RETURN label, c"


def count_by_type() -> str:
    """Relationships a type, from the count store: every relationship of an ontology type joins two
    entities (the store writes no other), so the type alone counts them."""
    branches = " UNION ALL ".join(
        f"MATCH ()-[r:{kind.value}]->() RETURN '{kind.value}' AS type, count(r) AS c" for kind in RelType
    )
    return f"CALL () {{ {branches} }} WITH type, c WHERE c > 0 RETURN type, c"


def clear() -> str:
    return "MATCH (n) DETACH DELETE n"
