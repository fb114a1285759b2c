"""Reality: whether a clause reports one event that happened.

Threats, plans, denials, tests and interceptions did not happen; "عشرات الهجمات" and running
totals are many events; "هجوم على الحريات" is a figure of speech. A clause that only looks back
on a known event (an inquiry, a condemnation, a relative clause about a person) is a reference.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from briefings.incidents.clauses import Clause, relates
from briefings.incidents.sentence import BEFORE_WORDS, SOFT, Annotated, in_spans, is_year, words_at
from briefings.incidents.tolls import count_after
from briefings.lexicon import Lexicon, Trigger
from briefings.normalize import clitic_cores, core

_HEADLINE_WORDS = 16  # a headline longer than this is a lone sentence standing in for an article
_RAID_REACH = 4  # "شنت طائرات حربية غارات": the launch verb, its subject, then the strikes
_CAMPAIGN_COUNT = 5  # attacks counted from this many up are a total, whatever day the sentence tells
_RAID_TYPES = frozenset({"airstrike", "shelling"})  # strikes and shells are counted in one raid
_AGGREGATE_REACH = 3  # "سلسلة من الهجمات": the quantifier stands a few words before the event noun
_WAS_REACH = 8  # "وكان المطار، بحسب الشرطة، قد تعرض": كان and its قد with the subject and an aside between
_AUXILIARIES = 2  # "الذي كان قد خطف": a pronoun, then at most two auxiliaries before the verb
_BACKGROUND_DAYS = 365  # an event dated over a year before publication is background, not news


def happened(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """Whether the clause reports one event that happened."""
    words = p.norms[c.start:c.end]
    # what the event's own chunks say; a trailing "مؤكدا أن العمليات ستستمر حتى وقف …" is another matter
    own = [w for a, b in (*c.spans, *c.means) for w in p.norms[a:b]]
    if "؟" in words or _irrealis(p, own, lex) or _aggregate(p, c, lex):
        return False  # the index never matches a bare "؟": a one-letter token has no core
    if lex.nonviolent.contains(own) and not lex.means.contains(own):
        return False
    if lex.drills.contains(words):
        return False  # "أطلقت صاروخين في البحر بعد أسبوعين من تجارب": a test or a drill, whatever was fired
    if lex.intercepts.contains(own) and not any(t.casualty for _, _, t in c.triggers):
        return False  # "أسقطت الدفاعات الجوية طائرة مسيرة": an attack stopped in the air hit nothing on the ground
    plural = {c.start + h.start for h in lex.plural.scan(words)}
    plural |= {i + 1 for i in plural}  # "عمليات انتحارية": the event word is the plural noun's adjective
    events = [t for t in c.triggers if not t[2].casualty]
    if events and all(start in plural for start, _, _ in events) and not p.has_day and not _raid(p, c, events, lex):
        return False  # "الهجمات التي تستهدف القواعد": many attacks, none dated
    if events and all(start in plural and _counted_events(p.norms, start, lex) for start, _, _ in events):
        return False  # "زيادة عدد الهجمات على المطار أمس": a trend, on whatever day it is told
    if _may(own, lex):
        return False
    if events == [] and not _counted(p, c, lex):
        return False  # "عمليات القتل": killing spoken of in general, with no one counted
    if events == [] and lex.periods.contains(own):
        return False  # "قتل 13 جنديا حتى الآن هذا الشهر": a running total, not one incident
    physical = any(t.physical for _, _, t in c.triggers)
    if not physical and lex.metaphor.contains(_unnamed(p, c)):
        return False
    if physical or lex.claim.contains(words):
        return True
    # "اختطفت الجماعة ثلاثة مدنيين": a verb with counted victims happened to someone
    return bool(lex.means.contains(words) or lex.targets.contains(words) or in_spans(p.places, c.spans)
                or _counted(p, c, lex))


def _unnamed(p: Annotated, c: Clause) -> list[str]:
    """The event's own words outside names: "الوكالة الوطنية للإعلام" names an agency, not an attack on the press."""
    named = {i for a in p.actors for i in range(a.start, a.end)}
    return [p.norms[i] for a, b in (*c.spans, *c.means) for i in range(a, b) if i not in named]


