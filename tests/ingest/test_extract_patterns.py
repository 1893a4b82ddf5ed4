"""Clause patterns, anaphora, name structure and the trie lexicon, on sentences written for
these tests (not taken from any corpus)."""

from __future__ import annotations

import pytest

from mdkg.graph.ontology import Label, RelType
from mdkg.ingest.extract import extract
from mdkg.ingest.extract.lexicon import Lexicon
from tests.ingest.test_extract import make_doc, names, relation_pairs

PATTERN_CASES = [
    # a programme that is published (发布) is issued; one that is launched (推出, 启动) is set up
    ("国家广电总局发布“星河短剧游”创作计划。", RelType.ISSUED, ("国家广电总局", "星河短剧游创作计划")),
    ("国家广电总局推出“星河短剧游”创作计划。", RelType.ESTABLISHED, ("国家广电总局", "星河短剧游创作计划")),
    # a place that builds a base sets it up (ESTABLISHED, not OPERATES), also across its clauses
    (
        "坪山区以微短剧为切入口，加大支持力度，高标准建设青禾数字文化产业园。",
        RelType.ESTABLISHED,
        ("坪山区", "青禾数字文化产业园"),
    ),
    # the base right before 合作签约 is what the two sides cooperate on, not a side
    ("星河大学与澜庭传媒举行微短剧译制基地合作签约仪式。", RelType.PARTNERS_WITH, ("星河大学", "澜庭传媒")),
    # 在…发布的《报告》中 frames a clause: the name after 在 is its agent, not a place
    (
        "在澜庭研究院10月发布的《2025短剧城市报告》中，郑州位居第二。",
        RelType.ISSUED,
        ("澜庭研究院", "2025短剧城市报告"),
    ),
    # an event named after a place that the text also names on its own sits there (rule 9)
    ("广东省短剧发展座谈会召开,广东省各地代表参加。", RelType.LOCATED_IN, ("广东省短剧发展座谈会", "广东省")),
    # 由 agents act on the subject before 由; co-agents are partners
    ("横店影视城由长风集团有限公司投资建设和运营。", RelType.OPERATES, ("长风集团有限公司", "横店影视城")),
    (
        "星河短剧基地由远山文化有限公司牵头,联合青禾传媒有限公司共同投资、建设和运营。",
        RelType.OPERATES,
        ("青禾传媒有限公司", "星河短剧基地"),
    ),
    (
        "星河短剧基地由远山文化有限公司牵头,联合青禾传媒有限公司共同投资、建设和运营。",
        RelType.PARTNERS_WITH,
        ("远山文化有限公司", "青禾传媒有限公司"),
    ),
    # 由甲主办的乙
    (
        "1月13日,由江南大学主办的“星河短剧发展研讨会”在郑州举行。",
        RelType.HOSTED,
        ("江南大学", "星河短剧发展研讨会"),
    ),
    # a bare type noun refers back: 大会 is the conference named before
    (
        "1月17日,南山短剧协会成立大会在南山区举行,大会由南山区委宣传部主办。",
        RelType.HOSTED,
        ("南山区委宣传部", "南山短剧协会成立大会"),
    ),
    # 位于 X 的 Y
    ("位于南山区的星河视频产业园已聚集企业300余家。", RelType.LOCATED_IN, ("星河视频产业园", "南山区")),
    # coordinated issuers joined by 会同, and a region-prefixed department name
    (
        "东阳市委宣传部会同东阳市文化和广电旅游体育局印发《东阳市支持短剧发展的十条措施》。",
        RelType.ISSUED,
        ("东阳市文化和广电旅游体育局", "东阳市支持短剧发展的十条措施"),
    ),
    # titles written back to back are one list
    ("华策影视旗下作品如《双重生活》《阿尔法之爱》等出海。", RelType.PRODUCED, ("华策影视", "阿尔法之爱")),
    # an organisation named after a place the text also names sits there
    (
        "南山区文化广电旅游体育局介绍,南山区的拍摄服务很完善。",
        RelType.LOCATED_IN,
        ("南山区文化广电旅游体育局", "南山区"),
    ),
    # 由甲、乙、丙三方合力，…，打造某基地: the verb comes later in the sentence
    (
        "该项目由成都星河影业有限公司、四川蜀光传媒有限公司和新都区人民政府三方合力，整合拍摄场景与配套资源，"
        "打造西南竖屏影视产业基地。",
        RelType.OPERATES,
        ("四川蜀光传媒有限公司", "西南竖屏影视产业基地"),
    ),
    # firms given as examples of a place's industry sit in that place
    (
        "近年来，在滨江区，涌现出以杭州星河映画文化传媒有限公司、青禾传媒有限公司为代表的一批微短剧企业。",
        RelType.LOCATED_IN,
        ("青禾传媒有限公司", "滨江区"),
    ),
    (
        "近年来，在滨江区，涌现出以杭州星河映画文化传媒有限公司、青禾传媒有限公司为代表的一批微短剧企业。",
        RelType.LOCATED_IN,
        ("杭州星河映画文化传媒有限公司", "滨江区"),
    ),
    (
        "作为萧山区微短剧行业的龙头企业，远山文化有限公司今年出品了三部爆款。",
        RelType.LOCATED_IN,
        ("远山文化有限公司", "萧山区"),
    ),
    ("远山文化有限公司将总部迁至萧山区。", RelType.LOCATED_IN, ("远山文化有限公司", "萧山区")),
    ("远山文化有限公司总部设在萧山区。", RelType.LOCATED_IN, ("远山文化有限公司", "萧山区")),
    # the body that holds a meeting in a place holds it; the meeting is what takes place there
    ("滨州市文旅局在滨城区召开首届滨州短剧推进会。", RelType.LOCATED_IN, ("首届滨州短剧推进会", "滨城区")),
    # a list of partners may mix firms and schools
    (
        "青禾影视集团与远山文化旅游发展有限公司、滨州现代服务职业学院等单位签署产业合作协议。",
        RelType.PARTNERS_WITH,
        ("青禾影视集团", "滨州现代服务职业学院"),
    ),
    # a school two bodies build together is founded by each; the meeting is named after it
    (
        "由滨州市广播电视局与滨州师范大学共建的“两岸微短剧产业学院”成立大会在滨州举行。",
        RelType.ESTABLISHED,
        ("滨州师范大学", "两岸微短剧产业学院"),
    ),
    # a description before a dash is no part of the name after it
    (
        "滨州青禾投资管理有限公司联合远山传媒有限公司，共同发起设立的全省首支微短剧基金产品—繁星微短剧基金已通过备案。",
        RelType.ESTABLISHED,
        ("滨州青禾投资管理有限公司", "繁星微短剧基金"),
    ),
    # a name right after a place and 的
    ("萧山区的远山短剧产业园吸引了大批剧组。", RelType.LOCATED_IN, ("远山短剧产业园", "萧山区")),
]

