"""`mdkg extract --cluster`: extraction on a Dask cluster into files that `mdkg ingest` loads."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from click.core import ParameterSource

from mdkg.common import FAILED

CLUSTER_HELP = (
    "Extract on a Dask cluster instead, into --out: `local` starts one of --workers processes here, "
    "tcp://HOST:8786 uses a running scheduler (its workers need this mdkg installed). Needs "
    "`pip install 'mdkg[cluster]'`."
)
OUT_HELP = "With --cluster: the folder for one NAME.extractions.jsonl a news file (what `mdkg ingest` loads)."
WORKERS_HELP = "With --cluster local: worker processes (default: one a core)."
AGAIN_HELP = "With --cluster: extract files again that --out holds the extractions of (same bytes)."


def extract_on_cluster(
    context: click.Context,
    paths: tuple[Path, ...],
    cluster: str | None,
    out: Path | None,
    workers: int | None,
    again: bool,
) -> None:
    """Check the options, extract, print a line a file and a summary; exit 1 if a file failed."""
    from mdkg.cli import shown
    from mdkg.ingest.distributed import FileOutcome, extract_to_files

    if cluster is None or out is None:
        raise click.UsageError("--cluster and --out go together: where to extract, and where to write")
    stream = [p for p in ("fmt", "output") if context.get_parameter_source(p) is not ParameterSource.DEFAULT]
    if stream:
        raise click.UsageError("--format and -o are for extracting to one stream; with --cluster, use --out")
    if workers is not None and cluster != "local":
        raise click.UsageError("--workers is for --cluster local; a running cluster has the workers it has")

    def progress(outcome: FileOutcome) -> None:
        if outcome.unchanged:
            click.echo(f"ok    {shown(outcome.path)}: extracted before into {shown(outcome.out)}", err=True)
        elif outcome.ok:
            click.echo(
                f"ok    {shown(outcome.path)}: {outcome.articles} articles → {shown(outcome.out)}", err=True
            )
        else:
            click.echo(f"SKIP  {shown(outcome.error)}", err=True)

    report = extract_to_files(
        paths,
        out,
        address=None if cluster == "local" else cluster,
        workers=workers,
        again=again,
        on_file=progress,
    )
    done = len(report.files) - report.failed
    before = f", {report.unchanged} of them before" if report.unchanged else ""
    click.echo(
        f"{done} of {len(report.files)} files extracted into {out} ({report.articles} articles on "
        f"{report.workers} workers{before}); load them with: mdkg ingest {out}"
    )
    if report.failed:
        sys.exit(FAILED)
