"""The values passed between ingest stages: read → normalise → extract → resolve → load."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from mdkg.graph.ontology import Article, Evidence, Label, PropertyValue, RelType


class RawArticle(BaseModel):
    """One article as a reader found it, before any cleaning."""

    path: Path
    position: int = Field(description="1-based index of the article in its file")
    title: str
    body: str
    source: str = ""
    published_at: str | None = None
    url: str | None = None
    language: str | None = None


class Document(BaseModel):
    """A normalised article: `text` is the title, a newline, then the body."""

    article: Article
    text: str
    path: Path
    position: int
    original_title: str = Field("", description="the title as the file gave it, before normalisation")
    original_text: str | None = Field(
        None,
        description="`text` before traditional → simplified, when it differs and aligns char by char",
    )


class ExtractedEntity(BaseModel):
    """An entity as named in one article; `name` is the fullest form the article gives."""

    label: Label
    name: str
    aliases: list[str] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    count: int = 1

    @property
    def key(self) -> tuple[Label, str]:
        return (self.label, self.name)


class ExtractedRelation(BaseModel):
    """A relationship stated by a sentence; ends name entities of the same extraction."""

    type: RelType
    head: tuple[Label, str]
    tail: tuple[Label, str]
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    evidence: Evidence


class Extraction(BaseModel):
    """What an extractor found in one document."""

    document: Document
    entities: list[ExtractedEntity] = Field(default_factory=list)
    relations: list[ExtractedRelation] = Field(default_factory=list)
