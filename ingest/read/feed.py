"""The feed format, plain text and JSON Lines."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from mdkg.ingest.dates import iso_datetime
from mdkg.ingest.errors import ReadError
from mdkg.ingest.types import RawArticle

# Middle dots seen between source and time: U+00B7, U+30FB, U+2022, U+2027, U+FF65.
_DOTS = "\u00b7\u30fb\u2022\u2027\uff65"
# Only the dot right before the date separates; a dot inside an outlet's name stays in it.
_SOURCE_LINE = re.compile(
    rf"^(?P<source>\S.{{0,79}}?)\s*[{_DOTS}]\s*"
    r"(?P<when>\d{4}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2})?)$"
)
# Non-empty lines a feed may have before its first source/date line:
# two header lines and a title.
_FEED_LEAD = 3
# The line a feed export puts under the search word, atop its page header.
_HEADER_MARK = "search documents"
_BODY_KEYS = ("content", "body", "text")
# Halves of a UTF-16 pair: what a lone JSON escape such as \ud800 gives, no character and not storable.
_SURROGATE = re.compile("[\ud800-\udfff]")
_DATE_KEYS = ("published_at", "date")


# --- feeds -------------------------------------------------------------------------


def _source_line(line: str) -> re.Match[str] | None:
    return _SOURCE_LINE.match(line.strip())


def looks_like_feed(lines: list[str]) -> bool:
    filled = [line for line in lines if line.strip()][: _FEED_LEAD + 1]
    return any(_source_line(line) for line in filled)


# a feed's source line whose date is missing or mangled: an outlet, a middle dot, then no date
_UNDATED_SOURCE = re.compile(rf"^\S.{{0,79}}?\s*[{_DOTS}]\s*(?!\d{{4}}-\d{{1,2}}-\d{{1,2}})\S{{0,20}}$")


def undated_source_line(lines: list[str], path: Path) -> None:
    """A file that is no feed only because its source line has no date is a bad feed, not one
    article titled with the page header: the line is reported."""
    filled = [(i, line) for i, line in enumerate(lines) if line.strip()][: _FEED_LEAD + 1]
    for i, line in filled[1:]:
        if _UNDATED_SOURCE.match(line.strip()):
            expected = "expected '<source>· YYYY-MM-DD HH:MM'"
            raise ReadError(path, f"a feed's source line without a date: {line.strip()!r}; {expected}", i + 1)


def header_without_articles(lines: list[str], path: Path) -> None:
    """A feed export's page header with no article after it (a search with no results) is no
    article titled with the search word: the file is reported."""
    filled = [(i, line) for i, line in enumerate(lines) if line.strip()][:_FEED_LEAD]
    for i, line in filled:
        if line.strip().lower() == _HEADER_MARK:
            raise ReadError(path, f"a feed's page header ({line.strip()!r}) with no article after it", i + 1)


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
    record = _load(line, path, number)
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


def _load(line: str, path: Path, number: int) -> object:
    """One line's JSON value; `ReadError` for whatever `json.loads` cannot read, not only syntax."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as exc:
        raise ReadError(path, f"not JSON: {exc.msg} (column {exc.colno})", number) from None
    except ValueError:  # the one other: int() refuses a number longer than the interpreter's limit
        digits = sys.get_int_max_str_digits()
        raise ReadError(path, f"a number of more than {digits} digits, too long to read", number) from None
    except RecursionError:
        reason = "nested too deeply to read (a JSON value inside thousands of others)"
        raise ReadError(path, reason, number) from None


def _field(record: dict[str, object], keys: tuple[str, ...], path: Path, number: int) -> str | None:
    """The first of `keys` holding a non-blank string, stripped; None if none does."""
    for key in keys:
        value = record.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise ReadError(path, f"field {key!r} is {type(value).__name__}, not a string", number)
        if _SURROGATE.search(value):
            reason = f"field {key!r} holds an unpaired surrogate (an escape such as \\ud800, no character)"
            raise ReadError(path, reason, number)
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
