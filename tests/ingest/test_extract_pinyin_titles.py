"""Works named by the pinyin of their title in English text (ingest/extract/pinyin_titles.py), on
sentences written for these tests."""

from __future__ import annotations

from mdkg.graph.ontology import Label
from mdkg.ingest.extract import extract
from tests.ingest.test_extract import make_doc, names


def _works(body: str) -> set[str]:
    return names(extract(make_doc(body, title="Test", language="en")), Label.WORK)


def test_a_pinyin_title_with_its_english_title_in_brackets_is_a_work() -> None:
    works = _works("The second season of Lan Ting Yuan Shan (Distant Mountains) set a record.")
    assert {"Lan Ting Yuan Shan", "Distant Mountains"} <= works


def test_a_pinyin_title_after_a_cue_is_a_work() -> None:
    assert "Qing He Xing Guang" in _works("The micro drama Qing He Xing Guang tops the chart.")


def test_a_person_in_pinyin_is_no_work() -> None:
    assert not _works("Director Wang Jing paced between takes in Xi'an.")
