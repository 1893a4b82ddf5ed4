"""The keys a story's near-duplicate fingerprint (`mdkg.ingest.dedupe.fingerprint`) is indexed by.

Both stores keep them with each stored story (`GraphStore.stories_by_keys`), so deduplication asks
the store for the candidate copies of an article instead of holding every fingerprint in memory.
A fingerprint is a run of samples, `HEX` hex digits each (hashes of the text's shingles).
"""

from __future__ import annotations

HEX = 6
LEADING_KEYS = 16  # index keys: the first pairs of consecutive samples...
SMALLEST_KEYS = 8  # ...and the smallest pairs
COMMON_KEY = 64
"""A key more stored stories share than this names no candidates: boilerplate (an outlet's opening,
a template) that would make every new article a comparison with thousands; a copy of a story shares
its rarer keys as well."""


def samples(fp: str) -> list[str]:
    return [fp[i : i + HEX] for i in range(0, len(fp), HEX)]


def index_keys(fp: str | None) -> list[str]:
    """Keys to look up candidate copies by: pairs of consecutive samples, 12 hex digits. The
    first pairs catch cut-off copies, the smallest ones copies whose openings differ."""
    found = samples(fp or "")
    pairs = [a + b for a, b in zip(found, found[1:], strict=False)]
    return list(dict.fromkeys(pairs[:LEADING_KEYS] + sorted(pairs)[:SMALLEST_KEYS]))
