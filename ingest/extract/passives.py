"""English agent phrases: "the base is run by X together with Y and Z", "was issued by X",
"hosted by X and organised by Y". The agents act on the subject of the passive; two or more
agents of one phrase are partners. Also "X, the Qiantang-based studio" and "Beijing-based X":
X sits in the place."""

from __future__ import annotations

import re

from mdkg.graph.ontology import RELATIONS, Label, RelType
from mdkg.ingest.extract.mention import Mention
from mdkg.ingest.extract.reader import Reader, Sentence

_VERBS = {
    "issued": RelType.ISSUED,
    "released": RelType.ISSUED,
    "published": RelType.ISSUED,
    "unveiled": RelType.ISSUED,
    "hosted": RelType.HOSTED,
    "organised": RelType.HOSTED,
    "organized": RelType.HOSTED,
    "sponsored": RelType.HOSTED,
    "co-hosted": RelType.HOSTED,
    "run": RelType.OPERATES,
    "operated": RelType.OPERATES,
    "managed": RelType.OPERATES,
    "built": RelType.OPERATES,
    "developed": RelType.OPERATES,
    "financed": RelType.OPERATES,
    "funded": RelType.OPERATES,
    "founded": RelType.ESTABLISHED,
    "established": RelType.ESTABLISHED,
    "set up": RelType.ESTABLISHED,
    "launched": RelType.ESTABLISHED,
    "initiated": RelType.ESTABLISHED,
    "produced": RelType.PRODUCED,
    "made": RelType.PRODUCED,
}
_VERB = "|".join(sorted(map(re.escape, _VERBS), key=len, reverse=True))
# "was financed and is run by", "is jointly hosted by"
_PASSIVE = re.compile(
    rf"\b(?:(?:is|are|was|were|been|be)\s+)?(?:jointly\s+|co-)?((?:{_VERB})(?:\s+and\s+(?:(?:is|are|was|were)\s+)?(?:{_VERB}))*)"
    r"(?:\s+(?:in|on|at)\s+[^,.;]{1,30}?)?(?:\s+(?:last|this|next)\s+\w+)?\s+by\s+"
    r"(?:(?:more than |over |about |nearly )?\d+\s+[a-z-]+(?:\s+[a-z-]+)?,?\s+(?:including|such as)\s+)?",
    re.IGNORECASE,
)
_JOINT = re.compile(
    r"^\s*(?:,|,?\s+and|,?\s+together\s+with|,?\s+along\s+with|,?\s+in\s+(?:collaboration|partnership|cooperation)\s+with|,?\s+with)\s+(?:the\s+)?$"
)
_ACTORS = frozenset(
    {Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION, Label.ASSOCIATION, Label.REGION, Label.BASE}
)


def passive_agents(r: Reader, sent: Sentence) -> None:
    if "by" not in sent.text:
        return
    subject_end = -1
    for p in _PASSIVE.finditer(sent.text):
        verbs = re.split(r"\s+and\s+(?:(?:is|are|was|were)\s+)?", p.group(1).lower())
        types = [_VERBS[v] for v in verbs if v in _VERBS]
        agents = _agents(r, sent, sent.start + p.end())
        if subject_end < 0:  # hosted by X and organised by Y: one subject for both
            subject_end = sent.start + p.start()
        patient = _patient(r, sent, subject_end, _targets(types))
        if not agents or patient is None:
            continue
        for agent in agents:
            for rel in types:
                if rel is RelType.ESTABLISHED and r.label(patient) is Label.EVENT:
                    rel = RelType.HOSTED
                r.add(rel, agent, patient, sent, 0.7)
        for i, a in enumerate(agents):
            for b in agents[i + 1 :]:
                r.add(RelType.PARTNERS_WITH, a, b, sent, 0.55)


def _agents(r: Reader, sent: Sentence, at: int) -> list[Mention]:
    found: list[Mention] = []
    pos = at
    for m in sent.mentions:
        if m.start < at:
            continue
        gap = r.text[pos : m.start]
        if found and not _JOINT.match(gap) or not found and len(gap.strip()) > 12:
            break
        if not r.fits(m, _ACTORS):
            break
        found.append(m)
        pos = m.end
    return found


def _targets(types: list[RelType]) -> frozenset[Label]:
    return frozenset().union(*(RELATIONS[t].targets for t in types))


def _patient(r: Reader, sent: Sentence, verb: int, labels: frozenset[Label]) -> Mention | None:
    """The subject of the passive: the last name before it of a kind the verb acts on (the
    summit, not the place it was held in), not inside a by-phrase of its own."""
    before = [m for m in sent.mentions if m.end <= verb and verb - m.end <= 120 and r.fits(m, labels)]
    if before:
        return before[-1]
    if re.match(r"(?:It|This|They)\s", sent.text):  # It was financed and is run by …
        i = r.sentences.index(sent)
        earlier = r.sentences[i - 1].mentions if i else []
        return earlier[0] if earlier else None
    return None


