"""HTML news pages reduced to their article: title, date, outlet, URL and the main text block."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from mdkg.ingest.dates import FoundDate, dates_in
from mdkg.ingest.errors import ReadError
from mdkg.ingest.read.text import decode
from mdkg.ingest.types import RawArticle

_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# How far into a page to look for its charset (the HTML standard says 1024 bytes; pages are lax).
_CHARSET_SCAN = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
# Declared labels mapped to the superset that browsers decode them with.
_CHARSET_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "cp950"}
_NOT_DECLARED = frozenset({"utf-8", "ascii", "latin-1", "iso8859-1", "cp1252"})


def decode_html(data: bytes, path: Path) -> str:
    """Text of a page: UTF-8 when valid, else the charset its `<meta>` declares, else detected."""
    declared = _declared_charset(data[:_CHARSET_SCAN])
    if declared is not None and not data.startswith(_BOMS):
        try:
            return data.decode("utf-8")  # valid UTF-8 is UTF-8, whatever the page says
        except UnicodeDecodeError:
            pass
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # a wrong declaration: detect
    return decode(data, path)


def _declared_charset(head: bytes) -> str | None:
    """The Python codec for a page's declared charset; None for none, UTF-8 or a Western one."""
    match = _META_CHARSET.search(head)
    if match is None:
        return None
    label = match[1].decode("ascii").lower()
    try:
        name = codecs.lookup(_CHARSET_SUPERSETS.get(label, label)).name
    except LookupError:
        return None
    # A Chinese page declared Latin-1 or ASCII is mislabelled more often than not.
    return None if name in _NOT_DECLARED else name


# --- HTML --------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    "address article aside blockquote body center dd details dialog dir div dl dt fieldset figcaption"
    " figure footer form h1 h2 h3 h4 h5 h6 header hr html li main menu nav ol p pre section summary"
    " table tbody td tfoot th thead tr ul".split()
)
_VOID_TAGS = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# Elements whose text is never the article's.
_SKIP_TAGS = frozenset(
    "head script style noscript template nav footer aside iframe svg button select textarea"
    " object canvas".split()
)
# Implicitly closed by the next one of their kind (`<p>` by any block).
_SELF_CLOSING = frozenset("li dt dd tr td th option".split())
# class or id words of page furniture: navigation, sharing, comments, related links, ads.
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|footer|foot|sidebar|side|share|sharing|social|comments?|reply"
    r"|breadcrumbs?|crumbs?|related|recommend|hot|rank|copyright|advert|ads?|banner|login|toolbar"
    r"|tags?|pager|pagination|pinglun)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Words of class and id that mark the story's own container, which is never furniture.
_CONTENT_NAMES = re.compile(r"article|content|main|post|entry|story|text|body|detail", re.IGNORECASE)
# Lines of the page around the story: editors, sources, widgets.
_EDITOR_LINE = re.compile(
    r"^[\[【(（]?\s*(?:(?:责任编辑|编辑|责编|(?:本文|文章|稿件|图片)?来源|稿源|作者|原标题|校对|审核|监制|免责声明"
    r"|版权声明|editor|source)\s*[:：]|分享到|扫一扫|打印本页|关闭窗口|返回顶部|相关阅读|相关新闻|推荐阅读|延伸阅读"
    r"|上一篇|下一篇|【纠错】|纠错|举报|点击进入|您的浏览器)",
    re.IGNORECASE,
)
_MAX_FURNITURE_LINE = 120
# Labels of a dateline ("2025-03-12 10:00 来源：江城日报", "By Jane Doe | Updated: 2023-07-02").
_DATELINE_LABEL = re.compile(
    r"(?:来源|作者|编辑|记者|发布时间|更新时间|发稿时间|日期|浏览|点击|阅读|字号)\s*[:：]"
    r"|updated:|published:|^by ",
    re.IGNORECASE,
)
_SOURCE_IN_TEXT = re.compile(
    r"(?<!图片)(?<!资料)(?:来源|稿源)\s*[:：]\s*([^\s|丨/,，;；:：]{2,30}?)(?=作者|编辑|记者|责任编辑|发布|时间|[\s|丨/,，;；:：]|$)"
)
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|｜_]\s+|\s*[_|｜]\s*|(?<=[\u4e00-\u9fff])[-–－]+(?=[\u4e00-\u9fff])")
# Word's conditional comments (`<![if !supportLists]>`), which html.parser cannot read.
_MARKED_SECTION = re.compile(r"<!\[(?!CDATA\[)[^<>]*\]>")
_CLAUSE_END = re.compile(r"[，,。.;；！!？?、:：]")
# A line counts at most this many characters a clause: a long line without punctuation
# (a keyword list) counts little.
_CLAUSE_CHARS = 50
# <meta> names and properties of the publication date, the most specific first.
_DATE_META = (
    "article:published_time og:article:published_time datepublished pubdate publishdate publish_date"
    " publish-date publishtime published_time dc.date.issued dc.date date"
).split()
# A paragraph must have this many characters to count towards its block's score.
_MIN_PARAGRAPH = 10
# Paragraphs more than this share of whose text is links are navigation.
_MAX_LINK_SHARE = 0.5
# Lines before and after the article searched for its date and source.
_LEAD_LINES = 8
_TAIL_LINES = 3


