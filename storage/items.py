"""Plain frozen records the storage layer hands to the bot; never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceLink:
    """One article that reported an item."""

    title: str
    url: str | None
    outlet: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Item:
    """An incident or a statement, ready to render."""

    kind: str  # "incident" | "statement"
    id: int  # unique within its kind
    day: date | None  # event day (incident date, else statement's article day)
    date_text: str | None  # as extracted: YYYY-MM-DD / YYYY-MM / None
    type: str | None  # incident type; None for statements
    acts: tuple[str, ...]  # statement speech acts; () for incidents
    actor_id: int | None
    actor_en: str | None
    actor_ar: str | None
    place_id: int | None
    place_en: str | None
    place_ar: str | None
    killed: int | None
    injured: int | None
    digest_ar: str
    digest_en: str
    sources: tuple[SourceLink, ...]  # every article that reported it
    first_seen: datetime  # UTC, when ingested


@dataclass(frozen=True, slots=True, kw_only=True)
class IncidentRecord:
    """An incident with every field an export table shows, its place by gazetteer key."""

    id: int
    happened: date  # the event day, else the article's, else the day it was first seen
    date_text: str | None  # as extracted: YYYY-MM-DD / YYYY-MM / None (dated by the article)
    type: str
    place_key: str | None  # "gaz:<id>" for a gazetteer place, else "name:<normalized Arabic>"
    place_en: str | None
    place_ar: str | None
    perpetrator_en: str | None
    perpetrator_ar: str | None
    target_en: str | None
    target_ar: str | None
    killed: int | None
    injured: int | None
    digest_en: str
    digest_ar: str
    sources: tuple[SourceLink, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ActorInfo:
    """A person, group, institution, country or outlet the bot can look up."""

    id: int
    name_en: str
    name_ar: str
    kind: str
    role_en: str | None
    role_ar: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceInfo:
    """A place the bot can look up."""

    id: int
    name_en: str
    name_ar: str
    kind: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Subscriber:
    """A chat and its preferences."""

    chat_id: int
    language: str
    timezone: str
    digest_time: time
    active: bool
    subscribed: bool
    followed: tuple[int, ...]
    weekly: bool = False  # the weekly digest, apart from the daily one


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceStatus:
    """How a source has fared, for admins."""

    name: str
    kind: str
    url: str | None
    last_polled: datetime | None
    last_ok: datetime | None
    error_count: int
    last_error: str | None
    articles: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Named:
    """A place or an actor and how many items it has in a span."""

    name_en: str
    name_ar: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Tally:
    """What happened from `since` to `until` (both days included), counted for a chart and a summary."""

    since: date
    until: date
    per_day: tuple[tuple[date, str, int], ...]  # (day, incident type, incidents), by day then type
    places: tuple[Named, ...]  # where most incidents happened, busiest first
    actors: tuple[Named, ...]  # who carried out, claimed or said most, busiest first
    statements: int
    killed: int
    injured: int

    @property
    def incidents(self) -> int:
        """How many incidents happened in the span."""
        return sum(n for _, _, n in self.per_day)
