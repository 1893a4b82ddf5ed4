"""Stage 1, read: feeds, JSON Lines and plain files, in several encodings, from real files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mdkg.ingest.errors import ReadError
from mdkg.ingest.read import decode_html, iter_files, read_path, walk

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
    pytest.param(
        '{"title": "标题", "body": "正文"}\n{"title": "标题", "body": "正文", "views": ' + "9" * 5000 + "}\n",
        2,
        "a number of more than 4300 digits",
        id="integer-too-long",
    ),
    pytest.param(
        '\n{"title": "标题", "body": ' + "[" * 100_000 + "]" * 100_000 + "}\n",
        2,
        "nested too deeply",
        id="nested-too-deeply",
    ),
    pytest.param('{"title": "标\\ud800题", "body": "正文"}\n', 1, "unpaired surrogate", id="lone-surrogate"),
]

BAD_FILE_CASES = [
    pytest.param("empty.txt", b"", None, "no articles", id="empty-txt"),
    pytest.param("blank.jsonl", b"\n  \n", None, "no articles", id="blank-jsonl"),
    pytest.param("title.txt", "只有标题\n\n".encode(), 1, "only a title", id="title-without-body"),
    pytest.param("x.csv", b"a,b\n", None, "unsupported file type", id="unsupported-suffix"),
    pytest.param(
        "header.txt", "微短剧\nSearch documents\n\n".encode(), 2, "page header", id="feed-header-only"
    ),
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

PORTAL_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>江城出台微短剧扶持措施 单部最高奖励三百万元_财经频道_江城新闻网</title>
<meta property="og:title" content="江城出台微短剧扶持措施 单部最高奖励三百万元">
<meta property="og:site_name" content="江城新闻网">
<meta property="article:published_time" content="2025-03-12T10:15:00+08:00">
<link rel="canonical" href="https://news.example.org/2025/03/12/drama.html">
<script>var pageConfig = {channel: "finance", text: "脚本里的文字"};</script>
<style>.article p { line-height: 1.8; }</style>
</head>
<body>
<div class="top-nav"><a href="/">首页</a> | <a href="/finance">财经</a> 2025年1月1日 星期三</div>
<h1 class="logo"><a href="/">江城新闻网</a></h1>
<div class="main">
  <div class="article">
    <h1>江城出台微短剧扶持措施 单部最高奖励三百万元</h1>
    <div class="date-source">2025年03月12日 10:15 来源：江城日报</div>
    <div class="share-bar">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div id="artibody">
      <p>　　江城市文化广电旅游局12日发布十二条措施，支持微短剧在本地创作和拍摄。</p>
      <p>　　按照措施，在江城完成主要拍摄的优质微短剧，按制作投入给予最高三百万元奖励。</p>
      <p>　　市财政每年安排五千万元专项资金，用于引进编剧、导演和制片人才。</p>
      <p>责任编辑：王晓</p>
    </div>
    <div class="related"><h3>相关新闻</h3><ul>
      <li><a href="/a">江城影视基地二期开工建设，计划明年投入使用</a></li>
      <li><a href="/b">江城举办微短剧创作大赛，吸引三百余部作品参赛</a></li>
    </ul></div>
  </div>
  <aside class="sidebar"><h3>排行榜</h3><p>侧栏里一段很长的推荐文字，不属于这篇新闻的正文内容。</p></aside>
</div>
<div id="comments"><p>网友评论：这个政策好，希望早日落地见效，期待更多好作品。</p></div>
<footer><p>版权所有 江城新闻网 未经授权禁止转载 联系电话 0000-0000000</p></footer>
</body>
</html>
"""

# An old table layout, lines split by <br>, declared gb2312.
GBK_PAGE = """<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>河畔微短剧基地正式开园 - 江城网</title>
</head>
<body>
<table width="100%"><tr><td class="nav"><a href="/">首页</a> <a href="/news">新闻</a></td></tr></table>
<table>
<tr><td><b>河畔微短剧基地正式开园</b></td></tr>
<tr><td>2024-11-20 18:05 来源：江城晚报 作者：李明</td></tr>
<tr><td class="content">
基地位于江城河畔新区，占地五万平方米，建有三十个拍摄场景和六个摄影棚。<br>
首批入驻的十二家制作公司来自北京、杭州和深圳，预计每年可拍摄微短剧三百部以上。<br>
运营方表示，基地将为剧组提供群演招募、服装道具和后期制作等一站式服务。<br>
【纠错】 【责任编辑：赵四】
</td></tr>
</table>
</body>
</html>
"""

