"""Bilingual gazetteer of actors, offices, titles and places, and clitic-aware matching.

The entries are data files in `briefings/data/` that users extend; this module loads
them once and finds them in text. Matching is hand-written: no library knows that
"وللولايات المتحدة" holds "الولايات المتحدة" or that "وزير الدفاع الأمريكي" names a
different person each year, and camel-tools' NER data is not available here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

import yaml
from camel_tools.utils.dediac import dediac_ar

from briefings.errors import ConfigError
from briefings.model import ActorRef, PlaceRef
from briefings.names import NameLexicon
from briefings.normalize import QUOTE_MARKS, clitic_cores, core, fold_chars, normalize, tokens
from briefings.phrases import Hit, PhraseIndex
from briefings.place_cues import place_cues

# Words before an ambiguous place name that make it a place ("حي النصر"): data/place_cues.yaml `names`.
PLACE_CUES = place_cues().names


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorEntry:
    """A known actor and every name it goes by."""

    id: str
    kind: str
    name_en: str
    name_ar: str
    aliases_en: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    role_en: str | None = None
    role_ar: str | None = None
    country: str | None = None
    affiliation: str | None = None
    surname_ar: str | None = None  # the one word the press names them by alone ("السوداني")
    gender: str | None = None  # Arabic grammatical gender, "f" or "m", where the name's first word misleads

    def ref(self, *, role_en: str | None = None, role_ar: str | None = None) -> ActorRef:
        """The record stages pass around; a role seen in the article wins over the stored one."""
        return ActorRef(id=self.id, name_en=self.name_en, name_ar=self.name_ar, kind=self.kind,
                        role_en=role_en or self.role_en, role_ar=role_ar or self.role_ar, gender=self.gender)


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceEntry:
    """A known place."""

    id: str
    kind: str
    name_en: str
    name_ar: str
    aliases_en: tuple[str, ...] = ()
    aliases_ar: tuple[str, ...] = ()
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    ambiguous: bool = False

    def ref(self) -> PlaceRef:
        """The record stages pass around."""
        return PlaceRef(id=self.id, name_en=self.name_en, name_ar=self.name_ar, kind=self.kind,
                        lat=self.lat, lon=self.lon)


@dataclass(frozen=True, slots=True, kw_only=True)
class Office:
    """An office whose holder on a given day is a known actor."""

    id: str
    name_en: str
    name_ar: str
    holders: tuple[tuple[str, date, date | None], ...]

    def holder(self, day: date | None) -> str | None:
        """The actor id holding the office on that day, if known."""
        if day is None:
            return None
        for actor, start, end in self.holders:
            if start <= day and (end is None or day < end):
                return actor
        return None


@dataclass(frozen=True, slots=True, kw_only=True)
class Title:
    """A generic role noun that introduces a person ("المحلل السياسي")."""

    ar: str
    en: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Nationality:
    """An adjective of nationality and the country it names."""

    country: str
    en: str
    en_country: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Direction:
    """A compass word for composed places ("غرب العراق")."""

    en_region: str
    en_of: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A gazetteer hit: token span [start, end) and what it names."""

    start: int
    end: int
    tag: str  # actor | place | office | title | nationality | direction
    id: str
    senses: tuple[tuple[str, str], ...] = ()  # every (tag, id) the same words name
    proclitic: bool = False  # a preposition is attached: "بالمالكي", "لإيران"

    def sense(self, tag: str) -> str | None:
        """The id this mention has under a tag ("place" for "العراق"), if any."""
        return next((ident for t, ident in self.senses if t == tag), None)


