"""Incidents: attacks, strikes, clashes and abductions that the article reports as having happened.

Each sentence is annotated once (words, names, dates, numbers) and goes through the stages:

    clauses ─► reality ─► roles (who, what was hit) ─► place ─► time ─► tolls ─┐
                                                                   merge ◄──┘

A clause with an event word becomes an incident mention unless it speaks of what did not
happen (threats, plans, denials), of many events at once, or of a figure of speech. Mentions
of one event across the article (a recap, a repeated paragraph) merge by type, place and date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from briefings.gazetteer import Gazetteer
from briefings.incidents import clauses, places, reality, roles, tolls, when
from briefings.incidents.clauses import Clause
from briefings.incidents.found import Found
from briefings.incidents.kinds import incident_type
from briefings.incidents.merge import merge_into
from briefings.incidents.sentence import Annotated, annotate, is_agent_verb
from briefings.lexicon import Lexicon
from briefings.mentions import Parsed, PlaceSpan
from briefings.model import ActorRef
from briefings.normalize import core

__all__ = ["Found", "find_incidents"]


def find_incidents(parsed: Sequence[Parsed], lex: Lexicon, gaz: Gazetteer, *, published: date | None) -> list[Found]:
    """Every incident the article reports, merged across its mentions; vague placeless ones dropped."""
    merged: list[Found] = []
    groups: list[ActorRef] = []  # groups named so far, for "عناصر التنظيم" further on
    named: list[PlaceSpan] = []  # places named so far, for "القاعدة نفسها" further on
    doer: tuple[Parsed, Found] | None = None  # the last sentence's report with a perpetrator
    for p in parsed:
        if lex.triggers.contains(p.norms):  # most sentences report no event: annotate only the others
            told = annotate(p, published=published, earlier_groups=groups, since=lex.incident.since)
            reports = _sentence(told, lex, gaz, named)
            if doer is not None and _goes_on(doer[0], p, lex):
                reports = [_by(f, doer[1]) for f in reports]
            for found in reports:
                merge_into(merged, found, gaz, published=published)
            doer = next(((p, f) for f in reversed(reports) if f.perpetrator is not None), None)
        else:
            doer = None
        groups += [a.actor for a in p.actors if a.actor.kind == "group"]
        named += [ps for ps in p.places if ps.place.kind not in ("country", "region")]
    kept = [f for f in merged if not f.reference and (f.standalone or f.place is not None and not _vague(f))]
    day = _news_day(kept)
    return [replace(f, date=day) if f.date is None and day else f for f in kept]


def _news_day(found: Sequence[Found]) -> str | None:
    """The day the headline or the lead dates the news to ("استشهد شخصان، الخميس، في غارة …"): the
    article's other reports, told without a date of their own ("وتزامن ذلك مع قصف …"), are of that day."""
    lead = [f for f in found if f.date and len(f.date) == _DAY and any(p.sentence.paragraph <= 0 for p in f.sentences)]
    return lead[0].date if lead else None


def _goes_on(before: Parsed, p: Parsed, lex: Lexicon) -> bool:
    """"وقال الحزب إنه قصف … . كما قصف ثكنتي … . واستهدف مبنيين …": a sentence of the same paragraph
    opening on an attack verb with no subject of its own goes on telling what the last one's doer did."""
    if p.sentence.paragraph != before.sentence.paragraph or p.sentence.index != before.sentence.index + 1:
        return False
    k = 1 if p.norms and p.norms[0] in lex.incident.also else 0
    if k >= len(p.norms) or not is_agent_verb(p.norms[k], lex):
        return False
    nxt = p.norms[k + 1] if k + 1 < len(p.norms) else ""
    named = any(a.start == k + 1 for a in p.actors)
    return not named and core(nxt) not in lex.incident.force_cores and core(nxt) not in lex.fighters


def _by(f: Found, doer: Found) -> Found:
    return f if f.perpetrator is not None else replace(f, perpetrator=doer.perpetrator, claimed=doer.claimed)


_DAY = len("2024-01-31")
_DO_REACH = 6  # "قامت مجموعات من المقاومة الإسلامية بمهاجمة": "did", its subject, then the act
_SITE_KINDS = frozenset({"base", "site"})
_TOWN_KINDS = frozenset({"city", "town", "district", "area"})


