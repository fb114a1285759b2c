"""Incidents: attacks, strikes, clashes and abductions that the article reports as having happened.

Each sentence is cut into clauses (at commas, and before "بعد/عقب/إثر/قبل", which relate
one event to another). A clause with an event word becomes an incident mention unless
it speaks of what did not happen (threats, plans, denials), of many events at once
("عشرات الهجمات"), or of a figure of speech ("هجوم على الحريات"). Mentions of one event
across the article (a recap, a repeated paragraph) merge by type, place and date.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from briefings.dates import DateMatch, find_dates
from briefings.gazetteer import Gazetteer
from briefings.lexicon import Lexicon, Trigger
from briefings.mentions import ActorSpan, Parsed, PlaceSpan
from briefings.model import ActorRef, PlaceRef
from briefings.normalize import clitic_cores, core, normalize
from briefings.numbers import NumberMatch, find_numbers
from briefings.transliterate import transliterate

_SOFT = frozenset({"،", ",", "؛", ";"})
_KILLED = frozenset(normalize(w) for w in (
    "مقتل", "قتل", "قتلى", "قتيل", "قتيلا", "مصرع", "استشهاد", "استشهد", "شهداء", "حتفه", "حتفهم", "مصرعه",
    "مصرعهم", "قتلوا", "قتلت", "اغتيال"))
_INJURED = frozenset(normalize(w) for w in (
    "اصابه", "اصابات", "اصيب", "اصيبوا", "جرح", "جرحى", "جريح", "اصابتهم", "جرحي"))
_CASUALTIES = frozenset(normalize(w) for w in ("اصابات", "خسائر", "ضحايا"))
_NO = frozenset(normalize(w) for w in ("لم", "دون", "بدون", "لا", "عدم", "ولم", "ودون", "وبدون", "بلا"))
_VICTIM_NOUNS = frozenset(normalize(w) for w in (
    "جندي", "متعاقد", "مدني", "شخص", "طفل", "امراة", "مقاتل", "عنصر", "ضابط", "شرطي", "منتسب", "مواطن",
    "صحفي", "قيادي", "قائد", "مسؤول", "عسكري", "موظف", "راع", "راعي", "ناشط", "مزارع", "سائق", "صياد", "طالب",
    "مهندس", "طبيب", "معلم", "تاجر", "رجل", "شاب", "فتى", "فتاة", "حارس", "مختار", "شيخ"))
_COMPANIONS = frozenset(normalize(w) for w in (
    "ومرافقه", "وسائقه", "ونجله", "وشقيقه", "وزوجته", "وحارسه", "وابنه", "ومساعده"))
_ORIGIN = frozenset(normalize(w) for w in ("من", "مع", "بين", "ضد", "عن", "الى", "إلى", "لدى", "تجاه"))
_STATE_ATTACK = frozenset({"attack", "shelling", "drone_attack"})
_ACTS = frozenset({"abduction", "armed_clash"})  # types a verb decides whatever weapon the clause names
_STATE_WORDS = frozenset(normalize(w) for w in ("ضربة", "ضربات", "قصف", "غارة", "غارات", "ضرب", "ضربت",
                                                "قصفت", "الضربات", "الضربة", "القصف"))
_FORCES = frozenset(normalize(w) for w in ("القوات", "قوات", "الجيش", "جيش", "الطيران", "طيران", "الطائرات",
                                           "طائرات", "القوة", "التحالف", "مسيرة", "مسيرات", "طائرة", "مقاتلة",
                                           "مقاتلات", "مدفعية", "مروحية", "مروحيات", "البحرية", "بارجة"))
_FORCE_CORES = frozenset(core(f) for f in _FORCES)
_PLATFORMS = frozenset(core(normalize(w)) for w in ("الطيران", "مسيرة", "طائرة", "مقاتلات", "المدفعية", "مروحية",
                                                    "مسيرات", "طائرات", "مقاتلة", "مروحيات"))
_AGENT_VERBS = frozenset(normalize(w) for w in (
    "شن", "شنت", "شنوا", "نفذ", "نفذت", "نفذوا", "اطلق", "اطلقت", "اطلقوا", "استهدف", "استهدفت", "استهدفوا",
    "قصف", "قصفت", "قصفوا", "هاجم", "هاجمت", "هاجموا", "ضرب", "ضربت", "ضربوا", "فجر", "فجرت", "فجروا",
    "اغتال", "اغتالت", "اختطف", "اختطفت", "خطف", "خطفت", "يشن", "تشن"))
_COMPATIBLE = {frozenset({"rocket_attack", "missile_attack"}), frozenset({"airstrike", "shelling"}),
               frozenset({"airstrike", "drone_attack"}), frozenset({"ied", "bombing"})}
# "أحدهما استهدف السفارة": a clause about part of the event just reported, not a new one.
_PART_OF = frozenset(normalize(w) for w in ("أحدهما", "إحداهما", "أحدها", "إحداها", "بعضها", "أحدهم", "وأحدهما"))
_ASIDE_WORDS = 12
_CAUSES = frozenset(normalize(w) for w in ("في", "جراء", "إثر", "اثر", "بسبب", "عقب"))
_AGENT_REACH = 5  # "هجوم شنه مسلحون من تنظيم داعش": the doer a few words after the verb that carries the attack
_DATE_REACH = 24  # words before an event a date may stand ("وفي الأول من يناير، أعلنت حركة … مقتل")
_KM_PER_DEGREE = 111.2
_SAME_LOCALITY_KM = 15  # a city and its airport or base; two Baghdad districts stay apart only by name
_AGGREGATE_REACH = 3  # "سلسلة من الهجمات": the quantifier stands a few words before the event noun
_BACKGROUND_DAYS = 365  # an event dated over a year before publication is background, not news
_AT = frozenset(normalize(w) for w in ("على", "ضد", "تستضيف", "تضم", "يستضيف"))
# Verbs whose subject follows them ("شن القوات الأمريكية ضربات"): the noun after them is who, not what was hit.
_LAUNCH_VERBS = frozenset(normalize(w) for w in ("شن", "شنت", "نفذ", "نفذت", "أطلق", "أطلقت", "وشن", "وشنت",
                                                 "ونفذ", "ونفذت", "وأطلق", "وأطلقت", "شنوا", "نفذوا", "وشنوا"))
_HEADLINE_WORDS = 16  # a headline longer than this is a lone sentence standing in for an article
_RAID_REACH = 4  # "شنت طائرات أمريكية وبريطانية غارات": the launch verb, its subject, then the strikes
_MAX_PLACES = 3  # separate incidents one clause may report ("ضربت X في الحسكة وقاعدة الأسد")
_FIRST_YEAR, _LAST_YEAR = 1900, 2099  # counts of exactly these sizes are far rarer than years
_COUNT_AFTER = 4  # "مقتل ثلاثة جنود", "قتل فيها ثلاثة": the count a casualty word governs stands within a few words
_SUBJECT_WORDS = 4  # "قوات الأمن العراقية الخاصة": forces and their qualifiers before the count they killed
_QUALIFIER_WORDS = 3  # "على الأقل", "في أقل تقدير": the longest qualifier of a count
_COUNT_BEFORE = 3  # "ثلاثة عراقيين قتلوا": a count stands at most a noun and an adjective before
_PLURAL_ENDINGS = ("وا", "ى", "ي", "لا", "ين", "ون")  # قتلوا، قتلى، جرحى، قتيلا، قتيلين: plural or accusative forms
_VICTIM_REACH = 12  # "مقتل أبو تقوى السعيدي -معاون قائد عمليات حزام بغداد بالحشد- ومرافقه"
_NEAR = frozenset(normalize(w) for w in ("في", "وفي", "قرب", "وقرب", "بقرية", "ففي"))
# After an indefinite word, a relative pronoun or a time word shows the word was a name
# ("في كويتا التي", "في بيشاور أمس"): common nouns take no الذي and rarely end a phrase.
_CLOSERS = frozenset(normalize(w) for w in ("التي", "الذي", "حيث", "امس", "أمس", "اليوم", "صباح", "مساء", "ليلة",
                                            "فجر", "ظهر", "يوم", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس",
                                            "الجمعة", "السبت", "الاحد", "مساء", "و"))
_NAME_WORDS = 2
_POSSESSED = ("هم", "ها", "هما", "هن", "نا", "كم", "هه")  # "في طريقهم", "في وجهه": a noun with a pronoun
_FRONTED = frozenset(normalize(w) for w in ("في", "وفي", "ففي", "قرب", "وقرب"))
_LEAD_WORDS = 10  # "وفي الإسحاقي (100 كم شمال بغداد)،": a fronted place and its gloss
# "وكانت قاعدة عين الأسد قد تعرضت": كان before قد makes a pluperfect, a past event
_WAS = frozenset(core(normalize(w)) for w in ("كان", "كانت", "كانوا", "وكان", "وكانت", "وكانوا"))
_WAS_REACH = 8
_SPEAKER_WORDS = 4  # "قالت صحيفة نيويورك تايمز الأحد": the speaker's name, then the day it spoke
_BELONGS = frozenset(normalize(w) for w in ("التابعة", "التابع", "تابعة", "تابع", "التابعتين"))
_BETWEEN = frozenset(normalize(w) for w in ("بين", "وبين"))
_ANY_GROUP = frozenset(core(normalize(w)) for w in ("الجماعة", "التنظيم", "الفصيل"))
_DASHES = frozenset({"-", "–", "—"})
_NEGATION_REACH = 5  # "ولم تعلن أي جهة مسؤوليتها": the negation a few words before a claim
_CLAIM_REACH = 7  # "أعلنت المقاومة الإسلامية في العراق، اليوم الخميس، استهداف": the actor, an aside, the act
_THAT = frozenset(normalize(w) for w in ("أن", "ان", "إن", "بأن", "بان", "انه", "أنه", "إنه", "بانه"))
_AUXILIARIES = 2  # "الذي كان قد خطف": a pronoun, then at most two auxiliaries before the verb
_ASIDE_CHUNK = 5  # "في وقت متزامن", "مساء يوم الثلاثاء الماضي": time asides news sets off by commas


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
    standalone: bool = False  # reported plainly enough (a verb and a toll or a day) to stand without a place
    sentences: tuple[Parsed, ...] = field(default=())


def find_incidents(parsed: Sequence[Parsed], lex: Lexicon, gaz: Gazetteer, *, published: date | None) -> list[Found]:
    """Every incident the article reports, merged across its mentions; vague placeless ones dropped."""
    merged: list[Found] = []
    groups: list[ActorRef] = []  # groups named so far, for "عناصر التنظيم" further on
    for p in parsed:
        for found in _sentence(p, lex, gaz, published, groups):
            _merge_into(merged, found, gaz)
        groups += [a.actor for a in p.actors if a.actor.kind == "group"]
    return [f for f in merged if not f.reference and (f.standalone or f.place is not None and not _vague(f))]


def _vague(f: Found) -> bool:
    """A country, or several countries together, is too wide to make a report of a passing mention."""
    return f.place is not None and (f.place.kind == "country" or f.place.kind == "region" and f.base is None)


# ---- clauses -------------------------------------------------------------------------


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    triggers: list[tuple[int, int, Trigger]]
    hard_after: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # trigger chunks: where places and dates count
    means: list[tuple[int, int]] = field(default_factory=list)  # chunks that add means and toll, not places


def _clauses(p: Parsed, lex: Lexicon) -> list[_Clause]:
    """Cut at commas and temporal connectives; join chunks without an event word to the one before."""
    hits = [(h.start, h.end, h.values[0]) for h in lex.triggers.scan(p.norms)]
    if not hits:
        return []  # most sentences report no event: skip the rest
    cancel = {i for h in lex.cancel.scan(p.norms) for i in range(h.start, h.end)}
    hits = [h for h in hits if not any(i in cancel for i in range(h[0], h[1]))]
    bounds: list[tuple[int, bool]] = [(0, False)]
    placed = {x.start for x in p.places}
    since_place = False  # a place named since the last cut: a new verb after it may start a new report
    for i, w in enumerate(p.norms):
        if w in _SOFT:
            bounds.append((i + 1, False))
            since_place = False
        elif (w in lex.relatives or w in lex.whiles) and i > 0:
            bounds.append((i, True))
            since_place = False
        elif since_place and w[:1] == "و" and lex.verbs.contains((w,)):
            bounds.append((i, False))  # "قتل جنديان … في الموصل وأصيب ثلاثة … في كركوك": two reports
            since_place = False
        since_place = since_place or i in placed
    bounds.append((len(p.norms), False))
    bounds = _without_asides(p.norms, bounds, lex)
    clauses: list[_Clause] = []
    lead: tuple[int, int] | None = None  # "وفي تكريت، …": a fronted place for the clause that follows
    for (a, _), (b, hard) in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        own = [h for h in hits if a <= h[0] < b]
        casualty_only = own and all(t.casualty for _, _, t in own)
        # "الهجوم الانتحاري، الذي استهدف السفارة": a relative clause goes on telling the event before it
        relative = a > 0 and p.norms[a] in lex.relative_pronouns and bool(clauses) and clauses[-1].end == a
        part = p.norms[a] in _PART_OF or relative or _cause_of_toll(p.norms, a, own, clauses)
        if own and not ((casualty_only or part) and clauses):
            clauses.append(_Clause(a, b, own, hard, [(a, b)] if lead is None else [lead, (a, b)]))
            lead = None
            continue
        lead = (a, b) if not own and p.norms[a] in _FRONTED and b - a <= _LEAD_WORDS else None
        if clauses:
            last = clauses[-1]
            last.end, last.hard_after = b, hard
            last.triggers += own
            if own:  # "حيث سقط 14 صاروخا دون إصابات": the means and toll of the same event
                last.spans.append((a, b)) if part and not casualty_only else last.means.append((a, b))
    return clauses


def _without_asides(norms: Sequence[str], bounds: list[tuple[int, bool]], lex: Lexicon) -> list[tuple[int, bool]]:
    """"تعرض مطار أربيل، مساء الثلاثاء، لهجوم": a time or source set off by commas does not cut the clause."""
    drop: set[int] = set()
    for (a, _), (b, hard) in zip(bounds, bounds[1:], strict=False):
        if hard or b - a < 2 or norms[b - 1] not in _SOFT or b >= len(norms):
            continue
        if _aside(norms[a:b - 1], lex):
            drop.add(b)
            if a > 0 and norms[a - 1] in _SOFT:
                drop.add(a)
    return [x for x in bounds if x[0] not in drop or x[1]]


def _aside(words: Sequence[str], lex: Lexicon) -> bool:
    """A short run of time words ("فجر الجمعة", "في وقت لاحق") or a source ("بحسب مصادر محلية")."""
    if not words or len(words) > _ASIDE_CHUNK:
        return False
    if core(words[0]) in lex.source_asides:
        return True
    return all(w.isdigit() or core(w) in lex.time_words or w in lex.time_words for w in words)


def _cause_of_toll(norms: Sequence[str], a: int, own: Sequence[tuple[int, int, Trigger]],
                   clauses: Sequence[_Clause]) -> bool:
    """"قتل ثلاثة جنود …، فجر اليوم، بهجوم …": the attack that caused the toll just reported."""
    if not clauses or not own or not all(t.casualty for _, _, t in clauses[-1].triggers):
        return False
    first = own[0][0]
    word = norms[first]
    return first - a <= 1 and (word[:1] == "ب" and word != core(word[1:]) or norms[first - 1] in _CAUSES)

def _sentence(p: Parsed, lex: Lexicon, gaz: Gazetteer, published: date | None,
              groups: Sequence[ActorRef]) -> list[Found]:
    clauses = _clauses(p, lex)
    if not clauses:
        return []
    dates = find_dates(p.sentence.text, published)
    numbers = find_numbers(p.sentence.text, duals=True)
    has_day = any(d.precision in ("day", "month") for d in dates)
    clauses = [c for c in clauses if _real(p, c, lex, has_day, numbers)]
    unknown = _unknown_places(p, lex, dates) if clauses else []
    out: list[Found] = []
    pending: _Clause | None = None
    after = 0  # where the words since the previous event begin
    for k, c in enumerate(clauses):
        if pending is not None:  # a placeless clause runs on into the next across a comma
            c = _Clause(pending.start, c.end, pending.triggers + c.triggers, c.hard_after, pending.spans + c.spans,
                        pending.means + c.means)
            pending = None
        places = _inside(p, _places(p, c, gaz, lex), unknown, lex) or _unknown_in(p, c, unknown)
        if not places and not c.hard_after and k + 1 < len(clauses):
            pending = c
            continue
        out += _found(p, c, places, lex, gaz, dates, numbers, published, after, groups)
        after = c.end
    return out


def _real(p: Parsed, c: _Clause, lex: Lexicon, has_day: bool, numbers: Sequence[NumberMatch]) -> bool:
    """Whether the clause reports one event that happened."""
    words = p.norms[c.start:c.end]
    # what the event's own chunks say; a trailing "مؤكدا أن العمليات ستستمر حتى وقف …" is another matter
    own = [w for a, b in (*c.spans, *c.means) for w in p.norms[a:b]]
    if "؟" in words or _irrealis(p, own, lex) or _aggregate(p, c, lex, has_day, numbers):
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
    if events and all(start in plural for start, _, _ in events) and not has_day and not _raid(p, c, events):
        return False  # "الهجمات التي تستهدف القواعد": many attacks, none dated
    if events and all(start in plural and _counted_events(p.norms, start, lex) for start, _, _ in events):
        return False  # "زيادة عدد الهجمات على المطار أمس": a trend, on whatever day it is told
    if _may(own, lex):
        return False
    if events == [] and not _counted(p, c, numbers, lex):
        return False  # "عمليات القتل": killing spoken of in general, with no one counted
    if events == [] and lex.periods.contains(own):
        return False  # "قتل 13 جنديا حتى الآن هذا الشهر": a running total, not one incident
    physical = any(t.physical for _, _, t in c.triggers)
    if not physical and lex.metaphor.contains(own):
        return False
    if physical or lex.claim.contains(words):
        return True
    # "اختطفت الجماعة ثلاثة مدنيين": a verb with counted victims happened to someone
    return bool(lex.means.contains(words) or lex.targets.contains(words) or _in_spans(p.places, c)
                or _counted(p, c, numbers, lex))


def _irrealis(p: Parsed, own: Sequence[str], lex: Lexicon) -> bool:
    """Threats, plans, denials; a headline's present tense ("هجوم بمسيرة يستهدف مطار أربيل") tells what happened."""
    if not lex.irrealis.contains(own):
        return False
    if p.sentence.paragraph != -1 or not p.sentence.text.strip() or len(p.norms) > _HEADLINE_WORDS:
        return True
    return any(not lex.headline_present.contains(own[h.start:h.end]) for h in lex.irrealis.scan(own))


