"""The facts of one generated article (`benchmarks.generate_corpus`): a real place, firms (a new one,
and partners and members some of which earlier articles on the district named: news return to the
firms of a place), a base and a park, a policy, a fund, an association, an event and dramas, with
the template slots that name them in Chinese and English and the ground truth of what an article
names."""

from __future__ import annotations

import csv
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ROOT / "ingest" / "data" / "regions" / "admin.tsv"
WORDS = Path(__file__).resolve().parent / "data" / "story_words.tsv"
MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
OUTSIDE_MAINLAND = ("71", "81", "82")
# English for 微短剧 in a name, and a firm's legal form: translators differ, and English news often
# leaves the form out when the name ends in a word that says it is a firm.
DRAMA_EN = ("Micro-Drama", "Short Drama", "Mini-Drama", "Short-Form Drama", "Vertical Drama", "Web Drama")
LEGAL_EN = ("Co., Ltd.", "Co., Ltd.", "Co., Ltd.", "Co. Ltd.", "Ltd.", "Ltd.", "Company", "Co.", "", "", "")
FIRM_WORDS_EN = frozenset(
    {"Media", "Culture", "Pictures", "Technology", "Entertainment", "Studios", "Animation"}
)
RECUR = 0.4  # the share of partner and member firms an earlier article on the district named
KNOWN_PER_DISTRICT = 12  # firms remembered per district for later articles: memory bounded by places
MONTHS = "January February March April May June July August September October November December".split()

Pair = tuple[str, str]  # Chinese, English


@dataclass(frozen=True)
class Region:
    adcode: str
    name: str
    short: str
    english: str  # the pinyin of the short name: "Xihu" for 西湖区
    level: str


