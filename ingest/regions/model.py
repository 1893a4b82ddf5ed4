"""The region values and the loading of the vendored data in `ingest/data/regions/`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path

from mdkg.graph.ontology import RegionLevel
from mdkg.ingest import datafiles
from mdkg.ingest.datafiles import read_table, read_tsv, values

DATA_DIR = datafiles.DATA_DIR / "regions"
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})


@dataclass(frozen=True)
class Region:
    """One region. Municipalities (北京市 …) are Province-level and are the direct parents of their
    districts; `level` is None only for cross-provincial areas (粤港澳大湾区)."""

    code: str
    name: str
    short: str
    level: RegionLevel | None
    parent: str | None
    english: str
    aliases: tuple[str, ...] = ()
    pinyin: str = ""
    kind: str = "admin"  # admin, town, nbs_town, area, or a zone kind (new_area, high_tech_zone …)
    everyday: bool = False  # the short form is an everyday word too (光明, 和平)
    freq: int = 0  # how common the short form is (jieba's dictionary count); breaks ties
    members: tuple[str, ...] = ()  # an area's member divisions (area_members.tsv)

    @property
    def curated(self) -> bool:
        """Hand-picked zones, areas and towns, whose short forms are names people know."""
        return self.kind not in ("admin", "nbs_town")

    @property
    def acts_as_city(self) -> bool:
        return self.code in MUNICIPALITIES or self.level is RegionLevel.CITY


@dataclass(frozen=True)
class RegionMention:
    """A surface that may name a region; `full` when it is a full name or a specific alias."""

    start: int
    end: int
    surface: str
    candidates: tuple[str, ...]
    full: bool
    nested: bool = False  # a region name opening a longer one (郑州 in 郑州航空港经济综合实验区)


@dataclass(frozen=True)
class ResolvedRegion:
    """A mention read as one region, with how sure and why."""

    mention: RegionMention
    region: Region
    confidence: float
    reason: str
    standalone: bool = True  # False inside a title, a name or a dateline (北京大学, 新华网北京1月14日电)

    @property
    def start(self) -> int:
        return self.mention.start

    @property
    def end(self) -> int:
        return self.mention.end

    @property
    def surface(self) -> str:
        return self.mention.surface


def load_regions(data_dir: Path = DATA_DIR) -> list[Region]:
    """Every region of admin.tsv, zones.tsv, towns.tsv, world.tsv and nbs_towns.tsv."""
    regions = []
    for row in read_tsv(data_dir / "admin.tsv"):
        regions.append(
            Region(
                row["adcode"],
                row["name"],
                row["short"],
                RegionLevel(row["level"]),
                row["parent"] or None,
                row["english"],
                values(row["aliases"]),
                row["pinyin"],
                "admin",
                row["word"] == "1",
                int(row["freq"] or 0),
            )
        )
    members = {row["code"]: values(row["members"]) for row in read_tsv(data_dir / "area_members.tsv")}
    for row in read_tsv(data_dir / "zones.tsv"):
        english, aliases = values(row["english"]), values(row["aliases"])
        level = RegionLevel(row["level"]) if row["level"] else None
        regions.append(
            Region(
                row["code"],
                row["name"],
                _shortest(row["name"], aliases),
                level,
                row["parent"] or None,
                english[0],
                aliases + english[1:],
                kind=row["kind"],
                members=members.get(row["code"], ()),
            )
        )
    for row in read_tsv(data_dir / "towns.tsv"):
        english, aliases = values(row["english"]), values(row["aliases"])
        regions.append(
            Region(
                row["code"],
                row["name"],
                _shortest(row["name"], aliases),
                RegionLevel.TOWN,
                row["parent"],
                english[0],
                aliases + english[1:],
                kind="town",
            )
        )
    for row in read_tsv(data_dir / "world.tsv"):
        aliases = values(row["aliases"])
        regions.append(
            Region(
                row["code"],
                row["name"],
                _shortest(row["name"], aliases),
                RegionLevel(row["level"]) if row["level"] else None,
                None,
                row["english"],
                aliases,
                kind="world",
                everyday=not row["level"],  # 东南亚, 欧洲: world regions need a cue (出海东南亚)
            )
        )
    regions += _nbs_towns(data_dir, regions)
    return regions


def _nbs_towns(data_dir: Path, known: list[Region]) -> list[Region]:
    """Every town of the statistics (nbs_towns.tsv). Their short forms count only with support in
    the text (everyday), and none that another region is also called (长安 stays the district's)."""
    path = data_dir / "nbs_towns.tsv"
    if not path.exists():
        return []
    taken = {form for r in known for form in (r.name, r.short, *r.aliases)}
    codes = {r.code for r in known}
    towns = []
    header, rows = read_table(path)  # rows as lists, not dicts: there are 38,000
    pick = itemgetter(*(header.index(name) for name in ("code", "name", "short", "parent")))
    for code, name, short, parent in map(pick, rows):
        if code in codes:  # a hand-picked town (towns.tsv) keeps its own row
            continue
        short = short if short and short not in taken else name
        towns.append(
            Region(code, name, short, RegionLevel.TOWN, parent, "", kind="nbs_town", everyday=short != name)
        )
    return towns


@cache
def load_word_tags(data_dir: Path = DATA_DIR) -> dict[str, str]:
    """words.tsv (everyday words and their part of speech), read once per process for both the
    gazetteer and the extractor; its rows are read as lists, not dicts: there are some 94,000."""
    path = data_dir.parent / "words.tsv"
    if not path.exists():
        return {}
    header, rows = read_table(path)
    word, tag = header.index("word"), header.index("tag")
    return {row[word]: row[tag] for row in rows}


def load_joined_words(data_dir: Path = DATA_DIR) -> frozenset[str]:
    """Two-character everyday words: a short place form that starts on a word's second character
    (海东 in 出海东南亚) is no place."""
    return frozenset(w for w in load_word_tags(data_dir) if len(w) == 2 and w[0] not in _BEFORE_PLACES)


# characters that stand before a place name more often than they make a word with its first
# character (为|重庆, 在|海东, 新|重庆故事): never taken for the start of a word
_BEFORE_PLACES = frozenset("为在于与和及从到对向由的将是把被给让新老大小各全本该这那此赴至往去来")


def load_cues(data_dir: Path = DATA_DIR) -> list[tuple[str, str]]:
    """(word, side) rows of cues.tsv: side is before, after or name."""
    return [(row["cue"], row["side"]) for row in read_tsv(data_dir / "cues.tsv")]


def _shortest(name: str, aliases: tuple[str, ...]) -> str:
    return min((a for a in aliases if not a.isascii()), key=len, default=name)
