"""Stage 1, read: files → `RawArticle`s, as found, before any cleaning.

Four formats:
- feed (`.txt`, `.md`): an optional page header ("微短剧", "Search documents"),
  then articles of a title line, a `<source>· <YYYY-MM-DD HH:MM>` line and body
  lines. A title is the line just before a source/date line, so a body may run
  straight into the next title with no blank line between.
- JSON Lines (`.jsonl`, `.json-lines`, or a `.txt` whose first line is an
  object): `title`; body from `content`, `body` or `text`; `source`;
  `published_at` or `date`; `url`; `language`.
- plain (`.txt`, `.md` that is not a feed): the file is one article whose title
  is its first non-empty line.
- HTML (`.html`, `.htm`): a news page reduced to its article: title, date,
  outlet, URL, and the text of the block with the most paragraph text, without
  navigation, footers, scripts, share and comment widgets or editor lines.

Bytes are UTF-8 (with or without BOM), else detected (GB18030/GBK, Big5, ...);
an HTML page's declared charset is honoured when its bytes decode with it.
A file that cannot be read whole raises `ReadError` naming file and line;
nothing of it is returned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mdkg.ingest.errors import ReadError
from mdkg.ingest.read.feed import (
    header_without_articles,
    looks_like_feed,
    parse_feed,
    parse_jsonl,
    parse_plain,
    undated_source_line,
)
from mdkg.ingest.read.html import decode_html, parse_html
from mdkg.ingest.read.text import decode
from mdkg.ingest.types import RawArticle

__all__ = [
    "GOLD_SUFFIX",
    "SUPPORTED_SUFFIXES",
    "decode",
    "decode_html",
    "iter_files",
    "walk",
    "parse_feed",
    "parse_html",
    "parse_jsonl",
    "parse_plain",
    "read_path",
]

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl", ".json-lines"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
GOLD_SUFFIX = ".gold.jsonl"


# --- files -------------------------------------------------------------------------


def iter_files(paths: Iterable[Path]) -> list[Path]:
    """The readable files under `paths`, sorted; folders are walked recursively (see `walk`)."""
    return walk(paths)[0]


def walk(paths: Iterable[Path], follow_links: bool = False) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The readable files under `paths`, sorted, and the entries passed over with the reason.

    Named files pass the same filter as found ones: supported suffix, not a gold file
    (`*.gold.jsonl`), not hidden. Inside a folder, a link is followed only to a file inside that
    folder (or anywhere, `follow_links`); folders named like files, pipes and devices, broken or
    looping links and folders that cannot be read are passed over with a reason. A path that does
    not exist raises.
    """
    found: set[Path] = set()
    skipped: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            root = path.resolve()

            def unreadable(error: OSError, top: Path = path) -> None:
                skipped.append((Path(error.filename or top), f"cannot read the folder: {error.strerror}"))

            for folder, dirs, names in os.walk(path, onerror=unreadable):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in [*names, *dirs]:
                    entry = Path(folder) / name
                    if not _wanted(entry.relative_to(path)):
                        continue
                    reason = _passed_over(entry, root, follow_links)
                    if reason is None:
                        found.add(entry)
                    else:
                        skipped.append((entry, reason))
        elif path.is_file():
            if _wanted(Path(path.name)):
                found.add(path)
        else:
            raise ReadError(path, "no such file or folder")
    return sorted(found), sorted(skipped)


def _passed_over(entry: Path, root: Path, follow_links: bool) -> str | None:
    """Why a found entry is not read, or None to read it."""
    if entry.is_symlink():
        try:
            target = entry.resolve(strict=True)
        except (OSError, RuntimeError):
            return "a broken or looping link"
        if not follow_links and not target.is_relative_to(root):
            return f"a link out of the folder (to {target}); not followed"
    if entry.is_dir():
        return "a folder, not a file"
    if not entry.is_file():
        return "not a regular file (a pipe, socket or device)"
    return None


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
    text = decode_html(data, path) if suffix in HTML_SUFFIXES else decode(data, path)
    articles = _parse(text, path, suffix)
    if not articles:
        raise ReadError(path, "no articles")
    return articles


def _parse(text: str, path: Path, suffix: str) -> list[RawArticle]:
    if suffix in HTML_SUFFIXES:
        return parse_html(text, path)
    # lines end at line breaks only: str.splitlines would also break at the form feeds and other
    # control characters a title may carry, and the feed would no longer look like one
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if suffix in JSONL_SUFFIXES or _first_filled(lines).startswith("{"):
        return parse_jsonl(lines, path)
    if looks_like_feed(lines):
        return parse_feed(lines, path)
    undated_source_line(lines, path)
    header_without_articles(lines, path)
    return parse_plain(lines, path, markdown=suffix == ".md")


def _first_filled(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")