BIG5_PAGE = """<!DOCTYPE html>
<html lang="zh-Hant">
<head>
<meta charset="big5">
<title>短劇產業聯盟成立 | 河畔新聞</title>
</head>
<body>
<nav><ul><li><a href="/">首頁</a></li><li><a href="/ent">娛樂</a></li></ul></nav>
<article>
<h1>短劇產業聯盟成立</h1>
<time datetime="2024-06-01T08:00:00+08:00">2024年6月1日</time>
<p>江城文化局牽頭成立微短劇產業聯盟，首批成員包括二十家製作公司和三所高校。</p>
<p>聯盟將搭建劇本交易、人才培訓和海外發行三個平台，推動本地微短劇走向國際市場。</p>
</article>
<footer>河畔新聞 版權所有</footer>
</body>
</html>
"""

# Upper-case tags, unclosed <p>, entities, a comment, a script writing markup, a hidden keyword
# block, and a blog's article whose class names a tag.
ENGLISH_PAGE = """<!doctype html>
<HTML lang="en">
<HEAD><TITLE>River City opens a studio park for short dramas - River City Post</TITLE>
<meta property="og:url" content="https://post.example.com/news/studio-park">
</HEAD>
<BODY>
<div id="header"><ul class="menu"><li><a href="/">Home</a><li><a href="/biz">Business</a></ul></div>
<div style="display: none">drama studio park film set rental crew hire short video backlot street sets</div>
<article class="post tag-drama">
<div class="byline">By Jane Doe | Updated: 2023-07-02 07:15</div>
<div class="text">
<P>River City opened a studio park for short-drama crews on Sunday, with twelve indoor sets and a backlot.
<P>The park&nbsp;is run by a local culture company &amp; rents its sets by the day.
<!-- <p>An old paragraph left in a comment.</p> -->
<P>Officials said the park could host ten crews at the same time.
</div>
<div class="tags">Tags: <a href="/t/drama">drama</a></div>
</article>
<script>document.write("<div>Text that a script writes</div>");</script>
</BODY>
</HTML>
"""

# Word's conditional comments, then markup html.parser gives up on: the text before it is kept.
BROKEN_PAGE = """<html><body><div class="content">
<p><![if !supportLists]>1.<![endif]>江城文化局公布首批微短剧精品扶持项目，共有十八部作品入选。</p>
<p>入选作品将获得拍摄补贴和宣传推广支持，其中三部聚焦非遗题材。</p>
</div><![ broken
"""

NO_ARTICLE_PAGE = """<html><head><title>404 - 页面不存在</title></head>
<body><div class="nav"><a href="/">返回首页</a></div></body></html>
"""

HTML_CASES = [
    pytest.param(
        "portal.html",
        PORTAL_PAGE.encode(),
        {
            "title": "江城出台微短剧扶持措施 单部最高奖励三百万元",
            "source": "江城新闻网",
            "published_at": "2025-03-12T10:15",
            "url": "https://news.example.org/2025/03/12/drama.html",
        },
        3,
        id="portal-with-furniture",
    ),
    pytest.param(
        "table.htm",
        GBK_PAGE.encode("gbk"),
        {
            "title": "河畔微短剧基地正式开园",
            "source": "江城晚报",
            "published_at": "2024-11-20T18:05",
            "url": None,
        },
        3,
        id="gbk-table-layout",
    ),
    pytest.param(
        "big5.html",
        BIG5_PAGE.encode("big5"),
        {"title": "短劇產業聯盟成立", "source": "河畔新聞", "published_at": "2024-06-01T08:00"},
        2,
        id="big5-time-element",
    ),
    pytest.param(
        "post.html",
        ENGLISH_PAGE.encode(),
        {
            "title": "River City opens a studio park for short dramas",
            "source": "River City Post",
            "published_at": "2023-07-02T07:15",
            "url": "https://post.example.com/news/studio-park",
        },
        3,
        id="english-tag-soup",
    ),
    pytest.param(
        "mislabelled.html",
        GBK_PAGE.encode(),
        {"title": "河畔微短剧基地正式开园", "source": "江城晚报"},
        3,
        id="utf-8-declared-gb2312",
    ),
]