class Gazetteer:
    """All entries and an index from clitic-free first word to the multi-word keys it starts."""

    def __init__(self, *, actors: Iterable[ActorEntry], places: Iterable[PlaceEntry],
                 offices: Iterable[tuple[Office, Sequence[str]]] = (),
                 titles: Iterable[Title] = (),
                 nationalities: Iterable[tuple[Nationality, Sequence[str]]] = (),
                 directions: Iterable[tuple[Direction, Sequence[str]]] = (),
                 names: NameLexicon | None = None) -> None:
        self.names = names or EMPTY_NAMES
        self.actors = {a.id: a for a in actors}
        # "وأكد السوداني": a surname the press uses alone names its person where a name may stand
        self.surnames = {core(normalize(a.surname_ar)): a.id for a in self.actors.values() if a.surname_ar}
        self.places = {p.id: p for p in places}
        self._children: dict[str, list[str]] = {}
        for p in self.places.values():
            if p.parent:
                self._children.setdefault(p.parent, []).append(p.id)
        self.offices: dict[str, Office] = {}
        self.titles: dict[str, Title] = {}
        self.nationalities: dict[str, Nationality] = {}
        self.directions: dict[str, Direction] = {}
        self._index: PhraseIndex[tuple[str, str]] = PhraseIndex(short_clitics=True)
        for a in self.actors.values():
            for name in (a.name_ar, a.name_en, *a.aliases_ar, *a.aliases_en):
                self._add(name, "actor", a.id)
        for p in self.places.values():
            for name in (p.name_ar, p.name_en, *p.aliases_ar, *p.aliases_en):
                self._add(name, "place", p.id)
        for office, patterns in offices:
            self.offices[office.id] = office
            for pat in (office.name_ar, *patterns):
                self._add(pat, "office", office.id)
        for i, title in enumerate(titles):
            self.titles[str(i)] = title
            self._add(title.ar, "title", str(i))
        for nat, forms in nationalities:
            self.nationalities[nat.country] = nat
            for form in forms:
                self._add(form, "nationality", nat.country)
        for i, (direction, forms) in enumerate(directions):
            self.directions[str(i)] = direction
            for form in forms:
                self._add(form, "direction", str(i))

    def _add(self, name: str, tag: str, ident: str) -> None:
        self._index.add(name, (tag, ident))

    def match_at(self, words: Sequence[str], i: int) -> Mention | None:
        """The longest entry starting at word i (words already normalized), clitics forgiven."""
        hit = self._index.match_at(words, i)
        return self._mention(hit, words) if hit is not None else None

    def _mention(self, hit: Hit[tuple[str, str]], words: Sequence[str], *, listed: bool = False) -> Mention | None:
        """The hit as a mention; `listed` when the context already makes a word a place name."""
        tag, ident = hit.values[0]
        i = hit.start
        cued = core(words[i]) in PLACE_CUES  # "مدينة" alone, or a name that starts with its cue
        if tag == "place" and (self.places[ident].ambiguous and not (_after_cue(words, i) or cued or listed)
                               or hit.end - hit.start == 1 and cued):
            return None  # "مدينة" is a cue for a place, not the place called al-Madina
        if tag == "place" and self.places[ident].ambiguous and not (cued or listed) and self._common_noun(words, hit):
            return None
        return Mention(start=hit.start, end=hit.end, tag=tag, id=ident, senses=hit.values, proclitic=hit.proclitic)

    def _common_noun(self, words: Sequence[str], hit: Hit[tuple[str, str]]) -> bool:
        """"في مشهد بات يوميا": an everyday word after the bare "في", with no name's company after it."""
        names = self.names
        if hit.start == 0 or words[hit.start - 1] not in names.weak_place_cues or words[hit.start].startswith("ال"):
            return False
        nxt = words[hit.end] if hit.end < len(words) else ""
        return nxt[:1].isalpha() and not nxt.startswith(("ال", "وال")) and nxt not in names.place_followers \
            and core(nxt) not in names.place_followers

    def scan(self, words: Sequence[str]) -> list[Mention]:
        """All non-overlapping mentions in a sentence, longest first at each position.

        Quotation marks around a name are read through: 'قاعدة "حرير" الجوية' is Harir Air Base.
        """
        if QUOTE_MARKS.isdisjoint(words):
            return self._scan_bare(words)  # most sentences quote nothing
        kept = [i for i, w in enumerate(words) if w not in QUOTE_MARKS]
        bare = [words[i] for i in kept]
        found = self._scan_bare(bare)
        return [m if kept[m.end - 1] == m.end - 1 else replace(m, start=kept[m.start], end=kept[m.end - 1] + 1)
                for m in found]  # before the first quotation mark the words stand where they stood

    def _scan_bare(self, words: Sequence[str]) -> list[Mention]:
        """All non-overlapping mentions in words without quotation marks."""
        found: list[Mention] = []
        for hit in self._index.scan(words):
            m = self._mention(hit, words, listed=_listed(found, hit.start, words))
            if m is not None:
                found.append(m)
        return found

    def actor(self, ident: str) -> ActorEntry:
        """A known actor by id."""
        return self.actors[ident]

    def place(self, ident: str) -> PlaceEntry:
        """A known place by id."""
        return self.places[ident]

    def ancestors(self, ident: str) -> tuple[PlaceEntry, ...]:
        """The places that hold a place, nearest first, ending at its country."""
        chain: list[PlaceEntry] = []
        parent = self.places[ident].parent
        while parent in self.places and len(chain) < len(self.places):
            chain.append(self.places[parent])
            parent = self.places[parent].parent
        return tuple(chain)

    def descendants(self, ident: str) -> tuple[PlaceEntry, ...]:
        """Every place inside a place, nearest first: Jordan holds Mafraq and Tower 22 in it."""
        found: list[PlaceEntry] = []
        queue = list(self._children.get(ident, ()))
        seen = {ident}
        while queue:
            child = queue.pop(0)
            if child in seen:
                continue
            seen.add(child)
            found.append(self.places[child])
            queue.extend(self._children.get(child, ()))
        return tuple(found)

    def country_place(self, country: str | None) -> PlaceEntry | None:
        """The place entry of a country given as an ISO code."""
        if not country:
            return None
        return self.places.get(country.lower())

    def lookup(self, name: str) -> Mention | None:
        """The entry a whole name denotes (for search boxes), or None."""
        words = [normalize(t) for t in tokens(name)]
        if not words:
            return None
        hit = self._index.match_at(words, 0)
        m = self._mention(hit, words, listed=True) if hit is not None else None  # a whole query is a name
        return m if m and m.end == len(words) else None


