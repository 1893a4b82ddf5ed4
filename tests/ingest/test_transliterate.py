"""Spellings of English and Chinese organisation names, and when they fit."""

from __future__ import annotations

import pytest

from mdkg.ingest.transliterate import chinese_forms, fits, latin_spellings

FITTING = [
    ("Shenzhen Huidong Chuangxiang Technology", ["深圳市慧动创想科技有限公司"]),
    ("Shenzhen Fengye Interactive Technology", ["深圳枫叶互动科技有限公司"]),
    ("Dianzhong Technology", ["北京点众科技股份有限公司"]),  # no place in English: any place fits
    ("Hengdian Group", ["横店集团控股有限公司"]),  # the trade name is a place name too
    ("Guangdong Mansen Culture Media Co., Ltd.", ["漫森(深圳)文化传媒有限公司"]),  # a place around it
    ("Shenzhen Huidong Chuangxiang Technology", ["深圳市慧动创想科技有限公司", "慧动创想"]),
    ("Shenzhen Micro-drama Industry Association", ["深圳市微短剧产业协会"]),
]
NOT_FITTING = [
    ("Hangzhou Huidong Chuangxiang Technology", ["深圳市慧动创想科技有限公司"]),  # another place
    ("Shenzhen Huidong Chuangxiang Technology", ["慧动创想"]),  # the Chinese names no place
    ("Shenzhen Feng Technology", ["深圳市枫科技有限公司"]),  # one syllable
    ("Shenzhen Huidong Technology", ["深圳市慧动创想科技有限公司"]),  # only part of the trade name
    ("Shenzhen Mango Technology", ["深圳市慧动创想科技有限公司"]),
    ("Shenzhen Short Drama Industry Association", ["深圳市微短剧产业协会"]),
]


@pytest.mark.parametrize(("english", "chinese"), FITTING)
def test_fits(english: str, chinese: list[str]) -> None:
    assert fits(latin_spellings(english), chinese_forms(chinese))


@pytest.mark.parametrize(("english", "chinese"), NOT_FITTING)
def test_does_not_fit(english: str, chinese: list[str]) -> None:
    assert not fits(latin_spellings(english), chinese_forms(chinese))


def test_a_chinese_name_has_no_latin_spellings_and_a_latin_one_no_chinese_forms() -> None:
    assert latin_spellings("深圳市慧动创想科技有限公司") == frozenset()
    assert chinese_forms(["DataEye"]).keys == frozenset()
