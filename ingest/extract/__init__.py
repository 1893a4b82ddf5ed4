"""Extract: find entities and the relationships sentences state in one normalised document.

A rule extractor with no model: names are found by their structure (a type word such
as 有限公司 or 协会 ends a name, 《》 marks a title), by gazetteers (regions, known
firms and brands) and by a few name shapes; relationships come from trigger words
between or around two mentions of one sentence, never from mere co-occurrence, and
from region hierarchy and names (a firm named after a place sits in it).

All domain knowledge is data in `ingest/data/` (see the headers of its TSV files);
it is loaded once per process.
"""

from __future__ import annotations

import re

from mdkg.ingest.extract.coref import short_form_mentions
from mdkg.ingest.extract.dates import date_relations
from mdkg.ingest.extract.entities import acting_outlets, build_entities, trade_names
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.mentions import find_mentions
from mdkg.ingest.extract.names import (
    area_members,
    focus_places,
    founded_in_place,
    from_names,
    money_properties,
    most_specific_places,
    region_hierarchy,
)
from mdkg.ingest.extract.offices import place_offices, qualify_offices
from mdkg.ingest.extract.patterns import office_issuers, read_sentence
from mdkg.ingest.extract.reader import EXTRACTOR_NAME, Reader
from mdkg.ingest.extract.segments import firm_segments
from mdkg.ingest.extract.text import CJK, amount_cny, sentence_spans
from mdkg.ingest.extract.topic_place import topic_places
from mdkg.ingest.types import Document, Extraction

__all__ = ["RuleExtractor", "amount_cny", "extract", "sentence_spans", "trade_names"]


class RuleExtractor:
    """Names by structure and gazetteers, relationships by trigger words in one sentence."""

    name = EXTRACTOR_NAME

    def run(self, doc: Document) -> Extraction:
        english = doc.article.language.startswith("en") or not re.search(f"[{CJK}]", doc.text[:400])
        mentions = find_mentions(doc.text)
        if doc.original_text is not None:
            _original_forms(doc.original_text, mentions)
        entities = build_entities(mentions, english)
        mentions = short_form_mentions(doc.text, mentions, entities)
        reader = Reader(doc, mentions, entities, english)
        money_properties(reader.sentences, entities)
        for sent in reader.sentences:
            if sent.mentions:
                read_sentence(reader, sent)
        office_issuers(reader)
        from_names(reader)
        place_offices(reader)
        founded_in_place(reader)
        region_hierarchy(reader)
        area_members(reader)
        focus_places(reader)
        topic_places(reader)
        most_specific_places(reader)
        firm_segments(reader)
        entities, relations = qualify_offices(entities, list(reader.found.values()))
        relations = date_relations(relations, doc.article.published_at)
        return Extraction(document=doc, entities=acting_outlets(entities, relations), relations=relations)


def _original_forms(original: str, mentions: list[Mention]) -> None:
    """A name as the article wrote it in traditional characters is one more form of it."""
    for m in mentions:
        form = original[m.start : m.end].strip('《》“”"「」')
        if form and form != m.surface and form not in m.aliases:
            m.aliases.append(form)


def extract(doc: Document) -> Extraction:
    """The entities and relationships one document states."""
    return RuleExtractor().run(doc)