def _raid(p: Parsed, c: _Clause, events: Sequence[tuple[int, int, Trigger]]) -> bool:
    """"شنت طائرات أمريكية غارات على مواقع في الحديدة": strikes launched at a place are one raid."""
    return bool(_in_spans(p.places, c)) and any(
        w in _LAUNCH_VERBS for start, _, _ in events for w in p.norms[max(c.start, start - _RAID_REACH):start])


def _aggregate(p: Parsed, c: _Clause, lex: Lexicon, has_day: bool, numbers: Sequence[NumberMatch]) -> bool:
    """"عشرات الهجمات", "سلسلة من الهجمات منذ أكتوبر": a count of events, not one; a day makes it one report."""
    if has_day:
        return False
    marks = [c.start + h.start for h in lex.aggregate.scan(p.norms[c.start:c.end])]
    events = [t for t, _, trig in c.triggers if not trig.casualty]
    if any(t - _AGGREGATE_REACH <= m <= t + 2 for m in marks for t in events):
        return True
    counted = {i for n in numbers if n.value >= 2 for i in _words_at(p, n.start, n.end)}
    # "خمسين هجوما": fifty attacks; "6 آخرون بهجوم" counts the wounded, not the attack
    return any(t - 1 in counted and not _preposed(p.norms[t]) for t in events)


