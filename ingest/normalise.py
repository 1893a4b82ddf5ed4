"""Stage 2, normalise: `RawArticle` → `Document` with clean, simplified text and an `Article`.

Text is NFKC-normalised (full-width letters and digits become half-width; the
ellipsis "…" is kept), invisible characters (zero-width, control, direction marks)
dropped, whitespace collapsed, spaces between Chinese characters (line-wrap
artefacts: "全球 票房冠军") removed, a trailing cut-off marker ("…", "...") stripped, and traditional
characters converted to simplified. Spaces between Latin words stay. Titles
keep their inner spaces: a space there separates the two halves of a headline.
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import cache

from opencc import OpenCC

from mdkg.graph.ontology import Article, article_id
from mdkg.ingest.types import Document, RawArticle

# Share of Han among Han and Latin letters above which a text is Chinese. One
# Chinese character is about one word, an English word about five letters.
ZH_SHARE = 0.2

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_CJK_PUNCT = "\u3001-\u303f\u2018\u2019\u201c\u201d\u2026\u2014"
_HAN_RUN = re.compile(f"[{_HAN}]+")
_LATIN_LETTERS = string.ascii_letters.encode()
# Spaces are single when this runs; starting the pattern with the space keeps it fast.
_CJK_GAP = re.compile(f" (?:(?<=[{_HAN}] )(?=[{_HAN}{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}] )(?=[{_HAN}]))")
_SPACES = re.compile(r"[^\S\n]+")
# Whitespace `_SPACES` changes even on its own: what `str.isspace` holds but the space and the newline.
_ODD_SPACE = re.compile("[\t\x0b\x0c\r\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_SUBTAG = re.compile(r"[-_]")
_CUT_OFF_ENDS = ("\u2026", "\u22ef", "...")
_CUT_OFF_CHARS = "\u2026\u22ef. \t\n"
# Characters that show nothing: zero-width ones, control characters (but those that are
# whitespace: tab, newlines, feeds, the separators U+001C-U+001F and U+0085) and the marks
# and overrides of writing direction, which can make a title display otherwise than it reads.
_INVISIBLE = re.compile(
    "[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]"
)
# NFKC would turn the ellipsis into three full stops; it is kept by hiding it
# behind a private-use character for the duration.
_ELLIPSIS, _HIDDEN = "\u2026", "\ue000"
# Full-width punctuation common in Chinese text, with what NFKC makes of each: its decomposition,
# one ASCII character. Replacing them first leaves the result of NFKC the same, and leaves most
# texts NFKC-normalised already, which is far quicker to check than to normalise.
_FULL_WIDTH = tuple((c, unicodedata.normalize("NFKC", c)) for c in "，：；（）！？％\u3000")


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
    return _collapse_spaces(_unify(text).replace("\n", " ")).strip()


def _body(text: str) -> str:
    lines = (_CJK_GAP.sub("", line).strip() for line in _collapse_spaces(_unify(text)).split("\n"))
    return _strip_cut_off("\n".join(line for line in lines if line))


def _collapse_spaces(text: str) -> str:
    """Each run of whitespace but newlines as one space."""
    if "  " not in text and not _ODD_SPACE.search(text):  # the common case, quicker to check than to do
        return text
    return _SPACES.sub(" ", text)


def _strip_cut_off(body: str) -> str:
    """Drop the "…", "……" or "..." that marks a body cut off mid-sentence."""
    return body.rstrip(_CUT_OFF_CHARS) if body.endswith(_CUT_OFF_ENDS) else body


def _unify(text: str) -> str:
    unified = _nfkc(text.replace(_ELLIPSIS, _HIDDEN)).replace(_HIDDEN, _ELLIPSIS)
    return _INVISIBLE.sub("", unified).replace("\r\n", "\n").replace("\r", "\n")


def _nfkc(text: str) -> str:
    for wide, narrow in _FULL_WIDTH:
        text = text.replace(wide, narrow)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# --- language ----------------------------------------------------------------------


def detect_language(text: str) -> str:
    """Return "zh" when Han characters make up more than `ZH_SHARE` of the letters, else "en"."""
    han = len(text) - len(_HAN_RUN.sub("", text))
    ascii_only = text.encode("ascii", "ignore")
    latin = len(ascii_only) - len(ascii_only.translate(None, _LATIN_LETTERS))
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
    """Traditional characters to simplified: OpenCC's t2s (phrases first, then characters), with
    OpenCC's own C++ converter."""
    return text if text.isascii() else _t2s().convert(text)


@cache
def _t2s() -> OpenCC:
    return OpenCC("t2s")
