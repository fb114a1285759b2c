"""The words that announce a place, read once from `data/place_cues.yaml` (its comments say what each list means)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from briefings.normalize import core, normalize


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceCues:
    """The place cue lists, each in the form its reader compares."""

    names: frozenset[str]  # cores: "في", "حي", "قرب" before an ambiguous known name make it the place
    class_nouns: frozenset[str]  # cores: "قرية", "منطقة": the words after them name a place
    settlements: frozenset[str]  # cores: "بلدة", "مخيم": the words after them name a place, not a person
    lists: frozenset[str]  # cores: "بلدات", "منطقتي": several names follow, joined by "و"
    list_openers: frozenset[str]  # cores: "بينها" after such a plural: the list of names follows
    weak: frozenset[str]  # normalized: "في" before an everyday-word place, which then needs `followers`
    followers: frozenset[str]  # normalized: what may follow such a place: "جنوب", "أمس", "من"


@cache
def place_cues() -> PlaceCues:
    """The bundled place cues, loaded once per process."""
    data = yaml.safe_load((resources.files("briefings") / "data" / "place_cues.yaml").read_text(encoding="utf-8"))

    def cores(key: str) -> frozenset[str]:
        return frozenset(core(normalize(w)) for w in data[key])

    def words(key: str) -> frozenset[str]:
        return frozenset(normalize(w) for w in data[key])

    return PlaceCues(names=cores("names"), class_nouns=cores("class_nouns"), settlements=cores("settlements"),
                     lists=cores("lists"), list_openers=cores("list_openers"),
                     weak=words("weak"), followers=words("followers"))