# Text of the pages that is not the article's.
NOT_ARTICLE_TEXT = [
    "首页", "脚本", "分享到", "责任编辑", "相关新闻", "影视基地二期", "侧栏", "网友评论", "版权",
    "纠错", "Home", "Tags", "keyword", "rental", "script writes", "old paragraph", "星期三",
]  # fmt: skip

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


@pytest.mark.parametrize(("name", "data", "expected", "paragraphs"), HTML_CASES)
def test_html_page_is_its_article(
    tmp_path: Path, name: str, data: bytes, expected: dict[str, str | None], paragraphs: int
) -> None:
    [article] = read_path(_write(tmp_path, name, data))
    assert {key: getattr(article, key) for key in expected} == expected
    lines = article.body.splitlines()
    assert len(lines) == paragraphs, lines
    assert not [word for word in NOT_ARTICLE_TEXT if word in article.body]
    assert article.title not in article.body


def test_html_markup_the_parser_cannot_read(tmp_path: Path) -> None:
    [article] = read_path(_write(tmp_path, "word.html", BROKEN_PAGE))
    assert article.title.startswith("1.江城文化局公布首批微短剧精品扶持项目")
    assert article.body == "入选作品将获得拍摄补贴和宣传推广支持，其中三部聚焦非遗题材。"


def test_html_page_without_article_text(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no article text"):
        read_path(_write(tmp_path, "404.html", NO_ARTICLE_PAGE))


def test_html_charset_is_honoured_over_guessing(tmp_path: Path) -> None:
    """A short GBK page is often guessed as another code page; its declaration decides."""
    page = GBK_PAGE.replace("gb2312", "GBK").encode("gbk")
    assert decode_html(page, Path("x.html")) == GBK_PAGE.replace("gb2312", "GBK")


def test_iter_files_walks_folders_and_skips(tmp_path: Path) -> None:
    wanted = ["a.txt", "b.md", "c.jsonl", "d.json-lines", "sub/deeper/e.TXT", "f.html", "g.HTM"]
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


def test_a_folder_walk_passes_over_what_is_no_file_to_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "good.txt").write_text("标题\n来源· 2025-01-01 00:00\n正文。\n", encoding="utf-8")
    (corpus / "sub" / "inside.txt").symlink_to(corpus / "good.txt")
    (corpus / "out.txt").symlink_to(outside)
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "folder.txt").mkdir()
    os.mkfifo(corpus / "pipe.txt")
    files, skipped = walk([corpus])
    assert files == [corpus / "good.txt", corpus / "sub" / "inside.txt"]
    reasons = {path.name: reason for path, reason in skipped}
    assert reasons == {
        "out.txt": f"a link out of the folder (to {outside.resolve()}); not followed",
        "loop.txt": "a broken or looping link",
        "folder.txt": "a folder, not a file",
        "pipe.txt": "not a regular file (a pipe, socket or device)",
    }
    assert corpus / "out.txt" in walk([corpus], follow_links=True)[0]


def test_a_feed_whose_source_line_has_no_date_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "undated.txt"
    path.write_text("微短剧\nSearch documents\n滨海区发布扶持措施\n滨海日报·\n正文在此。\n", encoding="utf-8")
    with pytest.raises(ReadError, match="source line without a date") as error:
        read_path(path)
    assert error.value.position == 4


def test_a_control_character_in_a_title_keeps_the_feed_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "ctrl.txt"
    path.write_text(
        "微短剧\nSearch documents\n滨海区发布\x0c扶持措施\n滨海日报· 2025-05-01 10:00\n正文在此。\n",
        encoding="utf-8",
    )
    [article] = read_path(path)
    assert article.source == "滨海日报" and article.title.startswith("滨海区发布")
