"""graph/names.py: the syllables memo that extraction workers fill for the writer."""

from __future__ import annotations

import pytest

from mdkg.graph import names


def test_recording_gives_the_syllables_of_every_text_asked_for() -> None:
    with names.recording() as got:
        forms = names.name_forms(["坪山区文化中心", "Pingshan"])
    assert got["坪山区文化中心"] == names.syllables("坪山区文化中心")
    assert "Pingshan" in got  # asked, though without Han: ()
    assert "pingshanquwenhuazhongxin" in forms.pinyin


def test_nested_recordings_each_see_their_own_texts() -> None:
    with names.recording() as outer:
        names.syllables("龙岗区")
        with names.recording() as inner:
            names.syllables("福田区")
    assert set(inner) == {"福田区"}
    assert set(outer) == {"龙岗区", "福田区"}


def test_remembered_syllables_are_used_instead_of_computing_them() -> None:
    text = "测试记忆用名"  # only this test asks for it
    given = (("given", True),)
    names.remember({text: given})
    assert names.syllables(text) == given  # not pypinyin's reading: taken as handed over
    names.remember({text: (("other", True),)})
    assert names.syllables(text) == given  # what is known is not replaced


def test_the_memo_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    names.syllables("南山区")
    monkeypatch.setattr(names, "MEMO_SIZE", len(names._memo))
    names.syllables("宝安区西乡街道")
    names.remember({"光明区某地": (("x", True),)})
    assert len(names._memo) == names.MEMO_SIZE