def _counted_events(norms: Sequence[str], start: int, lex: Lexicon) -> bool:
    """"عدد الهجمات", "وتيرة الهجمات": a word that counts or measures stands just before the plural event."""
    return any(core(w) in lex.event_counts for w in norms[max(0, start - _AGGREGATE_REACH + 1):start])


def _preposed(word: str) -> bool:
    """"بهجوم", "لهجوم": a word carrying a preposition cannot be a counted noun."""
    return word[:1] in ("ب", "ل") and not word.startswith("ال") and len(clitic_cores(word)) > 1


def _words_at(p: Parsed, start: int, end: int) -> range:
    first = next((i for i, o in enumerate(p.offsets) if o >= start), len(p.offsets))
    last = next((i for i, o in enumerate(p.offsets) if o >= end), len(p.offsets))
    return range(first, max(last, first + 1))


def _may(words: Sequence[str], lex: Lexicon) -> bool:
    """"قد يؤدي", "قد يحول": قد before an imperfect verb speaks of what may happen.

    "وكانت القاعدة قد تعرضت": after كان, or before a past verb the lexicon knows, قد marks what already happened.
    """
    for k, (w, nxt) in enumerate(zip(words, words[1:], strict=False)):
        if w not in ("قد", "وقد") or nxt[:1] not in ("ي", "ت", "ن"):
            continue
        if any(core(x) in _WAS for x in words[max(0, k - _WAS_REACH):k]):
            continue
        if lex.verbs.contains((nxt,)) or lex.claim.contains((nxt,)):
            continue
        return True
    return False


