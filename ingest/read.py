"""Stage 1, read: files → `RawArticle`s, as found, before any cleaning.

Three formats:
- feed (`.txt`, `.md`): an optional page header ("微短剧", "Search documents"),
  then articles of a title line, a `<source>· <YYYY-MM-DD HH:MM>` line and body
  lines. A title is the line just before a source/date line, so a body may run
  straight into the next title with no blank line between.
- JSON Lines (`.jsonl`, `.json-lines`, or a `.txt` whose first line is an
  object): `title`; body from `content`, `body` or `text`; `source`;
  `published_at` or `date`; `url`; `language`.
- plain (`.txt`, `.md` that is not a feed): the file is one article whose title
  is its first non-empty line.

Bytes are UTF-8 (with or without BOM), else detected (GB18030/GBK, Big5, ...).
A file that cannot be read whole raises `ReadError` naming file and line;
nothing of it is returned.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from charset_normalizer import from_bytes

from ingest.errors import ReadError
from ingest.types import RawArticle

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".json-lines"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
GOLD_SUFFIX = ".gold.jsonl"

# Tried before an unrestricted guess: on short Chinese texts an unrestricted
# guess often lands on Shift-JIS or a Korean code page.
_LIKELY_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_32", "cp1252"]

# Middle dots seen between source and time: U+00B7, U+30FB, U+2022, U+2027, U+FF65.
_DOTS = "\u00b7\u30fb\u2022\u2027\uff65"
# Only the dot right before the date separates; a dot inside an outlet's name stays in it.
_SOURCE_LINE = re.compile(
    rf"^(?P<source>\S.{{0,79}}?)\s*[{_DOTS}]\s*"
    r"(?P<when>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)$"
)
_DATE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:(?:T|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)
# Non-empty lines a feed may have before its first source/date line:
# two header lines and a title.
_FEED_LEAD = 3
_BODY_KEYS = ("content", "body", "text")
_DATE_KEYS = ("published_at", "date")


# --- files -------------------------------------------------------------------------


def iter_files(paths: Iterable[Path]) -> list[Path]:
    """The readable files under `paths`, sorted; folders are walked recursively.

    Named files pass the same filter as found ones: supported suffix, not a
    gold file (`*.gold.jsonl`), not hidden. A path that does not exist raises.
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and _wanted(p.relative_to(path)))
        elif path.is_file():
            if _wanted(Path(path.name)):
                found.add(path)
        else:
            raise ReadError(path, "no such file or folder")
    return sorted(found)


def _wanted(relative: Path) -> bool:
    name = relative.name.lower()
    return (
        not any(part.startswith(".") for part in relative.parts)
        and _suffix(relative) in SUPPORTED_SUFFIXES
        and not name.endswith(GOLD_SUFFIX)
    )


def _suffix(path: Path) -> str:
    return path.suffix.lower()


