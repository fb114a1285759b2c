"""Checks on the actor gazetteer data files that a maintainer adding an entry must not break."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from importlib.resources import files
from typing import Any

import pytest
import yaml

from briefings.model import ACTOR_KINDS

ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")
# Folds only what the matcher folds, so two spellings it cannot tell apart count as one.
DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
ALEFS = re.compile(r"[أإآٱ]")

# Bare words that are common nouns or adjectives as well as surnames: listing one as an
# alias would tag every "Sudanese" or "military" in an article as a person.
FORBIDDEN_BARE_AR = frozenset({"السوداني", "العسكري", "الأسدي", "الصدر", "الحكيم", "رئيسي", "الدفاع"})

ACTOR_KEYS = frozenset(
    {"id", "kind", "en", "ar", "aliases_en", "aliases_ar", "role_en", "role_ar", "country", "affiliation", "surname_ar",
     "gender"}
)


def load(name: str) -> Any:
    """Parse one YAML file shipped in briefings/data."""
    text = (files("briefings") / "data" / name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def fold(text: str) -> str:
    """Reduce Arabic to the letters the matcher compares."""
    text = ALEFS.sub("ا", DIACRITICS.sub("", text))
    return text.replace("ى", "ي").replace("ة", "ه").strip()


ACTORS: list[dict[str, Any]] = load("actors.yaml")
OFFICES: list[dict[str, Any]] = load("offices.yaml")
TITLES: list[dict[str, Any]] = load("titles.yaml")
NATIONALITIES: list[dict[str, Any]] = load("nationalities.yaml")
ACTOR_IDS = {actor["id"] for actor in ACTORS}
KINDS = {actor["id"]: actor["kind"] for actor in ACTORS}


def arabic_names(actor: dict[str, Any]) -> list[str]:
    """The canonical Arabic name and every Arabic alias of one actor."""
    return [actor["ar"], *actor.get("aliases_ar", [])]


def english_names(actor: dict[str, Any]) -> list[str]:
    """The canonical English name and every English alias of one actor."""
    return [actor["en"], *actor.get("aliases_en", [])]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: str(a.get("id")))
def test_actor_has_required_fields_of_the_right_shape(actor: dict[str, Any]) -> None:
    assert set(actor) <= ACTOR_KEYS, f"unknown keys {set(actor) - ACTOR_KEYS}"
    assert SLUG.match(actor["id"])
    assert actor["kind"] in ACTOR_KINDS
    assert actor.get("gender", "m") in ("f", "m")
    assert isinstance(actor["en"], str) and actor["en"].strip()
    assert isinstance(actor["ar"], str) and actor["ar"].strip()
    for key in ("aliases_en", "aliases_ar"):
        assert all(isinstance(alias, str) and alias.strip() for alias in actor.get(key, []))
    if "country" in actor:
        assert COUNTRY_CODE.match(actor["country"])


def test_aliases_add_something() -> None:
    redundant = []
    for actor in ACTORS:
        for key, canonical in (("aliases_en", actor["en"]), ("aliases_ar", actor["ar"])):
            aliases = actor.get(key, [])
            if canonical in aliases or len(set(aliases)) != len(aliases):
                redundant.append((actor["id"], key))
    assert redundant == []


def test_actor_ids_are_unique() -> None:
    repeated = [key for key, count in Counter(a["id"] for a in ACTORS).items() if count > 1]
    assert repeated == []


def test_every_affiliation_names_another_actor() -> None:
    dangling = {a["id"]: a["affiliation"] for a in ACTORS if a.get("affiliation", a["id"]) not in ACTOR_IDS}
    assert dangling == {}
    assert all(a.get("affiliation") != a["id"] for a in ACTORS)


def test_gazetteer_covers_the_region_not_just_the_samples() -> None:
    kinds = Counter(a["kind"] for a in ACTORS)
    countries = Counter(a.get("country") for a in ACTORS if a["kind"] == "person")
    assert len(ACTORS) >= 170
    assert kinds["person"] >= 60
    assert kinds["group"] >= 35
    assert kinds["institution"] >= 20
    assert kinds["country"] >= 10
    assert kinds["media"] >= 10
    for code in ("IQ", "IR", "US", "SY", "LB", "YE", "IL", "TR"):
        assert countries[code] >= 2, f"too few people from {code}"


def test_no_arabic_name_points_at_two_actors() -> None:
    owners: dict[str, set[str]] = {}
    for actor in ACTORS:
        for name in arabic_names(actor):
            owners.setdefault(fold(name), set()).add(actor["id"])
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_no_english_name_points_at_two_actors() -> None:
    owners: dict[str, set[str]] = {}
    for actor in ACTORS:
        for name in english_names(actor):
            owners.setdefault(name.casefold(), set()).add(actor["id"])
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_no_alias_is_a_bare_common_word() -> None:
    forbidden = {fold(word) for word in FORBIDDEN_BARE_AR}
    offending = [(a["id"], n) for a in ACTORS for n in arabic_names(a) if fold(n) in forbidden]
    assert offending == []


def test_arabic_fields_hold_no_latin_and_english_fields_no_arabic() -> None:
    wrong = []
    for actor in ACTORS:
        wrong += [(actor["id"], n) for n in arabic_names(actor) + [actor.get("role_ar", "")] if LATIN.search(n)]
        wrong += [(actor["id"], n) for n in english_names(actor) + [actor.get("role_en", "")] if ARABIC.search(n)]
    for office in OFFICES:
        wrong += [(office["id"], p) for p in [office["ar"], *office["patterns_ar"]] if LATIN.search(p)]
        wrong += [(office["id"], office["en"])] if ARABIC.search(office["en"]) else []
    for title in TITLES:
        wrong += [(title["en"], title["ar"])] if LATIN.search(title["ar"]) or ARABIC.search(title["en"]) else []
    for nat in NATIONALITIES:
        wrong += [(nat["country"], a) for a in nat["ar"] if LATIN.search(a)]
        wrong += [(nat["country"], e) for e in (nat["en"], nat["en_country"]) if ARABIC.search(e)]
    assert wrong == []


@pytest.mark.parametrize("office", OFFICES, ids=lambda o: str(o.get("id")))
def test_office_is_well_formed(office: dict[str, Any]) -> None:
    assert SLUG.match(office["id"])
    assert office["en"].strip() and office["ar"].strip()
    assert office["patterns_ar"], "an office nobody can mention is dead data"
    assert office["holders"], "an office without holders resolves to nobody"
    for holder in office["holders"]:
        assert set(holder) <= {"actor", "from", "to"}
        assert holder["actor"] in ACTOR_IDS
        assert KINDS[holder["actor"]] == "person", "an office is held by a person"
        assert isinstance(holder["from"], date)
        if "to" in holder:
            assert isinstance(holder["to"], date)
            assert holder["from"] < holder["to"]


@pytest.mark.parametrize("office", OFFICES, ids=lambda o: str(o.get("id")))
def test_office_holders_never_overlap(office: dict[str, Any]) -> None:
    # A term ends on the day the next one starts, so touching ranges are allowed.
    terms = sorted(office["holders"], key=lambda h: h["from"])
    for earlier, later in zip(terms, terms[1:], strict=False):
        assert "to" in earlier, f"{earlier['actor']} has no end but {later['actor']} follows"
        assert earlier["to"] <= later["from"]


def test_office_ids_are_unique_and_plentiful() -> None:
    assert len(OFFICES) >= 40
    assert len({o["id"] for o in OFFICES}) == len(OFFICES)


def test_an_office_pattern_belongs_to_one_office() -> None:
    owners: dict[str, set[str]] = {}
    for office in OFFICES:
        for pattern in office["patterns_ar"]:
            owners.setdefault(fold(pattern), set()).add(office["id"])
    assert {p: ids for p, ids in owners.items() if len(ids) > 1} == {}


def test_titles_are_plentiful_unique_and_complete() -> None:
    assert len(TITLES) >= 80
    assert all(set(t) == {"ar", "en"} and t["ar"].strip() and t["en"].strip() for t in TITLES)
    repeated = [ar for ar, count in Counter(fold(t["ar"]) for t in TITLES).items() if count > 1]
    assert repeated == []


def test_nationalities_name_each_country_once_with_every_form() -> None:
    assert len({n["country"] for n in NATIONALITIES}) == len(NATIONALITIES)
    assert len(NATIONALITIES) >= 150  # the world's countries, not only the region's
    for code in ("IQ", "IR", "US", "SY", "LB", "YE", "IL", "PS", "TR", "SA", "GB", "FR", "RU", "NO", "KE", "BR"):
        assert code in {n["country"] for n in NATIONALITIES}
    owners: dict[str, set[str]] = {}
    for nat in NATIONALITIES:
        assert COUNTRY_CODE.match(nat["country"]) and nat["en"] and nat["en_country"]
        assert len(nat["ar"]) >= 4, f"{nat['country']} lacks gender, number or article forms"
        for form in nat["ar"]:
            owners.setdefault(fold(form), set()).add(nat["country"])
    assert {form: codes for form, codes in owners.items() if len(codes) > 1} == {}


def test_every_actor_country_has_a_nationality() -> None:
    known = {n["country"] for n in NATIONALITIES}
    missing = {a["id"]: a["country"] for a in ACTORS if "country" in a and a["country"] not in known}
    assert missing == {}


def test_a_surname_used_alone_is_one_word_and_names_one_person() -> None:
    surnames = [a["surname_ar"] for a in ACTORS if "surname_ar" in a]
    assert all(" " not in s for s in surnames) and len(surnames) == len(set(surnames))
    assert all(a["kind"] == "person" for a in ACTORS if "surname_ar" in a)