@dataclass
class _Open:
    """An open element: the block its text belongs to, and whether it is skipped or a link."""

    tag: str
    block: int
    skip: bool
    link: bool


@dataclass
class _Line:
    """One line of text: in `block`, with the share of it inside links."""

    text: str
    block: int
    links: float


class _PageParser(HTMLParser):
    """Splits a page into lines of text, each in a numbered block (block 0 is the page)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self.title = ""
        self.times: list[str] = []
        self.lines: list[_Line] = []
        self.parents, self.tags, self.leaf = [-1], ["#page"], [False]
        self._stack = [_Open("#page", 0, False, False)]
        self._pieces: list[tuple[str, bool]] = []  # text of the open line: (piece, inside a link)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag in ("meta", "link", "time"):
            self._note(tag, a)
        if tag == "br":
            self._pieces.append(("\n", False))
        if tag in _VOID_TAGS:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            top = self._stack[-1].tag
            if top == "p" or (tag == top and tag in _SELF_CLOSING):
                self._stack.pop()
        top_open = self._stack[-1]
        block = top_open.block
        if tag in _BLOCK_TAGS:
            block = len(self.parents)
            self.parents.append(top_open.block)
            self.tags.append(tag)
            self.leaf.append(True)
            self.leaf[top_open.block] = False
        furniture = tag not in ("html", "body", "article", "main") and _is_furniture(a)
        skip = top_open.skip or tag in _SKIP_TAGS or furniture
        self._stack.append(_Open(tag, block, skip, top_open.link or tag == "a"))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, 0, -1):
            if self._stack[depth].tag == tag:
                if any(o.block != self._stack[depth - 1].block for o in self._stack[depth:]):
                    self._flush()
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        top = self._stack[-1]
        if top.tag == "title" and not any(o.tag == "svg" for o in self._stack):
            self.title += data
        elif not top.skip:
            self._pieces.append((data.replace("\n", " "), top.link))

    def close(self) -> None:
        super().close()
        self.close_lines()

    def close_lines(self) -> None:
        self._flush()

    def _note(self, tag: str, a: dict[str, str]) -> None:
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content", "").strip():
                self.meta.setdefault(key, a["content"].strip())
        elif tag == "link":
            for rel in a.get("rel", "").lower().split():
                self.links.setdefault(rel, a.get("href", "").strip())
        elif a.get("datetime"):
            self.times.append(a["datetime"])

    def _flush(self) -> None:
        """Close the open line(s) of text: `<br>` splits lines, whitespace collapses."""
        block, pieces, self._pieces = self._stack[-1].block, self._pieces, []
        text: list[str] = []
        linked = 0
        for piece, link in [*pieces, ("\n", False)]:
            if piece != "\n":
                text.append(piece)
                linked += len(piece.strip()) if link else 0
                continue
            line = " ".join("".join(text).split())
            if line:
                self.lines.append(_Line(line, block, min(1.0, linked / len(line))))
            text, linked = [], 0


def _is_furniture(attrs: dict[str, str]) -> bool:
    """Hidden, or named as navigation, sharing, comments, ads and the like (and not as content)."""
    if "hidden" in attrs or "display:none" in attrs.get("style", "").replace(" ", "").lower():
        return True
    names = f"{attrs.get('class', '')} {attrs.get('id', '')}"
    return _FURNITURE.search(names) is not None and _CONTENT_NAMES.search(names) is None


def parse_html(text: str, path: Path) -> list[RawArticle]:
    """A news page as one article; `ReadError` when no article text is found."""
    page = _PageParser()
    try:
        page.feed(_MARKED_SECTION.sub("", text))
        page.close()
    except AssertionError:  # markup html.parser gives up on: keep what came before it
        page.close_lines()
    title = _page_title(page)
    body, around = _article_lines(page, title)
    if not body:
        raise ReadError(path, "no article text found in the page")
    if not title:
        title, body = body[0], body[1:] or body
    return [
        RawArticle(
            path=path,
            position=1,
            title=title,
            body="\n".join(body),
            source=_page_source(page, around, title),
            published_at=_page_date(page, around),
            url=_page_url(page),
        )
    ]


def _article_lines(page: _PageParser, title: str) -> tuple[list[str], list[str]]:
    """The article's lines, and lines to find its date and source in, nearest first.

    A line of ten characters or more, mostly not links, scores its length for the block that
    holds it (its parent, if it is a leaf block such as `<p>`) and half that for the
    holder's parent; the article is the best-scoring block.
    """
    score: dict[int, float] = {}
    for line in page.lines:
        if len(line.text) >= _MIN_PARAGRAPH and line.links <= _MAX_LINK_SHARE:
            holder = page.parents[line.block] if page.leaf[line.block] and line.block else line.block
            clauses = 1 + len(_CLAUSE_END.findall(line.text))
            weight = min(len(line.text), _CLAUSE_CHARS * clauses) * (1 - line.links)
            score[holder] = score.get(holder, 0.0) + weight
            if holder > 0:
                score[page.parents[holder]] = score.get(page.parents[holder], 0.0) + weight / 2
    if not score:
        return [], []
    best = max(score, key=lambda block: score[block])
    inside = [i for i, line in enumerate(page.lines) if _within(page, line.block, best)]
    before = [page.lines[i].text for i in range(inside[0] - 1, max(-1, inside[0] - 1 - _LEAD_LINES), -1)]
    body: list[str] = []
    meta: list[str] = []
    for line in (page.lines[i] for i in inside):
        if line.links > _MAX_LINK_SHARE or line.text == title or page.tags[line.block] == "h1":
            continue
        furniture = _EDITOR_LINE.match(line.text) or _is_dateline(line.text)
        (meta if furniture and len(line.text) <= _MAX_FURNITURE_LINE else body).append(line.text)
    after = [line.text for line in page.lines[inside[-1] + 1 : inside[-1] + 1 + _TAIL_LINES]]
    return body, meta + before + body[:2] + after


def _within(page: _PageParser, block: int, ancestor: int) -> bool:
    while block > ancestor:
        block = page.parents[block]
    return block == ancestor


def _is_dateline(line: str) -> bool:
    """A line holding a date and labels or little else, such as "2025-03-12 10:00 来源：江城日报"."""
    found = _full_date(line)
    return found is not None and (
        len(line) - (found.end - found.start) < 12 or _DATELINE_LABEL.search(line) is not None
    )


def _page_title(page: _PageParser) -> str:
    """The `<h1>` that the page's own title names, else `og:title`, else `<title>` less its site."""
    named = page.meta.get("og:title") or page.meta.get("twitter:title") or _without_site(page.title)
    heads = [line.text for line in page.lines if page.tags[line.block] == "h1"]
    for head in heads:
        if named and (head in named or named in head):
            return head
    return named or (heads[0] if heads else "")


