"""Bytes to text."""

from __future__ import annotations

from pathlib import Path

from mdkg.ingest.errors import ReadError

# Tried before an unrestricted guess: on short Chinese texts an unrestricted
# guess often lands on Shift-JIS or a Korean code page.
_LIKELY_ENCODINGS = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_32", "cp1252"]


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