def _counted(p: Parsed, c: _Clause, numbers: Sequence[NumberMatch], lex: Lexicon) -> bool:
    return any(_count_after(p, start, numbers, lex) is not None for start, _, _ in c.triggers)


def _in_spans(items: Sequence[PlaceSpan | ActorSpan], c: _Clause) -> list:  # type: ignore[type-arg]
    return [x for x in items if any(a <= x.start < b for a, b in c.spans)]


# ---- fields --------------------------------------------------------------------------


def _found(p: Parsed, c: _Clause, places: list[PlaceSpan], lex: Lexicon, gaz: Gazetteer,
           dates: Sequence[DateMatch], numbers: Sequence[NumberMatch], published: date | None,
           after: int, groups: Sequence[ActorRef]) -> list[Found]:
    perpetrator, claimed, state = _perpetrator(p, c, lex, gaz)
    if perpetrator is None:
        perpetrator = _anaphor(p, c, lex, groups)
    kind = _type(p, c, lex, state)
    killed, injured = _casualties(p, c, numbers, lex)
    target_en, target_ar = _target(p, c, lex)
    when = _date(p, c, dates, after, lex)
    words = p.norms[c.start:c.end]
    verb = lex.verbs.contains(words)
    # "استنكر علاوي في بيان، تفجيرات …": a frame may stand in the words since the previous event
    framed = lex.frames.contains(p.norms[max(after, c.start - _DATE_REACH):c.end]) \
        or c.start > 0 and words[0] in lex.relatives  # "… بعد هجوم انتحاري قتل فيه": background
    framed = framed or _described(p, c, lex) or _time_of_what_follows(p, c, lex)
    fresh = not framed and (verb or bool(when) or claimed or killed is not None or injured is not None
                            or any(d.precision in ("day", "month") for d in dates))
    old = _background(dates, numbers, published)
    toll = bool(killed or injured) and (verb or _numbered(p, c, numbers))
    standalone = fresh and (toll or verb and bool(when and len(when) == 10))
    return [Found(type=kind, place=ps.place if ps else None, base=ps.base if ps else None, date=when,
                  perpetrator=perpetrator, claimed=claimed, target_en=target_en, target_ar=target_ar,
                  killed=killed, injured=injured, reference=old or not fresh, standalone=standalone,
                  update=lex.updates.contains(words), week=_week(p, c, dates),
                  relative=any(d.relative and d.value == when for d in dates),
                  sentences=(p,))
            for ps in _at_most(places)]


def _time_of_what_follows(p: Parsed, c: _Clause, lex: Lexicon) -> bool:
    """"عندما اغتيل الوزير في دمشق، أعلن الحزب …": an opening "when" clause sets the time of the main one."""
    first_chunk_end = c.spans[0][1]
    return c.start == 0 and p.norms[0] in lex.temporal_openers and first_chunk_end < len(p.norms) - 1 \
        and p.norms[first_chunk_end - 1] in _SOFT


def _described(p: Parsed, c: _Clause, lex: Lexicon) -> bool:
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
    before = k - 1 if norms[k - 1] not in _SOFT else k - 2
    return before >= 0 and before not in events


def _at_most(places: list[PlaceSpan]) -> list[PlaceSpan | None]:
    """The clause's places, a few at most, or one unknown place."""
    return [*places[:_MAX_PLACES]] if places else [None]


def _numbered(p: Parsed, c: _Clause, numbers: Sequence[NumberMatch]) -> bool:
    """Whether the clause gives a count in figures or number words ("مقتل 3"), not only a named victim."""
    lo, hi = p.offsets[c.start], _end_offset(p, c.end)
    return any(lo <= n.start < hi and not n.vague for n in numbers)


def _background(dates: Sequence[DateMatch], numbers: Sequence[NumberMatch], published: date | None) -> bool:
    """Whether the sentence dates its event more than a year before publication ("عام 1981", "(1992)")."""
    if published is None:
        return False
    if any(_year(n) and n.value < published.year - 1 for n in numbers):
        return True
    for d in dates:
        year = int(d.value[:4])
        if published.year - year > 1 or (published.year - year == 1 and d.precision in ("day", "month")
                                          and (published - date(year, int(d.value[5:7]), 1)).days > _BACKGROUND_DAYS):
            return True
    return False


def _type(p: Parsed, c: _Clause, lex: Lexicon, state: bool) -> str:
    words = p.norms[c.start:c.end]
    named = {i for a in p.actors for i in range(a.start, a.end)} | {i for x in p.places for i in range(x.start, x.end)}
    means = [v for a, b in (*c.spans, *c.means) for h in lex.means.scan(p.norms[a:b]) if a + h.start not in named
             for v in h.values]
    specific = [t.type for _, _, t in c.triggers if t.type != "attack"]
    acts = [t for t in specific if t in _ACTS]
    if acts and all(m == "armed_attack" for m in means):
        return acts[0]  # "اختطف مسلحون": gunmen say who, the verb says what they did
    kind = min(means, key=lambda t: lex.means_rank.get(t, 99)) if means else specific[0] if specific else "attack"
    artillery = "shelling" in means  # "المدفعية التركية": a state's guns, not its aircraft
    state_means = not artillery and (kind in _STATE_ATTACK or kind == "rocket_attack" and not _has(words, "صاروخ"))
    if state and state_means and any(f in _STATE_WORDS for w in words for f in clitic_cores(w)):
        return "airstrike"
    return kind


def _has(words: Sequence[str], stem: str) -> bool:
    return any(stem in w for w in words)


