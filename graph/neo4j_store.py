"""The Neo4j store: the official driver, `UNWIND $rows` batches that MERGE on id.

Relationship evidence is kept on the relationship as parallel lists
(`evidence` = sentences, `evidence_articles`, `evidence_starts`, `evidence_ends`,
`evidence_extractors`, `evidence_confidences`, `evidence_keys`) so researchers can
read it in plain Cypher; `evidence_keys` (article:start:end) keeps re-ingests from
adding it twice.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from itertools import islice
from typing import Any

from neo4j import (
    READ_ACCESS,
    Driver,
    GraphDatabase,
    ManagedTransaction,
    NotificationMinimumSeverity,
    Query,
)
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired, TransientError
from neo4j.graph import Node

from mdkg.graph import corrections, entity_merge, merge, search
from mdkg.graph import neo4j_queries as q
from mdkg.graph.cache import VersionCache
from mdkg.graph.corrections import Correction, CorrectionQuery
from mdkg.graph.cypher import QueryResult, check_plan, plain, refused
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.errors import InvalidRequest, StaleWrite, StoreUnavailable
from mdkg.graph.fingerprints import COMMON_KEY, index_keys
from mdkg.graph.names import NameForms, name_forms
from mdkg.graph.ontology import (
    Article,
    Counts,
    Direction,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    RegionLevel,
    Relationship,
    RelType,
    Reprint,
    Subgraph,
)
from mdkg.graph.schema import schema_statements
from mdkg.graph.search import SearchQuery
from mdkg.graph.store import FileMark, Path, StoredStory, StoriesSince, StoryMatches, check_depth

_COMMON = {"id", "name", "aliases", "first_seen", "last_seen", "sources", "search_keys", "form_text",
           "spelling_keys", "degree"}  # fmt: skip
_COMMON |= set(q.SEARCH_FORM_FIELDS)  # search forms are no entity property
_REL_COMMON = {"id", "confidence", "first_seen", "last_seen", "sources"}

RESPELL_ROWS = 5000  # entities re-keyed a statement (`respell`), all in one transaction


class Neo4jStore:
    """`graph.store.GraphStore` on a Neo4j 5 server."""

    name = "neo4j"

    def __init__(
        self,
        uri: str,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        retry_seconds: float = 30.0,
    ) -> None:
        # a server that cannot be reached is known within 1.5 s a try; reads and writes are retried
        # (the driver's retryable errors, with backoff) for `retry_seconds`
        self._driver: Driver = GraphDatabase.driver(
            uri,
            auth=(user, password),
            connection_timeout=1.5,
            connection_acquisition_timeout=1.5 + retry_seconds,
            max_transaction_retry_time=retry_seconds,
            # the server's hints (e.g. "property key does not exist" on an empty store) are no news
            # to users; without this the driver logs each one as a warning on standard error
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        self._database = database
        self._uri = uri
        self._retry_seconds = retry_seconds
        self._cache = VersionCache()
        self._driver.verify_connectivity()
        self.ensure_schema()

    def ensure_schema(self) -> None:
        for statement in schema_statements():
            self._driver.execute_query(statement, database_=self._database)
        self._once("search_forms", self._add_search_forms)
        self._once("story_keys", self._add_story_keys)
        self._once("degrees", self._count_degrees)

    def _once(self, what: str, fill: Callable[[], None]) -> None:
        """Fill in what a version without some index wrote: once, the first time this version
        connects (a mark on the version node spares every later connect the scan)."""
        if self.read(q.filled(what))[0]["done"]:
            return
        fill()
        self._driver.execute_query(q.mark_filled(what), database_=self._database)

    def _add_search_forms(self) -> None:
        """Give entities a version without search forms wrote their pinyin and full-text words."""
        rows = [
            {"id": r["id"], **_search_forms([r["name"], *(r["aliases"] or [])])}
            for r in self.read(q.entities_without_search_forms())
        ]
        if rows:
            self._driver.execute_query(q.set_search_forms(), rows=rows, database_=self._database)

    def _count_degrees(self) -> None:
        """Give every entity its degree (written since with each write that touches it)."""
        with self._driver.session(database=self._database) as session:
            session.run(q.count_degrees()).consume()

    def _add_story_keys(self) -> None:
        """Index the stories a version without `story_keys` wrote by their fingerprint keys."""
        rows = [{"id": r["id"], "keys": index_keys(r["fp"])} for r in self.read(q.stories_without_keys())]
        if rows:
            self._driver.execute_query(q.set_story_keys(), rows=rows, database_=self._database)

    @contextmanager
    def _reachable(self) -> Iterator[None]:
        """The driver's "cannot reach the server" (after its retries) as the contract's one error."""
        try:
            yield
        except (ServiceUnavailable, SessionExpired) as error:
            raise StoreUnavailable(
                f"Neo4j at {self._uri} cannot be reached ({error}; retried for {self._retry_seconds:g} s); "
                "start it, then run the command again: an ingest resumes where it stopped"
            ) from error

    def read(self, cypher: str, **params: Any) -> list[dict[str, Any]]:
        """Run read-only Cypher with parameters; rows as dicts.

        An auto-commit query in READ mode: one round trip (a managed transaction takes two more, for
        BEGIN and COMMIT, which a single read statement does not need). Retried, as the driver
        retries transactions, while the server cannot be reached or answers a transient error, for
        `retry_seconds`."""
        deadline = time.monotonic() + self._retry_seconds
        delay = 0.05
        with self._reachable():
            while True:
                try:
                    with self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as s:
                        return [dict(r) for r in s.run(cypher, params)]
                except (ServiceUnavailable, SessionExpired, TransientError):
                    if time.monotonic() + delay > deadline:
                        raise
                    time.sleep(delay)
                    delay = min(delay * 2, 1.0)

    def read_only(self, cypher: str, params: Mapping[str, Any], timeout: float, max_rows: int) -> QueryResult:
        """Someone's Cypher, if Neo4j's plan of it reads only the graph (`check_plan`), in READ access
        mode, so the server refuses writes; Neo4j stops it after
        `timeout` seconds; at most `max_rows` rows (one more is fetched to tell that there were more)."""
        try:
            with (
                self._reachable(),
                self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as session,
            ):
                plan = session.run(Query(f"EXPLAIN {cypher}", timeout=timeout), dict(params)).consume()
                check_plan(plan.query_type, plan.plan)
                result = session.run(Query(cypher, timeout=timeout), dict(params))
                records = list(islice(result, max_rows + 1))
                columns = list(result.keys())
        except Neo4jError as error:
            raise refused(error, timeout) from error
        rows = [{k: plain(v) for k, v in r.items()} for r in records[:max_rows]]
        return QueryResult(columns=columns, rows=rows, truncated=len(records) > max_rows)

    # --- writing ------------------------------------------------------------------

    def write(
        self, batch: GraphBatch, mark: FileMark | None = None, expect_version: int | None = None
    ) -> int:
        with self._reachable(), self._driver.session(database=self._database) as session:
            version: int = session.execute_write(_write_batch, batch, mark, expect_version)
            return version

    def merge_entities(self, keep_id: str, other_id: str) -> MergeRecord:
        from mdkg.graph import neo4j_merge  # here: it reads rows with this module's converters

        with self._reachable(), self._driver.session(database=self._database) as session:
            record: MergeRecord = session.execute_write(neo4j_merge.merge_into, keep_id, other_id)
            return record

    def split_entity(self, other_id: str) -> Entity:
        from mdkg.graph import neo4j_merge

        with self._reachable(), self._driver.session(database=self._database) as session:
            entity: Entity = session.execute_write(neo4j_merge.split_out, other_id)
            return entity

    def correct(self, correction: Correction) -> Correction:
        from mdkg.graph import neo4j_corrections

        with self._reachable(), self._driver.session(database=self._database) as session:
            done: Correction = session.execute_write(neo4j_corrections.correct, correction)
            return done

    def undo_correction(
        self, correction_id: str, who: str, why: str = "", at: str | None = None
    ) -> Correction:
        from mdkg.graph import neo4j_corrections

        with self._reachable(), self._driver.session(database=self._database) as session:
            done: Correction = session.execute_write(neo4j_corrections.undo, correction_id, who, why, at)
            return done

    def corrections(self, query: CorrectionQuery | None = None) -> list[Correction]:
        from mdkg.graph import neo4j_corrections

        query = query or CorrectionQuery()
        refs = query.naming()
        with (
            self._reachable(),
            self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as s,
        ):
            found: list[Correction] = s.execute_read(neo4j_corrections.logged, refs)
        return [c for c in found if query.keeps(c)]

    def redirects(self, entity_ids: Iterable[str]) -> dict[str, str]:
        from mdkg.graph import neo4j_merge

        with (
            self._reachable(),
            self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as s,
        ):
            found: dict[str, str] = s.execute_read(neo4j_merge.redirects, list(entity_ids))
            return found

    def _kept(self, entity_id: str) -> str:
        """The id `entity_id` answers with: itself, or the entity it was merged into."""
        return self.redirects([entity_id]).get(entity_id, entity_id)

    def version(self) -> int:
        return int(self.read(q.read_version())[0]["version"])

    def file_mark(self, key: str) -> FileMark | None:
        rows = self.read(q.file_mark(), key=key)
        return FileMark(**rows[0]) if rows else None

    def stories_since(self, version: int) -> StoriesSince:
        with (
            self._reachable(),
            self._driver.session(database=self._database, default_access_mode=READ_ACCESS) as s,
        ):
            return s.execute_read(_stories_since, version)

    def stories_by_keys(self, keys: Iterable[str], limit: int = COMMON_KEY) -> StoryMatches:
        wanted = sorted(set(keys))
        found = StoryMatches()
        if not wanted:
            return found
        for row in self.read(q.stories_by_keys(), keys=wanted, cap=limit + 1):
            found.holders.setdefault(row["key"], []).append(row["id"])
            found.stories[row["id"]] = StoredStory(fingerprint=row["fp"], published_at=row["published"])
        return found

    # --- reading --------------------------------------------------------------------

    def get_entity(self, entity_id: str) -> Entity | None:
        found = self._entities([entity_id]).get(entity_id)
        if found is None and (kept := self._kept(entity_id)) != entity_id:
            return self._entities([kept]).get(kept)  # merged into another: the id answers with that one
        return found

    def _entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        wanted = list(dict.fromkeys(ids))
        rows = self.read(q.entities_by_id(), ids=wanted)
        found = {row["n"]["id"]: _entity(row["n"]) for row in rows}
        return {i: found[i] for i in wanted if i in found}

    def best_connected(self, labels: Sequence[Label] | None = None, limit: int = 10) -> list[Entity]:
        names = [label.value for label in labels] if labels else None
        return [_entity(row["n"]) for row in self.read(q.best_connected(), labels=names, limit=limit)]

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        rows = self.read(q.articles_by_id(), ids=list(set(article_ids)))
        return {row["a"]["id"]: _article(row["a"]) for row in rows}

    def search(self, query: str, limit: int = 20, labels: Sequence[Label] | None = None) -> list[Entity]:
        """Ranked as `mdkg.graph.search` says: key tiers by scan, the token tier by full-text index."""
        parsed = search.parse(query)
        if parsed is None:
            return []
        names = [label.value for label in labels] if labels else None
        if (best := self._top_of_bigram(parsed, names, limit)) is not None:
            return list(self._entities(best).values())
        if len(parsed.key) >= search.TRIGRAM:
            candidates = "grams"
        else:
            candidates = "bigram" if search.by_bigram(parsed.key) else "scan"
        bigram = f'+"{search.escape_lucene(parsed.key)}"'  # the key as one full-text token
        rows = self.read(q.search_by_key(candidates), key=parsed.key, labels=names, bigram=bigram)
        hits = [
            search.Hit(row["id"], tier, row["degree"], row["name"])
            for row in rows
            if (tier := search.key_tier(parsed.key, _found_forms(row))) is not None
        ]
        if parsed.tokens:
            rows = self.read(q.search_by_tokens(), lucene=parsed.lucene, labels=names)
            hits += [search.Hit(r["id"], search.Tier.TOKENS, r["degree"], r["name"]) for r in rows]
        return list(self._entities(search.ranked(hits, limit)).values())

    def _top_of_bigram(self, parsed: SearchQuery, labels: list[str] | None, limit: int) -> list[str] | None:
        """The best `limit` ids of a query of two Chinese characters (its key its only token), ranked in
        the database; held by `search.MANY` or more, read best first (exact: all; starting with the
        key: the best `limit`; containing it: the best `limit`, down the degree index) when `limit`
        of them contain the key. None for other queries."""
        if not (search.by_bigram(parsed.key) and parsed.tokens == (parsed.key,)):
            return None
        key, escaped = parsed.key, search.escape_lucene(parsed.key)
        asked = {"key": key, "labels": labels, "bigram": f'+"{escaped}"'}
        rows: list[dict[str, Any]] = []
        if self.read(q.count_bigram(), most=search.MANY, **asked)[0]["held"] >= search.MANY:
            walked = self.read(q.search_best_first(), limit=limit, **asked)
            if len(walked) >= limit:  # else the token tier counts: rank every candidate
                rows = [
                    *walked,
                    *self.read(
                        q.search_by_name_key(), lucene=f'search_keys:"{escaped}"', limit=search.MANY, **asked
                    ),
                    *self.read(
                        q.search_by_name_key(), lucene=f"search_keys:{escaped}*", limit=limit, **asked
                    ),
                ]
        if not rows:
            rows = self.read(q.search_bigram_ranked(), limit=limit, **asked)
        tiers = [search.key_tier(key, _found_forms(r)) for r in rows]
        hits = [
            search.Hit(r["id"], search.Tier.TOKENS if t is None else t, r["degree"], r["name"])
            for r, t in zip(rows, tiers, strict=True)
        ]
        return search.ranked(hits, limit)

    def find_by_spelling(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        return self._by_keyword(label, "spelling_keys", keys)

    def respell(self, scheme: str, labels: Sequence[Label], spell: Callable[[Entity], list[str]]) -> int:
        if self.read(q.spelling_scheme())[0]["scheme"] == scheme:
            return 0
        found = self.read(q.entities_labelled(), labels=[label.value for label in labels])
        entities = [_entity(r["n"]) for r in found]
        rows = [{"id": e.id, "keys": sorted(set(spell(e)))} for e in entities]
        with self._reachable(), self._driver.session(database=self._database) as session:
            with session.begin_transaction() as tx:
                for i in range(0, len(rows), RESPELL_ROWS):
                    tx.run(q.set_spellings(), rows=rows[i : i + RESPELL_ROWS]).consume()
                tx.run(q.set_spelling_scheme(), scheme=scheme).consume()
                tx.commit()
        return len(entities)

    def find_by_keys(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        return self._by_keyword(label, "search_keys", keys)

    def _by_keyword(self, label: Label, field: str, keys: Iterable[str]) -> list[Entity]:
        """Entities of `label` holding one of `keys` in the list `field`, through the keyword
        full-text index over name and spelling keys (a list property has no range index lookup)."""
        found: dict[str, Entity] = {}
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), q.KEYWORD_CLAUSES):
            chunk = wanted[i : i + q.KEYWORD_CLAUSES]
            lucene = " OR ".join(f'{field}:"{search.escape_lucene(k)}"' for k in chunk)
            for row in self.read(q.find_by_keyword(label, field), lucene=lucene, keys=chunk):
                found[row["n"]["id"]] = _entity(row["n"])
        return [found[i] for i in sorted(found)]

    # --- traversal ----------------------------------------------------------------------

    def neighbours(
        self,
        entity_id: str,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        limit: int = 100,
    ) -> Subgraph:
        check_depth(depth)
        names = [t.value for t in types] if types else None
        if depth == 1:  # one round trip: the node, its neighbours and the edges to them
            rows = self.read(
                q.one_hop(Direction(direction).value), id=entity_id, types=names, limit=max(limit, 0)
            )
            if not rows:
                kept = self._kept(entity_id)
                return (
                    Subgraph() if kept == entity_id else self.neighbours(kept, depth, types, direction, limit)
                )
            [row] = rows
            others = sorted((_entity(m) for m in row["others"]), key=lambda e: e.id)
            rels = sorted((_relationship(r) for r in row["rels"]), key=lambda r: r.id)
            return Subgraph(nodes=[_entity(row["n"]), *others], edges=rels)
        ends: dict[str, dict[str, str]] = {}  # each edge met, by the ends the traversal met it at
        exists = False

        def expand(frontier: list[str]) -> dict[str, list[tuple[str, str]]]:
            nonlocal exists
            found: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for row in self.read(q.expand(Direction(direction).value), ids=frontier, types=names):
                exists = True  # a row for each node found, with no edge when it has none
                if row["edge"] is not None:
                    ends.setdefault(row["edge"], {"a": row["node"], "b": row["other"], "edge": row["edge"]})
                    found[row["node"]].append((row["edge"], row["other"]))
            return {node: sorted(pairs, key=lambda p: (p[1], p[0])) for node, pairs in found.items()}

        nodes, edges = merge.breadth_first(entity_id, depth, limit, expand)
        if not exists:
            kept = self._kept(entity_id)
            return Subgraph() if kept == entity_id else self.neighbours(kept, depth, types, direction, limit)
        [row] = self.read(q.nodes_and_edges(), ids=nodes, pairs=[ends[e] for e in edges])
        entities = {n["id"]: _entity(n) for n in row["nodes"]}
        rels = sorted((_relationship(r) for r in row["rels"]), key=lambda r: r.id)
        return Subgraph(nodes=[entities[i] for i in nodes if i in entities], edges=rels)

    def shortest_path(self, source_id: str, target_id: str, max_depth: int = 6) -> Path | None:
        if source_id == target_id:
            entity = self.get_entity(source_id)
            return Path(nodes=[entity]) if entity else None
        rows = self.read(q.shortest_path(max_depth), source=source_id, target=target_id)
        if not rows:
            kept = self.redirects([source_id, target_id])
            if kept:
                return self.shortest_path(
                    kept.get(source_id, source_id), kept.get(target_id, target_id), max_depth
                )
            return None
        entities = self._entities(rows[0]["nodes"])
        return Path(
            nodes=[entities[i] for i in rows[0]["nodes"]], edges=[_relationship(r) for r in rows[0]["rels"]]
        )

    def counts(self) -> Counts:
        """Counted once a store version (the API's /health asks for them on every call)."""
        return self._cache.get("counts", self.version(), self._count)

    def _count(self) -> Counts:
        totals = {name: self.read(cypher)[0]["c"] for name, cypher in q.counts().items()}
        by_label = {r["label"]: r["c"] for r in self.read(q.count_by_label())}
        by_type = {r["type"]: r["c"] for r in self.read(q.count_by_type())}
        return Counts(**totals, relationships=sum(by_type.values()), by_label=by_label, by_type=by_type)

    def subgraph(self, entity_ids: Iterable[str] | None = None, limit: int = 5000) -> Subgraph:
        if entity_ids is None:  # pages, analytics, exports: kept until a write moves the version
            return self._cache.get(("whole", limit), self.version(), lambda: self._whole(limit))
        ids = list(dict.fromkeys(entity_ids))[:limit]
        edges = sorted(
            (_relationship(row) for row in self.read(q.edges_among(), ids=ids)), key=lambda r: r.id
        )
        return Subgraph(nodes=list(self._entities(ids).values()), edges=edges)

    def _whole(self, limit: int) -> Subgraph:
        """The whole graph (the first `limit` entities by id) in two reads."""
        nodes = [_entity(row["n"]) for row in self.read(q.all_entities(), limit=limit)]
        chosen = {n.id for n in nodes}
        rels = (_relationship(row) for row in self.read(q.all_relationships()))
        edges = [r for r in rels if r.source in chosen and r.target in chosen]
        return Subgraph(nodes=nodes, edges=sorted(edges, key=lambda r: r.id))

    def clear(self) -> None:
        with self._reachable():
            self._driver.execute_query(q.clear(), database_=self._database)
        self._cache.clear()

    def close(self) -> None:
        self._driver.close()


def _write_batch(
    tx: ManagedTransaction, batch: GraphBatch, mark: FileMark | None, expect_version: int | None
) -> int:
    tx.run(q.lock_version()).consume()  # writers queue here, then read the latest version
    version = int(tx.run(q.read_version()).single(strict=True)["version"])
    if expect_version is not None and version != expect_version:
        raise StaleWrite(f"the store is at version {version}, not {expect_version}; nothing written")
    version += 1
    tx.run(q.set_version(), version=version).consume()
    from mdkg.graph import (
        neo4j_corrections,
        neo4j_merge,  # here: it reads rows with this module's converters
    )

    def corrected(batch: GraphBatch) -> GraphBatch:
        rewriting = neo4j_corrections.in_force(tx, corrections.write_refs(batch), corrections.REWRITING)
        return corrections.corrected(batch, rewriting)

    batch = corrected(batch)  # as the article said it: a rejection made before a merge changed the ids
    kept = neo4j_merge.redirects(tx, entity_merge.batch_ids(batch))
    if kept:
        batch = corrected(entity_merge.redirected(batch, kept))  # as the merges make it
    touched = {e.id for e in batch.entities} | {i for r in batch.relationships for i in (r.source, r.target)}
    for old, new in sorted(batch.replaces.items()):
        touched |= _retire(tx, old, new, version)
    if batch.articles:
        rows = [article_row(a) for a in batch.articles]
        tx.run(q.upsert_articles(), rows=rows, version=version).consume()
    for (label, level), rows in entity_rows(batch.entities, batch.spellings).items():
        tx.run(q.upsert_entities(label, level), rows=rows).consume()
    for rel_type, rows in relationship_rows(batch.relationships).items():
        written = tx.run(q.upsert_relationships(rel_type), rows=rows).single(strict=True)["written"]
        if written != len(rows):
            raise InvalidRequest(
                f"{len(rows) - written} {rel_type.value} relationship(s) name an entity that is neither "
                "in the store nor in the batch; nothing of the batch was written"
            )
    if batch.mentions:
        tx.run(q.upsert_mentions(), rows=[m.model_dump() for m in batch.mentions]).consume()
    if touched:
        tx.run(q.set_degrees(), ids=sorted(touched)).consume()
    if mark is not None:
        tx.run(q.set_file_mark(), mark.model_dump()).consume()
    return version


def _stories_since(tx: ManagedTransaction, since: int) -> StoriesSince:
    version = int(tx.run(q.read_version()).single(strict=True)["version"])  # first: rows are as new
    stories = {
        r["id"]: StoredStory(fingerprint=r["fp"], published_at=r["published"])
        for r in tx.run(q.stories_since(), since=since)
    }
    retired = {r["id"]: r["story"] for r in tx.run(q.retired_since(), since=since)}
    return StoriesSince(version=version, stories=stories, retired=retired)


def _retire(tx: ManagedTransaction, old: str, new: str, version: int) -> set[str]:
    """Withdraw story `old`, now a reprint of `new` (as graph/embedded_retire.py does); the ids of
    the entities whose relationships it may have changed."""
    found = tx.run(q.retire_targets(), old=old).single()
    entities, rels = (found["entities"], found["rels"]) if found else ([], [])
    articles = {a for r in rels for a in r["articles"]} | {a for e in entities for a in e["sources"] or []}
    dates = {r["id"]: r["date"] for r in tx.run(q.article_dates(), ids=sorted(articles - {old}))}
    rel_rows = []
    for r in rels:
        keep = [i for i, a in enumerate(r["articles"]) if a != old]
        seen = sorted(d for i in keep if (d := dates.get(r["articles"][i])))
        rel_rows.append(
            {"id": r["id"], "source": r["source"], "target": r["target"], "keep": keep,
             "confidence": max((r["confidences"][i] for i in keep), default=0.0),
             "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None}
        )  # fmt: skip
    if rel_rows:
        tx.run(q.keep_evidence(), rows=rel_rows, old=old).consume()
    tx.run(q.retire_article(), old=old, new=new, version=version).consume()
    entity_rows_ = []
    for e in entities:
        sources = [a for a in e["sources"] or [] if a != old]
        seen = sorted(d for a in sources if (d := dates.get(a)))
        entity_rows_.append(
            {"id": e["id"], "sources": sources,
             "first_seen": seen[0] if seen else None, "last_seen": seen[-1] if seen else None}
        )  # fmt: skip
    if entity_rows_:
        tx.run(q.settle_entities(), rows=entity_rows_).consume()
    return {i for r in rel_rows for i in (r["source"], r["target"])}


def entity_rows(
    entities: list[Entity], spellings: Mapping[str, list[str]] | None = None
) -> dict[tuple[Label, RegionLevel | None], list[dict[str, Any]]]:
    """The node rows this store writes, by labels; the neo4j-admin export writes the same rows
    (without spelling keys: a snapshot has none, so an imported graph finds twins by name only)."""
    groups: dict[tuple[Label, RegionLevel | None], list[dict[str, Any]]] = defaultdict(list)
    for e in merge.combine_entities(entities):
        level = e.extra_labels[0] if e.extra_labels else None
        row = e.model_dump(mode="json", exclude={"label"})
        row["search_keys"] = merge.search_keys(e)
        row["spelling_keys"] = sorted((spellings or {}).get(e.id, []))
        row.update(_search_forms([e.name, *e.aliases]))
        row["form_text"] = search.form_text(
            NameForms(keys=row["search_keys"], pinyin=row["pinyin_keys"], initials=row["initials_keys"])
        )
        groups[(e.label, RegionLevel(level) if level else None)].append(row)
    return groups


def _search_forms(names: list[str]) -> dict[str, list[str]]:
    forms = name_forms(names)
    return {"pinyin_keys": forms.pinyin, "initials_keys": forms.initials, "search_words": forms.words}


def _found_forms(row: dict[str, Any]) -> NameForms:
    return NameForms(keys=row["keys"], pinyin=row["pinyin"], initials=row["initials"])


def relationship_rows(rels: list[Relationship]) -> dict[RelType, list[dict[str, Any]]]:
    """The relationship rows this store writes, by type (shared with the neo4j-admin export)."""
    groups: dict[RelType, list[dict[str, Any]]] = defaultdict(list)
    for r in merge.combine_relationships(rels):
        row = r.model_dump(mode="json", exclude={"type", "evidence"})
        row["evidence"] = [{**e.model_dump(), "key": e.key} for e in r.evidence]
        groups[r.type].append(row)
    return groups


def article_row(article: Article) -> dict[str, Any]:
    """The article row this store writes (shared with the neo4j-admin export)."""
    row = article.model_dump()
    row["story_keys"] = index_keys(article.fingerprint) if article.fingerprint else None
    row["reprints"] = [{**r.model_dump(), "key": r.key} for r in article.reprints]
    return row


def _article(node: Node | dict[str, Any]) -> Article:
    data = dict(node)
    columns = [data.pop(f, []) for f in q.REPRINT_FIELDS]
    reprints = [
        Reprint(title=t, source=s, published_at=d or None, url=u or None)
        for t, s, d, u, _ in zip(*columns, strict=True)
    ]
    return Article(**data, reprints=reprints)


def _entity(node: Node | dict[str, Any]) -> Entity:
    data = dict(node)
    labels = set(node.labels) if isinstance(node, Node) else set()
    label = next(lab for lab in Label if lab.value in labels)
    return Entity(
        id=data["id"],
        label=label,
        name=data["name"],
        aliases=list(data.get("aliases") or []),
        properties={k: v for k, v in data.items() if k not in _COMMON},
        first_seen=data.get("first_seen"),
        last_seen=data.get("last_seen"),
        sources=list(data.get("sources") or []),
    )


def _relationship(row: dict[str, Any]) -> Relationship:
    data = dict(row["r"])
    evidence = [
        Evidence(article_id=a, sentence=s, start=st, end=en, extractor=x, confidence=c)
        for s, a, st, en, x, c in zip(
            data.pop("evidence", []),
            data.pop("evidence_articles", []),
            data.pop("evidence_starts", []),
            data.pop("evidence_ends", []),
            data.pop("evidence_extractors", []),
            data.pop("evidence_confidences", []),
            strict=True,
        )
    ]
    data.pop("evidence_keys", None)
    return Relationship(
        id=data["id"],
        type=row["type"],
        source=row["source"],
        target=row["target"],
        properties={k: v for k, v in data.items() if k not in _REL_COMMON},
        evidence=sorted(evidence, key=lambda e: (e.article_id, e.start)),
        confidence=data.get("confidence", 0.0),
        first_seen=data.get("first_seen"),
        last_seen=data.get("last_seen"),
        sources=sorted(data.get("sources") or []),
    )
