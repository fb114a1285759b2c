"""The frozen records that flow through the briefing pipeline.

Every stage takes and returns these; none is ever mutated. Text fields keep the
article's original spelling for display; matching runs on folded copies made per stage.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

INCIDENT_TYPES = (
    "missile_attack",
    "rocket_attack",
    "drone_attack",
    "mortar_attack",
    "airstrike",
    "shelling",
    "ied",
    "bombing",
    "armed_attack",
    "armed_clash",
    "abduction",
    "attack",
)

SPEECH_ACTS = (
    "said",
    "stressed",
    "warned",
    "called_for",
    "threatened",
    "pledged",
    "announced",
    "denied",
    "condemned",
    "accused",
    "blamed",
    "discussed",
    "expressed_support",
)

ACTOR_KINDS = ("person", "group", "institution", "country", "media")


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as loaded: headline, body paragraphs and publication day."""

    key: str  # manifest file name or canonical URL: what the article is known by
    title: str
    paragraphs: tuple[str, ...]  # body, headline excluded, furniture removed
    published: date | None = None
    url: str | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Sentence:
    """A sentence of an article; paragraph -1 is the headline."""

    index: int
    paragraph: int
    text: str  # original spelling, for display and quoting; stages fold it word by word


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorRef:
    """An actor as an article mentions it; `id` is None for one not in the gazetteer."""

    id: str | None
    name_en: str
    name_ar: str
    kind: str  # one of ACTOR_KINDS
    role_en: str | None = None
    role_ar: str | None = None
    gender: str | None = None  # "f" or "m", Arabic grammatical gender; None: derived from the name


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceRef:
    """A place; `id` is None for a composed place such as "western Iraq"."""

    id: str | None
    name_en: str
    name_ar: str
    kind: str  # country, region, governorate, district, city, town, base, site
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """Where a record came from: the article and the sentences that support it."""

    article: str
    sentences: tuple[int, ...]
    quotes: tuple[str, ...]  # the supporting sentences' original text


@dataclass(frozen=True, slots=True, kw_only=True)
class Digest:
    """One-line renderings of a record in Arabic and English."""

    ar: str
    en: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Incident:
    """A single attack, strike, clash or abduction that the article reports as having happened."""

    type: str  # one of INCIDENT_TYPES
    place: PlaceRef | None
    date: str | None  # YYYY-MM-DD, YYYY-MM, or None
    perpetrator: ActorRef | None
    claimed: bool = False  # the perpetrator claimed it (rather than being blamed)
    target_en: str | None = None
    target_ar: str | None = None
    killed: int | None = None
    injured: int | None = None
    evidence: Evidence
    digest: Digest


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """Everything one speaker is reported to have said in one article."""

    speaker: ActorRef
    acts: tuple[str, ...]  # subset of SPEECH_ACTS, in order of first use
    topics: tuple[str, ...] = ()  # phrase-lexicon keys the gist touches
    gist_ar: str = ""
    date: str | None = None
    evidence: Evidence
    digest: Digest


@dataclass(frozen=True, slots=True, kw_only=True)
class Briefing:
    """What one article yields."""

    article: Article
    actors: tuple[ActorRef, ...] = ()
    places: tuple[PlaceRef, ...] = ()
    incidents: tuple[Incident, ...] = ()
    statements: tuple[Statement, ...] = ()
    notes: tuple[str, ...] = field(default=())  # why parts of the article were skipped
