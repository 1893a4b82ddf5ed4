"""How sure we are of a relationship, from how many independent outlets state it.

One sentence in one article may be a misreading, by the writer or by our extractor; the same fact
reported by several outlets that each did their own reporting is much less likely to be wrong. So a
relationship's support is the set of outlets whose articles state it, and its confidence combines
them as independent witnesses (a noisy-OR): `1 - Π(1 - c_o)`, where `c_o` is the highest confidence
of a sentence from outlet `o`. Two outlets at 0.8 give 0.96; one outlet stays at its 0.8.

What counts as one witness:
- an outlet is an article's `source` (without spaces, case-folded), else the host of its URL (without
  `www.`), else the article itself (an outlet we cannot name counts once per article);
- several stories of one outlet count once: an outlet repeating itself is not a second opinion;
- reprints (`Article.reprints`, other outlets' copies merged into a story) never add an outlet: a copy
  is the same reporting, and syndication would otherwise turn one press release into ten witnesses.

A relationship with no evidence keeps its own confidence and has no outlets.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from mdkg.graph.ontology import Article, Relationship

UNKNOWN_OUTLET = "article:"  # the prefix of an outlet we cannot name, followed by the article's id


class Support(BaseModel):
    """The independent outlets that state a relationship, and the confidence they give it together."""

    model_config = ConfigDict(frozen=True)

    outlets: list[str] = Field(default_factory=list, description="normalised outlet names, sorted")
    confidence: float = Field(0.0, ge=0.0, le=1.0, description="noisy-OR over the outlets, 3 decimals")


def outlet_of(article: Article) -> str:
    """The outlet an article stands for: its source, else its URL's host, else the article itself."""
    name = "".join(unicodedata.normalize("NFKC", article.source).split()).casefold()
    return name or _host(article.url) or f"{UNKNOWN_OUTLET}{article.id}"


def support(rel: Relationship, articles: Mapping[str, Article]) -> Support:
    """The outlets among `articles` whose evidence states `rel`, and their combined confidence.

    Evidence citing an article missing from `articles` counts as that article's own outlet.
    """
    if not rel.evidence:
        return Support(confidence=rel.confidence)
    best: dict[str, float] = {}
    for e in rel.evidence:
        article = articles.get(e.article_id)
        outlet = outlet_of(article) if article else f"{UNKNOWN_OUTLET}{e.article_id}"
        best[outlet] = max(best.get(outlet, 0.0), e.confidence)
    doubt = math.prod(1.0 - c for c in best.values())
    return Support(outlets=sorted(best), confidence=round(1.0 - doubt, 3))


def _host(url: str | None) -> str:
    if not url:
        return ""
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # a malformed URL (an unclosed IPv6 bracket) names no host
        return ""
    return host.removeprefix("www.")
