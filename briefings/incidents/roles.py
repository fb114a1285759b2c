"""Roles: who did it and what was hit, in a clause that reports an incident."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.gazetteer import Gazetteer
from briefings.incidents.clauses import Clause
from briefings.incidents.sentence import DASHES, SOFT, Annotated, is_agent_verb, origin
from briefings.lexicon import Lexicon
from briefings.mentions import ActorSpan
from briefings.model import ActorRef
from briefings.normalize import clitic_cores, core, normalize

_AGENT_REACH = 5  # "هجوم شنه مسلحون من التنظيم": the doer a few words after the verb that carries the attack
_NEGATION_REACH = 5  # "ولم تعلن أي جهة مسؤوليتها": the negation a few words before a claim
_BEHIND_REACH = 2  # "الفصيل الذي يقف وراء": the party and a relative pronoun before the phrase
_SUBJECT_TO_OBJECT = 3  # "شنت القوات التركية الخاصة غارات": qualifiers of the forces before what they did
_AGENT_LINK_WORDS = 2  # "قصف من قبل الطيران", "قصف من عدة طائرات": by, then a word more
_FORCE_ADJECTIVES = 2  # "القوات الجوية الخاصة الأمريكية": adjectives between a force and its nationality
_TARGET_WORDS = 2  # "استهداف قاعدة «عين الأسد»": the base named right after the act
_CLAIM_REACH = 7  # "أعلنت الجماعة، في بيان اليوم، استهداف": the actor, an aside, the act
_ANNOUNCED_REACH = 12  # "أعلنت «المقاومة الإسلامية» في العراق اليوم الأحد، أن": the verb, a name, a day, then أن


def perpetrator(p: Annotated, c: Clause, lex: Lexicon, gaz: Gazetteer) -> tuple[ActorRef | None, bool, bool]:
    """(who, claimed, a state's forces): a claim, an attribution the text makes, or the agent of an attack verb.

    The victims' group ("مقتل عنصرين من الفصيل"), the host of a base and a country named in passing are none
    of these; "لم تتبن أي جهة الهجوم" leaves the perpetrator unknown.
    """
    words = p.norms[c.start:c.end]
    actors = [a for a in p.actors if c.start <= a.start < c.end and not a.proclitic
              and a.actor.kind in ("group", "country", "institution")]
    claims = lex.claim.scan(words)
    unclaimed = any(_negated(p.norms, c.start + h.start, lex) for h in claims)
    claims = [h for h in claims if not _negated(p.norms, c.start + h.start, lex)]  # "ولم تعلن أي جهة مسؤوليتها"
    if claims:
        at = c.start + claims[0].start
        before = [a for a in actors if a.end <= at]
        after = [a for a in actors if a.start >= at]
        who = _umbrella(p.norms, before) if before else after[0] if after else None
        if who:
            return who.actor, True, who.actor.kind != "group"
    announcer = _announcer(p, c, lex, actors) or _own_fighters(p, c, lex)
    if announcer is not None:
        return announcer.actor, True, announcer.actor.kind != "group"
    # "سقطت صواريخ على المطار، في هجوم نُسب إلى الفصيل": the attribution may follow in a clause of its own
    blamed = _attributed(p, c.start, c.end, lex) or _attributed(p, c.end, len(p.norms), lex)
    if blamed is not None:
        return blamed.actor, False, blamed.actor.kind != "group"
    for start, end, _t in c.triggers:
        for a in actors:
            if _agent(p.norms, a, start, lex):
                return a.actor, False, a.actor.kind != "group"
        owner = next((a for a in p.actors if a.start == end and a.proclitic and a.actor.kind == "group"
                      and p.norms[a.start].startswith("ل")), None)
        if owner is not None:  # "هجوم لداعش": an attack of the group's
            return owner.actor, False, False
    for start, _end, country in p.nationalities:
        acting = any(_forces_of(p.norms, start, t, lex) for t, _, _ in c.triggers)
        if not unclaimed and c.start <= start < c.end and acting:
            return country_actor(gaz, country), False, True
    return None, False, False


def _umbrella(norms: Sequence[str], before: Sequence[ActorSpan]) -> ActorSpan:
    """"جبهة التحرير – كتيبة الشهداء": of a name and its unit joined by a dash, the name."""
    who = before[-1]
    k = len(before) - 2
    while k >= 0 and before[k].end + 1 == who.start and norms[before[k].end] in DASHES:
        who, k = before[k], k - 1
    return who


def anaphor(p: Annotated, c: Clause, lex: Lexicon) -> ActorRef | None:
    """"قصفت عناصر الجماعة", "هجوم شنه مسلحو الحزب": the group's class noun doing the act points back to it."""
    for j in range(c.start, c.end):
        noun = core(p.norms[j])
        if noun not in lex.group_nouns or not (p.norms[j].startswith(("ال", "وال")) or j and
                                               core(p.norms[j - 1]) in lex.fighters):
            continue
        first = j - 1 if j and core(p.norms[j - 1]) in lex.fighters else j
        prior = [a for a in p.actors if a.end <= first and a.actor.kind == "group"]
        who = _referent(noun, [*p.earlier_groups, *(a.actor for a in prior)], lex)
        if who is None:
            continue
        span = ActorSpan(start=first, end=j + 1, actor=who)
        if any(_agent(p.norms, span, t, lex) for t, _, _ in c.triggers):
            return who
    return None


def _referent(noun: str, groups: Sequence[ActorRef], lex: Lexicon) -> ActorRef | None:
    """The last group named whose name carries the class noun; "الجماعة" and "التنظيم" fit any group."""
    for g in reversed(groups):
        if noun in lex.incident.any_group or noun in normalize(g.name_ar):
            return g
    return None


def _negated(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    return any(w in lex.incident.negations for w in norms[max(0, i - _NEGATION_REACH):i])


def _announcer(p: Annotated, c: Clause, lex: Lexicon, actors: Sequence[ActorSpan]) -> ActorSpan | None:
    """"أعلنت الجماعة، اليوم، استهداف معسكر": the party announcing its own act claims it.

    A casualty word ("أعلنت الشرطة مقتل") or a reported clause ("أعلن الجيش أن مسلحين …") is news, not a claim.
    """
    for h in lex.claim_verbs.scan(p.norms[c.start:c.end]):
        verb = c.start + h.start
        if _negated(p.norms, verb, lex):
            continue
        who = next((a for a in actors if verb < a.start <= verb + _CLAIM_REACH), None)
        if who is None:
            continue
        act = next((t for t in c.triggers if who.end <= t[0] <= who.end + _CLAIM_REACH), None)
        if act is None or act[2].casualty or any(w in lex.incident.complementizers for w in p.norms[verb:act[0]]):
            continue
        if who.actor.kind == "group" or p.norms[act[0]] in lex.claimed_acts and not _base_hit(p, act[1]):
            return who
    return None


def _own_fighters(p: Annotated, c: Clause, lex: Lexicon) -> ActorSpan | None:
    """"أعلنت المقاومة، اليوم، أن مقاتليها استهدفوا قاعدة": the party announcing what its own fighters did claims it."""
    words = lex.incident
    for k in range(c.start, min(c.end, len(p.norms)) - 1):
        if p.norms[k] not in words.complementizers or p.norms[k + 1] not in words.own_fighters:
            continue
        lo = max(0, k - _ANNOUNCED_REACH)
        for h in lex.claim_verbs.scan(p.norms[lo:k]):
            verb = lo + h.start
            who = next((a for a in p.actors
                        if verb < a.start < k and not a.proclitic and a.actor.kind == "group"), None)
            if who is not None and not _negated(p.norms, verb, lex):
                return who
    return None


def _base_hit(p: Annotated, after: int) -> bool:
    """"أعلن التحالف استهداف قاعدة عين الأسد": an army or a coalition tells of an attack on a base, its own;
    a state claiming its strikes names what it hit otherwise ("استهداف مواقع للفصائل")."""
    return any(after <= ps.start <= after + _TARGET_WORDS and ps.place.kind == "base" for ps in p.places)


def _agent(norms: Sequence[str], a: ActorSpan, trigger: int, lex: Lexicon) -> bool:
    """Whether an actor is the doer of the event word at `trigger`.

    "X شنت/استهدفت …" (subject then an agent verb), "شن/نفذ X …" (verb then subject),
    "هجوم شنته X" and "من قبل X".
    """
    between = norms[trigger:a.start]
    by = lex.incident.by
    if trigger < a.start <= trigger + _AGENT_REACH and any(_verb_with_object(w, lex) or w in by for w in between):
        return True  # "هجوم شنه مسلحون من التنظيم", "من قبل الفصائل"
    if origin(norms, a.start, lex):
        return False
    if a.end <= trigger and trigger - a.end <= 2:
        # subject then verb, "الجماعة شنت هجوما"; or verb, subject, event: "شن تنظيم داعش هجوما"
        return any(is_agent_verb(w, lex) for w in norms[a.end:trigger + 1]) or _verb_before(norms, a.start, lex)
    if trigger < a.start <= trigger + 3:  # "استهدفت مواقع الحوثيين": a target noun's owner was hit, not the doer
        return is_agent_verb(norms[trigger], lex) and not any(
            w.startswith("ال") or lex.targets.contains((w,)) for w in between[1:])
    if a.start < trigger and trigger - a.end <= 3:
        return any(w in lex.incident.agent_verbs for w in norms[max(0, a.start - 2):a.start])
    return False


def _verb_before(norms: Sequence[str], start: int, lex: Lexicon) -> bool:
    """An attack verb right before the subject, or before the forces of it: "نفذت قوات القيادة المركزية"."""
    k = start - 1
    if k > 0 and core(norms[k]) in lex.incident.force_cores:
        k -= 1
    return k >= 0 and is_agent_verb(norms[k], lex)


def _verb_with_object(word: str, lex: Lexicon) -> bool:
    """"شنته", "شنه", "نفذها": a launch verb carrying the attack as its object pronoun.

    Only launch verbs: the object of "استهدفه" is who was hit, and "ضربه" is the noun "ضربة".
    """
    return any(word.endswith(suffix) and word[:-len(suffix)] in lex.incident.launch_verbs
               for suffix in lex.incident.object_endings)


def _attributed(p: Annotated, lo: int, hi: int, lex: Lexicon) -> ActorSpan | None:
    """The party words [lo, hi) hold responsible: "اتهم X Y بتنفيذ", "حمّل X Y المسؤولية", "نُسب إلى Y", "Y يقف وراء"."""
    actors = [a for a in p.actors if lo <= a.start < hi and a.actor.kind in ("group", "country", "institution")]
    words = p.norms[lo:hi]
    for h in lex.ascribed.scan(words):
        who = next((a for a in actors if lo + h.end <= a.start <= lo + h.end + 1), None)
        if who is not None:
            return who
    for h in lex.behind.scan(words):
        who = next((a for a in reversed(actors) if lo + h.start - _BEHIND_REACH <= a.end <= lo + h.start), None)
        if who is not None and not who.proclitic:
            return who
    for h in lex.accusations.scan(words):
        verb = lo + h.start
        deed = next((lo + g.start for g in lex.charges.scan(words) if g.start >= h.end), None)
        blame = next((lo + g.start for g in lex.responsibility.scan(words) if g.start >= h.end), None)
        charge = min((x for x in (deed, blame) if x is not None), default=None)
        if charge is None or _negated(p.norms, verb, lex):
            continue
        accused = [a for a in actors if verb < a.start and a.end <= charge and not a.proclitic
                   and (charge == deed or a.actor.kind == "group")]
        if accused:  # the subject, if named, comes first: the accused is the one just before the charge
            return accused[-1]
    return None


def _forces_of(norms: Sequence[str], nat: int, trigger: int, lex: Lexicon) -> bool:
    """Whether the nationality at `nat` is of forces that did the act at `trigger`.

    Forces are the subject of an attack verb ("شنت القوات التركية غارات", "القوات التركية قصفت"), the
    agent of a strike noun ("غارات الطيران التركي"), or the nationality is the event's adjective
    ("قصف جوي تركي"). Forces a base hosts or that came under attack ("قاعدة تضم قوات تركية تعرضت
    لهجوم") did nothing.
    """
    words = lex.incident
    noun = nat - 1  # the force before its nationality, past its adjectives: "الطائرات الحربية الإسرائيلية"
    while noun > nat - 1 - _FORCE_ADJECTIVES and noun > 0 and norms[noun] in words.force_adjectives:
        noun -= 1
    # "لمقاتلات أميركية": the force may carry a preposition
    forces = noun >= 0 and not words.force_cores.isdisjoint(core(w) for w in clitic_cores(norms[noun]))
    people = norms[nat].startswith(("ال", "وال")) and norms[nat].endswith(("يون", "يين"))  # "الفرنسيون"
    if forces or people:
        head = noun if forces else nat
        verb = _past_asides(norms, nat + 1, lex)  # "شن الطيران التركي، مساء السبت، غارات"
        if head > 0 and is_agent_verb(norms[head - 1], lex) and head - 1 <= trigger <= verb + _SUBJECT_TO_OBJECT:
            return True  # verb, subject, what they did: "شنت القوات التركية غارات", "قصفت مسيرة تركية سيارة"
        if verb < len(norms) and is_agent_verb(norms[verb], lex) and verb <= trigger <= verb + _SUBJECT_TO_OBJECT:
            return True  # subject, then verb: "الطيران التركي، مساء السبت، شن غارات"
        strike = core(norms[trigger]) in words.state_strikes or norms[trigger] in words.state_strikes
        # "قصف" is a verb or its noun: after the verb the forces are the target, after "قصف من" the doers
        a_noun = not is_agent_verb(norms[trigger], lex) or head > trigger + 1
        return forces and strike and a_noun and _strike_by(norms, trigger, head, lex)
    if is_agent_verb(norms[trigger], lex) and not norms[trigger].endswith(("ضربه", "ضربات")) \
            and not (nat == trigger + 1 and _adjective(norms[nat])):
        return False  # "ضربت الفصائل القاعدة التركية": after a verb the nationality is the target's
    between = norms[trigger + 1:nat]
    # "قصف جوي تركي" is Turkish; "استهداف قاعدة أمريكية" hit an American base
    return trigger < nat <= trigger + 2 and not any(
        w.startswith("ال") or w in lex.incident.origins or lex.targets.contains((w,)) for w in between)


def _adjective(word: str) -> bool:
    """"قصف أميركي": an indefinite singular nisba right after "قصف" qualifies the noun; a verb's subject
    would carry the article or be a plural of people ("قصف أميركيون")."""
    return not word.startswith(("ال", "وال")) and not word.endswith(("ون", "ين"))


def _strike_by(norms: Sequence[str], trigger: int, head: int, lex: Lexicon) -> bool:
    """"غارات الطيران التركي", "قصف من عدة طائرات أميركية": the forces right after the strike, or after "by"
    and a quantifier."""
    first = trigger + 1
    while first < head and norms[first] in lex.incident.force_adjectives:
        first += 1  # "غارات جوية لمقاتلات أميركية": the strike's own adjective before its doers
    between = norms[first:head]
    if not between:
        return head == first
    links = lex.incident.agent_links
    return between[0] in links and len(between) <= _AGENT_LINK_WORDS and all(
        w in links or lex.aggregate.contains((w,)) for w in between[1:])


def _past_asides(norms: Sequence[str], i: int, lex: Lexicon) -> int:
    """The first word from `i` that is not part of a time aside set off by commas."""
    while i < len(norms) and (norms[i] in SOFT or core(norms[i]) in lex.time_words):
        i += 1
    return i


def _object_after_subject(p: Annotated, k: int, lex: Lexicon) -> bool:
    """"قصفت الجماعة قاعدة", "استهدف الفصيل رتلا": the word at `k` ends a named subject right after an attack verb."""
    subject = next((a for a in p.actors if a.end == k + 1 and not a.proclitic), None)
    return subject is not None and subject.start > 0 and is_agent_verb(p.norms[subject.start - 1], lex)


def country_actor(gaz: Gazetteer, code: str) -> ActorRef:
    for a in gaz.actors.values():
        if a.kind == "country" and (a.country or "").upper() == code.upper():
            return a.ref()
    nat = gaz.nationalities.get(code)
    name = nat.en_country if nat else code
    place = gaz.country_place(code)  # the Arabic name, where the places know the country
    return ActorRef(id=None, name_en=name, name_ar=place.name_ar if place else name, kind="country")


def target(p: Annotated, c: Clause, lex: Lexicon) -> tuple[str | None, str | None]:
    """What was hit: a target word right after على/ضد or an attack verb, with its nationality."""
    for h in lex.targets.scan(p.norms[c.start:c.end]):
        i = c.start + h.start
        k = i - 1 if i and not p.norms[i - 1].isdigit() else i - 2  # "على 4 مواقع"
        before = p.norms[k] if k >= 0 else ""
        if before in lex.incident.against or is_agent_verb(before, lex) and before not in lex.incident.launch_verbs \
                or before in lex.undergo or _object_after_subject(p, k, lex):
            nat = next((n for n in p.nationalities if h.end + c.start <= n[0] <= i + 3), None)
            end = nat[1] if nat else c.start + h.end
            return h.values[0], " ".join(p.words[k + 1:end])
    return None, None
