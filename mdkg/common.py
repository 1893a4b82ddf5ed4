"""What every command shares: the store option and the settings it selects."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from mdkg.graph.factory import open_store
from mdkg.graph.settings import Settings, StoreKind
from mdkg.graph.store import GraphStore

STORE_OPTION = click.option(
    "--store",
    type=click.Choice([k.value for k in StoreKind]),
    default=None,
    help="Store to use (default: MDKG_STORE, else embedded).",
)


def settings_for(store: str | None) -> Settings:
    """The environment's settings, with the store the command line chose."""
    settings = Settings()
    return settings.model_copy(update={"store": StoreKind(store)}) if store else settings


@contextmanager
def opened(settings: Settings) -> Iterator[GraphStore]:
    """The settings' store, closed when the command is done with it."""
    graph = open_store(settings)
    try:
        yield graph
    finally:
        graph.close()