ENGLISH_PATTERN_CASES = [
    # the partner may stand after a long object (a strategic cooperation agreement with X)
    (
        "Lanting Media signed a strategic cooperation agreement with Qinghe Pictures on Tuesday.",
        RelType.PARTNERS_WITH,
        ("Lanting Media", "Qinghe Pictures"),
    ),
    # an apposition that says where a firm is from
    (
        "Lanting Pictures, a startup in Xuhui, signed a deal.",
        RelType.LOCATED_IN,
        ("Lanting Pictures", "Xuhui"),
    ),
    # a passive with a place and a time before "by", and agents listed after "including"
    (
        "The Xuhui Micro-drama Alliance was established in Xuhui last year by 20 companies, "
        "including Lanting Pictures and Qinghe Media.",
        RelType.ESTABLISHED,
        ("Qinghe Media", "Xuhui Micro-drama Alliance"),
    ),
    # a base that opened in a place sits there; the companies it attracted sit in it
    (
        "The Lanhu Micro-drama Industrial Park opened on Monday in Linping district, Hangzhou.",
        RelType.LOCATED_IN,
        ("Lanhu Micro-drama Industrial Park", "Linping district"),
    ),
    (
        "The Lanhu Micro-drama Industrial Park opened in Hangzhou. The park has attracted more than "
        "50 companies, including Xinglan Pictures and Yuanshan Media.",
        RelType.LOCATED_IN,
        ("Yuanshan Media", "Lanhu Micro-drama Industrial Park"),
    ),
    # the place that sets it up is more specific than the city its name opens with (rule 9)
    (
        "Shenzhen's Pingshan District unveiled two platforms: "
        "the Shenzhen Lanting Service Platform and more.",
        RelType.LOCATED_IN,
        ("Shenzhen Lanting Service Platform", "Pingshan District"),
    ),
    # a list announced by a count and a colon is the object; a place that sets up a centre holds it
    (
        "Recently, Pingshan District unveiled two key platforms: "
        "the Lanting Drama Service Center and others.",
        RelType.ESTABLISHED,
        ("Pingshan District", "Lanting Drama Service Center"),
    ),
    (
        "Recently, Pingshan District unveiled two key platforms: "
        "the Lanting Drama Service Center and others.",
        RelType.LOCATED_IN,
        ("Lanting Drama Service Center", "Pingshan District"),
    ),
    (
        "The micro-drama industry in Xuhui keeps growing, with enterprises like Moonlight Pictures, "
        "Redwave Media, and StarReel emerging.",
        RelType.LOCATED_IN,
        ("Redwave Media", "Xuhui"),
    ),
]


