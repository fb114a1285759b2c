"""The phrase index: longest phrase first, clitics forgiven on the first word, memo kept right."""

from __future__ import annotations

from briefings.normalize import norm_token, tokens
from briefings.phrases import PhraseIndex


def _norms(text: str) -> list[str]:
    return [norm_token(t) for t in tokens(text)]


def _index(*phrases: str, short_clitics: bool = False) -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex(short_clitics=short_clitics)
    for p in phrases:
        index.add(p, p)
    return index


def test_scan_takes_the_longest_phrase_and_skips_its_words() -> None:
    index = _index("مجلس", "مجلس النواب", "النواب")
    hits = index.scan(_norms("اجتمع مجلس النواب أمس ثم النواب"))
    assert [(h.start, h.end, h.values) for h in hits] == [(1, 3, ("مجلس النواب",)), (5, 6, ("النواب",))]


def test_a_preposition_on_the_first_word_is_forgiven_and_marked() -> None:
    index = _index("الموصل")
    hit, = index.scan(_norms("وصل الوفد بالموصل"))
    assert (hit.start, hit.end, hit.proclitic) == (2, 3, True)
    hit, = index.scan(_norms("وصل الوفد والموصل"))
    assert not hit.proclitic  # و is a conjunction, not a preposition


def test_a_short_clitic_core_counts_only_in_a_phrase_of_several_words() -> None:
    index = _index("تل أبيب", "لد", short_clitics=True)
    assert [h.values for h in index.scan(_norms("غادر وتل أبيب"))] == [("تل أبيب",)]
    assert index.scan(_norms("جاء ولد صغير")) == []  # "ولد" is a boy, not و + "لد"


def test_contains_and_match_at_agree_with_scan() -> None:
    index = _index("وقف إطلاق النار")
    words = _norms("أعلن الطرفان وقف إطلاق النار مساء")
    assert index.contains(words)
    assert not index.contains(_norms("أعلن الطرفان هدنة مساء"))
    hit = index.match_at(words, 2)
    assert hit is not None and (hit.start, hit.end) == (2, 5)
    assert index.match_at(words, 1) is None


def test_a_phrase_added_after_a_scan_is_found() -> None:
    index = _index("الحدود")
    words = _norms("أغلقت السلطات المعبر الحدودي")
    assert index.scan(words) == []
    index.add("المعبر", "المعبر")  # the memo of first words must not hide it
    assert [h.values for h in index.scan(words)] == [("المعبر",)]