def _without_site(title: str) -> str:
    """The longest part between separators: "江城发布微短剧扶持政策_财经_新浪网" → its first part."""
    return max(_title_parts(title), key=len, default="")


def _title_parts(title: str) -> list[str]:
    return [" ".join(part.split()) for part in _TITLE_SEPARATOR.split(title) if part and part.strip()]


def _page_date(page: _PageParser, around: list[str]) -> str | None:
    candidates = [page.meta.get(key, "") for key in _DATE_META] + page.times + around
    found = next((d for d in map(_full_date, candidates) if d is not None), None)
    return None if found is None else found.iso


def _full_date(text: str) -> FoundDate | None:
    """The first date of a text that gives its day."""
    return next((d for d in dates_in(text) if d.day), None)


def _page_source(page: _PageParser, around: list[str], title: str) -> str:
    """`og:site_name`, else a "来源：X" line, else the site that ends the page's `<title>`."""
    site = page.meta.get("og:site_name") or page.meta.get("application-name")
    if site:
        return site.strip()
    for text in [page.meta.get("source", ""), *around]:
        match = _SOURCE_IN_TEXT.search(text)
        if match is not None:
            return match[1]
    parts = _title_parts(page.title)
    return parts[-1] if len(parts) > 1 and parts[-1] != title else ""


def _page_url(page: _PageParser) -> str | None:
    for url in (page.links.get("canonical", ""), page.meta.get("og:url", "")):
        if url.startswith(("http://", "https://")):
            return url
    return None
