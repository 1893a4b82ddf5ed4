"""A corpus of distinct, realistic news articles for benchmarks: `python -m benchmarks.generate_corpus
--articles N --seed S -o DIR [--per-file K] [--english-share 0.1] [--reprint-share 0.05] [--truth]`.

Each article reports a few events about generated firms, filming bases and parks, policies, funds,
associations and industry events, placed in a real district of `ingest/data/regions/admin.tsv`
(province → city → district), dated 2023-2026, told with sentence templates
(`benchmarks/data/story_templates.txt`) and vocabulary (`benchmarks/data/story_words.tsv`) in
Chinese or, for a share, English; 500-3,000 characters. A share are reprints: a later copy of an
earlier article by another outlet, under another title, with a "来源：" line, sometimes cut off.
Output: JSON Lines files of `--per-file` articles (`part-00000.jsonl`, ...), written as they are
made; with `--truth`, beside each a `part-00000.truth.ndjson` (a suffix `mdkg ingest` does not read)
of the entities named in each article and the relations the generator set between them. The same
seed gives the same bytes.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from benchmarks.story_facts import KnownFirms, Place, StoryFacts, Vocabulary, load_places

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "data" / "story_templates.txt"
FACTS = ("firm", "base", "policy", "fund", "assoc", "event")
FILLERS = {
    "zh": ("background", "work", "quote", "market", "talent"),
    "en": ("background", "work", "quote", "market", "talent"),
}
MIN_CHARS, MAX_CHARS = 500, 3000
FIRST_DAY, LAST_DAY = date(2023, 1, 1), date(2026, 12, 31)
RECENT = 2000  # originals a reprint may copy: a bounded window keeps memory flat
PROGRESS_EVERY = 10_000
DATE_SLOT = {"zh": "{md}", "en": "{date_en}"}

Row = dict[str, str]
Part = str | tuple["Parts", ...]  # text, or alternatives one of which is told
Parts = tuple[Part, ...]


def load_templates(path: Path = TEMPLATES) -> dict[str, tuple[str, ...]]:
    """`{section: templates}` of the templates file (`[section]` lines, then one template a line;
    a `<lang>.words` section holds word classes, `name = a | b | c`)."""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif current is not None:
            current.append(line.strip())
    return {name: tuple(lines) for name, lines in sections.items()}


def word_classes(templates: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """`{name: words}` of the `*.words` sections."""
    classes: dict[str, tuple[str, ...]] = {}
    for section, lines in templates.items():
        if section.endswith(".words"):
            for line in lines:
                name, _, words = line.partition("=")
                classes[name.strip()] = tuple(w.strip() for w in words.split("|"))
    return classes


def compile_template(template: str, classes: dict[str, tuple[str, ...]]) -> Parts:
    """A template as text and alternatives: `<a|b|c>` is one of its parts (maybe empty, maybe
    with choices of its own), `<name>` one of the words of a class (capitalised when the name is:
    `<Drama>`)."""
    parts, at = _compile(template, 0, classes)
    if at != len(template):
        raise ValueError(f"unbalanced '>' in template: {template}")
    return parts


def _compile(
    text: str, at: int, classes: dict[str, tuple[str, ...]], inside: bool = False
) -> tuple[Parts, int]:
    """The parts of `text` from `at` to the end of its choice (`|` or `>` when `inside`)."""
    parts: list[Part] = []
    plain = at
    while at < len(text) and not (inside and text[at] in "|>"):
        if text[at] == ">":
            break
        if text[at] != "<":
            at += 1
            continue
        parts.append(text[plain:at])
        end = text.find(">", at)
        body = text[at + 1 : end]
        if end > 0 and "|" not in body and "<" not in body:  # a word class
            if body.lower() not in classes:
                raise ValueError(f"unknown word class <{body}> in template: {text}")
            words = classes[body.lower()]
            words = tuple(w[:1].upper() + w[1:] for w in words) if body[:1].isupper() else words
            parts.append(tuple((w,) for w in words))
            at = end + 1
        else:
            options: list[Parts] = []
            at += 1
            while True:
                option, at = _compile(text, at, classes, inside=True)
                options.append(option)
                if at >= len(text):
                    raise ValueError(f"unclosed '<' in template: {text}")
                at += 1
                if text[at - 1] == ">":
                    break
            parts.append(tuple(options))
        plain = at
    parts.append(text[plain:at])
    return tuple(p for p in parts if p), at


def _render(parts: Parts, choice: Any) -> str:
    return "".join(p if isinstance(p, str) else _render(choice(p), choice) for p in parts)


@dataclass(frozen=True)
class Original:
    """What a later reprint needs of an article."""

    row: Row
    other_title: str
    paragraphs: tuple[str, ...]
    day: date


class _Deck:
    """Templates of one article, each drawn at most once."""

    def __init__(self, rng: random.Random, templates: dict[str, tuple[str, ...]], lang: str) -> None:
        self.rng, self.templates, self.lang = rng, templates, lang
        self.left: dict[str, list[str]] = {}

    def _left(self, section: str) -> list[str]:
        left = self.left.get(section)
        if left is None:
            left = self.left[section] = list(self.templates[f"{self.lang}.{section}"])
            self.rng.shuffle(left)
        return left

    def draw(self, section: str) -> str | None:
        left = self._left(section)
        return left.pop() if left else None

    def draw_dated(self, section: str) -> str | None:
        """A template that tells when (a lead sentence), if any is left."""
        left, marker = self._left(section), DATE_SLOT[self.lang]
        dated = [i for i, template in enumerate(left) if marker in template]
        return left.pop(dated[-1]) if dated else self.draw(section)


class CorpusGenerator:
    """Articles one by one, deterministic for a seed; holds only the last `RECENT` originals."""

    def __init__(self, seed: int, english_share: float = 0.1, reprint_share: float = 0.05) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.english_share, self.reprint_share = english_share, reprint_share
        self.templates = load_templates()
        classes = word_classes(self.templates)
        self.compiled = {
            t: compile_template(t, classes)
            for section, lines in self.templates.items()
            if not section.endswith(".words")
            for t in lines
        }
        self.words = Vocabulary.load()
        self.places: list[Place] = load_places()
        self.recent: deque[Original] = deque(maxlen=RECENT)
        self.known = KnownFirms()

    def articles(self, n: int) -> Iterator[tuple[Row, dict[str, Any]]]:
        """`n` articles as JSON Lines rows, each with its ground truth."""
        for i in range(n):
            if self.recent and self.rng.random() < self.reprint_share:
                yield self._reprint(i)
            else:
                yield self._story(i)

    def _url(self, i: int) -> str:
        return f"https://news.example.org/mdkg-bench/{self.seed}/{i:07d}.html"

    def _story(self, i: int) -> tuple[Row, dict[str, Any]]:
        rng = self.rng
        lang = "en" if rng.random() < self.english_share else "zh"
        day = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        facts = StoryFacts.make(rng, self.words, rng.choice(self.places), day, self.known)
        main = rng.choice(FACTS)
        titles = self.templates[f"{lang}.title.{main}"]
        title, other_title = (_capital(self._tell(t, facts.slots)) for t in rng.sample(titles, 2))
        paragraphs = self._paragraphs(lang, main, facts.slots)
        outlet = rng.choice(self.words.outlets)
        row = {
            "title": title,
            "content": "\n".join(paragraphs),
            "source": outlet[1] if lang == "en" else outlet[0],
            "published_at": _timestamp(rng, day),
            "url": self._url(i),
            "language": lang,
        }
        self.recent.append(Original(row, other_title, tuple(paragraphs), day))
        return row, {"url": row["url"], "reprint_of": None, **facts.truth(row["content"], lang)}

    def _paragraphs(self, lang: str, main: str, slots: dict[str, str]) -> list[str]:
        """Paragraphs of 1-3 sentences: the main fact first, others and background after, until
        the article reaches a length drawn for it (median about 1,200 characters)."""
        rng, deck = self.rng, _Deck(self.rng, self.templates, lang)
        target = min(MAX_CHARS - 150, max(MIN_CHARS + 60, int(rng.lognormvariate(7.1, 0.45))))
        others = [f for f in FACTS if f != main]
        told = rng.sample(others, rng.randint(2, 4))  # facts first: their sentences are mostly names
        fillers = list(FILLERS[lang])
        rng.shuffle(fillers)
        order = [main, *told, *fillers, "outlook", *others, *FILLERS[lang]]
        paragraphs: list[str] = []
        size = 0
        for number, section in enumerate(order):
            if number == 0:  # the lead: when, then what else the article reports, in a mixed order
                drawn = [deck.draw_dated(section), *(deck.draw(fact) for fact in rng.sample(told, 2))]
            else:
                drawn = [deck.draw(section) for _ in range(rng.randint(1, 3))]
            sentences = [s for s in drawn if s]
            if not sentences:
                continue
            text = (" " if lang == "en" else "").join(self._tell(s, slots) for s in sentences)
            if size + len(text) > MAX_CHARS - 100:
                continue
            paragraphs.append(text)
            size += len(text) + 1
            if size >= target:
                break
        return paragraphs

    def _tell(self, template: str, slots: dict[str, str]) -> str:
        """A template told once: an alternative of each choice, then the facts in the slots."""
        text = _render(self.compiled[template], self.rng.choice)
        text = text.format_map(slots).replace("..", ".")  # a name ending in "Ltd." ends a sentence
        return text.replace("  ", " ").replace(" ,", ",").strip()  # where an empty alternative was

    def _reprint(self, i: int) -> tuple[Row, dict[str, Any]]:
        rng = self.rng
        original = rng.choice(self.recent)
        lang = original.row["language"]
        day = min(LAST_DAY, original.day + timedelta(days=rng.randrange(0, 15)))
        outlets = [o for o in self.words.outlets if original.row["source"] not in o]
        outlet = rng.choice(outlets)
        source_line = (
            f"Source: {original.row['source']}" if lang == "en" else f"来源：{original.row['source']}"
        )
        paragraphs = list(original.paragraphs)
        if rng.random() < 0.4:  # cut off, but not below the shortest article
            keep = rng.randint(1, len(paragraphs))
            while keep < len(paragraphs) and len("\n".join(paragraphs[:keep])) < MIN_CHARS + 40:
                keep += 1
            paragraphs = paragraphs[:keep]
        lines = [source_line, *paragraphs] if rng.random() < 0.7 else [*paragraphs, source_line]
        if rng.random() < 0.5:
            editor = f"{rng.choice(self.words.surnames)[0]}{rng.choice(self.words.given)[0]}"
            lines.append(f"Editor: {editor}" if lang == "en" else f"（责任编辑：{editor}）")
        row = {
            "title": original.other_title,
            "content": "\n".join(lines),
            "source": outlet[1] if lang == "en" else outlet[0],
            "published_at": _timestamp(rng, day, after=original.row["published_at"]),
            "url": self._url(i),
            "language": lang,
        }
        return row, {"url": row["url"], "reprint_of": original.row["url"]}


def _capital(title: str) -> str:
    return title[:1].upper() + title[1:]


def _timestamp(rng: random.Random, day: date, after: str = "") -> str:
    """A time of `day` (6:00-22:59), later than `after` (a reprint comes after its original)."""
    first = int(after[11:13]) + 1 if after.startswith(day.isoformat()) else 6
    return (
        f"{day.isoformat()}T{rng.randrange(first, max(first + 1, 23)):02d}:{rng.randrange(60):02d}:00+08:00"
    )


def write_corpus(
    out: Path, n: int, seed: int, per_file: int = 1000, english_share: float = 0.1,
    reprint_share: float = 0.05, truth: bool = False, progress: bool = False,
) -> list[Path]:  # fmt: skip
    """Write `n` articles to `out` in files of `per_file`; returns the article files."""
    out.mkdir(parents=True, exist_ok=True)
    generator = CorpusGenerator(seed, english_share, reprint_share)
    files: list[Path] = []
    start = time.perf_counter()
    articles = generator.articles(n)
    for first in range(0, n, per_file):
        path = out / f"part-{first // per_file:05d}.jsonl"
        count = min(per_file, n - first)
        with path.open("w", encoding="utf-8") as rows, _truth_file(path, truth) as truths:
            for done, (row, facts) in enumerate(articles, first + 1):
                rows.write(json.dumps(row, ensure_ascii=False) + "\n")
                truths.write(json.dumps(facts, ensure_ascii=False) + "\n")
                if progress and done % PROGRESS_EVERY == 0:
                    print(f"{done:,} of {n:,} articles, {time.perf_counter() - start:.1f} s", file=sys.stderr)
                if done == first + count:
                    break
        files.append(path)
    return files


class _Discard:
    def write(self, text: str) -> int:
        return 0

    def __enter__(self) -> _Discard:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def _truth_file(path: Path, wanted: bool) -> Any:
    return path.with_suffix(".truth.ndjson").open("w", encoding="utf-8") if wanted else _Discard()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--out", type=Path, required=True, help="folder to write the files to")
    parser.add_argument("--per-file", type=int, default=1000)
    parser.add_argument("--english-share", type=float, default=0.1)
    parser.add_argument("--reprint-share", type=float, default=0.05)
    parser.add_argument("--truth", action="store_true", help="also write each file's ground truth")
    args = parser.parse_args(argv)
    if args.articles < 0 or args.per_file < 1:
        parser.error("--articles must be at least 0 and --per-file at least 1")
    start = time.perf_counter()
    files = write_corpus(
        args.out, args.articles, args.seed, args.per_file, args.english_share, args.reprint_share,
        truth=args.truth, progress=True,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    print(
        f"{args.articles:,} articles in {len(files)} files in {args.out} ({elapsed:.1f} s)", file=sys.stderr
    )


if __name__ == "__main__":
    main()
