"""Stage 2, normalise: `RawArticle` → `Document` with clean, simplified text and an `Article`.

Text is NFKC-normalised (full-width letters and digits become half-width; the
ellipsis "…" is kept), zero-width characters dropped, whitespace collapsed,
spaces between Chinese characters (line-wrap artefacts: "全球 票房冠军")
removed, a trailing cut-off marker ("…", "...") stripped, and traditional
characters converted to simplified. Spaces between Latin words stay. Titles
keep their inner spaces: a space there separates the two halves of a headline.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from importlib.resources import files

from opencc import OpenCC

from graph.ontology import Article, article_id
from ingest.types import Document, RawArticle

# Share of Han among Han and Latin letters above which a text is Chinese. One
# Chinese character is about one word, an English word about five letters.
ZH_SHARE = 0.2

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "\u3001-\u303f\u2018\u2019\u201c\u201d\u2026\u2014"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_LATIN_RUN = re.compile(r"[A-Za-z]+")
# Spaces are single when this runs; starting the pattern with the space keeps it fast.
_CJK_GAP = re.compile(f" (?:(?<=[{_HAN}] )(?=[{_HAN}{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}] )(?=[{_HAN}]))")
_SPACES = re.compile(r"[^\S\n]+")
_SUBTAG = re.compile(r"[-_]")
_CUT_OFF_ENDS = ("\u2026", "\u22ef", "...")
_CUT_OFF_CHARS = "\u2026\u22ef. \t\n"
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# NFKC would turn the ellipsis into three full stops; it is kept by hiding it
# behind a private-use character for the duration.
_ELLIPSIS, _HIDDEN = "\u2026", "\ue000"
# Characters OpenCC splits text on (`OpenCC.split_chars_re`), the common ones only.
_T2S_SEPARATORS = re.compile(
    "([\\s\\-,.?!*\u3001\u3002\u2026\u201c\u201d\u2018\u2019\u300a\u300b\u300c\u300d\u300e\u300f\u2014]+)"
)


# --- the stage ---------------------------------------------------------------------


def normalise(raw: RawArticle) -> Document:
    """Clean one article and give it its content-hash id."""
    original = f"{_line(raw.title)}\n{_body(raw.body)}"
    text = to_simplified(original)
    title = text.split("\n", 1)[0]
    article = Article(
        id=article_id(text),
        title=title,
        source=clean_line(raw.source),
        published_at=raw.published_at,
        url=raw.url.strip() if raw.url else None,
        language=_language_tag(raw.language) or detect_language(text),
    )
    # The text before traditional → simplified, kept when it differs and lines up character for
    # character, so the extractor can keep a name's original form as an alias.
    aligned = original if original != text and len(original) == len(text) else None
    return Document(
        article=article,
        text=text,
        path=raw.path,
        position=raw.position,
        original_title=raw.title,
        original_text=aligned,
    )


def clean_line(text: str) -> str:
    """A one-line text: normalised, simplified, whitespace collapsed, inner spaces kept."""
    return to_simplified(_line(text))


def clean_body(text: str) -> str:
    """A body: one paragraph a line, no blank lines, no wrap spaces, no trailing cut-off marker."""
    return to_simplified(_body(text))


def _line(text: str) -> str:
    return _SPACES.sub(" ", _unify(text).replace("\n", " ")).strip()


def _body(text: str) -> str:
    lines = (_CJK_GAP.sub("", line).strip() for line in _SPACES.sub(" ", _unify(text)).split("\n"))
    return _strip_cut_off("\n".join(line for line in lines if line))


def _strip_cut_off(body: str) -> str:
    """Drop the "…", "……" or "..." that marks a body cut off mid-sentence."""
    return body.rstrip(_CUT_OFF_CHARS) if body.endswith(_CUT_OFF_ENDS) else body


def _unify(text: str) -> str:
    hidden = text.replace(_ELLIPSIS, _HIDDEN)
    unified = unicodedata.normalize("NFKC", hidden).replace(_HIDDEN, _ELLIPSIS)
    return _ZERO_WIDTH.sub("", unified).replace("\r\n", "\n").replace("\r", "\n")


# --- language ----------------------------------------------------------------------


def detect_language(text: str) -> str:
    """Return "zh" when Han characters make up more than `ZH_SHARE` of the letters, else "en"."""
    han = sum(map(len, _HAN_RUN.findall(text)))
    latin = sum(map(len, _LATIN_RUN.findall(text)))
    if han + latin == 0:
        return "zh"
    return "zh" if han / (han + latin) > ZH_SHARE else "en"


def _language_tag(given: str | None) -> str | None:
    """The primary subtag of a given language: "zh-Hans" → "zh", "en_US" → "en"."""
    if not given or not given.strip():
        return None
    return _SUBTAG.split(given.strip(), maxsplit=1)[0].lower()


# --- traditional → simplified ------------------------------------------------------


def to_simplified(text: str) -> str:
    """Traditional characters to simplified, as OpenCC's t2s does it.

    The pure-Python converter takes milliseconds per thousand characters, so it
    only sees the pieces of text that hold a character it would change. OpenCC
    converts the pieces between its separators independently, and
    `_T2S_SEPARATORS` is a subset of those, so the result is the same as
    converting the whole text.
    """
    converter, changeable = _t2s()
    if changeable.isdisjoint(text):
        return text
    return "".join(
        piece if changeable.isdisjoint(piece) else converter.convert(piece)
        for piece in _T2S_SEPARATORS.split(text)
    )


@cache
def _t2s() -> tuple[OpenCC, frozenset[str]]:
    return OpenCC("t2s"), _changeable_characters()


def _changeable_characters() -> frozenset[str]:
    """Every character some t2s dictionary entry would replace."""
    changeable: set[str] = set()
    folder = files("opencc") / "dictionary"
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            value = values.split(" ")[0]
            if len(key) == len(value):
                changeable.update(k for k, v in zip(key, value, strict=True) if k != v)
            else:
                changeable.update(key)
    return frozenset(changeable)