def _listed(found: Sequence[Mention], i: int, words: Sequence[str]) -> bool:
    """Whether word i joins a list of places with "و" ("في دير الزور والميادين")."""
    return bool(found) and found[-1].tag == "place" and found[-1].end == i and words[i].startswith("و")


def _after_cue(words: Sequence[str], i: int) -> bool:
    if i == 0:
        return False
    return any(c in PLACE_CUES for c in clitic_cores(words[i - 1]))


# ---- loading -------------------------------------------------------------------------


def _load_yaml(name: str) -> list[dict[str, Any]]:
    path = resources.files("briefings") / "data" / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except yaml.YAMLError as exc:
        raise ConfigError(f"data file {name} is not valid YAML: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ConfigError(f"data file {name} must be a YAML list")
    return data


def _t(v: Any) -> tuple[str, ...]:
    return tuple(str(x) for x in (v or ()))


def _day(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v))


def _actor(d: dict[str, Any]) -> ActorEntry:
    return ActorEntry(id=d["id"], kind=d["kind"], name_en=d["en"], name_ar=d["ar"],
                      aliases_en=_t(d.get("aliases_en")), aliases_ar=_t(d.get("aliases_ar")),
                      role_en=d.get("role_en"), role_ar=d.get("role_ar"),
                      country=d.get("country"), affiliation=d.get("affiliation"), surname_ar=d.get("surname_ar"),
                      gender=d.get("gender"))


def _place(d: dict[str, Any]) -> PlaceEntry:
    return PlaceEntry(id=d["id"], kind=d["kind"], name_en=d["en"], name_ar=d["ar"],
                      aliases_en=_t(d.get("aliases_en")), aliases_ar=_t(d.get("aliases_ar")),
                      parent=d.get("parent"), lat=d.get("lat"), lon=d.get("lon"),
                      ambiguous=bool(d.get("ambiguous", False)))


def _office(d: dict[str, Any]) -> tuple[Office, Sequence[str]]:
    holders = tuple((h["actor"], _day(h["from"]), _day(h.get("to"))) for h in d.get("holders", ()))
    office = Office(id=d["id"], name_en=d["en"], name_ar=d["ar"], holders=holders)  # type: ignore[arg-type]
    return office, _t(d.get("patterns_ar"))


