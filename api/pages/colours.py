"""The colours of the pages: one a label, one a chain segment, a palette for communities."""

from __future__ import annotations

from mdkg.graph.ontology import Label, Segment

LABEL_COLOURS: dict[Label, str] = {
    Label.REGION: "#4e79a7",
    Label.FIRM: "#f28e2b",
    Label.ASSOCIATION: "#e15759",
    Label.GOVERNMENT: "#76b7b2",
    Label.INSTITUTION: "#59a14f",
    Label.BASE: "#edc948",
    Label.POLICY: "#b07aa1",
    Label.FUND: "#ff9da7",
    Label.EVENT: "#9c755f",
    Label.WORK: "#17becf",
    Label.REPORT: "#7f7f7f",
}

SEGMENT_COLOURS: dict[Segment, str] = {
    Segment.IP_SCRIPT: "#1f77b4",
    Segment.PRODUCTION: "#ff7f0e",
    Segment.POST_PRODUCTION: "#2ca02c",
    Segment.PLATFORM: "#d62728",
    Segment.MARKETING: "#9467bd",
    Segment.OVERSEAS: "#8c564b",
    Segment.TECHNOLOGY: "#e377c2",
    Segment.DATA_SERVICES: "#7f7f7f",
    Segment.TALENT: "#bcbd22",
    Segment.COPYRIGHT: "#17becf",
    Segment.BASES_SERVICES: "#393b79",
}

# Segment names analysts read on the chain page, after the ontology's terms.
SEGMENT_NAMES: dict[Segment, str] = {
    Segment.IP_SCRIPT: "IP与剧本 ip_script",
    Segment.PRODUCTION: "内容承制 production",
    Segment.POST_PRODUCTION: "后期制作 post_production",
    Segment.PLATFORM: "分发平台 platform",
    Segment.MARKETING: "流量运营 marketing",
    Segment.OVERSEAS: "出海 overseas",
    Segment.TECHNOLOGY: "技术赋能 technology",
    Segment.DATA_SERVICES: "数据服务 data_services",
    Segment.TALENT: "人才培训 talent",
    Segment.COPYRIGHT: "版权 copyright",
    Segment.BASES_SERVICES: "基地服务 bases_services",
}

# Communities past the palette share the last, neutral colour.
COMMUNITY_COLOURS = [
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4",
    "#f032e6", "#bfef45", "#469990", "#9a6324", "#800000", "#808000", "#c7c7c7",
]  # fmt: skip
CENTER_BORDER = "#111827"
EDGE_COLOUR = "#9ca3af"
CONFIRMED_COLOUR = "#1a7f37"  # an edge a researcher confirmed (green, apart from the grey of the rest)


def tint(colour: str, white: float = 0.85) -> str:
    """`colour` (#rrggbb) mixed with `white` parts of white: a background dark text reads on."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in channels)


def community_colour(number: int | None) -> str:
    if number is None or number >= len(COMMUNITY_COLOURS):
        return COMMUNITY_COLOURS[-1]
    return COMMUNITY_COLOURS[number]
