"""Stage 2b, dedupe: `Document`s → stories, each with its syndicated reprints.

Reprints differ in title, header and editor lines, a few characters, and where
they are cut off. A fingerprint samples the body's opening by content: reduced
to Han, digits and lower-case letters and cut to `WINDOW` characters, its
5-character shingles (CRC-32) whose hash is a multiple of `SAMPLE_EVERY` are
kept in text order, 6 hex digits each. The same text gives the same samples
wherever it sits, so a truncated copy's samples are a subset of the full one's;
fingerprints are compared by containment (the share of the smaller sample set
found in the other). On the shared and sample corpora and copies made from them
(other bylines, an editor's note, cut to 100 characters, 20 changed characters,
traditional script) copies score 0.72-1.0 and different stories at most 0.24;
one true pair in the corpus, two excerpts of one commentary, scores 0.496, hence
a threshold of 0.4. SimHash failed on truncated copies and costs 2 ms an article.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from pydantic import BaseModel, Field

from mdkg.graph.fingerprints import index_keys, samples
from mdkg.graph.ontology import Article, Reprint
from mdkg.graph.store import StoryMatches
from mdkg.ingest.types import Document

SHINGLE = 5
SAMPLE_EVERY = 4
WINDOW = 512
# Copies of one story share at least this share of the smaller one's samples...
NEAR_DUPLICATE = 0.4
# ...and at least this many (about 48 characters of common text): a shared boilerplate
# sentence must not make a short snippet a copy of another story.
MIN_SHARED = 12
_NOT_TEXT = re.compile(r"[^\u3400-\u9fff\uf900-\ufaff0-9a-z]+")
# Short lines that name an outlet, author or editor rather than tell the story.
_BYLINE = re.compile(
    r"^[\[【(（]?\s*(?:来源|稿源|本文来源|文章来源|原标题|原文标题|作者|记者|通讯员|编辑|责任编辑|责编"
    r"|校对|审核|审校|监制|图片来源|图|摄影|source|editor|reporter)\s*[:：]"
    r"|^[\[【(（]\s*(?:记者|完|编辑|责任编辑)[^\]】)）]{0,30}[\]】)）]$",
    re.IGNORECASE,
)
_BYLINE_MAX = 60

_T = TypeVar("_T")
Known = Callable[[list[str]], Mapping[str, str]]
"""Looks up stored articles sharing any of the keys: `{article_id: fingerprint}`."""
Dated = Callable[[str], str | None]
"""The publication date of a known story."""
Prefetch = Callable[[list[str]], None]
"""Told every key of a batch before `Known` is asked for any of them."""


def fingerprint(text: str) -> str:
    """A near-duplicate signature of a normalised body: hex, empty for a body under 5 characters."""
    head = text[: 4 * WINDOW]  # enough to fill the window: a long body costs no more
    lines = (line for line in head.splitlines() if len(line) > _BYLINE_MAX or not _BYLINE.match(line))
    data = _NOT_TEXT.sub("", "".join(lines).lower())[:WINDOW].encode("utf-32-le")
    crc, width = zlib.crc32, 4 * SHINGLE
    hashes = [crc(data[i : i + width]) for i in range(0, len(data) - width + 1, 4)]
    kept = dict.fromkeys(h for h in hashes if h % SAMPLE_EVERY == 0)
    return "".join(f"{h >> 8:06x}" for h in kept)


def similarity(a_fp: str, b_fp: str) -> float:
    """Containment: the share of the smaller sample set found in the other (0 when too few are shared)."""
    return _containment(_sample_set(a_fp), _sample_set(b_fp))


@lru_cache(maxsize=2048)  # a part's candidates are compared with many of its articles; ~14 KB each
def _sample_set(fp: str) -> frozenset[str]:
    return frozenset(samples(fp))


def _containment(a: frozenset[str], b: frozenset[str]) -> float:
    shared = len(a & b)
    return shared / min(len(a), len(b)) if shared >= MIN_SHARED else 0.0


def is_near_duplicate(a_fp: str, b_fp: str) -> bool:
    """True when the two fingerprints are of copies of one story (`similarity` ≥ `NEAR_DUPLICATE`)."""
    return similarity(a_fp, b_fp) >= NEAR_DUPLICATE


def body_of(doc: Document) -> str:
    """A document's text without its title line: reprints often change the title."""
    return doc.text.partition("\n")[2]