@pytest.mark.parametrize(("body", "rel", "pair"), ENGLISH_PATTERN_CASES)
def test_english_clause_patterns(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    assert pair in relation_pairs(extract(make_doc(body, "Xuhui", "en")), rel)


@pytest.mark.parametrize(("body", "rel", "pair"), PATTERN_CASES)
def test_clause_patterns(body: str, rel: RelType, pair: tuple[str, str]) -> None:
    assert pair in relation_pairs(extract(make_doc(body)), rel)


NO_RELATION = [
    # a place after 在 is where a report came out; the subject of the next clause issued nothing
    ("在杭州发布的《2025短剧城市报告》显示，郑州位居第二。", RelType.ISSUED),
    # a work is never a partner, whatever signs near it
    ("南山区先后签约数十个项目,《怒浪》《归途》等短剧在地拍摄。", RelType.PARTNERS_WITH),
    # examples with no place the sentence is about sit nowhere
    ("涌现出以远山文化有限公司、青禾传媒有限公司为代表的一批微短剧企业。", RelType.LOCATED_IN),
    # a firm named after another city is no example of this district
    ("在滨江区，涌现出以成都星河影业有限公司为代表的一批企业。", RelType.LOCATED_IN),
]


@pytest.mark.parametrize(("body", "rel"), NO_RELATION)
def test_no_relation_without_pattern(body: str, rel: RelType) -> None:
    assert not relation_pairs(extract(make_doc(body)), rel)


def test_department_name_needs_its_department_word() -> None:
    extraction = extract(make_doc("西安凭借入局短剧市场,上海市广播电视局副局长出席。"))
    assert "西安凭借入局" not in names(extraction, Label.GOVERNMENT)


LEXICON_CASES = [
    (
        ["南京", "南京市", "南通", "南山区"],
        "去南京市和南山区,南通",
        [(1, "南京市"), (5, "南山区"), (9, "南通")],
    ),
    (["ab", "abc"], "xabcab", [(1, "abc"), (4, "ab")]),
]


@pytest.mark.parametrize(("words", "text", "expected"), LEXICON_CASES)
def test_lexicon_is_leftmost_longest(words: list[str], text: str, expected: list[tuple[int, str]]) -> None:
    assert list(Lexicon(words).scan(text)) == expected


def test_english_lexicon_keeps_to_whole_words() -> None:
    lex = Lexicon(["haizhu"], words_only=True)
    assert list(lex.scan("haizhu and haizhudistrict")) == [(0, "haizhu")]


def test_respectively_pairs_two_lists_in_order() -> None:
    pairs = relation_pairs(
        extract(make_doc("澜湖影视基地、青禾短剧产业园分别位于坪山区和龙华区。")), RelType.LOCATED_IN
    )
    assert ("澜湖影视基地", "坪山区") in pairs and ("青禾短剧产业园", "龙华区") in pairs
    assert ("澜湖影视基地", "龙华区") not in pairs