def _irrealis(p: Annotated, own: Sequence[str], lex: Lexicon) -> bool:
    """Threats, plans, denials; a headline's present tense ("هجوم بمسيرة يستهدف مطار أربيل") tells what happened."""
    if not lex.irrealis.contains(own):
        return False
    if p.sentence.paragraph != -1 or not p.sentence.text.strip() or len(p.norms) > _HEADLINE_WORDS:
        return True
    return any(not lex.headline_present.contains(own[h.start:h.end]) for h in lex.irrealis.scan(own))


def _raid(p: Annotated, c: Clause, events: Sequence[tuple[int, int, Trigger]], lex: Lexicon) -> bool:
    """"شنت طائرات حربية غارات على مواقع في المدينة": strikes launched at a place are one raid."""
    launch = lex.incident.launch_verbs
    return bool(in_spans(p.places, c.spans)) and any(
        w in launch for start, _, _ in events for w in p.norms[max(c.start, start - _RAID_REACH):start])


def _aggregate(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"عشرات الهجمات", "سلسلة من الهجمات منذ أكتوبر": a count of events, not one; a day makes it one report.

    A campaign total stays a total whatever day is told: "أعلنت الخميس أن 58 هجوما استهدف القوات منذ
    أكتوبر" counts many attacks since a start, and a day cannot hold "58 هجوما" as one report.
    """
    if _campaign(p, c, lex):
        return True
    events = [t for t, _, trig in c.triggers if not trig.casualty]
    if p.has_day:
        return False
    marks = [c.start + h.start for h in lex.aggregate.scan(p.norms[c.start:c.end])]
    marks = [m for m in marks if not _many_weapons(p, m, events, lex) and not _many_places(p, m, lex)]
    if any(t - _AGGREGATE_REACH <= m <= t + 2 for m in marks for t in events):
        return True
    counted = {i for n in p.numbers if n.value >= 2 for i in words_at(p, n.start, n.end)}
    # "ثلاثين هجوما": thirty attacks; "6 آخرون بهجوم" counts the wounded, not the attack; "3 صواريخ"
    # counts the weapons of one attack
    return any(t - 1 in counted and _counted_noun(p, t, lex) for t in events)


def _counted_noun(p: Annotated, t: int, lex: Lexicon) -> bool:
    """The event word at t can be what a number before it counts: "ثلاثين هجوما", not "6 آخرون بهجوم"."""
    return not _preposed(p.norms[t]) and not lex.means.contains(p.norms[t:t + 2])


def _campaign(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"58 هجوما منذ 17 أكتوبر", "ثلاث هجمات منذ آذار": events counted since the start of a period, or by a
    number that no day holds as one report; "7 غارات على المطار" are the strikes of one raid."""
    events = {t for t, _, trig in c.triggers if not trig.casualty}
    raids = {t for t, _, trig in c.triggers if trig.type in _RAID_TYPES}
    for n in p.numbers:
        if n.value < 2 or is_year(n):
            continue
        noun = max(words_at(p, n.start, n.end)) + 1
        if noun >= c.end:
            continue
        if not (noun in events and _counted_noun(p, noun, lex) or lex.plural.contains(p.norms[noun:noun + 1])):
            continue
        # "ومنذ الهجوم، فجرت الجبهة ثلاث سيارات": a منذ before the count dates what follows from another event
        if any(w in lex.incident.since for w in p.norms[noun:c.end]):
            return True
        if n.value >= _CAMPAIGN_COUNT and noun not in raids:
            return True
    return False


def _many_weapons(p: Annotated, m: int, events: Sequence[int], lex: Lexicon) -> bool:
    """"بعدة صواريخ", "أطلقت عشرات الصواريخ": the quantifier counts the weapons of one attack, not attacks."""
    after = [t for t in events if m < t <= m + _AGGREGATE_REACH]
    return bool(after) and lex.means.contains(p.norms[min(after):min(after) + 2])


def _many_places(p: Annotated, m: int, lex: Lexicon) -> bool:
    """"غارات على عدة بلدات": the quantifier counts the towns one raid hit, not raids."""
    return m + 1 < len(p.norms) and core(p.norms[m + 1]) in lex.place_lists


def _counted_events(norms: Sequence[str], start: int, lex: Lexicon) -> bool:
    """"عدد الهجمات", "وتيرة الهجمات": a word that counts or measures stands just before the plural event."""
    return any(core(w) in lex.event_counts for w in norms[max(0, start - _AGGREGATE_REACH + 1):start])


def _preposed(word: str) -> bool:
    """"بهجوم", "لهجوم": a word carrying a preposition cannot be a counted noun."""
    return word[:1] in ("ب", "ل") and not word.startswith("ال") and len(clitic_cores(word)) > 1


def _may(words: Sequence[str], lex: Lexicon) -> bool:
    """"قد يستهدف", "قد يتسبب": قد before an imperfect verb speaks of what may happen.

    "وكانت القاعدة قد تعرضت": after كان, or before a past verb the lexicon knows, قد marks what already happened.
    """
    for k, (w, nxt) in enumerate(zip(words, words[1:], strict=False)):
        if w not in lex.incident.modals or nxt[:1] not in ("ي", "ت", "ن"):
            continue
        if any(core(x) in lex.incident.was for x in words[max(0, k - _WAS_REACH):k]):
            continue
        if lex.verbs.contains((nxt,)) or lex.claim.contains((nxt,)):
            continue
        return True
    return False


def _counted(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    return any(count_after(p, start, c.end, lex) is not None for start, _, _ in c.triggers)


def _time_of_what_follows(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"عندما اغتيل الوزير في دمشق، أعلن الحزب …": an opening "when" clause sets the time of the main one."""
    first_chunk_end = c.spans[0][1]
    return c.start == 0 and p.norms[0] in lex.temporal_openers and first_chunk_end < len(p.norms) - 1 \
        and p.norms[first_chunk_end - 1] in SOFT


def _described(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"عماد مغنية، الذي قتل في انفجار": every event word tells, in a relative clause, about a person or a thing.

    A relative clause on an event word ("الهجوم الذي استهدف …") tells the event itself and does not count.
    """
    events = {i for h in lex.triggers.scan(p.norms) for i in range(h.start, h.end)}
    return all(_relative_on(p.norms, start, events, lex) for start, _, _ in c.triggers)


def _relative_on(norms: Sequence[str], start: int, events: set[int], lex: Lexicon) -> bool:
    """Whether the event word at `start` opens a relative clause whose antecedent is no event word."""
    k = start - 1
    while k >= 0 and norms[k] in lex.relative_auxiliaries and start - k <= _AUXILIARIES:
        k -= 1
    if k < 1 or norms[k] not in lex.relative_pronouns:
        return False
    before = k - 1 if norms[k - 1] not in SOFT else k - 2
    return before >= 0 and before not in events


def background(p: Annotated) -> bool:
    """Whether the sentence dates its event more than a year before publication ("عام 1981", "(1992)")."""
    published = p.published
    if published is None:
        return False
    if any(is_year(n) and n.value < published.year - 1 for n in p.numbers):
        return True
    for d in p.dates:
        year = int(d.value[:4])
        if published.year - year > 1 or (published.year - year == 1 and d.precision in ("day", "month")
                                          and (published - date(year, int(d.value[5:7]), 1)).days > _BACKGROUND_DAYS):
            return True
    return False


def looks_back(p: Annotated, c: Clause, after: int, lex: Lexicon) -> bool:
    """Whether the clause speaks of a known event instead of reporting it: a frame, a connective, a description."""
    # "استنكر الوزير في بيان، تفجيرات …": a frame may stand in the words since the previous event
    if lex.frames.contains(p.norms[max(after, c.start - BEFORE_WORDS):c.end]):
        return True
    if c.start > 0 and relates(p.norms, c.start, lex):  # "… بعد هجوم انتحاري قتل فيه": background
        return True
    return _described(p, c, lex) or _time_of_what_follows(p, c, lex) or _since(p, c, lex)


def _since(p: Annotated, c: Clause, lex: Lexicon) -> bool:
    """"منذ اغتيال الحريري", "منذ بدء الهجمات": an event after "since" starts a period; it is not the news.

    What the clause tells after it ("منذ هجوم أسفر عن مقتل 28") tells of that event.
    """
    events = [start for start, _, t in c.triggers if not t.casualty]
    return bool(events) and _after_since(p.norms, min(events), lex)


def _after_since(norms: Sequence[str], start: int, lex: Lexicon) -> bool:
    k = start - 1
    if k > 0 and norms[k] in lex.incident.period_starts:
        k -= 1
    return k >= 0 and norms[k] in lex.incident.since
