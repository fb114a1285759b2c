"""Merge: the mentions of one event across an article (headline, lead, a later toll) become one incident."""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, timedelta

from briefings.gazetteer import Gazetteer
from briefings.incidents.found import Found
from briefings.incidents.places import ancestors, contains
from briefings.incidents.when import into_week
from briefings.mentions import PlaceSpan
from briefings.model import ActorRef, PlaceRef

_KM_PER_DEGREE = 111.2
_LEAD_PARAGRAPHS = 1  # the headline and the first paragraphs tell the article's news
# an event dated this many days or more before publication is an earlier one the article recalls
# beside the lead's own report; dated in the lead itself, or beside a lead that only refers to an
# event ("بعد ساعات من الهجوم الذي استهدف"), it is more likely the lead's news, told a weekend late
_RECALL_DAYS = 2
_RECALL_DAYS_IN_LEAD = 8
_SAME_LOCALITY_KM = 15  # a city and its airport or base; two districts of one city stay apart only by name
_WIDE = ("country", "region")  # places too wide to tell two reports inside them apart
# pairs of types two reports of one event may give ("صواريخ" and "صاروخ باليستي")
_COMPATIBLE = {frozenset({"rocket_attack", "missile_attack"}), frozenset({"airstrike", "shelling"}),
               frozenset({"airstrike", "drone_attack"}), frozenset({"ied", "bombing"}),
               # "تتعرض للقصف": bombardment in general, whatever the report further on says fired it
               frozenset({"shelling", "drone_attack"}), frozenset({"shelling", "rocket_attack"}),
               frozenset({"shelling", "mortar_attack"})}


def merge_into(merged: list[Found], new: Found, gaz: Gazetteer, *, published: date | None = None) -> None:
    candidates = merged[-1:] if new.place is None else merged
    for k in range(len(candidates) - 1, -1, -1):
        old = candidates[k]
        if _same_event(old, new, gaz) and not _news_and_recall(old, new, published):
            idx = merged.index(old)
            merged[idx] = _combine(old, new, gaz)
            return
    if new.place is not None or new.standalone:
        merged.append(new)  # a reference waits for a report of the same event to lend it its details


def _same_event(a: Found, b: Found, gaz: Gazetteer) -> bool:
    kinds_ok = a.type == b.type or "attack" in (a.type, b.type) or frozenset({a.type, b.type}) in _COMPATIBLE
    dates_ok = a.date is None or b.date is None or a.date.startswith(b.date) or b.date.startswith(a.date)
    rivals = a.perpetrator and b.perpetrator and not _one_side(gaz, a.perpetrator, b.perpetrator)
    if not (kinds_ok and dates_ok) or rivals:
        return False
    if a.place is None or b.place is None:
        return True
    if a.place.name_en == b.place.name_en:
        return True
    if a.place.name_en in b.apart or b.place.name_en in a.apart:
        return False  # "غارات على بلدات الخيام وكفركلا وعيترون": places one clause names apart are apart
    narrow = all(x.kind not in _WIDE for x in (a.place, b.place))
    pa, pb = _widened(gaz, a), _widened(gaz, b)
    same_day = bool(a.date and a.date == b.date)
    return (narrow or same_day or _sharpens(a, b) or _sharpens(b, a)) and (
        contains(gaz, pa, pb) or contains(gaz, pb, pa) or _near(a.place, b.place))


def _one_side(gaz: Gazetteer, a: ActorRef, b: ActorRef) -> bool:
    """The same party: one name, or a country and its own army or ministry ("Israel", "Israeli army")."""
    if a.name_en == b.name_en:
        return True
    countries = [(x, y) for x, y in ((a, b), (b, a)) if x.kind == "country" and y.kind == "institution"]
    return any(_country_of(gaz, y) == _country_of(gaz, x) is not None for x, y in countries)


def _country_of(gaz: Gazetteer, actor: ActorRef) -> str | None:
    entry = gaz.actors.get(actor.id) if actor.id else None
    return (entry.country or "").upper() or None if entry else None


def _sharpens(wide: Found, narrow: Found) -> bool:
    """"غارة على منزل بجنوب لبنان" then "القصف استهدف منزلا في بلدة X": an undated report inside the wide
    place of one not yet placed more narrowly tells where that one happened."""
    assert wide.place is not None and narrow.place is not None
    return wide.place.kind in _WIDE and narrow.place.kind not in _WIDE and narrow.date is None


