"""Dates as news and its metadata write them, read by one parser that checks the calendar.

Read wherever they stand in a text: `2024-4-19`, `2024/04/19`, `2024.4.19` and `2024年4月19日`, each
with an optional time (`8:05`, `T09:30:15.5+08:00`: seconds and the UTC offset are dropped, news times
are local times); `2024年3月` (a month), `3月27日` (a day that takes the year it is given, if any); and
English `May 8, 2025` and `June 2024`. Years run from 1900 to 2099. What the calendar does not have is
no date: 2024年2月30日, 2023-02-29, 2025-13-01, 2025-03-01 25:00.

The reader (`mdkg.ingest.read`) takes a field or a feed's date line that is one date and nothing else
(`iso_datetime`), and a page's first date with a day; the extractor (`mdkg.ingest.extract.dates`) the
first date a sentence gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, time

_MONTHS = "january february march april may june july august september october november december".split()
_YEAR = r"(?<!\d)(?P<{}>(?:19|20)\d{{2}})"
_NUMERIC = _YEAR.format("y") + r"\s*(?P<sep>[-/.])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"
_CHINESE = rf"(?:{_YEAR.format('cy')}\s*年\s*)?(?<!\d)(?P<cm>\d{{1,2}})\s*月(?:\s*(?P<cd>\d{{1,2}})\s*日)?"
_TIME = r"(?:\s*T?\s*(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2}(?:\.\d+)?)?(?:\s*(?:Z|[+-]\d{2}:?\d{2}))?)?"
_ENGLISH = (
    r"\b(?P<mon>"
    + "|".join(m.capitalize() for m in _MONTHS)
    + r")\.?(?:\s+(?P<ed>\d{1,2}))?,?\s+"
    + _YEAR.format("ey")
    + r"\b"
)
_DATE = re.compile(f"(?:{_NUMERIC}|{_CHINESE}){_TIME}|{_ENGLISH}")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text, at `start:end`; `day` and `time` are None when the text gives none."""

    start: int
    end: int
    year: int
    month: int
    day: int | None = None
    time: tuple[int, int] | None = None

    @property
    def date(self) -> str:
        """`YYYY-MM-DD`, or `YYYY-MM` for a month."""
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def iso(self) -> str:
        """`date`, with `THH:MM` when the text gives a time."""
        return self.date + (f"T{self.time[0]:02d}:{self.time[1]:02d}" if self.time else "")


def dates_in(text: str, year: int | None = None) -> Iterator[FoundDate]:
    """Every date of `text` that the calendar has, in order. A month and day written without a year
    take `year`, and are no date when it is None."""
    for match in _DATE.finditer(text):
        found = _found(match, year)
        if found is not None:
            yield found


def iso_datetime(text: str) -> str | None:
    """`2024-4-19 8:05` → `2024-04-19T08:05`, `2024年4月19日` → `2024-04-19`: a text that is one date
    with its day and nothing else; None otherwise."""
    text = text.strip()
    found = next(dates_in(text), None)
    if found is None or found.day is None or (found.start, found.end) != (0, len(text)):
        return None
    return found.iso


def _found(match: re.Match[str], default_year: int | None) -> FoundDate | None:
    if match["mon"]:
        year, month, day = match["ey"], str(_MONTHS.index(match["mon"].lower()) + 1), match["ed"]
    elif match["cm"]:
        year, month, day = match["cy"] or default_year, match["cm"], match["cd"]
    else:
        year, month, day = match["y"], match["m"], match["d"]
    if year is None:
        return None
    try:
        date(int(year), int(month), int(day or 1))
        hour_minute = (int(match["H"]), int(match["M"])) if match["H"] and day else None
        if hour_minute is not None:
            time(*hour_minute)
    except ValueError:
        return None
    return FoundDate(
        match.start(), match.end(), int(year), int(month), int(day) if day else None, hour_minute
    )
