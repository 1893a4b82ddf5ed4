"""Stage 2, normalise: clean text, simplified characters, a content-hash id."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mdkg.graph.ontology import article_id
from mdkg.ingest.normalise import clean_body, clean_line, detect_language, normalise, to_simplified
from mdkg.ingest.types import RawArticle

BODY_CASES = [
    pytest.param("全球 票房冠军", "全球票房冠军", id="wrap-space-between-han"),
    pytest.param("企 业 发展", "企业发展", id="several-wrap-spaces"),
    pytest.param("他说 “你好” 了", "他说“你好”了", id="space-next-to-chinese-punctuation"),
    pytest.param("《江城故事》 上线", "《江城故事》上线", id="space-after-book-title"),
    pytest.param("在 AIGC 时代", "在 AIGC 时代", id="space-next-to-latin-kept"),
    pytest.param("micro  drama\tindustry ", "micro drama industry", id="latin-spaces-collapsed"),
    pytest.param("ＡＩＧＣ赋能１２３部短剧", "AIGC赋能123部短剧", id="full-width-to-half-width"),
    pytest.param("首批成员二十家，覆盖全产业链", "首批成员二十家,覆盖全产业链", id="full-width-comma"),
    pytest.param("微\u200b短剧", "微短剧", id="zero-width-space"),
    pytest.param("第一段。\n\n\n  第二段。  \n", "第一段。\n第二段。", id="blank-lines-dropped"),
    pytest.param("产业规模突破百亿元……", "产业规模突破百亿元", id="trailing-double-ellipsis"),
    pytest.param("产业规模突破百亿元 ...", "产业规模突破百亿元", id="trailing-dots"),
    pytest.param("The park opened …", "The park opened", id="trailing-ellipsis-latin"),
    pytest.param("百亿元……之后", "百亿元……之后", id="inner-ellipsis-kept"),
    pytest.param("微短劇產業協會", "微短剧产业协会", id="traditional-to-simplified"),
    pytest.param("cafe\u0301，ｃａｆｅ\u0301", "café,café", id="full-width-and-combining-marks"),
]

LINE_CASES = [
    pytest.param("短剧基地开园  首批剧组入驻", "短剧基地开园 首批剧组入驻", id="headline-halves-kept"),
    pytest.param(" Jiang Cheng Ri Bao ", "Jiang Cheng Ri Bao", id="pinyin-source"),
    pytest.param("經濟日報", "经济日报", id="traditional-source"),
]

LANGUAGE_CASES = [
    pytest.param("江城发布微短剧扶持政策", "zh", id="chinese"),
    pytest.param("River City issued a policy for short dramas", "en", id="english"),
    pytest.param("AIGC technology 赋能江城短剧产业发展", "zh", id="chinese-with-latin-terms"),
    pytest.param(
        "The Jiangcheng (江城) studio park opened on Monday with twelve sets", "en", id="english-with-han"
    ),
    pytest.param("2025 ...", "zh", id="no-letters"),
]

GIVEN_LANGUAGE_CASES = [("zh-Hans", "zh"), ("EN", "en"), ("en_US", "en"), (None, "en"), ("  ", "en")]

# OpenCC's t2s: phrases first (the longest, then the leftmost, then it looks again), then characters.
T2S_CASES = [
    (
        "江城發佈微短劇扶持政策,乾隆年間的著名故事被改編為短劇。",
        "江城发布微短剧扶持政策,乾隆年间的著名故事被改编为短剧。",
    ),
    (
        "頭髮、麵條、瞭解、著作、於是 —— 後續將於海外平台發行!",
        "头发、面条、了解、著作、于是 —— 后续将于海外平台发行!",
    ),
    ("江城发布微短剧扶持政策,没有繁体字。", "江城发布微短剧扶持政策,没有繁体字。"),
    ("Mixed 繁體 and Latin-text, 以及「引號」《書名》…", "Mixed 繁体 and Latin-text, 以及「引号」《书名》…"),
    ("藉藉槁", "藉藉槁"),
    ("藉藉無名的資鱷適賅藉藉槁", "藉藉无名的资鳄适赅藉藉槁"),
    ("羽電覆盆", "羽电复盆"),
    ("憑藉著覆盆子,藉助於", "凭借著覆盆子,借助于"),
    ("\U00020000頭髮\n麵條", "\U00020000头发\n面条"),  # outside the BMP, and across lines
    ("River City issued a policy", "River City issued a policy"),
]

# Every whitespace character but the newline and the carriage return (which ends a line).
OTHER_SPACES = [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c not in "\n\r"]


def _raw(title: str, body: str, source: str = "", **optional: str | None) -> RawArticle:
    return RawArticle(path=Path("sample.txt"), position=3, title=title, body=body, source=source, **optional)


@pytest.mark.parametrize(("raw", "expected"), BODY_CASES)
def test_clean_body(raw: str, expected: str) -> None:
    assert clean_body(raw) == expected


@pytest.mark.parametrize("space", OTHER_SPACES, ids=[f"U+{ord(c):04X}" for c in OTHER_SPACES])
def test_every_space_collapses(space: str) -> None:
    assert clean_body(f"a{space}b  c{space}{space}d") == "a b c d"
    assert clean_line(f" a{space}b ") == "a b"


@pytest.mark.parametrize(("raw", "expected"), LINE_CASES)
def test_clean_line(raw: str, expected: str) -> None:
    assert clean_line(raw) == expected


@pytest.mark.parametrize(("text", "expected"), LANGUAGE_CASES)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(("given", "expected"), GIVEN_LANGUAGE_CASES)
def test_given_language_wins_over_detection(given: str | None, expected: str) -> None:
    document = normalise(_raw("A studio park opens", "Ten firms moved in.", language=given))
    assert document.article.language == expected


@pytest.mark.parametrize(("text", "expected"), T2S_CASES)
def test_to_simplified(text: str, expected: str) -> None:
    assert to_simplified(text) == expected


def test_normalise_builds_document() -> None:
    raw = _raw(
        "江城成立微短剧产业联盟",
        "江城文化局牵头成立 微短剧产业联盟。\n\n首批成员二十家……",
        source="Jiang Cheng Ri Bao",
        published_at="2025-03-01T09:30",
        url=" https://example.org/a ",
    )
    document = normalise(raw)
    assert document.text == "江城成立微短剧产业联盟\n江城文化局牵头成立微短剧产业联盟。\n首批成员二十家"
    assert (document.path, document.position) == (raw.path, raw.position)
    article = document.article
    assert article.id == article_id(document.text)
    assert (article.title, article.source, article.language) == (
        "江城成立微短剧产业联盟",
        "Jiang Cheng Ri Bao",
        "zh",
    )
    assert (article.published_at, article.url) == ("2025-03-01T09:30", "https://example.org/a")


def test_same_content_same_id() -> None:
    simplified = normalise(_raw("江城发布微短剧政策", "江城文化局发布十条措施。"))
    traditional = normalise(_raw("江城發佈微短劇政策", "江城文化局發佈十條 措施。"))
    other = normalise(_raw("江城发布微短剧政策", "江城文化局发布九条措施。"))
    assert simplified.article.id == traditional.article.id != other.article.id
