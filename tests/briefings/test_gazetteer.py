"""The gazetteer matcher: clitics, spellings, offices by date, ambiguous places, metonyms."""

from __future__ import annotations

from datetime import date

import pytest

from briefings.gazetteer import ActorEntry, Gazetteer, Office, PlaceEntry, default_gazetteer
from briefings.normalize import norm_token, tokens


def _words(text: str) -> list[str]:
    return [norm_token(t) for t in tokens(text)]


def _ids(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.tag, m.id) for m in gaz.scan(_words(text))]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


@pytest.mark.parametrize(("text", "actor"), [
    ("والتقى بنوري المالكي أمس", "nouri-al-maliki"),
    ("وللولايات المتحدة نحو 2500 جندي", "united-states"),
    ("أعلنت كتائب حزب الله العراقية", "kataib-hezbollah"),
    ("قال مصطفى الكاظمى", "mustafa-al-kadhimi"),
    ("وصرّح دونالد ترمب", "donald-trump"),
    ("ونقلت وكالة رويترز", "reuters"),
])
def test_actors_are_found_through_clitics_and_spellings(gaz: Gazetteer, text: str, actor: str) -> None:
    assert ("actor", actor) in _ids(gaz, text)


@pytest.mark.parametrize("spelling", ["Kataib Hezbollah", "kataib hizbullah", "KATA'IB HEZBOLLAH"])
def test_english_spellings_in_any_case_name_the_same_group(gaz: Gazetteer, spelling: str) -> None:
    found = gaz.lookup(spelling)
    assert found is not None and found.id == "kataib-hezbollah"


def test_the_longest_name_wins(gaz: Gazetteer) -> None:
    assert _ids(gaz, "قوات الحشد الشعبي")[0] == ("actor", "pmf")


def test_places_and_compass_words_are_separate_mentions(gaz: Gazetteer) -> None:
    tags = [t for t, _ in _ids(gaz, "في غرب العراق")]
    assert tags[:2] == ["direction", "actor"]  # "العراق" is both the country actor and the place


def test_a_bare_surname_that_is_also_an_adjective_names_nobody(gaz: Gazetteer) -> None:
    assert ("actor", "mohammed-shia-al-sudani") not in _ids(gaz, "الجيش السوداني")


@pytest.mark.parametrize(("text", "place"), [
    ("سقطت صواريخ على حيفا وتل أبيب ليلا", "il-tel-aviv"),
    ("ودوت صفارات الإنذار بتل أبيب", "il-tel-aviv"),
    ("وصلت الناقلة لأم قصر صباحا", "iq-umm-qasr"),
])
def test_a_clitic_on_a_short_first_word_still_finds_the_place(gaz: Gazetteer, text: str, place: str) -> None:
    assert ("place", place) in _ids(gaz, text)


def test_a_short_word_with_a_clitic_alone_is_no_place(gaz: Gazetteer) -> None:
    # "وتل" with no "أبيب" after it, and "ولد" (a boy): two letters are never a place on their own
    assert [t for t, _ in _ids(gaz, "ولد الطفل قرب التل وتل صغير")] == []


def _tiny() -> Gazetteer:
    office = Office(id="pm", name_en="Prime Minister", name_ar="رئيس الوزراء",
                    holders=(("a", date(2018, 1, 1), date(2020, 5, 7)), ("b", date(2020, 5, 7), None)))
    return Gazetteer(
        actors=[ActorEntry(id="a", kind="person", name_en="Ali A", name_ar="علي ألف"),
                ActorEntry(id="b", kind="person", name_en="Bassem B", name_ar="باسم باء")],
        places=[PlaceEntry(id="x", kind="town", name_en="al-Nasr", name_ar="النصر", ambiguous=True)],
        offices=[(office, ["رئيس الحكومة"])])


@pytest.mark.parametrize(("day", "holder"), [
    (date(2019, 3, 1), "a"), (date(2020, 5, 6), "a"), (date(2020, 5, 7), "b"), (date(2024, 1, 1), "b"),
    (date(2010, 1, 1), None), (None, None)])
def test_an_office_names_its_holder_on_the_day(day: date | None, holder: str | None) -> None:
    assert _tiny().offices["pm"].holder(day) == holder


def test_an_office_is_found_by_any_of_its_patterns() -> None:
    assert _ids(_tiny(), "قال رئيس الحكومة") == [("office", "pm")]


def test_an_ambiguous_place_needs_a_place_cue() -> None:
    assert _ids(_tiny(), "حقق النصر") == []
    assert _ids(_tiny(), "في النصر") == [("place", "x")]


@pytest.mark.parametrize(("text", "place"), [
    ("وتبادلا القصف عبر الحدود، في مشهد بات شبه يومي", None),  # a scene
    ("وظهر الدمار في صور نشرتها الوكالة", None),  # pictures
    ("وقتل ثلاثة في صور جنوب لبنان", "lb-tyre"),
    ("وسقط صاروخ في صور، ما أدى إلى إصابة شخصين", "lb-tyre"),
    ("وسقط صاروخ في صور أمس", "lb-tyre"),
    ("وقصفت الطائرات مدينة صور نشرتها", "lb-tyre"),  # a class noun before it makes it a place, whatever follows
])
def test_an_everyday_word_after_fi_is_a_place_only_with_a_names_company(gaz: Gazetteer, text: str,
                                                                        place: str | None) -> None:
    assert [i for t, i in _ids(gaz, text) if t == "place"][:1] == ([place] if place else [])


@pytest.mark.parametrize("text", ['قاعدة "حرير" الجوية', "قاعدة «حرير» الجوية", "قاعدة “حرير” الجوية"])
def test_quotation_marks_around_a_name_do_not_hide_it(gaz: Gazetteer, text: str) -> None:
    assert _ids(gaz, text) == [("place", "iq-harir-base")]


@pytest.mark.parametrize(("text", "at"), [("وصل الوفد إلى بغداد", 3), ('ردد «لا» ثم وصل الوفد إلى بغداد', 8)])
def test_mentions_stand_where_the_words_stand_with_or_without_quotes(gaz: Gazetteer, text: str, at: int) -> None:
    m, = gaz.scan(_words(text))
    assert (m.id, m.start, m.end) == ("iq-baghdad-city", at, at + 1)
