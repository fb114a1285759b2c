"""Normalization, tokens, clitic cores and sentence splitting."""

from __future__ import annotations

import pytest

from briefings.normalize import clitic_cores, normalize, sentences, split_sentences, tokens


@pytest.mark.parametrize(("raw", "folded"), [
    ("أحمد", "احمد"),
    ("إيران", "ايران"),
    ("آية", "ايه"),
    ("مصطفى", "مصطفي"),
    ("الحكومةُ العراقيّة", "الحكومه العراقيه"),
    ("المـــقاومة", "المقاومه"),
    ("مؤتمر", "موتمر"),
    ("رئيس", "رييس"),
    ("٢٠٢٤", "2024"),
    ("Kataib  HEZBOLLAH", "kataib hezbollah"),
    ("\u200fبغداد\u200e", "بغداد"),
    ("أربیل", "اربيل"),  # typed on a Persian keyboard: Persian yeh
    ("کرکوک", "كركوك"),  # and Persian kaf
])
def test_normalize_folds_letter_variants_marks_digits_and_case(raw: str, folded: str) -> None:
    assert normalize(raw) == folded


def test_tokens_keep_harakat_inside_words_and_split_arabic_punctuation() -> None:
    assert tokens("قالَ المالكيُّ، «نعم»؟") == ["قالَ", "المالكيُّ", "،", "«", "نعم", "»", "؟"]


@pytest.mark.parametrize(("word", "core"), [
    ("بالمالكي", "مالكي"),
    ("وللولايات", "ولايات"),
    ("فبغداد", "بغداد"),
    ("لإيران", "ايران"),
    ("كالعادة", "عاده"),
    ("والحشد", "حشد"),
])
def test_clitic_cores_offer_the_word_without_its_proclitics(word: str, core: str) -> None:
    assert core in clitic_cores(normalize(word))


def test_clitic_cores_try_the_word_as_written_first() -> None:
    assert clitic_cores("وزير")[0] == "وزير"  # a word that merely starts with و stays a candidate as is


def test_split_sentences_at_arabic_and_latin_marks() -> None:
    text = "قتل جندي في بغداد. وأصيب آخر؟ نعم! انتهى"
    assert split_sentences(text) == ["قتل جندي في بغداد.", "وأصيب آخر؟", "نعم!", "انتهى"]


def test_split_sentences_never_inside_a_quotation() -> None:
    text = "وقال المتحدث: «لم نتلق أي طلب. سنرد في الوقت المناسب». وأضاف أن الحوار مستمر."
    assert split_sentences(text) == ["وقال المتحدث: «لم نتلق أي طلب. سنرد في الوقت المناسب».",
                                     "وأضاف أن الحوار مستمر."]


def test_split_sentences_keeps_agency_abbreviations_whole() -> None:
    assert len(split_sentences("نقلت أ.ف.ب عن مصدر أمني قوله إن الهجوم وقع ليلا.")) == 1


def test_sentences_number_the_headline_first() -> None:
    out = sentences("عنوان الخبر", ("الفقرة الأولى. الجملة الثانية.",))
    assert [(s.index, s.paragraph) for s in out] == [(0, -1), (1, 0), (2, 0)]
    assert out[0].text == "عنوان الخبر"
