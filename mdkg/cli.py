"""`mdkg`: thin commands that parse, call one function, and format."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TextIO

import click
from tqdm import tqdm

from mdkg import cli_analytics, cli_cluster, cli_curate, cli_export, cli_query
from mdkg.common import FAILED, STORE_OPTION, opened, settings_for
from mdkg.graph.errors import MdkgError
from mdkg.graph.factory import open_store
from mdkg.graph.settings import Settings
from mdkg.ingest.load import CHUNK


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mdkg")
def cli() -> None:
    """A knowledge graph of China's micro-drama industry, built from news with evidence on every edge.

    Settings come from the environment: MDKG_STORE (embedded|neo4j), MDKG_SQLITE_PATH,
    NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE, MDKG_HOST, MDKG_PORT.
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@STORE_OPTION
@click.option("--quiet", is_flag=True, help="No progress bar or per-file lines; only the summary.")
@click.option(
    "--follow-links",
    is_flag=True,
    help="Also read links in a folder that point outside it (by default they are passed over).",
)
@click.option(
    "--again",
    is_flag=True,
    help="Read files the store has taken in whole before as well (after an upgrade of the extractor).",
)
@click.option(
    "--chunk",
    type=click.IntRange(1, 100_000),
    default=CHUNK,
    show_default=True,
    help="Articles written per transaction; an interrupted ingest resumes after the last one.",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Processes extracting articles while this one writes (default: one a core).",
)
def ingest(
    paths: tuple[Path, ...],
    store: str | None,
    quiet: bool,
    follow_links: bool,
    again: bool,
    chunk: int,
    jobs: int | None,
) -> None:
    """Read news files or folders (.txt, .md, .jsonl, .html) into the graph, and the
    *.extractions.jsonl that `mdkg extract --cluster` made of news files.

    Formats: .txt (the feed format, or one article), .md (one article), .jsonl or .json-lines (JSON
    Lines), .html or .htm (a news page); folders are read recursively.

    A bad file is reported and skipped with nothing of it written, and so is what a folder holds
    that is no file to read (a pipe, a link out of the folder, a folder named *.txt). A file is
    written in parts (--chunk) with its progress, so an interrupted ingest resumes where it
    stopped; files taken in whole before (the same bytes) are not read again unless --again.
    Ingesting the same files again changes nothing, and ingests running at once store each story
    once.
    """
    from mdkg.ingest.pipeline import default_jobs, ingest_files
    from mdkg.ingest.read import walk

    files, passed_over = walk(paths, follow_links=follow_links)
    for entry, reason in passed_over:
        click.echo(f"SKIP  {shown(entry)}: {reason}", err=True)
    graph = open_store(settings_for(store))
    failed = len(passed_over)
    try:
        # a bar on a terminal; in a log, the per-file lines are the progress
        show_bar = not quiet and bool(files) and sys.stderr.isatty()
        bar = tqdm(total=len(files), unit="file", disable=not show_bar, file=sys.stderr)
        notice = None if quiet else (lambda line: bar.write(line, file=sys.stderr))
        reports = ingest_files(
            files, graph, again=again, chunk=chunk, jobs=jobs or default_jobs(), notice=notice
        )
        for report in reports:
            bar.update(1)
            if report.unchanged:
                line = f"ok    {shown(report.path)}: unchanged since it was ingested (--again to read it)"
            elif report.ok:
                reprints = f" (+{report.reprints} reprints)" if report.reprints else ""
                resumed = f" (resumed after {report.resumed_at})" if report.resumed_at else ""
                line = (
                    f"ok    {shown(report.path)}: {report.articles} articles{reprints}{resumed}, "
                    f"{report.entities} entities, {report.relationships} relationships"
                )
            else:
                failed += 1
                line = f"SKIP  {shown(report.error or '')}"
            if not quiet or not report.ok:
                bar.write(line, file=sys.stderr)
        bar.close()
        counts = graph.counts()
    finally:
        graph.close()
    total = len(files) + len(passed_over)
    click.echo(
        f"{total - failed} of {total} files ingested into the {graph.name} store; now "
        f"{counts.articles} articles, {counts.entities} entities, {counts.relationships} relationships."
    )
    if failed:
        sys.exit(FAILED)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["gold-jsonl", "jsonl"]),
    default="gold-jsonl",
    show_default=True,
    help="gold-jsonl: the gold format of ONTOLOGY.md (for eval/score.py); "
    "jsonl: every extraction with its evidence.",
)
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Where to write (default: standard output).",
)
@click.option("--cluster", metavar="local|ADDRESS", default=None, help=cli_cluster.CLUSTER_HELP)
@click.option(
    "--out", type=click.Path(file_okay=False, path_type=Path), default=None, help=cli_cluster.OUT_HELP
)
@click.option("--workers", type=click.IntRange(min=1), default=None, help=cli_cluster.WORKERS_HELP)
@click.option("--again", is_flag=True, help=cli_cluster.AGAIN_HELP)
@click.pass_context
def extract(
    context: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    output: TextIO,
    cluster: str | None,
    out: Path | None,
    workers: int | None,
    again: bool,
) -> None:
    """Extract entities and relations from news files without storing them.

    PATHS are files or folders in the formats `mdkg ingest` reads: .txt, .md, .jsonl or .json-lines,
    .html or .htm.

    With --cluster, on a Dask cluster into --out, one NAME.extractions.jsonl a news file (written
    whole or not at all), which `mdkg ingest` loads as it would the news file: deduplicated,
    resolved and written by the one writer. A bad file is reported and skipped; extractions files
    among PATHS are passed over.
    """
    if cluster is not None or out is not None or workers is not None or again:
        cli_cluster.extract_on_cluster(context, paths, cluster, out, workers, again)
        return
    from mdkg.ingest.extractions import is_extractions_file
    from mdkg.ingest.goldfmt import to_gold_line
    from mdkg.ingest.pipeline import extract_file, find_files

    failed = 0
    for path in [p for p in find_files(paths) if not is_extractions_file(p)]:
        try:
            extractions = extract_file(path)
        except MdkgError as error:
            failed += 1
            click.echo(f"SKIP  {error.message}", err=True)
            continue
        for extraction in extractions:
            row = to_gold_line(extraction) if fmt == "gold-jsonl" else extraction.model_dump(mode="json")
            output.write(json.dumps(row, ensure_ascii=False) + "\n")
    if failed:
        sys.exit(FAILED)


