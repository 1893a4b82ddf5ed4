"""Bytes to text, and dates as the readers meet them."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from mdkg.ingest.errors import ReadError

# Tried before an unrestricted guess: on short Chinese texts an unrestricted
# guess often lands on Shift-JIS or a Korean code page.
_LIKELY_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_32", "cp1252"]
_DATE = re.compile(
    r"^(?P<y>\d{4})[-/.年](?P<m>\d{1,2})[-/.月](?P<d>\d{1,2})日?"
    r"(?:(?:T|\s+)(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2})?$"
)


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
    from charset_normalizer import from_bytes  # only here: importing it takes longer than most files

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