# Jiuzhou Culture, the Qiantang-based studio / Beijing-based Dianzhong Technology
_BASED = re.compile(r"-(?:based|headquartered)\b", re.IGNORECASE)
_APPOSED = re.compile(r",\s+(?:the|a|an)\s+$", re.IGNORECASE)


def based(r: Reader, sent: Sentence) -> None:
    """A firm described as based in a place (X, the P-based studio; P-based X) sits in it."""
    if "-based" not in sent.text and "-headquartered" not in sent.text:
        return
    ms = sent.mentions
    for i, place in enumerate(ms):
        if r.label(place) is not Label.REGION or not _BASED.match(r.text, place.end):
            continue
        after = _BASED.match(r.text, place.end)
        assert after is not None
        nxt = ms[i + 1] if i + 1 < len(ms) else None
        if nxt is not None and nxt.start == after.end() + 1:
            r.add(RelType.LOCATED_IN, nxt, place, sent, 0.6)  # Beijing-based Dianzhong Technology
        elif i and _APPOSED.search(r.text, ms[i - 1].end, place.start):
            r.add(RelType.LOCATED_IN, ms[i - 1], place, sent, 0.6)  # X, the Qiantang-based studio


# The park opened on Monday in Linping district / the forum was held in Hangzhou
_OPENED_IN = re.compile(
    r"\b(?:(?:was|were|has been|have been|is|are)\s+)?(?:officially\s+)?"
    r"(?:opened|opens|launched|unveiled|inaugurated|set up|established|founded|held|kicked off)"
    r"(?:\s+(?:on|last|this|in)\s+\w+(?:\s+\d{1,2})?,?)?\s+in\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_OPENED = frozenset({Label.BASE, Label.EVENT, Label.INSTITUTION, Label.ASSOCIATION})
# The park has attracted more than 50 companies, including X and Y
_HOUSES = re.compile(
    r"\b(?:attracted|attracts|houses|hosts|is home to|brought in|gathered)\b[^.;]{0,40}?"
    r"(?:companies|firms|enterprises|studios)\b,?\s+(?:including|such as|like)\s+$",
    re.IGNORECASE,
)
_SETTLED = frozenset({Label.FIRM, Label.INSTITUTION})


# Lanting Pictures, a startup in Linping district / Yuanshan Media, a company from Chengdu
_APPOSED_IN = re.compile(r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){1,4}?(?:in|from)\s+(?:the\s+)?$", re.IGNORECASE)
_APPOSABLE = frozenset({Label.FIRM, Label.INSTITUTION, Label.ASSOCIATION, Label.BASE})


def opened_in(r: Reader, sent: Sentence) -> None:
    """A base or event that opened, was launched or held in a place sits there; so does an
    organisation described by an apposition as one in or from a place; the companies a base has
    attracted, listed after "including", sit in the base."""
    for i, place in enumerate(sent.mentions):
        if r.label(place) not in (Label.REGION, Label.BASE):
            continue
        before = sent.mentions[i - 1] if i else None
        if (
            before is not None
            and r.label(place) is Label.REGION
            and r.fits(before, _APPOSABLE)
            and _APPOSED_IN.fullmatch(r.text, before.end, place.start)
        ):
            r.add(RelType.LOCATED_IN, before, place, sent, 0.6)
        verb = _OPENED_IN.search(r.text, max(sent.start, place.start - 60), place.start)
        if verb is not None and (thing := r.before(sent, verb.start(), _OPENED, 80)) is not None:
            r.add(RelType.LOCATED_IN, thing, place, sent, 0.6)
    for first in sent.mentions:
        houses = _HOUSES.search(r.text, max(sent.start, first.start - 100), first.start)
        if houses is None or not r.fits(first, _SETTLED):
            continue
        host = r.before(sent, houses.start(), frozenset({Label.BASE}), 80) or _it_base(
            r, sent, houses.start()
        )
        if host is not None:
            for firm in r.coordinated(sent, first):
                r.add(RelType.LOCATED_IN, firm, host, sent, 0.6)


def _it_base(r: Reader, sent: Sentence, at: int) -> Mention | None:
    """The park has attracted …: "the park" or "it" stands for the last base named before."""
    if not re.search(
        r"(?:The (?:park|base|hub|zone|centre|center)|It)\s+(?:has\s+|also\s+)*$", r.text[sent.start : at]
    ):
        return None
    earlier = [m for m in r.mentions if m.end <= sent.start and r.label(m) is Label.BASE]
    return earlier[-1] if earlier else None
