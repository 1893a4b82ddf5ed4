"""One date parser for the reader and the extractor, which checks the calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

from mdkg.ingest.dates import dates_in, iso_datetime
from mdkg.ingest.errors import ReadError
from mdkg.ingest.extract.dates import date_in
from mdkg.ingest.read import read_path

# (text, what iso_datetime makes of it: the text is one date and nothing else)
WHOLE = [
    ("2025-03-01 09:30", "2025-03-01T09:30"),
    ("2025-3-1 9:05", "2025-03-01T09:05"),
    ("2025-03-01T09:30:15Z", "2025-03-01T09:30"),
    ("2025-03-01T09:30:15.250+08:00", "2025-03-01T09:30"),
    ("2025/03/01", "2025-03-01"),
    ("2025.3.1", "2025-03-01"),
    (" 2025年3月1日 ", "2025-03-01"),
    ("2025年03月12日 10:15", "2025-03-12T10:15"),
    ("May 8, 2025", "2025-05-08"),
    ("2024年2月29日", "2024-02-29"),
    ("2024-02-29", "2024-02-29"),
    ("2024年2月30日", None),
    ("2023年2月29日", None),
    ("2023-02-29", None),
    ("2025-04-31", None),
    ("2025-13-01", None),
    ("2025-00-10", None),
    ("2025-03-00", None),
    ("2025-03-01 25:00", None),
    ("2025-03-01 09:60", None),
    ("0000-01-01 10:00", None),
    ("2025-03/01", None),  # one separator throughout
    ("2025年3月", None),  # no day
    ("3月1日", None),  # no year
    ("2025-03-01 来源", None),  # more than a date
    ("yesterday", None),
]

# (sentence, the year of an undated month, the first date the sentence gives)
IN_TEXT = [
    ("区委宣传部于2024年3月发布扶持办法。", 2025, "2024-03"),
    ("3月27日，联盟在临平成立。", 2025, "2025-03-27"),
    ("3月27日，联盟在临平成立。", None, None),
    ("2月29日，基地开园。", 2024, "2024-02-29"),
    ("2月29日，基地开园。", 2023, None),
    ("2024年2月30日，联盟成立；2024年3月1日，基地开园。", None, "2024-03-01"),
    ("2023年2月29日，联盟成立。", 2025, None),
    ("The association was founded on May 8, 2025 in Hangzhou.", None, "2025-05-08"),
    ("The plan was issued in June 2024.", None, "2024-06"),
    ("It was founded on February 30, 2024.", None, None),
    ("首批入驻企业达10家，2024-06-18 正式开园。", None, "2024-06-18"),
    ("2024年3月10家企业入驻。", None, "2024-03"),  # 10家 is a count, not a day
    ("13月", 2025, None),
    ("2025年，全区出台多项政策。", 2025, None),
    ("基地面积达12万平方米，版本12019-03-05。", 2025, None),
]


@pytest.mark.parametrize(("text", "expected"), WHOLE)
def test_iso_datetime(text: str, expected: str | None) -> None:
    assert iso_datetime(text) == expected


@pytest.mark.parametrize(("sentence", "year", "expected"), IN_TEXT)
def test_first_date_in_a_sentence(sentence: str, year: int | None, expected: str | None) -> None:
    found = next(dates_in(sentence, year), None)
    assert (found.date if found else None) == expected
    assert date_in(sentence, year) == expected  # what the extractor dates relations with


def test_the_span_is_the_date() -> None:
    text = "发布时间：2025-03-12 10:15 来源：江城日报"
    [found] = dates_in(text)
    assert text[found.start : found.end] == "2025-03-12 10:15"
    assert (found.iso, found.time) == ("2025-03-12T10:15", (10, 15))


PAGE = """<html><head><title>江城发布微短剧扶持政策</title>
<meta property="article:published_time" content="{meta}"></head>
<body><article><h1>江城发布微短剧扶持政策</h1><div>{line}</div>
<p>江城文化局发布微短剧扶持政策，单部作品最高奖励三百万元，首批二十家企业入驻基地。</p>
<p>政策明确对取得发行许可的作品给予资金支持，并设立专项基金扶持本地制作公司。</p>
</article></body></html>
"""


@pytest.mark.parametrize(
    ("meta", "line", "expected"),
    [
        ("2025-02-30T10:15:00+08:00", "2025年3月2日 来源：江城日报", "2025-03-02"),
        ("", "发布时间：2024年2月30日 更新时间：2024年3月1日 09:00", "2024-03-01T09:00"),
        ("", "By Jane Doe | Updated: July 2, 2023", "2023-07-02"),
        ("", "2024年2月 来源：江城日报", None),
    ],
)
def test_a_page_takes_its_first_real_date(tmp_path: Path, meta: str, line: str, expected: str | None) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE.format(meta=meta, line=line), encoding="utf-8")
    [article] = read_path(path)
    assert article.published_at == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("feed.txt", "江城发布微短剧扶持政策\n江城日报· 2024-02-30 10:00\n江城文化局发布扶持政策。\n"),
        (
            "news.jsonl",
            '{"title": "江城发布政策", "body": "江城文化局发布政策。", "date": "2023年2月29日"}\n',
        ),
    ],
)
def test_a_file_with_a_date_the_calendar_lacks_is_reported(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReadError, match="not a date"):
        read_path(path)
