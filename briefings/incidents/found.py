"""One clause's report of an incident, the record the stages fill and the merge combines."""

from __future__ import annotations

from dataclasses import dataclass, field

from briefings.mentions import Parsed
from briefings.model import ActorRef, PlaceRef


@dataclass(frozen=True, slots=True, kw_only=True)
class Found:
    """One clause's report of an incident, before merging across the article."""

    type: str
    place: PlaceRef | None
    base: str | None  # gazetteer id the place rests on, for containment
    date: str | None
    perpetrator: ActorRef | None
    claimed: bool
    target_en: str | None
    target_ar: str | None
    killed: int | None
    injured: int | None
    reference: bool = False  # speaks of an event without reporting it anew: may merge, never stands alone
    week: str | None = None  # Monday of a week the clause names ("الأسبوع الماضي"), which a bare weekday must fit
    relative: bool = False  # the date was counted from publication ("الاثنين", "أمس"), not written out
    update: bool = False  # "ارتفعت حصيلة الهجوم إلى أربعة قتلى": a later toll of an event already reported
    apart: frozenset[str] = frozenset()  # the other places the same clause listed: separate incidents
    standalone: bool = False  # reported plainly enough (a verb and a toll or a day) to stand without a place
    sentences: tuple[Parsed, ...] = field(default=())
