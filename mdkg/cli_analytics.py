"""`mdkg analytics` and `mdkg timeline`: networkx analytics and time views from the command line."""

from __future__ import annotations

import json
from collections.abc import Sequence

import click
from pydantic import BaseModel

from mdkg.common import DATE, STORE_OPTION, opened, settings_for
from mdkg.graph.analytics import (
    COMMUNITY_LIMIT,
    COMMUNITY_MEMBERS,
    MEASURES,
    Community,
    Ranked,
    RegionSummary,
    centrality,
    communities,
    compare_regions,
)
from mdkg.graph.ontology import Label, Subgraph
from mdkg.graph.timeline import Timeline, TimelineItem, load, timeline

JSON_OPTION = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
AS_OF_OPTION = click.option(
    "--as-of",
    type=DATE,
    default=None,
    metavar="YYYY-MM-DD",
    help="Only what was first reported by this date.",
)
# characters of a dating sentence shown in the table
SENTENCE_WIDTH = 160


def whole_graph(store: str | None, as_of: str | None) -> Subgraph:
    with opened(settings_for(store)) as graph:
        return load(graph, as_of)


def echo_json(rows: Sequence[BaseModel]) -> None:
    click.echo(json.dumps([r.model_dump(mode="json") for r in rows], ensure_ascii=False, indent=2))


@click.group("analytics")
def analytics() -> None:
    """Centrality, communities and region comparison, computed in memory on the whole graph."""


@analytics.command("centrality")
@STORE_OPTION
@click.option("--measure", type=click.Choice(MEASURES), default="degree", show_default=True)
@click.option(
    "--label", "labels", multiple=True, type=click.Choice([x.value for x in Label]), help="Repeat for more."
)
@click.option("--top", type=click.IntRange(min=1), default=20, show_default=True)
@AS_OF_OPTION
@JSON_OPTION
def centrality_command(
    store: str | None, measure: str, labels: tuple[str, ...], top: int, as_of: str | None, as_json: bool
) -> None:
    """Rank entities by degree, betweenness or PageRank (computed on the whole graph, then filtered)."""
    wanted = [Label(x) for x in labels] or None
    ranked = centrality(whole_graph(store, as_of), measure, labels=wanted, top=top)  # type: ignore[arg-type]
    if as_json:
        echo_json(ranked)
        return
    for row in ranked:
        click.echo(ranked_line(row))


def ranked_line(row: Ranked) -> str:
    return f"{row.rank:>4}  {row.score:.4f}  {row.label.value:<12} {row.name}  ({row.id})"


@analytics.command("communities")
@STORE_OPTION
@click.option("--min-size", type=click.IntRange(min=1), default=2, show_default=True)
@click.option(
    "--members",
    type=click.IntRange(min=1),
    default=COMMUNITY_MEMBERS,
    show_default=True,
    help="Members shown each.",
)
@click.option(
    "--limit",
    type=click.IntRange(min=1),
    default=COMMUNITY_LIMIT,
    show_default=True,
    help="Most communities.",
)
@AS_OF_OPTION
@JSON_OPTION
def communities_command(
    store: str | None, min_size: int, members: int, limit: int, as_of: str | None, as_json: bool
) -> None:
    """Clusters of densely linked entities (seeded Louvain), largest first, with their hubs."""
    found = communities(whole_graph(store, as_of), min_size=min_size, top_members=members)[:limit]
    if as_json:
        echo_json(found)
        return
    for community in found:
        click.echo(community_block(community))


def community_block(community: Community) -> str:
    labels = ", ".join(f"{label} {n}" for label, n in community.labels.items())
    lines = [f"community {community.number}: {community.size} members ({labels})"]
    lines += [f"  {ranked_line(m)}" for m in community.members]
    return "\n".join(lines)


@analytics.command("compare-regions")
@click.argument("region_ids", nargs=-1, required=True)
@STORE_OPTION
@AS_OF_OPTION
@JSON_OPTION
def compare_regions_command(
    region_ids: tuple[str, ...], store: str | None, as_of: str | None, as_json: bool
) -> None:
    """Compare regions (each with its sub-regions): policies, funds, firms, largest support, top firms.

    REGION_IDS are Region ids, `region:` and the GB/T 2260 code: region:440310 is 坪山区. Find them
    with the API's search, /entities/search?q=坪山&label=Region (`mdkg serve`).
    """
    summaries = compare_regions(whole_graph(store, as_of), list(region_ids))
    if as_json:
        echo_json(summaries)
        return
    click.echo("\n\n".join(region_block(s) for s in summaries))


def region_block(s: RegionSummary) -> str:
    support = "none stated"
    if s.largest_support_cny is not None and s.largest_support_by:
        support = f"{s.largest_support_cny:,.0f} CNY ({s.largest_support_by.name})"
    firms = ", ".join(f"{f.name} ({f.score:.3f})" for f in s.top_firms) or "none"
    return "\n".join(
        [
            f"{s.region.name}  ({s.region.id})",
            f"  sub-regions {s.sub_regions}, actors {s.actors}",
            f"  policies {s.policies}, funds {s.funds}, firms {s.firms}, bases {s.bases}, "
            f"associations {s.associations}, events {s.events}",
            f"  largest support  {support}",
            f"  top firms        {firms}",
            f"  first seen       {s.earliest_first_seen or '?'} … {s.latest_first_seen or '?'}",
        ]
    )


@click.command("timeline")
@click.argument("entity_id")
@STORE_OPTION
@click.option("--since", type=DATE, default=None, metavar="YYYY-MM-DD", help="From this date.")
@click.option("--until", type=DATE, default=None, metavar="YYYY-MM-DD", help="Up to this date.")
@JSON_OPTION
def timeline_command(
    entity_id: str, store: str | None, since: str | None, until: str | None, as_json: bool
) -> None:
    """A firm's relationships, or a region's policies, funds, events and relationships, by date.

    Each line gives the date, what happened and the sentence and article that date it.
    """
    with opened(settings_for(store)) as graph:
        line = timeline(graph, entity_id, since=since, until=until)
    if as_json:
        click.echo(line.model_dump_json(indent=2))
        return
    click.echo(timeline_text(line))


def timeline_text(line: Timeline) -> str:
    head = f"{line.entity.name}  ({line.entity.id}): {len(line.items)} dated facts"
    return "\n".join([head, *(item_text(i) for i in line.items)])


def item_text(item: TimelineItem) -> str:
    if item.relationship and item.source and item.target:
        what = f"{item.source.name} {item.relationship.type.value} {item.target.name}"
    else:
        what = item.entity.name if item.entity else "?"
    lines = [f"{item.date or '(undated)':<10}  {item.kind.value:<12} {what}"]
    if item.sentence:
        lines.append(f"            “{shorten(item.sentence)}”")
    if item.article:
        lines.append(
            f"            {item.article.title}, {item.article.source} {item.article.date or ''}".rstrip()
        )
    return "\n".join(lines)


def shorten(sentence: str, width: int = SENTENCE_WIDTH) -> str:
    """Long evidence (a whole summary paragraph) would drown the table; --json keeps it whole."""
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


COMMANDS: list[click.Command] = [analytics, timeline_command]