def _places(p: Parsed, c: _Clause, gaz: Gazetteer, lex: Lexicon) -> list[PlaceSpan]:
    """The most specific places in the clause's event chunks; several countries make one place."""
    asides = _asides(p.norms)
    found = [ps for ps in _in_spans(p.places, c)
             if not _origin(p.norms, ps.start) and ps.start not in asides and not _far_end(p, ps)]
    if lex.attribution.contains(p.norms[c.start:c.end]):  # "محملة إيران مسؤولية الهجوم": Iran is blamed
        found = [ps for ps in found if ps.place.kind != "country"]
    found = [ps for ps in found if not any(_contains(gaz, ps, other) for other in found if other is not ps)]
    found = [ps for ps in found if not _container(p.norms, ps, found) and not _doer(p.norms, ps)]
    if len(found) > 1:  # "كركوك – قتل …": the dateline says where it was filed; the story says where it happened
        found = [ps for ps in found if not _dateline(p.norms, ps)]
    unique: dict[str, PlaceSpan] = {}
    for ps in found:
        unique.setdefault(ps.place.name_en, ps)
    spans = list(unique.values())
    countries = [ps for ps in spans if ps.place.kind == "country"]
    if len(countries) > 1 and len(countries) == len(spans):
        en = " and ".join(ps.place.name_en for ps in countries)
        ar = " و".join(ps.place.name_ar for ps in countries)
        return [PlaceSpan(start=countries[0].start, end=countries[-1].end,
                          place=PlaceRef(id=None, name_en=en, name_ar=ar, kind="region"), base=None)]
    return spans


def _inside(p: Parsed, known: list[PlaceSpan], unknown: Sequence[PlaceSpan], lex: Lexicon) -> list[PlaceSpan]:
    """"بلدة عيتا الشعب في جنوب لبنان", "قرية البو عيثة بقضاء الدجيل": a place no list holds, with
    its class noun, inside a known one the text names right after it, is where it happened; it
    takes its parent's coordinates."""
    out: list[PlaceSpan] = []
    for ps in known:
        inner = next((u for u in unknown if u.start < ps.start and _cued(p, u, lex) and
                      (u.end == ps.start or u.end + 1 == ps.start and _links(p.norms[u.end], lex))), None)
        if inner is None:
            out.append(ps)
            continue
        ref = replace(inner.place, lat=ps.place.lat, lon=ps.place.lon)
        out.append(PlaceSpan(start=inner.start, end=ps.end, place=ref, base=ps.base or ps.place.id))
    return out


def _links(word: str, lex: Lexicon) -> bool:
    return word in lex.within or word[:1] == "ب" and core(word[1:]) in lex.place_cues  # "بقضاء"


def _cued(p: Parsed, ps: PlaceSpan, lex: Lexicon) -> bool:
    return any(f in lex.place_cues for f in clitic_cores(p.norms[ps.start]))


def _unknown_in(p: Parsed, c: _Clause, unknown: Sequence[PlaceSpan]) -> list[PlaceSpan]:
    """Places the gazetteer does not know, in the clause's event chunks, when it names no known one."""
    asides = _asides(p.norms)
    return [ps for ps in _in_spans(unknown, c) if not _origin(p.norms, ps.start) and ps.start not in asides][:1]


def _unknown_places(p: Parsed, lex: Lexicon, dates: Sequence[DateMatch]) -> list[PlaceSpan]:
    """"قرية دمادولا", "في كويتا أمس": a place cue or "في/قرب" before a name no gazetteer holds.

    Hand-written because the morphological analyser that could tell a proper noun from a
    common one needs data this project cannot ship; the cue and boundary rules stand in.
    """
    taken = {i for x in p.places for i in range(x.start, x.end)} | {i for a in p.actors for i in range(a.start, a.end)}
    taken |= {i for start, end, _ in p.nationalities for i in range(start, end)}
    taken |= {i for d in dates for i in _words_at(p, d.start, d.end)}  # "في يناير" is a time, not a place
    out: list[PlaceSpan] = []
    for i, w in enumerate(p.norms[:-1]):
        if i in taken or i + 1 in taken:
            continue
        cue = any(f in lex.place_cues for f in clitic_cores(w)) and not w.startswith(("ال", "وال", "بال"))
        if cue:
            end = _name_end(p, i + 1, lex, taken)
        elif w in _NEAR and _bare_name(p, i + 1, lex, taken):
            end = i + 2
        else:
            continue
        if end > i + 1:
            name = " ".join(p.words[i + 1:end])
            out.append(PlaceSpan(start=i if cue else i + 1, end=end, base=None, place=PlaceRef(
                id=None, name_en=transliterate(name), name_ar=name, kind="area")))
    return out


def _name_like(p: Parsed, i: int, lex: Lexicon, taken: set[int]) -> bool:
    w = p.norms[i]
    return (i not in taken and len(w) > 1 and w[0].isalpha() and not any(ch.isdigit() for ch in w)
            and not lex.not_names.contains((w,)) and not lex.triggers.contains((w,))
            and not lex.targets.contains((w,)))  # "قرب دورية": what is hit is a common noun, not a name


def _name_end(p: Parsed, i: int, lex: Lexicon, taken: set[int]) -> int:
    """The end of the one or two name words after a place cue ("بلدة خان بني سعد" keeps two)."""
    j = i
    while j < len(p.norms) and j - i < _NAME_WORDS and _name_like(p, j, lex, taken):
        if j > i and (p.norms[j].startswith("و") or any(f in lex.place_cues for f in clitic_cores(p.norms[j]))):
            break  # "زهاري بولاية قندهار", "الرأس وبقيت": a new phrase begins
        j += 1
    return j


def _bare_name(p: Parsed, i: int, lex: Lexicon, taken: set[int]) -> bool:
    """"في كويتا أمس": an indefinite word after في closed by a boundary can only be a name."""
    w = p.norms[i]
    nxt = p.norms[i + 1] if i + 1 < len(p.norms) else "."
    return (not w.startswith("ال") and not w.endswith(_POSSESSED) and core(w) not in lex.place_cues
            and _name_like(p, i, lex, taken)
            and (not nxt[:1].isalpha() or nxt in _CLOSERS or lex.place_closers.contains((nxt,))))


def _container(norms: Sequence[str], ps: PlaceSpan, found: Sequence[PlaceSpan]) -> bool:
    """"قاعدة حرير في أربيل", "قضاء الحويجة جنوب غربي كركوك": a place right after another says where it lies."""
    if any(o.end == ps.start for o in found) and ps.place.id is None:
        return True  # a compass phrase straight after a place locates it
    if ps.start >= 2 and norms[ps.start - 1] in _BELONGS or ps.start >= 3 and norms[ps.start - 2] in _BELONGS:
        return True  # "ناحية سيدكان التابعة لقضاء سوران": the district a place belongs to
    return ps.start >= 2 and norms[ps.start - 1] in ("في", "ب") and any(o.end == ps.start - 1 for o in found)


def _far_end(p: Parsed, ps: PlaceSpan) -> bool:
    """"على الطريق بين الرشاد والحويجة": the second end of a stretch, like the first, is not where it happened."""
    return p.norms[ps.start][:1] == "و" and any(w in _BETWEEN for w in p.norms[max(0, ps.start - 3):ps.start])


def _dateline(norms: Sequence[str], ps: PlaceSpan) -> bool:
    return ps.start == 0 and ps.end < len(norms) and norms[ps.end] in ("-", "–", "—", ":")