# --- the stage ---------------------------------------------------------------------


class Verdict(BaseModel):
    """What one document is: a new story (`reprint_of` None) or a copy of another article.
    A document with the id of another in its batch is that article again: new, one story."""

    article_id: str
    reprint_of: str | None = None
    similarity: float = 0.0

    @property
    def is_new(self) -> bool:
        return self.reprint_of is None


class DedupeResult(BaseModel):
    """One batch deduplicated: `stories` to extract, with their fingerprints and the reprints
    found in the batch; `reprints_of_known` to add to articles seen before (stored, or in an
    earlier batch) that are not in this batch; a verdict for each document, in order."""

    stories: list[Document] = Field(default_factory=list)
    verdicts: list[Verdict] = Field(default_factory=list)
    reprints_of_known: dict[str, list[Reprint]] = Field(default_factory=dict)
    replaced: dict[str, str] = Field(
        default_factory=dict, description="known stories a copy in this batch outranks: old id → new id"
    )


@dataclass(eq=False)
class _Group:
    """Copies of one story in a batch (document indexes); `anchor` is its article if seen before."""

    anchor: str | None = None
    anchor_fp: str = ""
    members: list[int] = field(default_factory=list)


@dataclass(eq=False)
class _Batch:
    documents: Sequence[Document]
    fps: list[str]
    samples: list[frozenset[str]]  # of each fingerprint, made once: a document meets many candidates
    groups: list[_Group] = field(default_factory=list)
    group_of: list[_Group] = field(default_factory=list)  # by document index
    index: dict[str, list[int]] = field(default_factory=dict)  # key → document indexes

    def join(self, group: _Group | None, keys: list[str]) -> None:
        if group is None:
            group = _Group()
            self.groups.append(group)
        for key in keys:
            self.index.setdefault(key, []).append(len(self.group_of))
        group.members.append(len(self.group_of))
        self.group_of.append(group)

    def anchor(self, article_id: str, fp: str) -> _Group:
        group = next((g for g in self.groups if g.anchor == article_id), None)
        if group is None:
            group = _Group(article_id, fp)
            self.groups.append(group)
        return group


class Deduplicator:
    """Decides, batch by batch, which documents are new stories and which are reprints.

    The canonical copy of a story is the earliest-published one, the smallest article id
    among copies of one date or none (undated copies come last): the same copy whatever
    order the copies arrive in. A known story (stored, or from an earlier batch) that a new
    copy outranks is `replaced` by it when the known stories' dates are given (`dated`);
    without them a known story stays canonical.
    """

    def __init__(
        self, known: Known | None = None, dated: Dated | None = None, prefetch: Prefetch | None = None
    ) -> None:
        """`known` looks up the store, which must hold each batch's stories before the next
        batch is run; without it, the stories of this run's earlier batches are known. `prefetch`
        is given all keys of a batch first."""
        self._known = known
        self._dated = dated
        self._prefetch = prefetch
        self._seen: dict[str, str] = {}  # canonical article id → fingerprint, without a store
        self._index: dict[str, set[str]] = {}  # key → canonical article ids, without a store

    def run(self, documents: Sequence[Document]) -> DedupeResult:
        fps = [fingerprint(body_of(doc)) for doc in documents]
        batch = _Batch(documents, fps, [_sample_set(fp) for fp in fps])
        keys = [index_keys(fp) for fp in fps]
        if self._prefetch is not None:
            self._prefetch(sorted({k for doc_keys in keys for k in doc_keys}))
        for i, doc_keys in enumerate(keys):
            batch.join(self._match(batch, i, doc_keys) if doc_keys else None, doc_keys)
        return self._settle(batch)

    def _match(self, batch: _Batch, i: int, keys: list[str]) -> _Group | None:
        """The group document `i` joins; None for a new story."""
        own, own_id = batch.samples[i], batch.documents[i].article.id
        known = self._candidates(keys)
        if own_id in known:  # seen before as a story: it stays one
            return batch.anchor(own_id, known[own_id])
        best = _best((_containment(own, _sample_set(other)), a) for a, other in sorted(known.items()))
        if best is not None:  # a story seen before stays canonical
            return batch.anchor(best, known[best])
        near = sorted({j for key in keys for j in batch.index.get(key, [])})
        j = _best((_containment(own, batch.samples[j]), j) for j in near)
        return None if j is None else batch.group_of[j]

    def _candidates(self, keys: list[str]) -> dict[str, str]:
        if self._known is not None:
            return {a: fp for a, fp in self._known(keys).items() if fp}
        return {a: self._seen[a] for key in keys for a in self._index.get(key, ())}

    def _settle(self, batch: _Batch) -> DedupeResult:
        docs, fps = batch.documents, batch.fps
        result = DedupeResult(verdicts=[Verdict(article_id=doc.article.id) for doc in docs])
        stories: dict[int, Document] = {}
        for group in batch.groups:
            first = docs[_earliest(docs, group.members)].article
            canonical = group.anchor or first.id
            if group.anchor and self._dated is not None and group.anchor != first.id:
                if _rank(first.published_at, first.id) < _rank(self._dated(group.anchor), group.anchor):
                    result.replaced[group.anchor] = canonical = first.id
            story = next((i for i in group.members if docs[i].article.id == canonical), None)
            canonical_fp = fps[story] if story is not None else group.anchor_fp
            copies = [i for i in group.members if docs[i].article.id != canonical]
            for i in copies:
                result.verdicts[i].reprint_of = canonical
                result.verdicts[i].similarity = similarity(fps[i], canonical_fp)
            reprints = _unique([as_reprint(docs[i].article) for i in copies])
            if story is None:
                result.reprints_of_known[canonical] = reprints
            else:
                stories[story] = _with_reprints(docs[story], fps[story], reprints)
                self._remember(canonical, fps[story])
        result.stories = [stories[i] for i in sorted(stories)]
        return result

    def _remember(self, article_id: str, fp: str) -> None:
        if fp and self._known is None and article_id not in self._seen:
            self._seen[article_id] = fp
            for key in index_keys(fp):
                self._index.setdefault(key, set()).add(article_id)


