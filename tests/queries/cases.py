"""The expected answers of every stored query on the fixture graph (tests/queries/fixture_graph.py).

One case: the query's name, its parameters (None: the examples of its header, as text, the way
`mdkg query` passes them), the columns compared (None: all), and the exact rows, in order.
"""

from __future__ import annotations

from typing import Any

SZ_FIRMS = [
    "深圳市出海传媒有限公司",
    "深圳市数眼科技有限公司",
    "深圳市星河影视有限公司",
    "深圳市红果平台科技有限公司",
]
XINGHE, HONGGUO, SHUYAN = "深圳市星河影视有限公司", "深圳市红果平台科技有限公司", "深圳市数眼科技有限公司"
ASSOC = "association:深圳市微短剧产业协会"

Case = tuple[str, dict[str, object] | None, tuple[str, ...] | None, list[tuple[Any, ...]]]
CASES: list[Case] = [
    (
        "firms_in_region",
        None,
        ("firm", "places"),
        [
            (SZ_FIRMS[0], ["坪山区"]),
            (SZ_FIRMS[1], ["南山区"]),
            (SZ_FIRMS[2], ["坪山影视文化城"]),
            (SZ_FIRMS[3], ["南山区"]),
        ],
    ),
    (
        "firms_in_region",
        {"region": "region:440310"},
        ("firm_id", "segments"),
        [
            ("firm:深圳市出海传媒有限公司", ["overseas", "marketing"]),
            ("firm:深圳市星河影视有限公司", ["production", "post_production"]),
        ],
    ),
    (
        "association_members",
        None,
        ("role", "member", "member_label", "since", "sentences"),
        [
            ("会长单位", SHUYAN, "Firm", "2025-01-15", ["数眼科技当选会长单位。"]),
            ("副会长单位", XINGHE, "Firm", "2025-01-15", ["星河影视为副会长单位。"]),
            ("副会长单位", HONGGUO, "Firm", "2025-01-15", ["红果平台为副会长单位。"]),
            ("理事单位", "深圳市出海传媒有限公司", "Firm", "2025-05-20", ["出海传媒加入协会任理事单位。"]),
            ("会员单位", "坪山影视文化城", "Base", "2025-01-15", ["坪山影视文化城为会员单位。"]),
        ],
    ),
    (
        "region_policies_funds",
        None,
        ("date", "kind", "name", "issuer", "amount_cny", "recipients", "support_given_cny"),
        [
            (
                "2024-11-20",
                "Policy",
                "《坪山区促进微短剧产业发展若干措施》",
                "深圳市坪山区人民政府",
                5e6,
                2,
                7e6,
            ),
            ("2024-12-01", "Fund", "坪山区微短剧产业发展基金", "深圳市坪山区人民政府", 1e8, 1, 1.5e6),
            (
                "2025-02-10",
                "Policy",
                "《深圳市微短剧精品扶持计划》",
                "深圳市文化广电旅游体育局",
                1e6,
                2,
                1.8e6,
            ),
        ],
    ),
    (
        "region_policies_funds",
        {"region": "region:440106"},
        ("date", "kind", "issuer"),
        [
            ("2025-04-01", "Policy", "天河区"),
            ("2025-04-01", "Fund", "广州市天河区人民政府"),
        ],
    ),
    (
        "support_ranked",
        None,
        ("giver_label", "recipient", "recipient_label", "amount_cny", "first_seen"),
        [
            ("Policy", "坪山影视文化城", "Base", 5e6, "2024-11-20"),
            ("Fund", "天河数字影视产业园", "Base", 2.5e6, "2025-04-01"),
            ("Policy", XINGHE, "Firm", 2e6, "2024-11-20"),
            ("Fund", XINGHE, "Firm", 1.5e6, "2025-06-10"),
            ("Policy", "《归途》", "Work", 1e6, "2025-02-10"),
        ],
    ),
    (
        "support_ranked",
        {"min_amount": "0", "limit": "2"},
        ("recipient", "sentences"),
        [
            ("坪山影视文化城", ["措施给予影视城最高500万元。"]),
            ("天河数字影视产业园", ["产业园获250万元资金。"]),
        ],
    ),
    (
        "bases_in_region",
        None,
        ("base", "located_in", "studios", "operators", "resident_firms", "support_cny"),
        [
            ("坪山影视文化城", "坑梓街道", 12, ["深圳市坪山区人民政府", XINGHE], [XINGHE], 5e6),
            (
                "天河数字影视产业园",
                "天河区",
                None,
                ["广州市天河区人民政府"],
                ["广州市流量营销有限公司", SHUYAN],
                2.5e6,
            ),
        ],
    ),
    (
        "company_connections",
        None,
        ("relationship", "direction", "other_name", "other_label", "first_seen"),
        [
            ("LOCATED_IN", "out", "坪山影视文化城", "Base", "2024-11-20"),
            ("LOCATED_IN", "out", "天河区", "Region", "2025-05-20"),
            ("MEMBER_OF", "out", "深圳市微短剧产业协会", "Association", "2025-01-15"),
            ("OPERATES", "out", "坪山影视文化城", "Base", "2025-06-10"),
            ("PARTNERS_WITH", "both", "广州市剧本工坊有限公司", "Firm", "2025-04-01"),
            ("PARTNERS_WITH", "both", HONGGUO, "Firm", "2025-05-20"),
            ("PRODUCED", "out", "《归途》", "Work", "2025-02-10"),
            ("SUPPORTS", "in", "《坪山区促进微短剧产业发展若干措施》", "Policy", "2024-11-20"),
            ("SUPPORTS", "in", "坪山区微短剧产业发展基金", "Fund", "2025-06-10"),
        ],
    ),
    (
        "company_connections",
        {"id": "firm:广州市剧本工坊有限公司"},
        ("relationship", "sentences", "articles"),
        [
            ("LOCATED_IN", ["剧本工坊扎根天河区。"], ["广州日报, 2025-04-01: 天河区出台微短剧十条"]),
            (
                "PARTNERS_WITH",
                ["剧本工坊与星河影视联合开发剧本。"],
                ["广州日报, 2025-04-01: 天河区出台微短剧十条"],
            ),
        ],
    ),
    (
        "shortest_path",
        None,
        ("hop", "from_name", "relationship", "to_name", "sentences"),
        [
            (0, "广州市剧本工坊有限公司", "PARTNERS_WITH", XINGHE, ["剧本工坊与星河影视联合开发剧本。"]),
            (1, XINGHE, "MEMBER_OF", "深圳市微短剧产业协会", ["星河影视为副会长单位。"]),
        ],
    ),
    (
        "industry_chain",
        None,
        ("segment", "firms", "names"),
        [
            ("ip_script", 1, ["广州市剧本工坊有限公司"]),
            ("production", 1, [XINGHE]),
            ("post_production", 1, [XINGHE]),
            ("platform", 1, [HONGGUO]),
            ("marketing", 2, ["广州市流量营销有限公司", "深圳市出海传媒有限公司"]),
            ("overseas", 1, ["深圳市出海传媒有限公司"]),
            ("technology", 1, [SHUYAN]),
            ("data_services", 1, [SHUYAN]),
        ],
    ),
    (
        "chain_links",
        None,
        ("firm", "relationship", "direction", "other_firm", "first_seen"),
        [
            (HONGGUO, "PARTNERS_WITH", "both", SHUYAN, "2025-01-15"),
            (HONGGUO, "PARTNERS_WITH", "both", "广州市流量营销有限公司", "2025-04-01"),
            (HONGGUO, "SUBSIDIARY_OF", "in", "深圳市出海传媒有限公司", "2025-05-20"),
            (HONGGUO, "PARTNERS_WITH", "both", XINGHE, "2025-05-20"),
        ],
    ),
    (
        "regions_compared",
        None,
        None,
        [
            ("广州市", 4, 1, 1, 1, 3e6, 2.5e6),
            ("深圳市", 4, 1, 2, 1, 5e6, 5e6),
        ],
    ),
    (
        "regions_compared",
        {"regions": ["region:440310", "region:440106"]},
        ("region", "firms", "bases", "policies"),
        [
            ("天河区", 4, 1, 1),
            ("坪山区", 2, 1, 1),
        ],
    ),
    (
        "entities_first_seen",
        None,
        ("first_seen", "label", "name", "articles"),
        [
            ("2025-01-15", "Association", "深圳市微短剧产业协会", 2),
            ("2025-01-15", "Event", "首届深圳微短剧大会", 1),
            ("2025-01-15", "Firm", SHUYAN, 3),
            ("2025-01-15", "Firm", HONGGUO, 4),
            ("2025-01-15", "Government", "深圳市文化广电旅游体育局", 2),
            ("2025-01-15", "Region", "南山区", 1),
            ("2025-02-10", "Policy", "《深圳市微短剧精品扶持计划》", 1),
            ("2025-02-10", "Work", "《归途》", 1),
        ],
    ),
    (
        "links_first_seen",
        None,
        ("source", "relationship", "target"),
        [
            ("深圳市出海传媒有限公司", "LOCATED_IN", "坪山区"),
            (XINGHE, "LOCATED_IN", "天河区"),
            ("深圳市出海传媒有限公司", "MEMBER_OF", "深圳市微短剧产业协会"),
            (XINGHE, "PARTNERS_WITH", HONGGUO),
            ("深圳市出海传媒有限公司", "PRODUCED", "《海上明月》"),
            ("深圳市出海传媒有限公司", "SUBSIDIARY_OF", HONGGUO),
        ],
    ),
    (
        "most_connected_firms",
        None,
        None,
        [
            (
                "firm:深圳市星河影视有限公司",
                XINGHE,
                9,
                8,
                2,
                ["LOCATED_IN", "MEMBER_OF", "OPERATES", "PARTNERS_WITH", "PRODUCED", "SUPPORTS"],
            ),
            (
                "firm:深圳市红果平台科技有限公司",
                HONGGUO,
                6,
                6,
                3,
                ["LOCATED_IN", "MEMBER_OF", "PARTNERS_WITH", "SUBSIDIARY_OF"],
            ),
            (
                "firm:深圳市数眼科技有限公司",
                SHUYAN,
                5,
                5,
                1,
                ["LOCATED_IN", "MEMBER_OF", "PARTNERS_WITH", "SUPPORTS"],
            ),
        ],
    ),
    (
        "confirmed_relationships",
        None,
        ("type", "from", "to", "confirmed_by", "confirmed_at", "why", "correction_id", "sentences"),
        [
            (
                "PARTNERS_WITH",
                SHUYAN,
                HONGGUO,
                "林研究员",
                "2025-07-01T08:00:00+00:00",
                "两家公司的公告都提到了这项合作",
                "c-000000000001",
                ["数眼科技与红果平台达成数据合作。"],
            )
        ],
    ),
    (
        "firms_together",
        None,
        ("firm", "other_firm", "articles", "linked"),
        [
            (XINGHE, HONGGUO, 4, True),
            (SHUYAN, XINGHE, 3, False),
            (SHUYAN, HONGGUO, 2, True),
        ],
    ),
    (
        "relationship_evidence",
        None,
        ("sentence", "article_id", "outlet", "published_at", "url", "confidence"),
        [
            ("星河影视与红果平台签约。", "q4", "南方日报", "2025-05-20", None, 0.9),
            (
                "Xinghe signed with Hongguo.",
                "q5",
                "Shenzhen Daily",
                "2025-06-10",
                "https://example.org/pingshan-studios",
                0.9,
            ),
        ],
    ),
    (
        "relationship_evidence",
        {"from": "firm:深圳市红果平台科技有限公司", "to": ASSOC, "type": "PARTNERS_WITH"},
        ("sentence",),
        [],
    ),
    (
        "outlet_reports",
        None,
        ("published_at", "title", "copy", "relationships"),
        [
            ("2025-01-15T10:00", "深圳市微短剧产业协会成立", "original", 14),
            ("2025-05-20", "星河影视与红果平台签约", "original", 6),
        ],
    ),
    (
        "outlet_reports",
        {"outlet": "深圳新闻网"},
        ("title", "copy", "entities"),
        [
            (
                "深圳市微短剧产业协会成立",
                "reprint",
                [
                    "南山区",
                    "坪山影视文化城",
                    "深圳市",
                    "深圳市微短剧产业协会",
                    SHUYAN,
                    "深圳市文化广电旅游体育局",
                    XINGHE,
                    HONGGUO,
                    "首届深圳微短剧大会",
                ],
            ),
        ],
    ),
    (
        "firms_in_several_regions",
        None,
        None,
        [
            ("firm:深圳市数眼科技有限公司", SHUYAN, 2, ["广州市", "深圳市"]),
            ("firm:深圳市星河影视有限公司", XINGHE, 2, ["广州市", "深圳市"]),
        ],
    ),
    (
        "firms_in_several_regions",
        {"level": "District", "min_regions": "2"},
        ("firm", "region_names"),
        [
            (SHUYAN, ["南山区", "天河区"]),
            (XINGHE, ["坪山区", "天河区"]),
        ],
    ),
    (
        "events_in_region",
        None,
        None,
        [
            (
                "2025-01-15",
                "首届深圳微短剧大会",
                "南山区",
                ["深圳市微短剧产业协会", "深圳市文化广电旅游体育局"],
            ),
            ("2025-06-20", "天河微短剧创作营", "天河数字影视产业园", ["广州市天河区人民政府"]),
        ],
    ),
]