def _nationality(d: dict[str, Any]) -> tuple[Nationality, Sequence[str]]:
    nat = Nationality(country=d["country"], en=d["en"], en_country=d.get("en_country", d["en"]))
    return nat, _t(d.get("ar"))


def _direction(d: dict[str, Any]) -> tuple[Direction, Sequence[str]]:
    return Direction(en_region=d["en_region"], en_of=d["en_of"]), _t(d.get("ar"))


EMPTY_NAMES = NameLexicon()


def _tsv(name: str) -> list[list[str]]:
    text = (resources.files("briefings") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


def _folded(words: Iterable[Any]) -> frozenset[str]:
    return frozenset(normalize(str(w)) for w in words)


def load_names() -> NameLexicon:
    """The name-word and common-word lists and the cue words of `names.yaml`."""
    data = yaml.safe_load((resources.files("briefings") / "data" / "names.yaml").read_text(encoding="utf-8"))
    spelling: dict[str, str] = {}
    count: dict[str, int] = {}
    for row in _tsv("name_words.tsv"):
        w = fold_chars(row[0])
        if len(row) > 4 and int(row[4]) > int(row[2]):
            continue  # a place or an organisation more often than a person ("أثينا")
        count[w] = count.get(w, 0) + int(row[2])
        spelling.setdefault(w, row[1])
    for ar, en in (data.get("given") or {}).items():
        spelling[fold_chars(ar)] = en  # the curated spelling wins
    common: dict[str, float] = {}
    for row in _tsv("common_words.tsv"):
        w = fold_chars(row[0])
        common[w] = max(common.get(w, 0.0), float(row[1]))
    rows = [(kind, h) for kind, hs in (data.get("org_heads") or {}).items() for h in hs]
    heads = {normalize(ar): (kind, h["en"]) for kind, h in rows for ar in h["ar"]}
    definite = {normalize(ar): (h["definite"], h["en"]) for _, h in rows if h.get("definite") for ar in h["ar"]}
    cues = place_cues()
    return NameLexicon(spelling=spelling, count=count, common=common, given=_folded(data.get("given") or ()),
                       not_names=_folded(data.get("not_names", ())), joiners=_folded(data.get("joiners", ())),
                       particles=_folded(data.get("particles", ())) - _folded(data.get("joiners", ())),
                       function_words=frozenset(dediac_ar(str(w)) for w in data.get("function_words", ())),
                       ambiguous=_folded(data.get("ambiguous", ())), theophoric=_folded(data.get("theophoric", ())),
                       person_cues=_folded(data.get("person_cues", ())),
                       group_anaphors=_folded(data.get("group_anaphors", ())),
                       settlements=cues.settlements, weak_place_cues=cues.weak, place_followers=cues.followers,
                       speech_cues=_folded(data.get("speech_cues", ())), org_heads=heads,
                       org_stops=_folded(data.get("org_stops", ())),
                       not_organisations=_folded(data.get("not_organisations", ())),
                       org_words={normalize(ar): en for ar, en in (data.get("org_words") or {}).items()},
                       strict_heads=_folded(ar for _, h in rows if h.get("strict") for ar in h["ar"]),
                       national_heads=_folded(ar for _, h in rows if h.get("national") for ar in h["ar"]),
                       letters={dediac_ar(str(ar)): en for ar, en in (data.get("letter_names") or {}).items()},
                       weak_letters=frozenset(dediac_ar(str(w)) for w in data.get("weak_letters", ())),
                       definite_heads=definite)


def load_gazetteer() -> Gazetteer:
    """Read every data file; a malformed entry fails with its file and id."""
    try:
        return Gazetteer(
            actors=[_actor(d) for d in _load_yaml("actors.yaml")],
            places=[_place(d) for d in _load_yaml("places.yaml")],
            offices=[_office(d) for d in _load_yaml("offices.yaml")],
            titles=[Title(ar=d["ar"], en=d["en"]) for d in _load_yaml("titles.yaml")],
            nationalities=[_nationality(d) for d in _load_yaml("nationalities.yaml")],
            directions=[_direction(d) for d in _load_yaml("directions.yaml")],
            names=load_names(),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"gazetteer data is malformed: {exc!r}") from None


@cache
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded once per process."""
    return load_gazetteer()