def _doer(norms: Sequence[str], ps: PlaceSpan) -> bool:
    """"أطلقت إيران صواريخ", "إسرائيل قصفت": a country next to an attack verb is who acted, not where."""
    if ps.place.kind != "country":
        return False
    before = norms[ps.start - 1] if ps.start else ""
    after = norms[ps.end] if ps.end < len(norms) else ""
    return _is_agent_verb(before) or _is_agent_verb(after)


def _asides(norms: Sequence[str]) -> set[int]:
    """Words inside dashes or brackets: a title or an aside, not where the event happened."""
    out: set[int] = set()
    opened: int | None = None
    for i, w in enumerate(norms):
        if w in ("-", "–", "—", "(") and opened is None:
            opened = i
        elif w in ("-", "–", "—", ")") and opened is not None:
            if i - opened <= _ASIDE_WORDS:
                out.update(range(opened, i))
            opened = None
    return out


def _origin(norms: Sequence[str], i: int) -> bool:
    """"لإيران", "من إيران": a place named as an origin or beneficiary, not where it happened."""
    w = norms[i]
    if w.startswith("ل") and not w.startswith("ال") and len(clitic_cores(w)) > 1:
        return True
    return i > 0 and norms[i - 1] in _ORIGIN


def _ancestors(gaz: Gazetteer, ident: str | None) -> list[str]:
    out: list[str] = []
    while ident and ident in gaz.places and len(out) < 8:
        out.append(ident)
        ident = gaz.places[ident].parent
    return out


def _contains(gaz: Gazetteer, outer: PlaceSpan, inner: PlaceSpan) -> bool:
    """Whether `outer` is a wider place that holds `inner` ("غرب العراق" holds "عين الأسد")."""
    if outer.base is None or inner.base is None:
        return False
    if outer.base == inner.base:
        return outer.place.id is None and inner.place.id is not None
    return outer.base in _ancestors(gaz, inner.base)[1:]


def _date(p: Parsed, c: _Clause, dates: Sequence[DateMatch], after: int, lex: Lexicon) -> str | None:
    """A date in the event's words, else one in the words since the previous event ("وفي الأول من يناير، أعلنت …")."""
    usable = [d for d in dates if d.precision in ("day", "month")]
    spoken = _speech_day(p, usable, lex) if len(usable) > 1 else None
    if spoken is not None:
        usable.remove(spoken)
    lo, hi = p.offsets[c.start], _end_offset(p, c.end)
    inside = [d for d in usable if lo <= d.start < hi]
    first = p.norms[c.start]
    meanwhile = first in lex.whiles
    if not inside and not (first in lex.relatives or meanwhile) or meanwhile:
        # "قصفت المدفعية … مساء السبت، فيما قصف الطيران …": what happens meanwhile shares the day
        since = max(after if not meanwhile else 0, c.start - _DATE_REACH)
        inside = inside or ([d for d in usable if p.offsets[since] <= d.start < lo] if since < len(p.offsets) else [])
    if not inside:
        return None
    best = max(inside, key=lambda d: d.precision == "day")
    if spoken is not None and best.relative and best.start > spoken.start:
        return _said_on(p.sentence.text, best, spoken)
    return best.value


def _week(p: Parsed, c: _Clause, dates: Sequence[DateMatch]) -> str | None:
    lo, hi = p.offsets[c.start], _end_offset(p, c.end)
    return next((d.value for d in dates if d.precision == "week" and lo <= d.start < hi), None)


def _into_week(day: str, week: str) -> str:
    """"هجوم الأسبوع الماضي" told elsewhere as "الاثنين": the Monday of that week, not of this one."""
    when, monday = date.fromisoformat(day), date.fromisoformat(week)
    while when > monday + timedelta(days=6):
        when -= timedelta(days=7)
    return when.isoformat()


def _speech_day(p: Parsed, dates: Sequence[DateMatch], lex: Lexicon) -> DateMatch | None:
    """"قالت الصحيفة الأحد إن هجوم الاثنين …": a day right after a speech verb and its speaker dates the saying."""
    days = [d for d in dates if d.precision == "day"]
    for h in lex.speech.scan(p.norms):
        lo = p.offsets[h.end]  if h.end < len(p.offsets) else len(p.sentence.text)
        hi = _end_offset(p, min(h.end + _SPEAKER_WORDS, len(p.offsets)))
        said = next((d for d in days if lo <= d.start < hi), None)
        if said is not None and any(d.start > said.start for d in days):
            return said
    return None


def _said_on(text: str, event: DateMatch, spoken: DateMatch) -> str:
    """A weekday in reported words counts back from the day it was said, not from publication."""
    anchor = date.fromisoformat(spoken.value)
    again = next((d for d in find_dates(text, anchor) if d.start == event.start), None)
    return again.value if again is not None and again.value <= spoken.value else event.value


def _end_offset(p: Parsed, end: int) -> int:
    return p.offsets[end] if end < len(p.offsets) else len(p.sentence.text)


def _casualties(p: Parsed, c: _Clause, numbers: Sequence[NumberMatch],
                lex: Lexicon) -> tuple[int | None, int | None]:
    killed = injured = None
    norms = p.norms
    for i in range(c.start, c.end):
        forms = clitic_cores(norms[i])
        w = forms[-1] if forms else norms[i]
        kind = "k" if any(f in _KILLED for f in forms) else "i" if any(f in _INJURED for f in forms) else ""
        if not kind and w not in _CASUALTIES:
            continue
        if any(n in _NO for n in norms[max(c.start, i - 4):i]):
            if w in _CASUALTIES or kind == "i":
                killed, injured = (killed if killed is not None else 0), (injured if injured is not None else 0)
            continue
        if not kind:
            continue
        count = _count_after(p, i, numbers, lex)
        if kind == "k" and killed is None:
            killed = count
        elif kind == "i" and injured is None:
            injured = count
    return killed, injured


def _count_after(p: Parsed, i: int, numbers: Sequence[NumberMatch], lex: Lexicon) -> int | None:
    """The count a casualty word governs: a number, a dual, a singular victim, or named victims."""
    lo, hi = p.offsets[i], _end_offset(p, min(i + _COUNT_AFTER + _subject_words(p, i), len(p.offsets)))
    if i and p.norms[i].endswith(_PLURAL_ENDINGS):  # "إلى أربعة قتلى بعد وفاة أحد الجرحى": the count just before
        close = [n for n in numbers if p.offsets[i - 1] <= n.start < lo and not n.vague and not _year(n)]
        if close:
            return close[-1].value
    for n in numbers:
        if lo <= n.start < hi and not n.vague and not _year(n):
            return n.value
    before = _count_before(p, i, numbers, lex)
    if before is not None:
        return before
    if i + 1 < len(p.norms):
        nxt = p.norms[i + 1]
        if nxt in _VICTIM_NOUNS or core(nxt) in _VICTIM_NOUNS and not nxt.startswith("ال"):
            return 1
    persons = [a for a in p.actors if a.actor.kind == "person" and i < a.start <= i + _VICTIM_REACH]
    if persons and persons[0].start <= i + 3:
        window = p.norms[persons[0].end:persons[0].end + _VICTIM_REACH]
        return len({a.actor.name_ar for a in persons}) + sum(1 for w in window if w in _COMPANIONS)
    return None


