"""Stage 2b, dedupe: syndicated reprints of one story are one article, other stories stay apart."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from mdkg.graph.ontology import Reprint
from mdkg.ingest.dedupe import (
    NEAR_DUPLICATE,
    Deduplicator,
    body_of,
    fingerprint,
    index_keys,
    is_near_duplicate,
    similarity,
)
from mdkg.ingest.normalise import normalise
from mdkg.ingest.read import read_path
from mdkg.ingest.types import Document, RawArticle

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"

POLICY = (
    "江城市文化广电旅游局3月12日对外发布《江城市促进微短剧产业高质量发展若干措施》，围绕精品创作、基地建设、"
    "人才培育、宣传推广四个方面提出十二条举措。根据措施，在江城注册并在本地完成主要拍摄的微短剧，播放量或收入"
    "达到一定标准的，按照实际制作投入给予最高三百万元奖励；新建或改造微短剧拍摄基地的，按照设备和场景投入的"
    "百分之二十给予补贴，单个基地最高五百万元。\n"
    "措施同时提出，市财政每年安排五千万元微短剧产业发展专项资金，对引进的知名编剧、导演和制片人给予人才公寓和"
    "子女入学等保障。\n"
    "江城市文化广电旅游局相关负责人介绍，近两年江城已有四十余家微短剧企业落户，去年全市拍摄微短剧超过六百部。"
    "下一步，江城将推动微短剧与文旅、非遗、乡村振兴深度融合，打造具有江城特色的微短剧产业集群，力争三年内培育"
    "十家产值过亿元的微短剧企业。"
)
# The same story as another outlet ran it: its own header and footer lines.
POLICY_WITH_BYLINES = (
    "来源：江城日报\n本报讯（记者 周明 通讯员 陈芳）" + POLICY + "\n（完）\n责任编辑：孙丽 校对：吴刚"
)
# A feed's copy, cut off after two sentences.
POLICY_CUT_OFF = POLICY[:150] + "…"
# Edited: figures as digits, a dropped date, a reworded clause.
POLICY_EDITED = (
    POLICY.replace("3月12日", "日前")
    .replace("最高三百万元", "最高300万元")
    .replace("十二条举措", "12条具体举措")
    .replace("去年全市", "2024年全市")
)
POLICY_TRADITIONAL = (
    "江城市文化廣電旅遊局3月12日對外發布《江城市促進微短劇產業高質量發展若干措施》，圍繞精品創作、基地建設、"
    "人才培育、宣傳推廣四個方面提出十二條舉措。根據措施，在江城註冊並在本地完成主要拍攝的微短劇，播放量或收入"
    "達到一定標準的，按照實際製作投入給予最高三百萬元獎勵；新建或改造微短劇拍攝基地的，按照設備和場景投入的"
    "百分之二十給予補貼，單個基地最高五百萬元。\n"
    "措施同時提出，市財政每年安排五千萬元微短劇產業發展專項資金，對引進的知名編劇、導演和製片人給予人才公寓和"
    "子女入學等保障。"
)
# Another policy of the same city, ending in the same boilerplate sentence.
SAME_CITY_OTHER_POLICY = (
    "江城高新区管委会3月20日印发《江城高新区支持微短剧产业集聚发展实施办法》，从企业入驻、项目扶持、平台建设"
    "三个方面提出九条支持政策。办法明确，入驻高新区数字文化产业园的微短剧制作企业，前三年按照办公用房实际租金的"
    "百分之五十给予补助；年营业收入首次突破一亿元的企业，一次性奖励一百万元；为剧组提供免费拍摄场地的园区，"
    "按照年度服务剧组数量给予运营奖励。\n"
    "高新区党工委委员、管委会副主任表示，近两年高新区已集聚微短剧上下游企业二十余家。下一步，高新区将推动"
    "微短剧与文旅、非遗、乡村振兴深度融合，打造具有江城特色的微短剧产业集群，力争三年内培育十家产值过亿元的"
    "微短剧企业。"
)
BOILERPLATE_OPENING = "为深入贯彻落实国家广播电视总局“微短剧+”行动计划，推动微短剧产业高质量发展，"
SHOOTING_SERVICES = (
    BOILERPLATE_OPENING + "江城市日前出台微短剧拍摄服务十条，对在江城取景的剧组提供一站式审批、免费协拍和"
    "场地减免，由市影视拍摄服务中心统一受理剧组申请，三个工作日内办结。"
)
TALENT_PLAN = (
    BOILERPLATE_OPENING + "江城市广播电视局联合市人社局启动微短剧人才培育计划，今年将举办编剧、导演、后期"
    "制作等专题培训班八期，培训从业人员一千人次，并评选年度优秀微短剧人才二十名。"
)
POLICY_IN_ENGLISH = (
    "The River City culture and tourism bureau issued twelve measures on 12 March to promote the micro-drama "
    "industry. Short dramas registered and mainly shot in the city can receive up to 3 million yuan, and new "
    "or refitted shooting bases get subsidies of 20 percent of their investment, up to 5 million yuan a base."
)
BASE_OPENING = (
    "江城河畔微短剧拍摄基地4月8日正式开园。基地由江城文旅集团投资建设，占地六万平方米，建有豪宅、医院、"
    "校园、古装街等四十余个实景场景和八个摄影棚，可同时容纳二十个剧组拍摄。开园当天，五家微短剧制作公司"
    "与基地签约，首批十部微短剧将于本月开机。"
)

COPY_CASES = [
    pytest.param(POLICY, POLICY_WITH_BYLINES, id="other-header-and-footer-lines"),
    pytest.param(POLICY, POLICY_CUT_OFF, id="cut-off-copy"),
    pytest.param(POLICY_CUT_OFF, POLICY_WITH_BYLINES, id="cut-off-copy-with-header"),
    pytest.param(POLICY, POLICY_EDITED, id="a-few-changed-characters"),
    pytest.param(POLICY, POLICY_TRADITIONAL, id="traditional-characters-shorter"),
]

DIFFERENT_CASES = [
    pytest.param(POLICY, SAME_CITY_OTHER_POLICY, id="same-city-same-policy-type-shared-ending"),
    pytest.param(SHOOTING_SERVICES, TALENT_PLAN, id="shared-boilerplate-opening"),
    pytest.param(SHOOTING_SERVICES[:90], TALENT_PLAN, id="cut-off-story-mostly-boilerplate"),
    pytest.param(POLICY, POLICY_IN_ENGLISH, id="english-summary-is-not-a-reprint"),
    pytest.param(POLICY, BASE_OPENING, id="same-city-other-topic"),
]


def _doc(
    body: str,
    title: str = "江城发布微短剧扶持措施",
    source: str = "江城日报",
    published_at: str | None = "2025-03-12T10:00",
    url: str | None = None,
) -> Document:
    raw = RawArticle(
        path=Path("test.txt"),
        position=1,
        title=title,
        body=body,
        source=source,
        published_at=published_at,
        url=url,
    )
    return normalise(raw)


def _fp(body: str) -> str:
    return fingerprint(body_of(_doc(body)))


@pytest.mark.parametrize(("a", "b"), COPY_CASES)
def test_copies_are_near_duplicates(a: str, b: str) -> None:
    fa, fb = _fp(a), _fp(b)
    assert is_near_duplicate(fa, fb) and is_near_duplicate(fb, fa)
    assert set(index_keys(fa)) & set(index_keys(fb)), "copies must meet in the index"


@pytest.mark.parametrize(("a", "b"), DIFFERENT_CASES)
def test_different_stories_are_not(a: str, b: str) -> None:
    assert similarity(_fp(a), _fp(b)) < NEAR_DUPLICATE


def test_fingerprint_is_stable_hex_and_short_bodies_have_none() -> None:
    fp = _fp(POLICY)
    assert fp == _fp(POLICY) and int(fp, 16) > 0 and len(fp) <= 6 * 512
    assert fingerprint("短剧") == "" and index_keys("") == []
    assert not is_near_duplicate("", fp)


def test_a_title_change_alone_keeps_the_story() -> None:
    a, b = _doc(POLICY), _doc(POLICY_EDITED, title="江城出台12条措施 最高奖励300万元")
    assert a.article.id != b.article.id
    assert is_near_duplicate(fingerprint(body_of(a)), fingerprint(body_of(b)))


def test_earliest_published_copy_is_canonical() -> None:
    late = _doc(
        POLICY_CUT_OFF, "江城出台微短剧十二条", "江城晚报", "2025-03-13T08:00", "https://example.org/b"
    )
    early = _doc(POLICY_WITH_BYLINES, "江城发布微短剧扶持措施", "江城日报", "2025-03-12T10:00")
    undated = _doc(POLICY_EDITED, "江城重奖微短剧", "河畔网", None)
    other = _doc(SAME_CITY_OTHER_POLICY, "高新区出台微短剧九条", "江城日报", "2025-03-20T09:00")
    result = Deduplicator().run([late, early, undated, other])
    assert [d.article.id for d in result.stories] == [early.article.id, other.article.id]
    story = result.stories[0].article
    assert story.fingerprint and story.reprints == [
        Reprint(
            title=late.article.title, source="江城晚报", published_at="2025-03-13T08:00", url=late.article.url
        ),
        Reprint(title=undated.article.title, source="河畔网", published_at=None),
    ]
    assert [v.reprint_of for v in result.verdicts] == [early.article.id, None, early.article.id, None]
    assert result.reprints_of_known == {}


class _Store:
    """What the lead's store keeps: each story's fingerprint under its index keys."""

    def __init__(self) -> None:
        self.fingerprints: dict[str, str] = {}
        self.reprints: dict[str, list[Reprint]] = {}

    def keep(self, stories: list[Document], reprints: dict[str, list[Reprint]]) -> None:
        for doc in stories:
            self.fingerprints[doc.article.id] = doc.article.fingerprint or ""
            self.reprints.setdefault(doc.article.id, []).extend(doc.article.reprints)
        for article_id, found in reprints.items():
            self.reprints[article_id].extend(found)

    def known(self, keys: list[str]) -> dict[str, str]:
        wanted = set(keys)
        return {a: fp for a, fp in self.fingerprints.items() if wanted & set(index_keys(fp))}


def test_stored_story_stays_canonical_across_runs() -> None:
    store = _Store()
    first = Deduplicator(store.known).run([_doc(POLICY, published_at="2025-03-14T09:00")])
    store.keep(first.stories, first.reprints_of_known)
    stored_id = first.stories[0].article.id

    earlier_copy = _doc(POLICY_CUT_OFF, "江城出台微短剧十二条", "江城晚报", "2025-03-12T08:00")
    second = Deduplicator(store.known).run([earlier_copy, _doc(BASE_OPENING, "河畔基地开园")])
    assert [v.reprint_of for v in second.verdicts] == [stored_id, None]
    assert [d.article.title for d in second.stories] == ["河畔基地开园"]
    assert [r.source for r in second.reprints_of_known[stored_id]] == ["江城晚报"]


def test_ingesting_the_same_batch_again_decides_the_same() -> None:
    store = _Store()
    batch = [
        _doc(POLICY_CUT_OFF, "江城出台微短剧十二条", "江城晚报", "2025-03-13T08:00"),
        _doc(POLICY, published_at="2025-03-12T10:00"),
        _doc(TALENT_PLAN, "江城启动微短剧人才培育计划"),
    ]
    first = Deduplicator(store.known).run(batch)
    store.keep(first.stories, first.reprints_of_known)
    again = Deduplicator(store.known).run(batch)
    assert again.verdicts == first.verdicts
    assert again.stories == first.stories
    assert again.reprints_of_known == {}


def test_later_batches_of_a_run_see_earlier_stories() -> None:
    dedupe = Deduplicator()
    first = dedupe.run([_doc(POLICY)])
    second = dedupe.run([_doc(POLICY_TRADITIONAL, "江城發布微短劇扶持措施", "河畔网")])
    story_id = first.stories[0].article.id
    assert second.stories == [] and [r.source for r in second.reprints_of_known[story_id]] == ["河畔网"]


def test_shared_corpus_reprints() -> None:
    """The corpus holds one pair of copies: two excerpts, under two titles, of one commentary."""
    files = [CORPUS / "000_c1d3601ce5bf4ed0.txt", CORPUS / "news-dev.txt"]
    if not all(f.exists() for f in files):
        pytest.skip(f"shared corpus not found at {CORPUS.resolve()}")
    docs = {(f.stem, raw.position): normalise(raw) for f in files for raw in read_path(f)}
    fps = {key: fingerprint(body_of(doc)) for key, doc in docs.items()}
    pairs = [(a, b) for a, b in itertools.combinations(fps, 2) if is_near_duplicate(fps[a], fps[b])]
    assert pairs == [(("000_c1d3601ce5bf4ed0", 5), ("000_c1d3601ce5bf4ed0", 6))]
    verdicts = Deduplicator().run(list(docs.values())).verdicts
    assert sum(not v.is_new for v in verdicts) == 1