def _news_and_recall(a: Found, b: Found, published: date | None) -> bool:
    """"استهداف قاعدة عين الأسد" in the headline and "يذكر أن صاروخا سقط عليها في 20 حزيران الماضي":
    the undated news of the lead and an event dated well before publication are two events."""
    if published is None or (a.date is None) == (b.date is None):
        return False
    undated, dated = (a, b) if a.date is None else (b, a)
    assert dated.date is not None
    days = _RECALL_DAYS if not _in_lead(dated) and not undated.reference else _RECALL_DAYS_IN_LEAD
    return _in_lead(undated) and _last_day(dated.date) <= published - timedelta(days=days)


def _in_lead(f: Found) -> bool:
    return any(s.sentence.paragraph <= _LEAD_PARAGRAPHS for s in f.sentences)


def _last_day(value: str) -> date:
    """The last day a date of any precision may mean ("2021-06" is June 30th at the latest)."""
    if len(value) == 10:
        return date.fromisoformat(value)
    year, month = int(value[:4]), int(value[5:7]) if len(value) >= 7 else 12
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _widened(gaz: Gazetteer, f: Found) -> PlaceSpan:
    """A governorate's capital stands for the governorate when reports are merged ("في كركوك" for Hawija)."""
    assert f.place is not None
    base = f.base
    if f.place.kind == "city" and base in gaz.places:
        parent = gaz.places[base].parent
        if parent in gaz.places and gaz.places[parent].kind == "governorate":
            base = parent
    return PlaceSpan(start=0, end=0, place=f.place if base == f.base else gaz.places[base or ""].ref(), base=base)


def _near(a: PlaceRef, b: PlaceRef) -> bool:
    """Within a town's reach of each other: a city and its airport are one locality for merging.

    A village the gazetteer lacks carries its district's coordinates, which say nothing of its own.
    """
    if None in (a.lat, a.lon, b.lat, b.lon, a.id, b.id):
        return False
    dlat = (a.lat or 0) - (b.lat or 0)
    dlon = ((a.lon or 0) - (b.lon or 0)) * math.cos(math.radians(a.lat or 0))
    return math.hypot(dlat, dlon) * _KM_PER_DEGREE <= _SAME_LOCALITY_KM


def _combine(a: Found, b: Found, gaz: Gazetteer) -> Found:
    kind = a.type if a.type != "attack" else b.type
    if {a.type, b.type} == {"rocket_attack", "missile_attack"}:
        kind = "missile_attack"
    elif {a.type, b.type} == {"ied", "bombing"}:
        kind = "ied"  # "التفجير" tells an explosion, "عبوة ناسفة" which one
    elif "shelling" in (a.type, b.type) and {a.type, b.type} & {"drone_attack", "rocket_attack", "mortar_attack"}:
        kind = b.type if a.type == "shelling" else a.type  # "القصف", then what fired it
    place, base = (a.place, a.base)
    if b.place is not None and (a.place is None or _specificity(gaz, b) > _specificity(gaz, a)):
        place, base = b.place, b.base
    when = max((d for d in (a.date, b.date) if d), key=len, default=None)
    relative = a.relative if when == a.date else b.relative
    week = a.week or b.week
    if week and when and relative and len(when) == 10:
        when = into_week(when, week)
    perp, claimed = (b.perpetrator, b.claimed) if b.claimed or a.perpetrator is None else (a.perpetrator, a.claimed)
    return replace(a, reference=a.reference and b.reference, standalone=a.standalone or b.standalone, type=kind,
                   place=place, base=base, date=when, week=week, relative=relative,
                   perpetrator=perp or a.perpetrator,
                   claimed=claimed, target_en=a.target_en or b.target_en, target_ar=a.target_ar or b.target_ar,
                   killed=_toll(a.killed, b.killed, b.update), injured=_toll(a.injured, b.injured, b.update),
                   sentences=a.sentences + tuple(s for s in b.sentences if s not in a.sentences),
                   apart=a.apart | b.apart)


def _specificity(gaz: Gazetteer, f: Found) -> tuple[int, int]:
    """How narrowly a report places its event: depth in the gazetteer, then a district or town over a city."""
    kind = f.place.kind if f.place else ""
    return len(ancestors(gaz, f.base)), kind in ("district", "town", "base", "site", "crossing", "area")


def _toll(x: int | None, y: int | None, update: bool) -> int | None:
    """The first count given, or a larger one a later toll reports."""
    if update and y is not None and (x is None or y > x):
        return y
    return _first(x, y)


def _first(x: int | None, y: int | None) -> int | None:
    return x if x is not None else y
