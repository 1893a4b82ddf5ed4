"""One settings object for the CLI, the API and the stores. Secrets come only from the environment."""

from __future__ import annotations

import os
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class StoreKind(StrEnum):
    EMBEDDED = "embedded"
    NEO4J = "neo4j"


class Settings(BaseSettings):
    """Read from environment variables (names in the README's settings table)."""

    model_config = SettingsConfigDict(env_prefix="MDKG_", extra="ignore")

    store: StoreKind = Field(StoreKind.EMBEDDED, description="which store: embedded (default) or neo4j")
    sqlite_path: Path = Field(Path("var/mdkg.sqlite"), description="the embedded store's SQLite file")
    neo4j_uri: str = Field(
        "bolt://localhost:7687",
        validation_alias=AliasChoices("NEO4J_URI", "MDKG_NEO4J_URI"),
        description="Bolt URI of the Neo4j server",
    )
    neo4j_user: str = Field("neo4j", validation_alias=AliasChoices("NEO4J_USER", "MDKG_NEO4J_USER"))
    neo4j_password: SecretStr = Field(
        SecretStr(""), validation_alias=AliasChoices("NEO4J_PASSWORD", "MDKG_NEO4J_PASSWORD")
    )
    neo4j_database: str | None = Field(
        None, validation_alias=AliasChoices("NEO4J_DATABASE", "MDKG_NEO4J_DATABASE")
    )
    neo4j_retry_seconds: float = Field(
        30.0,
        gt=0,
        description="how long a Neo4j read or write is retried while the server cannot be reached "
        "(the API answers 503 sooner: it retries for half a second)",
    )
    host: str = Field("127.0.0.1", description="address `mdkg serve` listens on")
    port: int = Field(8000, description="port `mdkg serve` listens on")
    workers: int = Field(
        0,
        ge=0,
        description="processes `mdkg serve` answers with; 0: one a core, at most 4 (each holds its own "
        "store connection and caches)",
    )
    queries_dir: Path | None = Field(None, description="folder of the stored Cypher queries")
    cypher_timeout: float = Field(
        10.0, gt=0, description="seconds a stored or ad-hoc Cypher query may run before Neo4j stops it"
    )
    cypher_max_rows: int = Field(
        1000, gt=0, description="rows a stored or ad-hoc Cypher query returns at most (the rest is cut)"
    )
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="origins (comma-separated) whose pages may call the API from a browser; "
        "empty: no CORS headers at all",
    )
    api_key: SecretStr = Field(
        SecretStr(""),
        description="the key the `X-API-Key` header must carry for the exports (later also writes); "
        "empty: they are open",
    )

    @property
    def serve_workers(self) -> int:
        return self.workers or max(1, min(os.cpu_count() or 1, 4))

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    return Settings()
