"""How a search query is matched and ranked, shared by both stores so they answer alike.

A store only finds candidates (forms containing the query key, and entities holding
every full-text token of the query); the tiers and the order come from here. Candidates come from
indexes, not scans: a key of three or more characters through a trigram index over the joined forms
(`form_text`), a key of two Chinese characters through the full-text bigram index; only shorter keys
read every form.

1. exact: the query is a name, alias, full pinyin or pinyin initials of the entity;
2. prefix: it begins one of them;
3. contains: it lies inside a name, alias or full pinyin (not initials: too short to mean much);
4. tokens: every full-text token of the query is in the entity's names, aliases or pinyin words.

Within a tier the more connected entity comes first, then the shorter name, then the id.

Two Chinese characters (影视, 四川) may be held by tens of thousands of entities. When `MANY` or
more hold them, a store does not judge each: it reads the exact ones, the best of those starting
with the key and the best of those containing it, in the order above (each entity keeps its
degree for this); that is enough whenever `limit` of them contain the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from mdkg.graph.names import NameForms, tokens
from mdkg.graph.ontology import name_key


class Tier(IntEnum):
    EXACT = 0
    PREFIX = 1
    CONTAINS = 2
    TOKENS = 3


@dataclass(frozen=True)
class SearchQuery:
    """A user's query as the stores need it: the folded key and the full-text tokens."""

    text: str
    key: str
    tokens: tuple[str, ...]

    @property
    def lucene(self) -> str:
        """Every token required, each quoted and escaped, for `db.index.fulltext.queryNodes`."""
        return " ".join(f'+"{escape_lucene(t)}"' for t in self.tokens)

    @property
    def fts5(self) -> str:
        """The same for SQLite FTS5: every token as a quoted string, joined by AND."""
        return " AND ".join('"' + t.replace('"', '""') + '"' for t in self.tokens)


def parse(text: str) -> SearchQuery | None:
    """The query, or None when it holds nothing to search for."""
    key = name_key(text)
    if not key:
        return None
    return SearchQuery(text=text, key=key, tokens=tuple(dict.fromkeys(tokens(text))))


_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def escape_lucene(text: str) -> str:
    """Backslash every character Lucene's query parser treats as syntax."""
    return _LUCENE_SPECIAL.sub(r"\\\1", text)


FORM_SEPARATOR = "|"
TRIGRAM = 3  # the shortest key a trigram index finds by itself
MANY = 2_000  # entities holding a key from which a store reads them best first instead of judging each
_CJK_PAIR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2}")


def form_text(forms: NameForms) -> str:
    """An entity's name keys, full pinyin and initials in one string, for a trigram index: a key
    inside it is a candidate, which `key_tier` then judges on the separate forms."""
    return FORM_SEPARATOR.join([*forms.keys, *forms.pinyin, *forms.initials])


def by_bigram(key: str) -> bool:
    """Whether the candidates of a key are the entities holding it as a full-text token: two
    Chinese characters, which the CJK bigram index keeps as one token."""
    return _CJK_PAIR.fullmatch(key) is not None


def key_tier(key: str, forms: NameForms) -> Tier | None:
    """The best tier at which `key` matches these forms, or None."""
    best: Tier | None = None
    for kind, values in (("name", forms.keys), ("pinyin", forms.pinyin), ("initials", forms.initials)):
        for form in values:
            tier = _tier(key, kind, form)
            if tier is not None and (best is None or tier < best):
                best = tier
    return best


def _tier(key: str, kind: str, form: str) -> Tier | None:
    if form == key:
        return Tier.EXACT
    if form.startswith(key):
        return Tier.PREFIX
    if kind != "initials" and key in form:
        return Tier.CONTAINS
    return None


@dataclass(frozen=True)
class Hit:
    """One candidate entity: its tier and what breaks ties."""

    entity_id: str
    tier: Tier
    degree: int
    name: str


def ranked(hits: Iterable[Hit], limit: int) -> list[str]:
    """Entity ids, best first, each once (at its best tier), at most `limit`."""
    best: dict[str, Hit] = {}
    for hit in hits:
        if hit.entity_id not in best or hit.tier < best[hit.entity_id].tier:
            best[hit.entity_id] = hit
    order = sorted(best.values(), key=lambda h: (h.tier, -h.degree, len(h.name), h.name, h.entity_id))
    return [h.entity_id for h in order[:limit]]