@cli.command("eval")
@click.argument("folders", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--report",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for eval.md and eval.json [default: reports/ of the checkout when every default set "
    "is scored, else var/eval/].",
)
@click.option(
    "--predictions",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also write each set's predictions (gold format) into this folder.",
)
def evaluate(folders: tuple[Path, ...], report: Path | None, predictions: Path | None) -> None:
    """Score the extractor on every corpus with a *.gold.jsonl beside it, per type.

    FOLDERS default to ../shared/corpus and samples/ of the checkout (outside a checkout, to the
    sample corpus bundled with mdkg); a default folder that is absent is skipped, and said so.
    Only a run of every default set writes the report kept in the checkout (reports/); any other
    run writes to --report, else var/eval/ under the current folder. Sets under a folder named
    unseen (real news) or heldout (the project's own writing) are marked: nobody tunes the
    extractor on them; dev3, dev4 and dev5 (real news for development) are marked with the figures
    they gave at first contact.
    """
    from mdkg import evaluation

    plan = evaluation.plan(folders, report)
    for note in plan.skipped:
        click.echo(f"skipped {note}", err=True)
    done = evaluation.run(plan, predictions, progress=lambda line: click.echo(line, err=True))
    click.echo(evaluation.render(done.results, done.marks))
    report_md, report_json = (evaluation.shown(done.report.with_suffix(s)) for s in (".md", ".json"))
    click.echo(f"report: {report_md}, {report_json}", err=True)
    if done.unscored:
        click.echo(f"not scored this time: {', '.join(done.unscored)} (sets of the full report)", err=True)
    kept = evaluation.tracked_report()
    if kept is not None and done.report.parent.resolve() != kept.resolve():
        click.echo(f"the full report in {evaluation.shown(kept)}/ is left as it is", err=True)


@cli.command()
@STORE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
def stats(store: str | None, as_json: bool) -> None:
    """Count articles, entities, relationships and evidence in the store."""
    with opened(settings_for(store)) as graph:
        counts = graph.counts()
    if as_json:
        click.echo(counts.model_dump_json(indent=2))
        return
    click.echo(f"store          {graph.name}")
    for field in ("articles", "entities", "relationships", "evidence", "mentions"):
        click.echo(f"{field:<14} {getattr(counts, field)}")
    for title, table in (("by label", counts.by_label), ("by type", counts.by_type)):
        click.echo(title)
        for name, n in sorted(table.items()):
            click.echo(f"  {name:<14} {n}")