@dataclass(frozen=True)
class Place:
    """A district with its city (a municipality stands for both province and city)."""

    province: Region
    city: Region
    district: Region


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        return list(csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t"))


def load_places(path: Path = ADMIN) -> list[Place]:
    """Every mainland district whose name is not also an everyday word, in its city and province."""
    rows = _rows(path)
    regions = {r["adcode"]: Region(r["adcode"], r["name"], r["short"], r["pinyin"], r["level"]) for r in rows}
    parents = {r["adcode"]: r["parent"] for r in rows}
    places = []
    for r in rows:
        if r["level"] != "District" or r["word"] or r["adcode"].startswith(OUTSIDE_MAINLAND):
            continue
        parent = regions[r["parent"]]
        if parent.level == "City":
            places.append(Place(regions[parents[parent.adcode]], parent, regions[r["adcode"]]))
        elif parent.adcode in MUNICIPALITIES:
            places.append(Place(parent, parent, regions[r["adcode"]]))
    return places


@dataclass(frozen=True)
class Vocabulary:
    syllables: tuple[Pair, ...]
    industries: tuple[Pair, ...]
    segments: tuple[Pair, ...]
    surnames: tuple[Pair, ...]
    given: tuple[Pair, ...]
    outlets: tuple[Pair, ...]
    officials: tuple[Pair, ...]
    heads: tuple[Pair, ...]
    tails: tuple[Pair, ...]
    roles: tuple[Pair, ...]

    @classmethod
    def load(cls, path: Path = WORDS) -> Vocabulary:
        kinds: dict[str, list[Pair]] = {}
        for row in _rows(path):
            kinds.setdefault(row["kind"], []).append((row["zh"], row["en"]))
        fields = ("syllable", "industry", "segment", "surname", "given", "outlet", "official", "head", "tail")
        return cls(*(tuple(kinds[k]) for k in (*fields, "role")))


def _tidy(name: Pair) -> Pair:
    """Not "Online Web Drama": a web drama is online."""
    return name[0], name[1].replace("Online Web Drama", "Web Drama")


def _money(wan: int, currency: str = "yuan") -> Pair:
    """An amount in 万元 as Chinese and English text: 300 → 300万元, 3 million yuan (or RMB 3
    million, CNY 3 million: English news writes the currency either way)."""
    zh = f"{wan / 10000:g}亿元" if wan >= 10000 else f"{wan}万元"
    if wan < 100:
        number = f"{wan * 10000:,}"
    else:
        number = f"{wan / 100000:g} billion" if wan >= 100000 else f"{wan / 100:g} million"
    return zh, f"{number} yuan" if currency == "yuan" else f"{currency} {number}"


@dataclass
class _Firm:
    name: Pair
    short: Pair


class KnownFirms:
    """Firms earlier articles named, by district (at most `KNOWN_PER_DISTRICT` each, the oldest
    replaced at random), for later articles on the same district to name again."""

    def __init__(self) -> None:
        self._by_district: dict[str, list[_Firm]] = {}

    def recall(self, rng: random.Random, district: str) -> _Firm | None:
        """A firm named before in `district`, for a share `RECUR` of the asks; None otherwise."""
        known = self._by_district.get(district)
        return rng.choice(known) if known and rng.random() < RECUR else None

    def add(self, rng: random.Random, district: str, firm: _Firm) -> None:
        known = self._by_district.setdefault(district, [])
        if firm in known:
            return
        if len(known) < KNOWN_PER_DISTRICT:
            known.append(firm)
        else:
            known[rng.randrange(len(known))] = firm


class StoryFacts:
    """The entities of one article and the `slots` its templates are filled with."""

    def __init__(
        self, rng: random.Random, words: Vocabulary, place: Place, day: date, known: KnownFirms | None = None
    ) -> None:
        self.rng, self.words, self.place, self.day = rng, words, place, day
        self.known = known or KnownFirms()
        self.slots: dict[str, str] = {}
        self.currency = "yuan"
        self.entities: list[tuple[str, Pair]] = []  # label, (Chinese, English) name
        self.relations: list[tuple[str, str, str, dict[str, str]]] = []  # type, head, tail (Chinese)

    @classmethod
    def make(
        cls, rng: random.Random, words: Vocabulary, place: Place, day: date, known: KnownFirms | None = None
    ) -> StoryFacts:
        """The facts of one article; with `known`, partner and member firms are sometimes ones earlier
        articles on the district named, and the firms made are remembered for later ones."""
        facts = cls(rng, words, place, day, known)
        facts.currency = rng.choice(("yuan", "yuan", "RMB", "CNY"))
        facts._place()
        firms = [facts._firm(key) for key in ("firm", "firm2", "firm3")]
        facts._venues(firms[0])
        facts._policy_and_fund(firms)
        facts._association(firms)
        facts._event_and_works(firms)
        facts._numbers()
        return facts

    def _money(self, wan: int) -> Pair:
        return _money(wan, self.currency)

    def _set(self, key: str, value: Pair) -> None:
        self.slots[key], self.slots[f"{key}_en"] = value

    def _trade(self) -> Pair:
        picked = self.rng.sample(self.words.syllables, 2)
        return "".join(p[0] for p in picked), "".join(p[1] for p in picked).capitalize()

    def _place(self) -> None:
        p, day = self.place, self.day
        s = self.slots
        s.update(prov=p.province.name, prov_s=p.province.short, prov_en=p.province.english)
        s.update(city=p.city.name, city_s=p.city.short, city_en=p.city.english)
        s.update(dist=p.district.name, dist_s=p.district.short, dist_en=f"{p.district.english} District")
        s["cd"] = f"{p.city.name}{p.district.name}"
        d, c = p.district.english, p.city.english
        s["cd_en"] = self.rng.choice(
            (
                f"{d} District of {c}",
                f"{c}'s {d} District",
                f"{d} District, {c}",
                f"{d} District in {c}",
                f"{d}, {c}",
            )
        )
        told = date.fromordinal(day.toordinal() - self.rng.randrange(3))
        s.update(md=f"{told.month}月{told.day}日", date_en=f"{MONTHS[told.month - 1]} {told.day}")
        s["year"] = str(day.year)
        self.entities += [("Region", (r.name, r.english)) for r in (p.province, p.city, p.district)]
        self._relate("PART_OF", p.district.name, p.city.name)
        if p.city is not p.province:
            self._relate("PART_OF", p.city.name, p.province.name)

    def _relate(self, kind: str, head: str, tail: str, **props: str) -> None:
        self.relations.append((kind, head, tail, props))

    def _person(self) -> Pair:
        (sz, se), (gz, ge) = self.rng.choice(self.words.surnames), self.rng.choice(self.words.given)
        return sz + gz, f"{se} {ge}"

    def _firm(self, key: str) -> _Firm:
        firm = None if key == "firm" else self.known.recall(self.rng, self.place.district.adcode)
        firm = firm or self._new_firm()
        self.known.add(self.rng, self.place.district.adcode, firm)
        self._set(key, firm.name)
        self._set(f"{key}_s", firm.short)
        self.entities.append(("Firm", firm.name))
        self._relate("LOCATED_IN", firm.name[0], self.place.district.name)
        return firm

    def _new_firm(self) -> _Firm:
        rng = self.rng
        (tz, te), (iz, ie) = self._trade(), rng.choice(self.words.industries)
        where = rng.choice((self.place.city, self.place.city, self.place.province))
        if rng.random() < 0.25:
            zh = f"{tz}（{where.short}）{iz}有限公司"
        else:
            zh = f"{where.short}{tz}{iz}有限公司"
        return _Firm(
            (zh, self._firm_en(f"{where.english} {te} {ie}")), (tz + iz[-2:], f"{te} {ie.split()[-1]}")
        )

    def _firm_en(self, name: str) -> str:
        legal = self.rng.choice(LEGAL_EN)
        if not legal and name.rsplit(" ", 1)[-1] not in FIRM_WORDS_EN:
            legal = "Co., Ltd."
        return f"{name} {legal}".rstrip()

    def _md(self) -> str:
        return self.rng.choice(DRAMA_EN)

    def _venues(self, operator: _Firm) -> None:
        (tz, te), d, md = self._trade(), self.place.district, self._md()
        base = self.rng.choice(
            (
                (f"{d.short}{tz}影视基地", f"{te} Film Base of {d.english}"),
                (f"{d.short}{tz}影视基地", f"{d.english} {te} Film and TV Base"),
                (f"{tz}微短剧拍摄基地", f"{te} {md} Filming Base"),
                (f"{tz}微短剧拍摄基地", f"{te} {md} Shooting Base"),
            )
        )
        park = self.rng.choice(
            (
                (f"{d.short}微短剧产业园", f"{d.english} {self._md()} Industrial Park"),
                (f"{d.short}微短剧产业园", f"{d.english} {self._md()} Park"),
                (f"{self.place.city.short}{tz}数字文化产业园", f"{te} Digital Culture Park"),
                (
                    f"{self.place.city.short}{tz}数字文化产业园",
                    f"{self.place.city.english} {te} Digital Culture Park",
                ),
            )
        )
        self._set("base", base)
        self._set("park", park)
        for venue in (base, park):
            self.entities.append(("Base", venue))
            self._relate("LOCATED_IN", venue[0], d.name)
            self._relate("OPERATES", operator.name[0], venue[0])

    def _policy_and_fund(self, firms: list[_Firm]) -> None:
        rng, d, c, md = self.rng, self.place.district, self.place.city, self._md()
        zh, english = rng.choice(
            (
                (
                    "关于促进微短剧产业高质量发展的若干措施",
                    ("Measures on High-Quality Development of {md}s", "{md} Quality Development Measures"),
                ),
                (
                    "微短剧产业扶持办法",
                    ("Measures to Support the {md} Industry", "{md} Industry Support Measures"),
                ),
                (
                    "支持网络微短剧繁荣发展的若干措施",
                    ("Measures to Support Online {md}s", "Online {md} Support Measures"),
                ),
                (
                    "微短剧产业发展扶持办法（试行）",
                    ("Trial Measures for the {md} Industry", "Interim {md} Measures"),
                ),
                (
                    "关于加快微短剧产业集聚发展的实施意见",
                    ("Measures to Cluster the {md} Industry", "Opinions on Clustering {md} Firms"),
                ),
            )
        )
        subject = rng.choice(english).format(md=md)
        place = rng.choice((f"{d.english} District", f"{c.english} {d.english} District"))
        en = rng.choice((f"{subject} of {place}", f"{place} {subject}"))
        policy = _tidy((f"《{c.name}{d.name}{zh}》", en))
        self._set("policy", policy)
        award = rng.choice((50, 100, 150, 200, 300, 500))
        self._set("award", self._money(award))
        self._set("subsidy", self._money(rng.choice((20, 30, 50, 80, 100))))
        self._set("budget", self._money(rng.choice((2000, 3000, 5000, 10000, 20000))))
        self.entities.append(("Policy", policy))
        self._relate("ISSUED", d.name, policy[0])
        self._relate("SUPPORTS", policy[0], firms[0].name[0], amount_cny=str(award * 10000))
        (tz, te), md = self._trade(), self._md()
        fund = _tidy(
            rng.choice(
                (
                    (f"{d.short}微短剧产业基金", f"{d.english} {md} Industry Fund"),
                    (f"{d.short}微短剧产业基金", f"{d.english} {md} Fund"),
                    (f"{c.short}{tz}微短剧产业投资基金", f"{c.english} {te} {md} Investment Fund"),
                    (f"{c.short}{tz}微短剧产业投资基金", f"{te} {md} Industry Investment Fund"),
                    (f"{c.short}网络视听微短剧产业基金", f"{c.english} Online Video and {md} Fund"),
                )
            )
        )
        self._set("fund", fund)
        self._set("fund_size", self._money(rng.choice((10000, 20000, 30000, 50000, 100000))))
        self._set("fund_first", self._money(rng.choice((3000, 5000, 8000, 10000))))
        self.entities.append(("Fund", fund))
        self._relate("ESTABLISHED", firms[0].name[0], fund[0])

    def _association(self, firms: list[_Firm]) -> None:
        d, c, md = self.place.district, self.place.city, self._md()
        assoc = _tidy(
            self.rng.choice(
                (
                    (f"{c.name}微短剧产业协会", f"{c.english} {md} Producers Association"),
                    (f"{c.name}微短剧产业协会", f"{c.english} Association of {md} Makers"),
                    (f"{c.short}网络微短剧行业协会", f"{c.english} {md} Trade Association"),
                    (f"{c.name}微短剧产业协会", f"{c.english} {md} Industry Association"),
                    (f"{c.name}微短剧产业协会", f"{md} Industry Association of {c.english}"),
                    (f"{c.short}网络微短剧行业协会", f"{c.english} Online {md} Association"),
                    (f"{d.name}微短剧产业协会", f"{d.english} District {md} Association"),
                    (f"{d.name}微短剧产业协会", f"{d.english} {md} Industry Association"),
                )
            )
        )
        self._set("assoc", assoc)
        extra = [self._member() for _ in range(self.rng.randint(2, 4))]
        vices = [firms[1].name, firms[2].name]
        self._set("vices", ("、".join(v[0] for v in vices), " and ".join(v[1] for v in vices)))
        self._set("directors", ("、".join(e[0] for e in extra), ", ".join(e[1] for e in extra)))
        self.entities.append(("Association", assoc))
        self.entities += [("Firm", e) for e in extra]
        roles = [
            (firms[0].name, "会长单位"),
            *((v, "副会长单位") for v in vices),
            *((e, "理事单位") for e in extra),
        ]
        for firm, role in roles:
            self._relate("MEMBER_OF", firm[0], assoc[0], role=role)

    def _member(self) -> Pair:
        """An association's member: named by an earlier article on the district, or new."""
        firm = self.known.recall(self.rng, self.place.district.adcode)
        if firm is None:
            (tz, te), (iz, ie) = self._trade(), self.rng.choice(self.words.industries)
            c = self.place.city
            name = f"{c.short}{tz}{iz}有限公司", self._firm_en(f"{c.english} {te} {ie}")
            firm = _Firm(name, (tz + iz[-2:], f"{te} {ie.split()[-1]}"))
            self.known.add(self.rng, self.place.district.adcode, firm)
        return firm.name

    def _event_and_works(self, firms: list[_Firm]) -> None:
        rng, d, c, year, md = self.rng, self.place.district, self.place.city, self.day.year, self._md()
        event = _tidy(
            rng.choice(
                (
                    (f"{year}{c.short}微短剧大会", f"{year} {c.english} {md} Conference"),
                    (f"{year}{c.short}微短剧大会", f"{c.english} {md} Summit {year}"),
                    (f"首届{d.short}微短剧创作者大会", f"first {d.english} {md} Creators Conference"),
                    (f"第{rng.randint(2, 6)}届{c.short}网络微短剧产业大会", f"{c.english} Online {md} Expo"),
                    (f"{year}{c.short}微短剧出海论坛", f"{year} {c.english} {md} Going Global Forum"),
                    (f"{year}{c.short}微短剧出海论坛", f"{c.english} Forum on {md}s Abroad {year}"),
                )
            )
        )
        self._set("event", event)
        self.entities.append(("Event", event))
        self._relate("HOSTED", d.name, event[0])
        for key, firm in (("drama", firms[0]), ("drama2", firms[1])):
            (hz, he), (tz, te) = rng.choice(self.words.heads), rng.choice(self.words.tails)
            work = (f"《{hz}{tz}》", f"{he} {te}")
            self._set(key, work)
            self.entities.append(("Work", work))
            self._relate("PRODUCED", firm.name[0], work[0])

    def _numbers(self) -> None:
        rng, s = self.rng, self.slots
        for key in ("person", "official", "firm_boss"):
            self._set(key, self._person())
        self._set("official_title", rng.choice(self.words.officials))
        self._set("seg", rng.choice(self.words.segments))
        self._set("role", rng.choice(self.words.roles))
        self._set("capital", self._money(rng.choice((100, 200, 300, 500, 1000, 2000, 5000))))
        self._set("park_invest", self._money(rng.choice((5000, 10000, 30000, 50000, 120000))))
        self._set("output_value", self._money(rng.randrange(5, 400) * 1000))
        self._set("event_value", self._money(rng.randrange(10, 300) * 1000))
        size = rng.randrange(50, 900)
        self._set("base_size", (f"{size}亩", f"{size * 667:,} square metres"))
        views = rng.randrange(2, 60) / 10
        self._set("views", (f"{views:g}亿次", f"{views * 100:g} million"))
        n = rng.randrange
        tenants, episodes = n(12, 90), n(30, 100)
        self._set("park_firms", (f"{tenants}家", str(tenants)))
        self._set("episodes", (f"{episodes}集", str(episodes)))
        s.update(
            scenes=str(n(20, 180)),
            crews=str(n(4, 30)),
            firm_output=str(n(10, 200)),
            firm_staff=str(n(15, 300)),
            base_dramas=str(n(30, 900)),
            park_area=f"{n(2, 30) * 10000:,}",
            policy_items=str(n(8, 30)),
            fund_deals=str(n(3, 15)),
            fund_pipeline=str(n(10, 80)),
            assoc_members=str(n(20, 160)),
            output=f"{n(40, 2000)}",
            event_guests=str(n(300, 3000)),
            event_deals=str(n(6, 60)),
            event_forums=str(n(3, 9)),
            event_slate=str(n(5, 40)),
            event_scripts=str(n(10, 60)),
            growth=f"{n(8, 90)}%",
            city_firms=str(n(80, 1500)),
            dist_new_firms=str(n(5, 120)),
            prov_bases=str(n(10, 80)),
            talent=str(n(100, 3000)),
        )

    def truth(self, text: str, language: str) -> dict[str, Any]:
        """The entities the text names and the relations between two of them."""
        lang = 1 if language == "en" else 0
        named = {z: n[lang] for _, n in self.entities for z in (n[0],) if n[lang] and n[lang] in text}
        entities = [{"label": label, "name": n[lang]} for label, n in self.entities if n[0] in named]
        relations = [
            {"type": kind, "source": named[head], "target": named[tail], **props}
            for kind, head, tail, props in self.relations
            if head in named and tail in named
        ]
        return {"entities": entities, "relations": relations}
