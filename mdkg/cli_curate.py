"""`mdkg curate`: correct the graph (reject, confirm, merge, split, rename, relabel, add), list the log,
undo by id, move the log between stores, and export the corrected articles as gold lines."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from mdkg.cli_query import json_or_text, parse_params
from mdkg.common import DATE, STORE_OPTION, opened, settings_for
from mdkg.graph import correction_log
from mdkg.graph.corrections import CitedSource, Correction, CorrectionQuery, Kind, NewRelationship
from mdkg.graph.export import MAX_LIMIT
from mdkg.graph.ontology import Label, RelType
from mdkg.graph.store import GraphStore
from mdkg.ingest.goldfmt import corrected_articles, gold_from_store

WHO_HELP = "Who makes the correction (default: MDKG_CURATOR, else your login name)."


def _who() -> str:
    return os.environ.get("MDKG_CURATOR") or getpass.getuser()


WHO = click.option("--who", default=_who, show_default="MDKG_CURATOR or your login", help=WHO_HELP)
WHY = click.option("--why", required=True, help="Why, in a sentence: kept in the log with the correction.")


def describe(c: Correction) -> str:
    """One line of the log: id, kind, what, who, when, why (and the undo, if any)."""
    what = {
        Kind.MERGE: f"{c.target} into {c.into}",
        Kind.SPLIT: f"{c.target} out of {c.into}",
        Kind.RENAME: f"{c.target} to {c.name!r}",
        Kind.RELABEL: f"{c.target} as {c.label.value if c.label else '?'} ({c.into})",
        Kind.ADD: f"{c.target} citing {c.source.url or c.source.outlet if c.source else '?'}",
    }.get(c.kind, c.target)
    line = f"{c.id}  {c.kind.value:<7} {what}  by {c.who} at {c.at[:19]}Z: {c.why}"
    if c.undone is not None:
        line += f"  [undone by {c.undone.who} at {c.undone.at[:19]}Z: {c.undone.why}]"
    return line


def _apply(store: str | None, make: Callable[[], Correction]) -> None:
    correction = make()
    with opened(settings_for(store)) as graph:
        done = graph.correct(correction)
    click.echo(describe(done))


@click.group("curate")
def curate() -> None:
    """Correct the graph; every correction is kept in the store's log and applied again on every ingest.

    \b
    Relationship ids are in the API's answers (`/entities/{id}/connections`) and exports;
    entity ids look like firm:深圳市甲乙科技有限公司 or region:440300 (a region by its code)
    """


@curate.command()
@click.argument("relationship_id")
@WHY
@WHO
@STORE_OPTION
def reject(relationship_id: str, why: str, who: str, store: str | None) -> None:
    """Delete a wrong relationship; no later ingest brings it back."""
    _apply(store, lambda: Correction(kind=Kind.REJECT, target=relationship_id, who=who, why=why))


@curate.command()
@click.argument("relationship_id")
@WHY
@WHO
@STORE_OPTION
def confirm(relationship_id: str, why: str, who: str, store: str | None) -> None:
    """Vouch for a relationship: the API and pages mark it confirmed."""
    _apply(store, lambda: Correction(kind=Kind.CONFIRM, target=relationship_id, who=who, why=why))


@curate.command()
@click.argument("entity_id")
@click.option("--into", "into", required=True, help="The entity id to keep.")
@WHY
@WHO
@STORE_OPTION
def merge(entity_id: str, into: str, why: str, who: str, store: str | None) -> None:
    """Merge ENTITY_ID into another: its id answers with the kept one from then on."""
    _apply(store, lambda: Correction(kind=Kind.MERGE, target=entity_id, into=into, who=who, why=why))


@curate.command()
@click.argument("entity_id")
@WHY
@WHO
@STORE_OPTION
def split(entity_id: str, why: str, who: str, store: str | None) -> None:
    """Split a merged entity out again; ingest will not merge the two again."""
    _apply(store, lambda: Correction(kind=Kind.SPLIT, target=entity_id, who=who, why=why))


@curate.command()
@click.argument("entity_id")
@click.argument("name")
@WHY
@WHO
@STORE_OPTION
def rename(entity_id: str, name: str, why: str, who: str, store: str | None) -> None:
    """Give an entity another name; the old one stays an alias."""
    _apply(store, lambda: Correction(kind=Kind.RENAME, target=entity_id, name=name, who=who, why=why))


@curate.command()
@click.argument("entity_id")
@click.argument("label", type=click.Choice([label.value for label in Label]))
@WHY
@WHO
@STORE_OPTION
def relabel(entity_id: str, label: str, why: str, who: str, store: str | None) -> None:
    """Make an entity one of another label (its id changes; the old id answers with the new)."""
    _apply(
        store, lambda: Correction(kind=Kind.RELABEL, target=entity_id, label=Label(label), who=who, why=why)
    )


@curate.command()
@click.argument("rel_type", metavar="TYPE", type=click.Choice([t.value for t in RelType]))
@click.argument("source_id")
@click.argument("target_id")
@click.option("--quote", required=True, help="The words of the source that state it (its evidence).")
@click.option("--url", default=None, help="The source's address.")
@click.option("--outlet", default="", help="Who published it.")
@click.option("--title", default="", help="The source's title.")
@click.option(
    "--date", "published", type=DATE, default=None, metavar="YYYY-MM-DD", help="When it was published."
)
@click.option("--prop", "props", multiple=True, metavar="KEY=VALUE", help="A property (repeatable).")
@WHY
@WHO
@STORE_OPTION
def add(
    rel_type: str, source_id: str, target_id: str, quote: str, url: str | None, outlet: str, title: str,
    published: str | None, props: tuple[str, ...], why: str, who: str, store: str | None,
) -> None:  # fmt: skip
    """Add a relationship the extractor missed, citing where it is stated."""
    properties = parse_params(props, json_or_text)
    _apply(
        store,
        lambda: Correction(
            kind=Kind.ADD, who=who, why=why,
            relationship=NewRelationship(type=RelType(rel_type), source=source_id, target=target_id,
                                         properties=properties),  # type: ignore[arg-type]
            source=CitedSource(quote=quote, url=url, outlet=outlet, title=title, published_at=published),
        ),
    )  # fmt: skip


@curate.command()
@click.argument("correction_id")
@WHY
@WHO
@STORE_OPTION
def undo(correction_id: str, why: str, who: str, store: str | None) -> None:
    """Undo a correction by its id; it stays in the log, marked undone."""
    with opened(settings_for(store)) as graph:
        click.echo(describe(graph.undo_correction(correction_id, who, why)))


@curate.command("log")
@click.option(
    "--kind", "kinds", multiple=True, type=click.Choice([k.value for k in Kind]), help="Only these kinds."
)
@click.option("--ref", default=None, help="Only corrections naming this entity or relationship id.")
@click.option("--who", default=None, help="Only this curator's.")
@click.option("--active/--undone", "active", default=None, help="Only those in force, or only those undone.")
@click.option("--since", type=DATE, default=None, metavar="YYYY-MM-DD", help="Made on or after.")
@click.option("--until", type=DATE, default=None, metavar="YYYY-MM-DD", help="Made on or before.")
@click.option("--json", "as_json", is_flag=True, help="One JSON entry a line.")
@STORE_OPTION
def show_log(
    kinds: tuple[str, ...], ref: str | None, who: str | None, active: bool | None, since: str | None,
    until: str | None, as_json: bool, store: str | None,
) -> None:  # fmt: skip
    """List the corrections log, oldest first."""
    query = CorrectionQuery(
        kinds=[Kind(k) for k in kinds] or None, ref=ref, who=who, active=active, since=since, until=until
    )
    with opened(settings_for(store)) as graph:
        entries = graph.corrections(query)
    for c in entries:
        click.echo(c.model_dump_json(exclude_none=True) if as_json else describe(c))
    if not as_json:
        click.echo(f"{len(entries)} correction(s)", err=True)


@curate.command("export")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@STORE_OPTION
def export_log(path: Path, store: str | None) -> None:
    """Write the whole log (undone entries too) to PATH as JSON lines."""
    with opened(settings_for(store)) as graph:
        count = correction_log.write_log(graph.corrections(), path)
    click.echo(f"{count} correction(s) written to {path}")


@curate.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@STORE_OPTION
def import_log(path: Path, store: str | None) -> None:
    """Apply a log file to this store, in the order it happened; entries it has already are skipped."""
    entries = correction_log.read_log(path)
    stderr = sys.stderr
    with (
        opened(settings_for(store)) as graph,
        click.progressbar(entries, label="applying", file=stderr) as bar,
    ):
        steps = iter(bar)

        def step(entry: Correction, is_undo: bool) -> None:
            if not is_undo:
                next(steps, None)

        report = correction_log.apply_log(graph, entries, step)
    for entry_id, reason in report.failed:
        click.echo(f"skipped {entry_id}: {reason}", err=True)
    click.echo(report.summary())
    if report.failed:
        raise SystemExit(1)


@curate.command("gold")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--all", "every", is_flag=True, help="Every article, not only those a correction touches.")
@STORE_OPTION
def gold(path: Path, every: bool, store: str | None) -> None:
    """Write the corrected articles as gold lines (ONTOLOGY.md's format) for `mdkg eval` and score.py."""
    with opened(settings_for(store)) as graph:
        lines = _gold_lines(graph, every)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")
    click.echo(f"{len(lines)} article(s) written to {path}")


def _gold_lines(graph: GraphStore, every: bool) -> list[dict]:
    whole = graph.subgraph(limit=MAX_LIMIT)
    log = graph.corrections()
    kept = graph.redirects({i for c in log for i in c.refs})
    if every:
        ids = sorted(
            {a for n in whole.nodes for a in n.sources} | {a for e in whole.edges for a in e.sources}
        )
    else:
        ids = corrected_articles(log, whole, kept)
    return gold_from_store(whole, graph.get_articles(ids))


COMMANDS: list[click.Command] = [curate]
