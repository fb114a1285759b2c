"""Region coverage: every entry added for Lebanon, Syria, Israel, Jordan, Yemen and the seas is
found in a sentence of our own, offices name their holder on the day, and places hold places."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefings.gazetteer import Gazetteer, PlaceEntry, default_gazetteer
from briefings.mentions import parse_article
from briefings.normalize import norm_token, sentences, tokens

SENTENCES = Path(__file__).parent / "fixtures" / "region_sentences.tsv"
ROWS = [line.split("\t") for line in SENTENCES.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")]


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return default_gazetteer()


def _found(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.tag, m.id) for m in gaz.scan([norm_token(t) for t in tokens(text)])]


@pytest.mark.parametrize(("text", "tag", "ident"), ROWS, ids=[f"{r[2]}:{i}" for i, r in enumerate(ROWS)])
def test_each_region_entry_is_found_in_a_sentence(gaz: Gazetteer, text: str, tag: str, ident: str) -> None:
    assert (tag, ident) in _found(gaz, text)


@pytest.mark.parametrize(("office", "day", "holder"), [
    ("israel-foreign-minister", date(2020, 9, 1), "gabi-ashkenazi"),
    ("israel-foreign-minister", date(2022, 1, 10), "yair-lapid"),
    ("israel-foreign-minister", date(2023, 4, 1), "eli-cohen"),
    ("israel-foreign-minister", date(2024, 6, 1), "israel-katz"),
    ("israel-foreign-minister", date(2025, 3, 1), "gideon-saar"),
    ("israel-defence-minister", date(2020, 2, 1), "naftali-bennett"),
    ("iran-defence-minister", date(2020, 1, 8), "amir-hatami"),
    ("iran-defence-minister", date(2023, 5, 1), "mohammad-reza-ashtiani"),
    ("iran-defence-minister", date(2024, 10, 1), "aziz-nasirzadeh"),
    ("syria-defence-minister", date(2021, 6, 1), "ali-abdullah-ayoub"),
    ("syria-defence-minister", date(2024, 12, 1), "ali-mahmoud-abbas"),
    ("syria-defence-minister", date(2024, 12, 15), None),  # between Assad's fall and the new minister
    ("syria-defence-minister", date(2025, 2, 1), "murhaf-abu-qasra"),
    ("hezbollah-secretary-general", date(2024, 9, 1), "hassan-nasrallah"),
    ("hezbollah-secretary-general", date(2024, 11, 15), "naim-qassem"),
])
def test_an_office_names_the_holder_of_the_article_day(gaz: Gazetteer, office: str, day: date,
                                                       holder: str | None) -> None:
    assert gaz.offices[office].holder(day) == holder


def _ids(places: tuple[PlaceEntry, ...]) -> list[str]:
    return [p.id for p in places]


@pytest.mark.parametrize(("outer", "inner"), [
    ("jo", "jo-tower-22"),
    ("jo", "jo-muwaffaq-salti"),
    ("iq-erbil", "iq-erbil-air-base"),
    ("iq-erbil-city", "iq-erbil-air-base"),
    ("iq-baghdad", "iq-baghdad-city"),
    ("iq-baghdad", "iq-baghdad-airport"),
    ("iq-anbar", "iq-ain-al-asad"),
    ("lb", "lb-khiam"),
    ("lb-nabatieh-governorate", "lb-kfar-kila"),
    ("lb-beirut", "lb-haret-hreik"),
    ("sy-deir-ez-zor", "sy-albu-kamal"),
    ("sy-latakia-governorate", "sy-hmeimim"),
    ("ye", "ye-salif"),
    ("ye-hodeidah-governorate", "ye-hodeidah-port"),
])
def test_a_place_holds_what_lies_inside_it(gaz: Gazetteer, outer: str, inner: str) -> None:
    assert inner in _ids(gaz.descendants(outer))
    assert outer in _ids(gaz.ancestors(inner))


def test_descendants_come_nearest_first_and_never_include_the_place_itself(gaz: Gazetteer) -> None:
    inside = _ids(gaz.descendants("iq-baghdad"))
    assert "iq-baghdad" not in inside and len(inside) == len(set(inside))
    assert inside.index("iq-baghdad-city") < inside.index("iq-baghdad-airport")
    assert gaz.descendants("jo-tower-22") == ()


def test_a_chain_ends_at_the_country(gaz: Gazetteer) -> None:
    assert _ids(gaz.ancestors("lb-aitaroun")) == ["lb-bint-jbeil-district", "lb-nabatieh-governorate", "lb"]
    assert _ids(gaz.ancestors("ye-sanaa-airport")) == ["ye-sanaa", "ye-amanat-al-asimah", "ye"]
    assert gaz.ancestors("sea-red-sea") == ()


def test_a_cycle_in_user_data_ends_the_walk() -> None:
    loop = Gazetteer(actors=[], places=[
        PlaceEntry(id="a", kind="town", name_en="A", name_ar="ألف", parent="b"),
        PlaceEntry(id="b", kind="town", name_en="B", name_ar="باء", parent="a")])
    assert _ids(loop.descendants("a")) == ["b"]
    assert len(loop.ancestors("a")) <= 2


@pytest.mark.parametrize(("text", "places"), [
    ("سقطت قذائف على دير الزور والميادين", ["sy-deir-ez-zor-city", "sy-mayadin"]),
    ("امتدت الغارات إلى صعدة ومأرب والحديدة", ["ye-saada", "ye-marib", "ye-hodeidah"]),
    ("في النبطية وصور", ["lb-nabatieh", "lb-tyre"]),
])
def test_a_name_that_is_also_a_word_is_a_place_in_a_list_of_places(gaz: Gazetteer, text: str,
                                                                   places: list[str]) -> None:
    assert [i for t, i in _found(gaz, text) if t == "place"] == places


def test_a_word_joined_to_something_else_stays_a_word(gaz: Gazetteer) -> None:
    assert ("place", "ye-marib") not in _found(gaz, "تحدث الوزير ومأرب الحكومة واضح")
    assert ("place", "ye-marib") not in _found(gaz, "لا مأرب له")


@pytest.mark.parametrize(("query", "place"), [
    ("Tyre", "lb-tyre"), ("صور", "lb-tyre"), ("Hodeidah", "ye-hodeidah"), ("Khiam", "lb-khiam"),
    ("Sweida", "sy-suwayda"), ("Tower 22", "jo-tower-22"),
])
def test_a_search_for_a_name_that_is_also_a_word_finds_the_place(gaz: Gazetteer, query: str, place: str) -> None:
    found = gaz.lookup(query)
    assert found is not None and ("place", place) in found.senses


def test_two_offices_left_on_one_day_give_the_one_taken_last() -> None:
    """Prime minister and foreign minister until the same day: "former Prime Minister"."""
    p = parse_article(sentences("خبر", ("وقال يائير لابيد إن الحكومة فشلت.",)), default_gazetteer(),
                      published=date(2024, 3, 10))
    roles = [a.actor.role_en for s in p for a in s.actors if a.actor.name_en == "Yair Lapid"]
    assert roles and set(roles) == {"former Prime Minister of Israel"}