def read_path(path: Path) -> list[RawArticle]:
    """All articles of one file, or `ReadError` if any part of it is unreadable."""
    suffix = _suffix(path)
    if suffix not in SUPPORTED_SUFFIXES:
        expected = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise ReadError(path, f"unsupported file type {suffix or '(none)'!r}; expected one of {expected}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReadError(path, f"cannot read: {exc.strerror}") from None
    text = decode(data, path)
    articles = _parse(text, path, suffix)
    if not articles:
        raise ReadError(path, "no articles")
    return articles


def _parse(text: str, path: Path, suffix: str) -> list[RawArticle]:
    lines = text.splitlines()
    if suffix in JSONL_SUFFIXES or _first_filled(lines).startswith("{"):
        return parse_jsonl(lines, path)
    if _looks_like_feed(lines):
        return parse_feed(lines, path)
    return parse_plain(lines, path, markdown=suffix == ".md")


def _first_filled(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")


# --- bytes -------------------------------------------------------------------------


def decode(data: bytes, path: Path) -> str:
    """Text of a file: UTF-8 (a BOM is dropped) when valid, else the detected encoding."""
    try:
        text: str | None = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = None
    if text is None or "\x00" in text:  # NULs: UTF-16 without a BOM, or binary
        text = _detect(data)
    if text is None or "\x00" in text:
        raise ReadError(path, "undecodable bytes: neither UTF-8 nor a detectable text encoding")
    return text


def _detect(data: bytes) -> str | None:
    match = from_bytes(data, cp_isolation=_LIKELY_ENCODINGS).best() or from_bytes(data).best()
    return None if match is None else str(match)


# --- dates -------------------------------------------------------------------------


def iso_datetime(text: str) -> str | None:
    """`2024-4-19 8:05` → `2024-04-19T08:05`, `2024年4月19日` → `2024-04-19`; None if not a date.

    Seconds and any UTC offset are dropped: news times are local times.
    """
    match = _DATE.match(text.strip())
    if match is None:
        return None
    hour, minute = int(match["H"] or 0), int(match["M"] or 0)
    try:
        when = datetime(int(match["y"]), int(match["m"]), int(match["d"]), hour, minute)
    except ValueError:
        return None
    return when.strftime("%Y-%m-%dT%H:%M" if match["H"] else "%Y-%m-%d")


# --- feeds -------------------------------------------------------------------------


def _source_line(line: str) -> re.Match[str] | None:
    return _SOURCE_LINE.match(line.strip())


def _looks_like_feed(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()][: _FEED_LEAD + 1]
    return any(_source_line(line) for line in filled)


def parse_feed(lines: list[str], path: Path) -> list[RawArticle]:
    """Articles of a feed; whatever precedes the first title is page header."""
    heads = [i for i, line in enumerate(lines) if _source_line(line)]
    for i in heads:
        if i == 0 or not lines[i - 1].strip():
            raise ReadError(path, "source/date line with no title line before it", i + 1)
    ends = [head - 1 for head in heads[1:]] + [len(lines)]
    return [
        _feed_article(lines, head, end, path, position)
        for position, (head, end) in enumerate(zip(heads, ends, strict=True), 1)
    ]


def _feed_article(lines: list[str], head: int, end: int, path: Path, position: int) -> RawArticle:
    match = _source_line(lines[head])
    assert match is not None  # `head` was found by the same pattern
    published = iso_datetime(match["when"])
    if published is None:
        raise ReadError(path, f"not a date: {match['when']!r}", head + 1)
    body = "\n".join(lines[head + 1 : end]).strip()
    if not body:
        raise ReadError(path, "article has no body", head + 1)
    return RawArticle(
        path=path,
        position=position,
        title=lines[head - 1].strip(),
        body=body,
        source=match["source"].strip(),
        published_at=published,
    )


# --- plain text --------------------------------------------------------------------


def parse_plain(lines: list[str], path: Path, markdown: bool = False) -> list[RawArticle]:
    """The file as one article: the first non-empty line is the title, the rest the body."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    first = filled[0]
    title = lines[first].strip()
    if markdown:
        title = title.lstrip("#").strip()
    body = "\n".join(lines[first + 1 :]).strip()
    if not body:
        raise ReadError(path, "only a title, no body", first + 1)
    return [RawArticle(path=path, position=1, title=title, body=body)]


# --- JSON Lines --------------------------------------------------------------------


def parse_jsonl(lines: list[str], path: Path) -> list[RawArticle]:
    """One article per non-empty line; line numbers in errors count every line."""
    articles: list[RawArticle] = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            articles.append(_json_article(line, path, number, len(articles) + 1))
    return articles


def _json_article(line: str, path: Path, number: int, position: int) -> RawArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadError(path, f"not JSON: {exc.msg} (column {exc.colno})", number) from None
    if not isinstance(record, dict):
        raise ReadError(path, f"not a JSON object but {type(record).__name__}", number)
    title = _field(record, ("title",), path, number)
    body = _field(record, _BODY_KEYS, path, number)
    if title is None:
        raise ReadError(path, "no title", number)
    if body is None:
        raise ReadError(path, f"no body (one of {', '.join(_BODY_KEYS)})", number)
    return RawArticle(
        path=path,
        position=position,
        title=title,
        body=body,
        source=_field(record, ("source",), path, number) or "",
        published_at=_json_date(record, path, number),
        url=_field(record, ("url",), path, number),
        language=_field(record, ("language",), path, number),
    )


def _field(record: dict[str, object], keys: tuple[str, ...], path: Path, number: int) -> str | None:
    """The first of `keys` holding a non-blank string, stripped; None if none does."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ReadError(path, f"field {key!r} is {type(value).__name__}, not a string", number)
        if value.strip():
            return value.strip()
    return None


def _json_date(record: dict[str, object], path: Path, number: int) -> str | None:
    given = _field(record, _DATE_KEYS, path, number)
    if given is None:
        return None
    published = iso_datetime(given)
    if published is None:
        raise ReadError(path, f"not a date: {given!r}", number)
    return published