def _subject_words(p: Parsed, i: int) -> int:
    """"قتلت قوات الأمن الباكستانية ستة مسلحين": the words of a doer between a killing verb and its count.

    The doer is a named actor, or forces ("قوات", "الجيش") with their definite qualifiers.
    """
    doer = next((a for a in p.actors if a.start == i + 1), None)
    if doer is not None:
        return doer.end - i - 1
    j = i + 1
    if j >= len(p.norms) or core(p.norms[j]) not in _FORCE_CORES:
        return 0
    j += 1
    while j < len(p.norms) and j - i <= _SUBJECT_WORDS and p.norms[j].startswith("ال"):
        j += 1
    return j - i - 1


def _year(n: NumberMatch) -> bool:
    """"(1992)", "عام 2005": a year, not a count of victims."""
    return _FIRST_YEAR <= n.value <= _LAST_YEAR


def _count_before(p: Parsed, i: int, numbers: Sequence[NumberMatch], lex: Lexicon) -> int | None:
    """"سبعة قتلى", "ثلاثة عراقيين قتلوا": a plural casualty word after its count.

    A qualifier of the count ("ستة أشخاص على الأقل قتلوا") stands between them without using up the reach.
    """
    if not p.norms[i].endswith(_PLURAL_ENDINGS):
        return None
    qualifier = next((h for h in lex.toll_qualifiers.scan(p.norms[max(0, i - _QUALIFIER_WORDS):i])
                      if h.end == min(i, _QUALIFIER_WORDS)), None)
    skipped = qualifier.end - qualifier.start if qualifier is not None else 0
    lo = p.offsets[max(0, i - _COUNT_BEFORE - skipped)]
    hits = [n for n in numbers if lo <= n.start < p.offsets[i] and not n.vague and not _year(n)]
    return hits[-1].value if hits else None


def _perpetrator(p: Parsed, c: _Clause, lex: Lexicon, gaz: Gazetteer) -> tuple[ActorRef | None, bool, bool]:
    """(who, claimed, a state's forces) from a claim, an agent phrase, or a nationality on the event."""
    words = p.norms[c.start:c.end]
    claims = lex.claim.scan(words)
    actors = [a for a in p.actors if c.start <= a.start < c.end and not a.proclitic
              and a.actor.kind in ("group", "country", "institution")]
    claims = [h for h in claims if not _negated(p.norms, c.start + h.start)]  # "ولم تعلن أي جهة مسؤوليتها"
    if claims:
        at = c.start + claims[0].start
        before = [a for a in actors if a.end <= at]
        after = [a for a in actors if a.start >= at]
        who = _umbrella(p.norms, before) if before else after[0] if after else None
        if who:
            return who.actor, True, who.actor.kind != "group"
    announcer = _announcer(p, c, lex, actors)
    if announcer is not None:
        return announcer.actor, True, announcer.actor.kind != "group"
    for start, end, _t in c.triggers:
        for a in actors:
            if _agent(p.norms, a, start):
                return a.actor, False, a.actor.kind != "group"
        owner = next((a for a in p.actors if a.start == end and a.proclitic and a.actor.kind == "group"
                      and p.norms[a.start].startswith("ل")), None)
        if owner is not None:  # "هجوم لداعش": an attack of the group's
            return owner.actor, False, False
    for start, _end, country in p.nationalities:
        if c.start <= start < c.end and any(_forces_of(p.norms, start, t, lex) for t, _, _ in c.triggers):
            return _country_actor(gaz, country), False, True
    return None, False, False


def _umbrella(norms: Sequence[str], before: Sequence[ActorSpan]) -> ActorSpan:
    """"المقاومة الإسلامية في العراق – جماعة الظافرين": of a name and its unit joined by a dash, the name."""
    who = before[-1]
    k = len(before) - 2
    while k >= 0 and before[k].end + 1 == who.start and norms[before[k].end] in _DASHES:
        who, k = before[k], k - 1
    return who


def _anaphor(p: Parsed, c: _Clause, lex: Lexicon, groups: Sequence[ActorRef]) -> ActorRef | None:
    """"قصفت عناصر الجماعة", "هجوم شنه مسلحو الحزب": the group's class noun doing the act points back to it."""
    for j in range(c.start, c.end):
        noun = core(p.norms[j])
        if noun not in lex.group_nouns or not (p.norms[j].startswith(("ال", "وال")) or j and
                                               core(p.norms[j - 1]) in lex.fighters):
            continue
        first = j - 1 if j and core(p.norms[j - 1]) in lex.fighters else j
        prior = [a for a in p.actors if a.end <= first and a.actor.kind == "group"]
        who = _referent(noun, [*groups, *(a.actor for a in prior)])
        if who is None:
            continue
        span = ActorSpan(start=first, end=j + 1, actor=who)
        if any(_agent(p.norms, span, t) for t, _, _ in c.triggers):
            return who
    return None


def _referent(noun: str, groups: Sequence[ActorRef]) -> ActorRef | None:
    """The last group named whose name carries the class noun; "الجماعة" and "التنظيم" fit any group."""
    for g in reversed(groups):
        if noun in _ANY_GROUP or noun in normalize(g.name_ar):
            return g
    return None


def _negated(norms: Sequence[str], i: int) -> bool:
    return any(w in _NO for w in norms[max(0, i - _NEGATION_REACH):i])


def _announcer(p: Parsed, c: _Clause, lex: Lexicon, actors: Sequence[ActorSpan]) -> ActorSpan | None:
    """"أعلنت المقاومة الإسلامية، اليوم، استهداف قاعدة حرير": the party announcing its own act claims it.

    A casualty word ("أعلنت الشرطة مقتل") or a reported clause ("أعلن الجيش أن مسلحين …") is news, not a claim.
    """
    for h in lex.claim_verbs.scan(p.norms[c.start:c.end]):
        verb = c.start + h.start
        if _negated(p.norms, verb):
            continue
        who = next((a for a in actors if verb < a.start <= verb + _CLAIM_REACH), None)
        if who is None:
            continue
        act = next((t for t in c.triggers if who.end <= t[0] <= who.end + _CLAIM_REACH), None)
        if act is None or act[2].casualty or any(w in _THAT for w in p.norms[verb:act[0]]):
            continue
        if who.actor.kind == "group" or p.norms[act[0]] in lex.claimed_acts:
            return who
    return None


def _agent(norms: Sequence[str], a: ActorSpan, trigger: int) -> bool:
    """Whether an actor is the doer of the event word at `trigger`.

    "X شنت/استهدفت …" (subject then an agent verb), "شن/نفذ X …" (verb then subject),
    "هجوم شنته X" and "من قبل X".
    """
    between = norms[trigger:a.start]
    if trigger < a.start <= trigger + _AGENT_REACH and any(_verb_with_object(w) or w == "قبل" for w in between):
        return True  # "هجوم شنه مسلحون من تنظيم داعش", "من قبل الفصائل"
    if _origin(norms, a.start):
        return False
    if a.end <= trigger and trigger - a.end <= 2:
        return any(_is_agent_verb(w) for w in norms[a.end:trigger + 1])
    if trigger < a.start <= trigger + 3:
        return _is_agent_verb(norms[trigger]) and not any(w.startswith("ال") for w in between[1:])
    if a.start < trigger and trigger - a.end <= 3:
        return any(w in _AGENT_VERBS for w in norms[max(0, a.start - 2):a.start])
    return False


