"""The ontology of ONTOLOGY.md, written once.

Node labels, relationship types, their properties, evidence and articles are
declared here as pydantic models. Neo4j constraints (`mdkg.graph.schema`), the API's
response models and the schema table in docs/SCHEMA.md all come from this module.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from enum import StrEnum
from typing import get_origin

from pydantic import BaseModel, ConfigDict, Field, model_validator

Scalar = str | int | float | bool
PropertyValue = Scalar | list[str] | list[int] | list[float] | None


class Label(StrEnum):
    """Node labels. Every entity also carries the label `Entity`."""

    REGION = "Region"
    FIRM = "Firm"
    ASSOCIATION = "Association"
    GOVERNMENT = "Government"
    INSTITUTION = "Institution"
    BASE = "Base"
    POLICY = "Policy"
    FUND = "Fund"
    EVENT = "Event"
    WORK = "Work"
    REPORT = "Report"


class RegionLevel(StrEnum):
    """Extra label a Region carries by its administrative level."""

    PROVINCE = "Province"
    CITY = "City"
    DISTRICT = "District"
    TOWN = "Town"
    COUNTRY = "Country"


class RelType(StrEnum):
    LOCATED_IN = "LOCATED_IN"
    PART_OF = "PART_OF"
    MEMBER_OF = "MEMBER_OF"
    ESTABLISHED = "ESTABLISHED"
    OPERATES = "OPERATES"
    ISSUED = "ISSUED"
    SUPPORTS = "SUPPORTS"
    PARTNERS_WITH = "PARTNERS_WITH"
    SUBSIDIARY_OF = "SUBSIDIARY_OF"
    PRODUCED = "PRODUCED"
    HOSTED = "HOSTED"


class Segment(StrEnum):
    """Industry-chain segments (`Firm.segments`)."""

    IP_SCRIPT = "ip_script"
    PRODUCTION = "production"
    POST_PRODUCTION = "post_production"
    PLATFORM = "platform"
    MARKETING = "marketing"
    OVERSEAS = "overseas"
    TECHNOLOGY = "technology"
    DATA_SERVICES = "data_services"
    TALENT = "talent"
    COPYRIGHT = "copyright"
    BASES_SERVICES = "bases_services"


class MemberRole(StrEnum):
    HONORARY_PRESIDENT = "名誉会长单位"
    PRESIDENT = "会长单位"
    EXECUTIVE_VICE_PRESIDENT = "常务副会长单位"
    VICE_PRESIDENT = "副会长单位"
    SECRETARY_GENERAL = "秘书长单位"
    EXECUTIVE_DIRECTOR = "常务理事单位"
    DIRECTOR = "理事单位"
    MEMBER = "会员单位"


# --- label-specific properties -------------------------------------------------


class _Props(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RegionProps(_Props):
    level: RegionLevel | None = None
    adcode: str | None = None


class FirmProps(_Props):
    legal_name: str | None = None
    segments: list[Segment] = Field(default_factory=list)


class AssociationProps(_Props):
    founded: str | None = None


class GovernmentProps(_Props):
    level: str | None = None


class InstitutionProps(_Props):
    pass


class BaseProps(_Props):
    area_sqm: float | None = None
    studios: int | None = None
    opened: str | None = None


class PolicyProps(_Props):
    issued: str | None = None
    measures: int | None = None
    max_support_cny: float | None = None


class FundProps(_Props):
    amount_cny: float | None = None
    period: str | None = None


class EventProps(_Props):
    date: str | None = None


class WorkProps(_Props):
    kind: str | None = None


class ReportProps(_Props):
    published: str | None = None


NODE_PROPERTIES: dict[Label, type[_Props]] = {
    Label.REGION: RegionProps,
    Label.FIRM: FirmProps,
    Label.ASSOCIATION: AssociationProps,
    Label.GOVERNMENT: GovernmentProps,
    Label.INSTITUTION: InstitutionProps,
    Label.BASE: BaseProps,
    Label.POLICY: PolicyProps,
    Label.FUND: FundProps,
    Label.EVENT: EventProps,
    Label.WORK: WorkProps,
    Label.REPORT: ReportProps,
}


def list_properties(label: Label) -> tuple[str, ...]:
    """The properties of `label` that hold lists (a firm's `segments`): what one article says of an
    entity adds to what others said, where a scalar property takes the later value."""
    fields = NODE_PROPERTIES[label].model_fields
    return tuple(name for name, f in fields.items() if get_origin(f.annotation) is list)


# --- relationship-specific properties -------------------------------------------


class NoProps(_Props):
    pass


class MemberOfProps(_Props):
    role: MemberRole | None = None


class DatedProps(_Props):
    date: str | None = None


class SupportsProps(_Props):
    amount_cny: float | None = None


ALL_LABELS = frozenset(Label)
_ORGS = frozenset({Label.FIRM, Label.GOVERNMENT, Label.INSTITUTION})


class RelSpec(BaseModel):
    """What a relationship type connects and which properties it carries."""

    sources: frozenset[Label]
    targets: frozenset[Label]
    props: type[_Props] = NoProps
    symmetric: bool = False
    meaning: str = ""


RELATIONS: dict[RelType, RelSpec] = {
    RelType.LOCATED_IN: RelSpec(
        sources=frozenset(
            {Label.FIRM, Label.BASE, Label.ASSOCIATION, Label.GOVERNMENT, Label.INSTITUTION, Label.EVENT}
        ),
        targets=frozenset({Label.REGION, Label.BASE}),
        meaning="sits or takes place in (a firm settled in a park: 入驻, 落户)",
    ),
    RelType.PART_OF: RelSpec(
        sources=frozenset({Label.REGION, Label.BASE}),
        targets=frozenset({Label.REGION, Label.BASE}),
        meaning="administrative or physical containment",
    ),
    RelType.MEMBER_OF: RelSpec(
        sources=frozenset({Label.FIRM, Label.INSTITUTION, Label.BASE}),
        targets=frozenset({Label.ASSOCIATION}),
        props=MemberOfProps,
        meaning="member, with its rank",
    ),
    RelType.ESTABLISHED: RelSpec(
        sources=ALL_LABELS,
        targets=frozenset(
            {
                Label.ASSOCIATION,
                Label.INSTITUTION,
                Label.FUND,
                Label.BASE,
                Label.EVENT,
                Label.POLICY,
                Label.FIRM,
            }
        ),
        props=DatedProps,
        meaning="founded, set up, launched, initiated (牵头成立)",
    ),
    RelType.OPERATES: RelSpec(
        sources=_ORGS, targets=frozenset({Label.BASE}), meaning="builds, runs, invests in or leads a base"
    ),
    RelType.ISSUED: RelSpec(
        sources=frozenset({Label.GOVERNMENT, Label.REGION, Label.ASSOCIATION, Label.INSTITUTION, Label.FIRM}),
        targets=frozenset({Label.POLICY, Label.REPORT}),
        props=DatedProps,
        meaning="published a policy or report",
    ),
    RelType.SUPPORTS: RelSpec(
        sources=frozenset({Label.POLICY, Label.FUND}),
        targets=frozenset({Label.FIRM, Label.BASE, Label.WORK, Label.REGION, Label.EVENT}),
        props=SupportsProps,
        meaning="gives money, rewards or other support to",
    ),
    RelType.PARTNERS_WITH: RelSpec(
        sources=ALL_LABELS,
        targets=ALL_LABELS,
        symmetric=True,
        meaning="signs with, cooperates with (签约, 合作, 联动, 携手, 共建)",
    ),
    RelType.SUBSIDIARY_OF: RelSpec(
        sources=frozenset({Label.FIRM}), targets=frozenset({Label.FIRM}), meaning="owned or controlled by"
    ),
    RelType.PRODUCED: RelSpec(
        sources=frozenset({Label.FIRM}), targets=frozenset({Label.WORK}), meaning="produced, made or released"
    ),
    RelType.HOSTED: RelSpec(
        sources=frozenset(
            {Label.GOVERNMENT, Label.ASSOCIATION, Label.INSTITUTION, Label.FIRM, Label.BASE, Label.REGION}
        ),
        targets=frozenset({Label.EVENT}),
        meaning="organised or hosted",
    ),
}


# --- identities -------------------------------------------------------------------

_FOLD = re.compile(r"[\s\W_]+", re.UNICODE)


def name_key(text: str) -> str:
    """The form two names are compared in: NFKC, case-folded, no spaces or punctuation."""
    return _FOLD.sub("", unicodedata.normalize("NFKC", text).casefold())


def entity_id(label: Label | str, name: str) -> str:
    """Stable id: a slug of type and canonical name, e.g. `firm:深圳市慧动创想科技有限公司`."""
    return f"{Label(label).value.lower()}:{name_key(name)}"


def relationship_id(rel_type: RelType | str, source: str, target: str) -> str:
    """Stable id of the one relationship of a type between two entities."""
    rel = RelType(rel_type)
    ends = sorted((source, target)) if RELATIONS[rel].symmetric else [source, target]
    digest = hashlib.sha1("\x1f".join([rel.value, *ends]).encode()).hexdigest()[:16]
    return f"{rel.value.lower()}:{digest}"


def article_id(text: str) -> str:
    """An article's id is the hash of its normalised content."""
    return hashlib.sha256(name_key(text).encode()).hexdigest()[:16]


# --- records ----------------------------------------------------------------------


class Evidence(BaseModel):
    """The sentence that states a relationship, where it came from, and how sure we are."""

    model_config = ConfigDict(frozen=True)

    article_id: str
    sentence: str
    start: int = Field(ge=0, description="character offset of the sentence in the article text")
    end: int = Field(ge=0)
    extractor: str
    confidence: float = Field(ge=0.0, le=1.0)

    @property
    def key(self) -> str:
        return f"{self.article_id}:{self.start}:{self.end}"


class Reprint(BaseModel):
    """Another outlet's copy of the same story (a syndicated reprint), kept on the story's article."""

    model_config = ConfigDict(frozen=True)

    title: str
    source: str = ""
    published_at: str | None = None
    url: str | None = None

    @property
    def key(self) -> str:
        return "\x1f".join([self.source, self.url or "", self.title])


class Article(BaseModel):
    """A source document (one story). Not an Entity. Near-duplicate reprints are merged into it."""

    id: str
    title: str
    source: str = ""
    published_at: str | None = Field(None, description="ISO date or date-time")
    url: str | None = None
    language: str = "zh"
    fingerprint: str | None = Field(None, description="near-duplicate fingerprint of the text (hex)")
    reprints: list[Reprint] = Field(default_factory=list)

    @property
    def date(self) -> str | None:
        return self.published_at[:10] if self.published_at else None

    @property
    def reprint_outlets(self) -> list[str]:
        """The outlets that reprinted the story, each once, in the order first seen."""
        return list(dict.fromkeys(r.source for r in self.reprints if r.source))


class Entity(BaseModel):
    """A node of any label; `properties` are checked against the label's model."""

    id: str
    label: Label
    name: str
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    first_seen: str | None = None
    last_seen: str | None = None
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_properties(self) -> Entity:
        model = NODE_PROPERTIES[self.label]
        checked = model.model_validate(self.properties).model_dump(mode="json", exclude_none=True)
        self.properties = {k: v for k, v in checked.items() if v != []}
        return self

    @property
    def extra_labels(self) -> list[str]:
        level = self.properties.get("level")
        if (
            self.label is Label.REGION
            and isinstance(level, str)
            and level in RegionLevel.__members__.values()
        ):
            return [level]
        return []


class Relationship(BaseModel):
    """A typed edge between two entities, with the evidence that states it."""

    id: str = ""
    type: RelType
    source: str
    target: str
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = Field(0.0, ge=0.0, le=1.0)
    first_seen: str | None = None
    last_seen: str | None = None
    sources: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _fill(self) -> Relationship:
        spec = RELATIONS[self.type]
        if spec.symmetric and self.target < self.source:
            # one direction for symmetric edges, so a reversed statement merges into the same edge
            self.source, self.target = self.target, self.source
        checked = spec.props.model_validate(self.properties).model_dump(mode="json", exclude_none=True)
        self.properties = checked
        if not self.id:
            self.id = relationship_id(self.type, self.source, self.target)
        if self.evidence and not self.confidence:
            self.confidence = max(e.confidence for e in self.evidence)
        if not self.sources:
            self.sources = sorted({e.article_id for e in self.evidence})
        return self


class Mention(BaseModel):
    """`(:Article)-[:MENTIONS {count}]->(:Entity)`."""

    article_id: str
    entity_id: str
    count: int = Field(1, ge=1)


class GraphBatch(BaseModel):
    """Everything one file adds to the graph; stores write a batch atomically."""

    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    relationships: list[Relationship] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    replaces: dict[str, str] = Field(
        default_factory=dict,
        description="stored stories that became reprints of a story of this batch (old id → new id): "
        "what was extracted from them is withdrawn before the batch is written",
    )
    spellings: dict[str, list[str]] = Field(
        default_factory=dict,
        description="entity id → keys its names are spelled by in the other script (`py:huidongchuangxiang` "
        "for 慧动创想 and for Huidong Chuangxiang): how resolution finds a stored twin "
        "(`GraphStore.find_by_spelling`)",
    )


class Subgraph(BaseModel):
    """Nodes and edges for export and pages; edges only between listed nodes."""

    nodes: list[Entity] = Field(default_factory=list)
    edges: list[Relationship] = Field(default_factory=list)


class Counts(BaseModel):
    articles: int = 0
    entities: int = 0
    relationships: int = 0
    evidence: int = 0
    mentions: int = 0
    by_label: dict[str, int] = Field(default_factory=dict)
    by_type: dict[str, int] = Field(default_factory=dict)


class Direction(StrEnum):
    OUT = "out"
    IN = "in"
    BOTH = "both"


def label_of(entity_id_: str) -> Label:
    prefix = entity_id_.split(":", 1)[0]
    for label in Label:
        if label.value.lower() == prefix:
            return label
    raise ValueError(f"not an entity id: {entity_id_!r}")


def allowed(rel_type: RelType, source: Label, target: Label) -> bool:
    spec = RELATIONS[rel_type]
    if source in spec.sources and target in spec.targets:
        return True
    return spec.symmetric and target in spec.sources and source in spec.targets
