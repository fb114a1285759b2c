"""Checks on the place gazetteer data files that a maintainer adding an entry must not break."""

from __future__ import annotations

import re
from collections import Counter
from importlib.resources import files
from typing import Any

import pytest
import yaml

KINDS = frozenset({"country", "region", "governorate", "district", "city", "town", "base", "site", "crossing", "sea"})
PLACE_KEYS = frozenset({"id", "kind", "en", "ar", "aliases_en", "aliases_ar", "parent", "lat", "lon", "ambiguous"})
# Kinds that need no containing place: a country is the top, a sea lies between countries.
ROOT_KINDS = frozenset({"country", "sea"})
IRAQ_GOVERNORATES = frozenset(
    {
        "Anbar",
        "Babil",
        "Baghdad",
        "Basra",
        "Dhi Qar",
        "Diyala",
        "Duhok",
        "Erbil",
        "Karbala",
        "Kirkuk",
        "Maysan",
        "Muthanna",
        "Najaf",
        "Nineveh",
        "Qadisiyah",
        "Salah al-Din",
        "Sulaymaniyah",
        "Wasit",
    }
)
# Generous boxes (lat_min, lat_max, lon_min, lon_max) that catch swapped or mistyped coordinates.
BOUNDS = {
    "iq": (29.0, 37.5, 38.7, 48.8),
    "sy": (32.3, 37.4, 35.6, 42.5),
    "ir": (25.0, 39.9, 44.0, 63.4),
    "lb": (33.0, 34.7, 35.0, 36.7),
    "ye": (12.0, 19.0, 42.0, 54.0),
}
COMPASS = frozenset(
    {"northern", "southern", "eastern", "western", "northeastern", "northwestern", "southeastern", "southwestern"}
)

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
# Only the letters of the Arabic alphabet: a Persian or Kurdish letter (چ گ پ ژ ڤ ێ ە) is not
# what Arabic newswire prints and the matcher's folding does not map it.
ARABIC_TEXT = re.compile(r"^[\u0621-\u063A\u0640-\u0652\u0660-\u0669 0-9-]+$")
ENGLISH_TEXT = re.compile(r"^[A-Za-z0-9 '.()-]+$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Folds the spelling variants the matcher cannot tell apart, so a repeat counts as one name.
DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
ALEFS = re.compile(r"[أإآٱ]")
LEADING_ARTICLE = re.compile(r"^ال(?=..)")


def load(name: str) -> Any:
    """Parse one YAML file shipped in briefings/data."""
    text = (files("briefings") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def fold(text: str) -> str:
    """Reduce Arabic to the letters the matcher compares."""
    text = ALEFS.sub("ا", DIACRITICS.sub("", text.strip()))
    text = text.replace("ى", "ي").replace("ة", "ه")
    return LEADING_ARTICLE.sub("", text)


PLACES: list[dict[str, Any]] = load("places.yaml")
DIRECTIONS: list[dict[str, Any]] = load("directions.yaml")
BY_ID = {place["id"]: place for place in PLACES}
ADMIN_UNITS = [place for place in PLACES if place["kind"] in {"governorate", "district"}]


def arabic_names(place: dict[str, Any]) -> list[str]:
    """The canonical Arabic name and every Arabic alias of one place."""
    return [place["ar"], *place["aliases_ar"]]


def english_names(place: dict[str, Any]) -> list[str]:
    """The canonical English name and every English alias of one place."""
    return [place["en"], *place["aliases_en"]]


def ancestors(place: dict[str, Any]) -> list[dict[str, Any]]:
    """The chain of containing places, nearest first; stops at a repeat so a cycle shows."""
    chain: list[dict[str, Any]] = []
    seen = {place["id"]}
    while "parent" in place and place["parent"] in BY_ID:
        place = BY_ID[place["parent"]]
        chain.append(place)
        if place["id"] in seen:
            break
        seen.add(place["id"])
    return chain


def country_of(place: dict[str, Any]) -> str | None:
    """The id of the country a place lies in, or None for one outside any."""
    if place["kind"] == "country":
        return str(place["id"])
    countries = [p["id"] for p in ancestors(place) if p["kind"] == "country"]
    return countries[0] if countries else None


@pytest.mark.parametrize("place", PLACES, ids=lambda p: str(p.get("id")))
def test_place_has_required_fields_of_the_right_shape(place: dict[str, Any]) -> None:
    assert set(place) <= PLACE_KEYS, f"unknown keys {set(place) - PLACE_KEYS}"
    assert SLUG.match(place["id"])
    assert place["kind"] in KINDS
    assert isinstance(place["en"], str) and place["en"].strip()
    assert isinstance(place["ar"], str) and place["ar"].strip()
    assert isinstance(place["aliases_en"], list) and isinstance(place["aliases_ar"], list)
    assert all(isinstance(alias, str) and alias.strip() for alias in english_names(place))
    assert all(isinstance(alias, str) and alias.strip() for alias in arabic_names(place))
    assert place.get("ambiguous", True) is True, "write ambiguous: true or leave it out"


def test_place_ids_are_unique() -> None:
    repeated = [key for key, count in Counter(p["id"] for p in PLACES).items() if count > 1]
    assert repeated == []


@pytest.mark.parametrize("place", PLACES, ids=lambda p: str(p.get("id")))
def test_parent_exists_and_chain_ends_at_a_country(place: dict[str, Any]) -> None:
    if place["kind"] == "country":
        assert "parent" not in place
        return
    if place["kind"] in ROOT_KINDS and "parent" not in place:
        return
    assert place.get("parent") in BY_ID, f"unknown parent {place.get('parent')!r}"
    chain = ancestors(place)
    ids = [p["id"] for p in chain]
    assert place["id"] not in ids and len(ids) == len(set(ids)), f"cycle through {ids}"
    assert chain[-1]["kind"] == "country"


@pytest.mark.parametrize("place", ADMIN_UNITS, ids=lambda p: str(p["id"]))
def test_governorates_sit_in_a_country_and_districts_in_a_governorate(place: dict[str, Any]) -> None:
    # A governorate may sit in a region (the Kurdistan Region's four) that sits in the country.
    expected = ("country", "region") if place["kind"] == "governorate" else ("governorate",)
    assert BY_ID[place["parent"]]["kind"] in expected


@pytest.mark.parametrize("place", PLACES, ids=lambda p: str(p.get("id")))
def test_coordinates_are_in_range_and_inside_their_country(place: dict[str, Any]) -> None:
    assert ("lat" in place) == ("lon" in place), "give both lat and lon or neither"
    if "lat" not in place:
        return
    lat, lon = place["lat"], place["lon"]
    assert isinstance(lat, int | float) and isinstance(lon, int | float)
    assert -90 <= lat <= 90 and -180 <= lon <= 180
    country = country_of(place)
    if country in BOUNDS and place["kind"] != "country":
        lat_min, lat_max, lon_min, lon_max = BOUNDS[country]
        assert lat_min <= lat <= lat_max and lon_min <= lon <= lon_max, f"({lat}, {lon}) outside {country}"


def test_every_governorate_of_iraq_is_present() -> None:
    present = {p["en"] for p in PLACES if p["kind"] == "governorate" and "iq" in [a["id"] for a in ancestors(p)]}
    assert present >= IRAQ_GOVERNORATES, f"missing {IRAQ_GOVERNORATES - present}"


def test_kurdistan_region_is_a_region_of_iraq() -> None:
    regions = [p for p in PLACES if p["kind"] == "region" and p["en"] == "Kurdistan Region"]
    assert len(regions) == 1 and regions[0]["parent"] == "iq"


def test_coverage_is_wide_enough() -> None:
    kinds = Counter(p["kind"] for p in PLACES)
    assert len(PLACES) >= 250
    assert kinds["base"] >= 15
    assert kinds["crossing"] >= 6


@pytest.mark.parametrize("place", PLACES, ids=lambda p: str(p.get("id")))
def test_names_are_written_in_their_own_script(place: dict[str, Any]) -> None:
    for name in arabic_names(place):
        assert not LATIN.search(name), name
        assert ARABIC_TEXT.match(name), f"non-Arabic letter in {name!r}"
    for name in english_names(place):
        assert not ARABIC.search(name), name
        assert ENGLISH_TEXT.match(name), f"unexpected character in {name!r}"


def test_no_two_places_share_an_arabic_name_after_folding() -> None:
    owners: dict[str, list[str]] = {}
    for place in PLACES:
        for name in arabic_names(place):
            owners.setdefault(fold(name), []).append(place["id"])
    shared = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert shared == {}, "one spelling per place; a variant the matcher folds is a repeat"


def test_fold_merges_the_variants_the_matcher_folds() -> None:
    assert fold("إربيل") == fold("أربيل") == fold("اربيل")
    assert fold("الحسكة") == fold("حسكه")
    assert fold("ديالى") == fold("ديالي")
    assert fold("ديرالزور") != fold("دير الزور")
    assert fold("هولير") != fold("أربيل")


def test_well_known_places_resolve_to_the_right_entry() -> None:
    by_name = {fold(name): place for place in PLACES for name in arabic_names(place)}
    assert by_name[fold("هولير")]["id"] == by_name[fold("أربيل")]["id"]
    assert by_name[fold("جرف النصر")]["id"] == by_name[fold("جرف الصخر")]["id"]
    assert by_name[fold("قاعدة الأسد")]["kind"] == "base"
    assert by_name[fold("البوكمال")]["parent"] == by_name[fold("محافظة دير الزور")]["id"]
    assert by_name[fold("بغداد")]["kind"] == "city"


def test_common_words_that_name_places_are_flagged_ambiguous() -> None:
    by_name = {fold(name): place for place in PLACES for name in arabic_names(place)}
    for word in ("الحرية", "النصر", "الخالص", "الرشيد", "الوحدة", "المدينة", "الجزيرة", "بلد", "الدور", "الحي"):
        assert by_name[fold(word)].get("ambiguous") is True, word


@pytest.mark.parametrize("direction", DIRECTIONS, ids=lambda d: str(d.get("en_region")))
def test_direction_has_arabic_forms_and_both_english_uses(direction: dict[str, Any]) -> None:
    assert set(direction) == {"ar", "en_region", "en_of"}
    assert isinstance(direction["ar"], list) and direction["ar"]
    assert all(ARABIC_TEXT.match(form) and not LATIN.search(form) for form in direction["ar"])
    assert ENGLISH_TEXT.match(direction["en_region"]) and ENGLISH_TEXT.match(direction["en_of"])


def test_directions_cover_the_compass_and_the_centre() -> None:
    regions = {d["en_region"] for d in DIRECTIONS}
    assert regions >= COMPASS | {"central"}
    of = {d["en_region"]: d["en_of"] for d in DIRECTIONS}
    assert of["western"] == "west of" and of["northeastern"] == "northeast of"


def test_no_arabic_direction_form_means_two_directions() -> None:
    owners: dict[str, set[str]] = {}
    for direction in DIRECTIONS:
        for form in direction["ar"]:
            owners.setdefault(fold(form), set()).add(direction["en_region"])
    assert {form: dirs for form, dirs in owners.items() if len(dirs) > 1} == {}


def test_compound_directions_are_listed_in_their_usual_forms() -> None:
    forms = {fold(form): d["en_region"] for d in DIRECTIONS for form in d["ar"]}
    assert forms[fold("شمال شرق")] == "northeastern"
    assert forms[fold("شمالي شرقي")] == "northeastern"
    assert forms[fold("الشمالية الشرقية")] == "northeastern"
    assert forms[fold("جنوب غرب")] == "southwestern"
    assert forms[fold("وسط")] == "central"


PLACE_CUE_KEYS = {"place_cues", "settlements", "weak_place_cues", "place_followers"}


def test_place_cues_have_one_home() -> None:
    """Every list of place cues lives in place_cues.yaml; no other data file keeps a copy of one."""
    cues = load("place_cues.yaml")
    assert {"names", "class_nouns", "settlements", "weak", "followers"} <= set(cues)
    assert all(cues[key] for key in cues)
    for name in ("events.yaml", "names.yaml"):
        assert PLACE_CUE_KEYS.isdisjoint(load(name)), name