def _verb_with_object(word: str) -> bool:
    """"شنته", "شنه", "نفذها": an attack verb carrying the attack as its object pronoun."""
    return any(word.endswith(suffix) and _is_agent_verb(word[:-len(suffix)]) for suffix in ("ته", "تها", "ها", "ه"))


def _is_agent_verb(word: str) -> bool:
    """An attack verb, with و/ف allowed but no preposition attached ("بقصف" is a noun)."""
    return word in _AGENT_VERBS or word[:1] in ("و", "ف") and word[1:] in _AGENT_VERBS


def _forces_of(norms: Sequence[str], nat: int, trigger: int, lex: Lexicon) -> bool:
    """"القوات الأمريكية شنت", "الأميركيون", "قصف غادر أمريكي": a nationality acting or on the event."""
    if nat > 1 and nat - 2 == trigger and core(norms[nat - 1]) in _PLATFORMS and _is_agent_verb(norms[trigger]):
        return True  # "قصفت مسيرة تركية سيارة": a weapon right after the verb is what struck, not what was struck
    if nat > 0 and core(norms[nat - 1]) in _FORCE_CORES and nat <= trigger + 1:
        # "شن الطيران التركي، مساء السبت، غارات": a time aside between forces and strikes does not count
        aside = sum(1 for w in norms[nat + 1:trigger] if w in _SOFT or core(w) in lex.time_words)
        return nat >= trigger - 3 - aside
    if norms[nat].startswith(("ال", "وال")) and norms[nat].endswith(("يون", "يين")) and trigger - 3 <= nat <= trigger:
        return True  # "شن الأميركيون ضربات"; "جنود عراقيين" describes the victims
    if _is_agent_verb(norms[trigger]) and not norms[trigger].endswith(("ضربه", "ضربات")):
        return False  # "ضربت الميليشيات القاعدة الأمريكية": after a verb the nationality is the target's
    between = norms[trigger + 1:nat]
    return trigger < nat <= trigger + 2 and not any(w.startswith("ال") or w in _ORIGIN for w in between)


def _country_actor(gaz: Gazetteer, code: str) -> ActorRef:
    for a in gaz.actors.values():
        if a.kind == "country" and (a.country or "").upper() == code.upper():
            return a.ref()
    nat = gaz.nationalities.get(code)
    name = nat.en_country if nat else code
    return ActorRef(id=None, name_en=name, name_ar=name, kind="country")


def _target(p: Parsed, c: _Clause, lex: Lexicon) -> tuple[str | None, str | None]:
    """What was hit: a target word right after على/ضد or an attack verb, with its nationality."""
    for h in lex.targets.scan(p.norms[c.start:c.end]):
        i = c.start + h.start
        k = i - 1 if i and not p.norms[i - 1].isdigit() else i - 2  # "على 3 منشآت"
        before = p.norms[k] if k >= 0 else ""
        if before in _AT or _is_agent_verb(before) and before not in _LAUNCH_VERBS:
            nat = next((n for n in p.nationalities if h.end + c.start <= n[0] <= i + 3), None)
            end = nat[1] if nat else c.start + h.end
            return h.values[0], " ".join(p.words[k + 1:end])
    return None, None


# ---- merging -------------------------------------------------------------------------


def _merge_into(merged: list[Found], new: Found, gaz: Gazetteer) -> None:
    candidates = merged[-1:] if new.place is None else merged
    for k in range(len(candidates) - 1, -1, -1):
        old = candidates[k]
        if _same_event(old, new, gaz):
            idx = merged.index(old)
            merged[idx] = _combine(old, new, gaz)
            return
    if new.place is not None or new.standalone:
        merged.append(new)  # a reference waits for a report of the same event to lend it its details


def _same_event(a: Found, b: Found, gaz: Gazetteer) -> bool:
    kinds_ok = a.type == b.type or "attack" in (a.type, b.type) or frozenset({a.type, b.type}) in _COMPATIBLE
    dates_ok = a.date is None or b.date is None or a.date.startswith(b.date) or b.date.startswith(a.date)
    rivals = a.perpetrator and b.perpetrator and a.perpetrator.name_en != b.perpetrator.name_en
    if not (kinds_ok and dates_ok) or rivals:
        return False
    if a.place is None or b.place is None:
        return True
    if a.place.name_en == b.place.name_en:
        return True
    pa, pb = _widened(gaz, a), _widened(gaz, b)
    narrow = all(x.kind not in ("country", "region") for x in (a.place, b.place))
    same_day = bool(a.date and a.date == b.date)
    return (narrow or same_day) and (_contains(gaz, pa, pb) or _contains(gaz, pb, pa) or _near(a.place, b.place))


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
    """Within a town's reach of each other: "مطار أربيل" and "أربيل" are one locality for merging."""
    if None in (a.lat, a.lon, b.lat, b.lon):
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
    place, base = (a.place, a.base)
    if b.place is not None and (a.place is None or _specificity(gaz, b) > _specificity(gaz, a)):
        place, base = b.place, b.base
    when = max((d for d in (a.date, b.date) if d), key=len, default=None)
    relative = a.relative if when == a.date else b.relative
    week = a.week or b.week
    if week and when and relative and len(when) == 10:
        when = _into_week(when, week)
    perp, claimed = (b.perpetrator, b.claimed) if b.claimed or a.perpetrator is None else (a.perpetrator, a.claimed)
    return replace(a, reference=a.reference and b.reference, standalone=a.standalone or b.standalone, type=kind,
                   place=place, base=base, date=when, week=week, relative=relative,
                   perpetrator=perp or a.perpetrator,
                   claimed=claimed, target_en=a.target_en or b.target_en, target_ar=a.target_ar or b.target_ar,
                   killed=_toll(a.killed, b.killed, b.update), injured=_toll(a.injured, b.injured, b.update),
                   sentences=a.sentences + tuple(s for s in b.sentences if s not in a.sentences))


def _specificity(gaz: Gazetteer, f: Found) -> tuple[int, int]:
    """How narrowly a report places its event: depth in the gazetteer, then a district or town over a city."""
    kind = f.place.kind if f.place else ""
    return len(_ancestors(gaz, f.base)), kind in ("district", "town", "base", "site", "crossing", "area")


def _toll(x: int | None, y: int | None, update: bool) -> int | None:
    """The first count given, or a larger one a later toll reports."""
    if update and y is not None and (x is None or y > x):
        return y
    return _first(x, y)


def _first(x: int | None, y: int | None) -> int | None:
    return x if x is not None else y
