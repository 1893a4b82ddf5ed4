"""Coreference by short name: after names are grouped into entities, each later occurrence of an
entity's shorter form (点众 for 北京点众科技股份有限公司, 麦芽传媒 for 重庆麦芽传媒有限公司) is
one more mention of it, so the sentences that use only the short form state its relationships.

A short form counts only when it is specific: written in Chinese, two to eight characters, no
everyday word (星河, 长城) and no place, and the short form of one entity only.
"""

from __future__ import annotations

import re

from mdkg.graph.ontology import Label
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.places import names_a_region
from mdkg.ingest.extract.resources import resources
from mdkg.ingest.extract.text import CJK
from mdkg.ingest.extract.wording import PROPER_TAGS
from mdkg.ingest.types import ExtractedEntity

_CHINESE = re.compile(f"[{CJK}]+")
_SHORTENED = frozenset({Label.FIRM, Label.BASE, Label.INSTITUTION, Label.ASSOCIATION})


def short_form_mentions(text: str, mentions: list[Mention], entities: list[ExtractedEntity]) -> list[Mention]:
    """`mentions` with one more mention for every free occurrence of a specific short form."""
    owners: dict[str, set[int]] = {}
    for index, e in enumerate(entities):
        if e.label in _SHORTENED:
            for form in e.aliases:
                if _specific(form, e.name):
                    owners.setdefault(form, set()).add(index)
    if not owners:
        return mentions
    taken = bytearray(len(text) + 1)
    for m in mentions:
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    added = []
    for form in sorted(owners, key=len, reverse=True):
        if len(owners[form]) != 1:
            continue  # the short form of two entities names neither
        index = next(iter(owners[form]))
        at = text.find(form)
        while at != -1:
            end = at + len(form)
            if not any(taken[at:end]):
                taken[at:end] = b"\x01" * len(form)
                added.append(Mention(at, end, entities[index].label, form, entity=index))
            at = text.find(form, end)
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


def _specific(form: str, name: str) -> bool:
    if form == name or not 2 <= len(form) <= 8 or not _CHINESE.fullmatch(form):
        return False
    tag = resources().words.get(form)
    return (tag is None or tag in PROPER_TAGS) and not names_a_region(form)
