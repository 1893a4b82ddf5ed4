"""Stage 1, read: feeds, JSON Lines and plain files, in several encodings, from real files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.errors import ReadError
from ingest.read import iso_datetime, iter_files, read_path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

FEED_WITH_BLANKS = """微短剧
Search documents
江城成立微短剧产业联盟
Jiang Cheng Ri Bao· 2025-03-01 09:30
江城文化局牵头成立微短剧产业联盟,首批成员二十家。

河畔影视基地正式开放
江城晚报・ 2024-11-20 18:05
基地占地五万平方米,设有三十个拍摄场景。
运营方表示将吸引更多剧组入驻。
"""

FEED_WITHOUT_BLANKS = """江城成立微短剧产业联盟
Jiang Cheng Ri Bao· 2025-03-01 09:30
江城文化局牵头成立微短剧产业联盟,首批成员二十家。
河畔影视基地正式开放
江城晚报・ 2024-11-20 18:05
基地占地五万平方米,设有三十个拍摄场景。
运营方表示将吸引更多剧组入驻。
River City opens a studio park for short dramas
River City Post • 2023-07-02 7:15
The park offers twelve sets for short-drama crews.
"""

FEED_CASES = [
    pytest.param(
        FEED_WITH_BLANKS,
        [
            ("江城成立微短剧产业联盟", "Jiang Cheng Ri Bao", "2025-03-01T09:30", 1),
            ("河畔影视基地正式开放", "江城晚报", "2024-11-20T18:05", 2),
        ],
        id="header-and-blank-lines",
    ),
    pytest.param(
        FEED_WITHOUT_BLANKS,
        [
            ("江城成立微短剧产业联盟", "Jiang Cheng Ri Bao", "2025-03-01T09:30", 1),
            ("河畔影视基地正式开放", "江城晚报", "2024-11-20T18:05", 2),
            ("River City opens a studio park for short dramas", "River City Post", "2023-07-02T07:15", 1),
        ],
        id="body-runs-into-next-title",
    ),
    pytest.param(
        "短剧节开幕\n2025江城・短剧周· 2025-05-05 10:00\n短剧节在江城开幕。\n",
        [("短剧节开幕", "2025江城・短剧周", "2025-05-05T10:00", 1)],
        id="middle-dot-inside-source-name",
    ),
]

SIMPLIFIED_TEXT = "江城发布微短剧扶持政策\n江城文化局发布十条措施,支持本地企业拍摄微短剧,最高奖励五百万元。\n"
TRADITIONAL_TEXT = (
    "江城發佈微短劇扶持政策\n江城文化局發佈十條措施,支持本地企業拍攝微短劇,最高獎勵五百萬元。\n"
)

ENCODING_CASES = [
    pytest.param("gbk", SIMPLIFIED_TEXT, id="gbk"),
    pytest.param("gb18030", SIMPLIFIED_TEXT, id="gb18030"),
    pytest.param("big5", TRADITIONAL_TEXT, id="big5"),
    pytest.param("utf-8-sig", SIMPLIFIED_TEXT, id="utf-8-with-bom"),
    pytest.param("utf-16", TRADITIONAL_TEXT, id="utf-16-with-bom"),
]

JSONL_CASES = [
    pytest.param(
        {
            "title": "江城短剧基地开园",
            "content": "基地首批入驻十家企业。",
            "source": "江城日报",
            "published_at": "2025-06-01T08:00:00+08:00",
            "url": "https://example.org/a",
        },
        {"title": "江城短剧基地开园", "body": "基地首批入驻十家企业。", "source": "江城日报"}
        | {"published_at": "2025-06-01T08:00", "url": "https://example.org/a", "language": None},
        id="content-and-published_at",
    ),
    pytest.param(
        {"title": "A studio park opens", "body": "Ten firms moved in.", "date": "2025/6/1 8:05"},
        {"title": "A studio park opens", "body": "Ten firms moved in.", "published_at": "2025-06-01T08:05"},
        id="body-and-date",
    ),
    pytest.param(
        {"title": "短劇基地開園", "content": "  ", "text": "首批入駐十家企業。", "language": "zh-Hant"},
        {"body": "首批入駐十家企業。", "language": "zh-Hant", "published_at": None, "source": ""},
        id="blank-content-falls-back-to-text",
    ),
    pytest.param(
        {"title": "短剧周", "text": "短剧周开幕。", "date": "2024年5月6日", "extra": [1, 2]},
        {"published_at": "2024-05-06", "url": None},
        id="chinese-date-and-unknown-keys",
    ),
]

BAD_JSONL_CASES = [
    pytest.param('{"title": "好", "text": "正文"}\n{not json\n', 2, "not JSON", id="not-json"),
    pytest.param('\n\n["title", "text"]\n', 3, "not a JSON object", id="not-an-object"),
    pytest.param('{"content": "正文"}\n', 1, "no title", id="no-title"),
    pytest.param('{"title": "标题", "url": "https://example.org"}\n', 1, "no body", id="no-body"),
    pytest.param('{"title": "标题", "body": 3}\n', 1, "not a string", id="body-not-a-string"),
    pytest.param('{"title": "标题", "body": "正文", "date": "soon"}\n', 1, "not a date", id="bad-date"),
]

BAD_FILE_CASES = [
    pytest.param("empty.txt", b"", None, "no articles", id="empty-txt"),
    pytest.param("blank.jsonl", b"\n  \n", None, "no articles", id="blank-jsonl"),
    pytest.param("title.txt", "只有标题\n\n".encode(), 1, "only a title", id="title-without-body"),
    pytest.param("x.csv", b"a,b\n", None, "unsupported file type", id="unsupported-suffix"),
    pytest.param("bin.txt", bytes(range(256)) * 4, None, "undecodable", id="binary"),
    pytest.param(
        "orphan.txt",
        "Jiang Cheng Ri Bao· 2025-03-01 09:30\n正文\n".encode(),
        1,
        "no title",
        id="feed-no-title",
    ),
    pytest.param(
        "nobody.txt",
        "标题一\n江城日报· 2025-03-01 09:30\n标题二\n江城日报· 2025-03-02 09:30\n正文\n".encode(),
        2,
        "no body",
        id="feed-article-without-body",
    ),
    pytest.param(
        "baddate.txt",
        "标题\n江城日报· 2025-02-30 09:30\n正文\n".encode(),
        2,
        "not a date",
        id="feed-bad-date",
    ),
]

PLAIN_CASES = [
    pytest.param("note.txt", "\n\n江城短剧产业观察\n\n第一段。\n\n第二段。\n", "江城短剧产业观察", id="txt"),
    pytest.param(
        "note.md", "# Short dramas in River City\n\nFirst paragraph.\n", "Short dramas in River City", id="md"
    ),
]

ISO_CASES = [
    ("2025-03-01 09:30", "2025-03-01T09:30"),
    ("2025-3-1 9:05", "2025-03-01T09:05"),
    ("2025-03-01T09:30:15Z", "2025-03-01T09:30"),
    ("2025/03/01", "2025-03-01"),
    ("2025年3月1日", "2025-03-01"),
    ("2025-13-01", None),
    ("yesterday", None),
]

CORPUS_CASES = [("000_c1d3601ce5bf4ed0", 10), ("news-dev", 14)]


def _write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


@pytest.mark.parametrize(("text", "expected"), FEED_CASES)
def test_feed_articles(tmp_path: Path, text: str, expected: list[tuple[str, str, str, int]]) -> None:
    articles = read_path(_write(tmp_path, "feed.txt", text))
    found = [(a.title, a.source, a.published_at, len(a.body.splitlines())) for a in articles]
    assert found == expected
    assert [a.position for a in articles] == list(range(1, len(expected) + 1))


@pytest.mark.parametrize(("encoding", "text"), ENCODING_CASES)
def test_encodings(tmp_path: Path, encoding: str, text: str) -> None:
    [article] = read_path(_write(tmp_path, "plain.txt", text.encode(encoding)))
    title, body = text.strip().split("\n")
    assert (article.title, article.body) == (title, body)


@pytest.mark.parametrize(("record", "expected"), JSONL_CASES)
def test_jsonl_fields(tmp_path: Path, record: dict[str, object], expected: dict[str, object]) -> None:
    line = json.dumps(record, ensure_ascii=False)
    [article] = read_path(_write(tmp_path, "a.jsonl", line + "\n"))
    assert {key: getattr(article, key) for key in expected} == expected


def test_jsonl_positions_skip_blank_lines(tmp_path: Path) -> None:
    lines = [json.dumps({"title": f"标题{n}", "text": "正文"}, ensure_ascii=False) for n in (1, 2)]
    articles = read_path(_write(tmp_path, "a.json-lines", f"{lines[0]}\n\n{lines[1]}\n"))
    assert [(a.position, a.title) for a in articles] == [(1, "标题1"), (2, "标题2")]


def test_txt_holding_json_lines_is_read_as_jsonl(tmp_path: Path) -> None:
    line = json.dumps({"title": "标题", "text": "正文"}, ensure_ascii=False)
    [article] = read_path(_write(tmp_path, "export.txt", line))
    assert (article.title, article.body) == ("标题", "正文")


@pytest.mark.parametrize(("content", "line", "reason"), BAD_JSONL_CASES)
def test_bad_jsonl_rejects_file(tmp_path: Path, content: str, line: int, reason: str) -> None:
    path = _write(tmp_path, "bad.jsonl", content)
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert (caught.value.path, caught.value.position) == (path, line)
    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert reason in caught.value.reason
    assert caught.value.code == "read_error"


@pytest.mark.parametrize(("name", "data", "position", "reason"), BAD_FILE_CASES)
def test_bad_files(tmp_path: Path, name: str, data: bytes, position: int | None, reason: str) -> None:
    path = _write(tmp_path, name, data)
    with pytest.raises(ReadError) as caught:
        read_path(path)
    assert caught.value.position == position
    assert reason in caught.value.reason
    assert str(caught.value).startswith(str(path))


@pytest.mark.parametrize(("name", "text", "title"), PLAIN_CASES)
def test_plain_file_is_one_article(tmp_path: Path, name: str, text: str, title: str) -> None:
    [article] = read_path(_write(tmp_path, name, text))
    assert article.title == title
    assert article.body.strip() and title not in article.body
    assert (article.source, article.published_at) == ("", None)


@pytest.mark.parametrize(("text", "expected"), ISO_CASES)
def test_iso_datetime(text: str, expected: str | None) -> None:
    assert iso_datetime(text) == expected


def test_iter_files_walks_folders_and_skips(tmp_path: Path) -> None:
    wanted = ["a.txt", "b.md", "c.jsonl", "d.json-lines", "sub/deeper/e.TXT"]
    skipped = ["x.gold.jsonl", ".hidden.txt", ".git/f.txt", "notes.csv", "sub/README"]
    for name in wanted + skipped:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("标题\n正文\n", encoding="utf-8")
    single = tmp_path / "a.txt"
    assert iter_files([tmp_path, single]) == sorted(tmp_path / name for name in wanted)
    assert iter_files([tmp_path / "x.gold.jsonl"]) == []


def test_iter_files_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        iter_files([tmp_path / "absent"])


@pytest.mark.parametrize(("stem", "count"), CORPUS_CASES)
def test_shared_corpus_titles(stem: str, count: int) -> None:
    text, gold = CORPUS / f"{stem}.txt", CORPUS / f"{stem}.gold.jsonl"
    if not (text.exists() and gold.exists()):
        pytest.skip(f"shared corpus not found at {CORPUS.resolve()}")
    gold_titles = {
        json.loads(line)["title"] for line in gold.read_text(encoding="utf-8").splitlines() if line
    }
    articles = read_path(text)
    assert len(articles) == count
    assert {a.title for a in articles} <= gold_titles
    assert all(a.source and a.published_at for a in articles)