@cli.command()
@STORE_OPTION
@click.option("--host", default=None, help="Address to listen on (default: MDKG_HOST, else 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: MDKG_PORT, else 8000).")
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(min=1),
    help="Processes answering requests (default: MDKG_WORKERS, else one a core, at most 4).",
)
def serve(store: str | None, host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the API, its docs (/docs) and the graph pages (/pages/...)."""
    import uvicorn

    from mdkg.api.app import create_app

    settings = settings_for(store)
    update = {
        "host": host or settings.host,
        "port": port or settings.port,
        "workers": workers or settings.workers,
    }
    settings = settings.model_copy(update=update)
    click.echo(where_to_look(settings), err=True)
    warning = open_exports_warning(settings)
    if warning:
        click.echo(warning, err=True)
    count = settings.serve_workers
    if count == 1:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning")
        return
    # worker processes build their app from the environment: hand them the command line's choices
    os.environ["MDKG_STORE"] = settings.store.value
    click.echo(f"{count} worker processes", err=True)
    uvicorn.run(
        "mdkg.api.app:create_app", factory=True, workers=count, host=settings.host, port=settings.port,
        log_level="warning",
    )  # fmt: skip


SAMPLE_CORPUS = Path(__file__).resolve().parent / "sample_corpus"  # samples/corpus, shipped in the wheel


@cli.command()
@STORE_OPTION
@click.option("--host", default=None, help="Address to listen on (default: MDKG_HOST, else 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: MDKG_PORT, else 8000).")
@click.pass_context
def demo(ctx: click.Context, store: str | None, host: str | None, port: int | None) -> None:
    """Ingest the bundled sample corpus into the store, then serve it (as `mdkg serve`).

    Safe to run again: the sample is ingested once. The store is the usual one (MDKG_STORE,
    MDKG_SQLITE_PATH, else var/mdkg.sqlite under the current folder).
    """
    ctx.invoke(ingest, paths=(SAMPLE_CORPUS,), store=store, quiet=True)
    ctx.invoke(serve, store=store, host=host, port=port)


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def open_exports_warning(settings: Settings) -> str | None:
    """A warning line when others can reach the API and anyone of them may download the whole graph."""
    if settings.host in LOOPBACK or settings.api_key.get_secret_value():
        return None
    return (
        f"WARNING: serving on {settings.host} with no MDKG_API_KEY: anyone who can reach this address "
        "can download the whole graph from /export/*; set MDKG_API_KEY to require the X-API-Key header"
    )


def where_to_look(settings: Settings) -> str:
    """The URLs to open first, percent-encoded so that they work pasted into curl (a browser shows
    them decoded), with the best-connected firm and region as examples: read down the stores'
    degree index, so that starting a server on a big graph does not read the whole of it."""
    from urllib.parse import quote, urlencode

    from mdkg.graph.ontology import Label

    with opened(settings) as graph:
        counts = graph.counts()
        hub = next(iter(graph.best_connected([Label.FIRM], 1) or graph.best_connected(limit=1)), None)
        regions = graph.best_connected([Label.REGION], 1)
        near = graph.neighbours(hub.id, depth=2, limit=50) if hub else None
    # the path's example: an entity two hops from the hub where there is one, else a neighbour
    around = near.nodes[1:] if near else []
    adjacent = {i for e in (near.edges if near else []) if hub and hub.id in (e.source, e.target)
                for i in (e.source, e.target)}  # fmt: skip
    far = next((n for n in around if n.id not in adjacent), next(iter(around), None))
    base = f"http://{settings.host}:{settings.port}"
    lines = [
        f"mdkg serving the {graph.name} store ({counts.entities} entities, "
        f"{counts.relationships} relationships) on {base}",
        f"  API docs:       {base}/docs",
        f"  health:         {base}/health",
        f"  industry chain: {base}/pages/chain",
    ]
    if hub:
        at = quote(hub.id, safe=":")
        lines += [
            f"  search:         {base}/entities/search?{urlencode({'q': hub.name})}",
            f"  connections:    {base}/entities/{at}/connections",
            f"  timeline:       {base}/entities/{at}/timeline",
            f"  company page:   {base}/pages/entity/{at}   ({hub.name})",
        ]
    if hub and far:
        path = urlencode({"from": hub.id, "to": far.id})
        lines.append(f"  path:           {base}/paths?{path}   ({hub.name} to {far.name})")
    if regions:
        region = regions[0]
        lines.append(f"  region page:    {base}/pages/region/{quote(region.id, safe=':')}   ({region.name})")
    lines += [f"  centrality:     {base}/analytics/centrality?top=10", "Press Ctrl+C to stop."]
    return "\n".join(lines)


for _module in (cli_query, cli_analytics, cli_export, cli_curate):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def shown(text: object) -> str:
    """A path or message on one line: control characters (a newline in a file name) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def main() -> None:
    """The `mdkg` command: an error of ours is one line with its code and exit 1 (common.FAILED); click
    answers usage errors itself, with exit 2."""
    try:
        cli()
    except MdkgError as error:
        click.echo(f"error [{error.code}]: {error.message}", err=True)
        sys.exit(FAILED)


if __name__ == "__main__":
    main()