def _named_again(p: Annotated, c: Clause, named: Sequence[PlaceSpan], lex: Lexicon) -> list[PlaceSpan]:
    """"واستهدفت القاعدة نفسها بثلاثة صواريخ", "سقطت صواريخ على القاعدة": a clause naming no place but
    "the (same) base" is at the last base named."""
    if not named:
        return []
    words = lex.incident
    norms = p.norms
    for k in range(c.start, c.end):
        noun = norms[k]
        kinds = _SITE_KINDS if noun in words.same_sites else _TOWN_KINDS if noun in words.same_towns else None
        if kinds is None:
            continue
        nxt, prev = norms[k + 1] if k + 1 < len(norms) else "", norms[k - 1] if k else ""
        # "على القاعدة", "القاعدة الجوية", "استهدف القاعدة": the base as a place or what the attack hit
        alone = prev in words.site_before or nxt in words.site_adjectives or is_agent_verb(prev, lex)
        again = nxt in words.same or kinds is _SITE_KINDS and alone
        last = next((ps for ps in reversed(named) if ps.place.kind in kinds), None) if again else None
        if last is not None:
            return [PlaceSpan(start=k, end=k + 1, place=last.place, base=last.base)]
    return []


def _coordinated(p: Annotated, at: Sequence[PlaceSpan]) -> bool:
    """"على بلدات الخيام وكفركلا وعيترون": places joined by "و" are each a place of its own; "محيط السفارة
    داخل المنطقة الخضراء" tells one place by two names."""
    starts = sorted(ps.start for ps in at)
    return len(starts) > 1 and all(p.norms[k].startswith("و") for k in starts[1:])


def _done(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"قامت مجموعات من المقاومة بمهاجمة المواقع": "did" before the event's noun with ب is its verb."""
    do = [k for k in range(c.start, c.end) if core(p.norms[k]) in lex.incident.do_verbs]
    return any(d < t <= d + _DO_REACH and p.norms[t][:1] == "ب" for d in do for t, _, _ in c.triggers)


def _dated(day: str | None) -> bool:
    """An earlier event the article recalls with its month or day is an incident of that date, however old."""
    return day is not None and len(day) >= 7


def _vague(f: Found) -> bool:
    """A country, or several countries together, is too wide to make a report of a passing mention."""
    return f.place is not None and (f.place.kind == "country" or f.place.kind == "region" and f.base is None)


def _sentence(p: Annotated, lex: Lexicon, gaz: Gazetteer, named: Sequence[PlaceSpan] = ()) -> list[Found]:
    found = [c for c in clauses.cut(p, lex) if reality.happened(p, c, lex)]
    unknown = places.unlisted(p, lex) if found else []
    out: list[Found] = []
    pending: Clause | None = None
    after = 0  # where the words since the previous event begin
    for k, c in enumerate(found):
        if pending is not None:  # a placeless clause runs on into the next across a comma
            c = Clause(pending.start, c.end, pending.triggers + c.triggers, c.hard_after, pending.spans + c.spans,
                       pending.means + c.means)
            pending = None
        # "هز انفجار قاعدة X، ناتج عن هجوم استهدف القاعدة": the base may be named earlier in the sentence
        earlier = [ps for ps in p.places if ps.end <= c.start and ps.place.kind not in ("country", "region")]
        at = places.where(p, c, unknown, gaz, lex) or _named_again(p, c, [*named, *earlier], lex)
        if not at and not c.hard_after and k + 1 < len(found):
            pending = c
            continue
        out += _found(p, c, at, after, lex, gaz)
        after = c.end
    return out


def _found(p: Annotated, c: Clause, at: list[PlaceSpan], after: int, lex: Lexicon, gaz: Gazetteer) -> list[Found]:
    """The clause's report, one per place it names."""
    perpetrator, claimed, state = roles.perpetrator(p, c, lex, gaz)
    if perpetrator is None:
        perpetrator = roles.anaphor(p, c, lex)
    killed, injured = tolls.casualties(p, c, lex)
    target_en, target_ar = roles.target(p, c, lex)
    day = when.event_date(p, c, after, lex)
    words = p.norms[c.start:c.end]
    verb = lex.verbs.contains(words) or _done(p, c, lex)
    fresh = not reality.looks_back(p, c, after, lex) and (
        verb or bool(day) or claimed or killed is not None or injured is not None or p.has_day)
    toll = bool(killed or injured) and (verb or tolls.numbered(p, c))
    standalone = fresh and (toll or verb and bool(day and len(day) == 10))
    listed = places.at_most(at)
    names = frozenset(ps.place.name_en for ps in listed if ps is not None) if _coordinated(p, at) else frozenset()
    return [Found(type=incident_type(p, c, lex, state), place=ps.place if ps else None,
                  base=ps.base if ps else None, date=day, perpetrator=perpetrator, claimed=claimed,
                  target_en=target_en, target_ar=target_ar, killed=killed, injured=injured,
                  reference=reality.background(p) and not _dated(day) or not fresh, standalone=standalone,
                  update=lex.updates.contains(words), week=when.week(p, c),
                  relative=any(d.relative and d.value == day for d in p.dates), sentences=(p.parsed,),
                  apart=names - {ps.place.name_en} if ps else frozenset())
            for ps in listed]
