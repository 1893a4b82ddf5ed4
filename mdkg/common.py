"""What every command shares: the store option and the settings it selects, the date type, the exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click

from mdkg.graph.errors import InvalidParameter
from mdkg.graph.factory import open_store
from mdkg.graph.settings import Settings, StoreKind
from mdkg.graph.store import GraphStore
from mdkg.graph.timeline import check_date

# Exit codes: 0 done; FAILED when the command could not do its work (a store that cannot be opened, a
# file skipped, a query Neo4j refused); 2 (click's own) only for a usage error: an unknown option, a
# missing argument, a value of the wrong kind (a date that is not YYYY-MM-DD, a number out of range).
FAILED = 1

STORE_OPTION = click.option(
    "--store",
    type=click.Choice([k.value for k in StoreKind]),
    default=None,
    help="Store to use (default: MDKG_STORE, else embedded).",
)


class IsoDateType(click.ParamType):
    """A date as YYYY-MM-DD, checked as the API checks it; anything else is a usage error (exit 2)."""

    name = "date"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> str:
        try:
            return check_date(str(value)) or ""
        except InvalidParameter:
            self.fail(f"{value!r} is not a date as YYYY-MM-DD", param, ctx)


DATE = IsoDateType()


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