def _best(scored: Iterable[tuple[float, _T]]) -> _T | None:
    """The first candidate of the highest score, if that reaches `NEAR_DUPLICATE`."""
    score, best = max(scored, key=lambda pair: pair[0], default=(0.0, None))
    return best if score >= NEAR_DUPLICATE else None


def _earliest(documents: Sequence[Document], members: list[int]) -> int:
    """The earliest-published member; undated ones count as late, ties go to the smallest id."""
    return min(members, key=lambda i: _rank(documents[i].article.published_at, documents[i].article.id))


def _rank(published_at: str | None, article_id: str) -> tuple[str, str]:
    return (published_at or "\uffff", article_id)


def as_reprint(article: Article) -> Reprint:
    """An article as another story's reprint: its title, outlet, date and URL."""
    return Reprint.model_validate(article.model_dump(include={"title", "source", "published_at", "url"}))


def _unique(reprints: list[Reprint]) -> list[Reprint]:
    return list({r.key: r for r in reprints}.values())


def _with_reprints(doc: Document, fp: str, reprints: list[Reprint]) -> Document:
    """The story's document with its fingerprint and reprints (never itself) on its article."""
    own = as_reprint(doc.article).key
    merged = _unique([r for r in [*doc.article.reprints, *reprints] if r.key != own])
    article = doc.article.model_copy(update={"fingerprint": fp or None, "reprints": merged})
    return doc.model_copy(update={"article": article})


class StoredCandidates:
    """Candidate copies from the store, for `Deduplicator(known=c.lookup, dated=c.published,
    prefetch=c.prefetch)`: the keys of a whole batch are looked up at once (one store round trip),
    and nothing is kept between batches, so memory does not grow with the stories stored."""

    def __init__(self, find: Callable[[list[str]], StoryMatches]) -> None:
        self._find = find
        self._found = StoryMatches()

    def prefetch(self, keys: list[str]) -> None:
        self._found = self._find(keys)

    def lookup(self, keys: list[str]) -> dict[str, str]:
        stories = self._found.stories
        return {a: stories[a].fingerprint for key in keys for a in self._found.holders.get(key, ())}

    def published(self, article_id: str) -> str | None:
        story = self._found.stories.get(article_id)
        return story.published_at if story else None
