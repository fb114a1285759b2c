"""Statements: who said what, with speech acts from the verb lexicon and speakers from mentions.

A speech verb's speaker is, in order: the source a relaying verb names ("نقل عن X"), the
actor right after it (Arabic's verb-subject order, titles and adverbs allowed between, "X و
Y" both), the actor right before it (subject-verb, an aside "، وهو …،" skipped), or, when
the verb opens a clause with no nominal subject of its own ("وأضاف أن", "داعيا", "لكنه
شدد"), the last speaker. A verb whose subject is a document or an office ("ذكر بيان") or
that follows "حسبما" names nobody. Inside a quotation only the speaker's own first-person
verbs count ("«بحثنا»"), and they replace the bare "said" that introduced the quotation.
A verb said during a call or a meeting ("أدان خلاله") is its host's, never its partner's;
"بحسب بيان لـX" and a headline "X: …" are statements by X. One record per speaker per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from briefings.lexicon import Lexicon, SpeechWords, Verb
from briefings.mentions import ActorSpan, Parsed, PlaceSpan
from briefings.model import SPEECH_ACTS, ActorRef, Evidence
from briefings.normalize import clitic_cores, core, normalize

SPEAKER_KINDS = ("person", "group")  # who a verb's subject is when a person and an institution both stand there
# An army, ministry, observatory or embassy that issues a statement is a speaker of its own
# ("قال الجيش الإسرائيلي في بيان"); a country speaks for itself only when nobody else in the
# article does, and only with an act a reader would want on record ("Iraq condemned the strike").
INSTITUTION_ACTS = frozenset(("condemned", "denied", "warned", "called_for", "accused", "blamed", "threatened",
                              "expressed_support", "pledged"))
_AFTER_WINDOW = 9  # words between a verb and its subject: titles, "باسم X", adverbs, a date
_BEFORE_WINDOW = 4
_ASIDE_WINDOW = 24  # the longest ", وهو …،" aside skipped between a subject and its verb
_NEEDS_WINDOW = 16  # words in which a verb's `needs` word may follow: a subject with an apposition and a day between
_OBJECT_SLOT = 8  # a bare verbal noun this close after a speech verb's subject is its object ("أكد دعم")
_TITLE_REACH = 4  # words of a title before a name ("مع وزير الخارجية الأمريكي X")
_COORDINATED_GAP = 4  # "و" + a title of up to three words between two joined subjects
_TITLE_GAP = 3  # words between a body and the person whose title it is part of ("لحزب الله السيد حسن")
_CHAIN_SENTENCES = 3  # how far back "وأضاف" may reach for its speaker
_HEADLINE_SPEAKER = 10  # a headline's "title name:" speaker ends this many words in at the most
_ATTRIBUTED_REACH = 3  # "بحسب بيان صادر عن X": source nouns and links between the cue and X
_CLAIM_WINDOW = 12  # "أعلنت الجماعة – فصيل منها – مسؤوليتها": a claim may stand a name and an aside away
_QUOTES = frozenset(("«", "“", '"', "”", "»"))
_COLONS = frozenset((":", "："))
_NONE: frozenset[int] = frozenset()
_OPEN_QUOTES = {"«": "»", "“": "”", "”": "“", '"': '"'}  # some sites open with ” and close with “


@dataclass(frozen=True, slots=True, kw_only=True)
class Said:
    """One speech verb with its resolved speaker.

    `parsed` is the verb's clause: the sentence's words from the verb (or from a quotation
    opening the sentence) up to the next speech verb, so topics and objects found in it
    belong to this verb; `parsed.sentence` is the whole sentence. `verb_at` counts in it.
    """

    speaker: ActorRef
    acts: tuple[str, ...]
    parsed: Parsed
    verb_at: int


def find_said(parsed: Sequence[Parsed], lex: Lexicon) -> list[Said]:
    """Every speech verb in the article whose speaker could be resolved."""
    out: list[Said] = []
    sw = lex.speech_words
    for p in parsed:
        quoted = _quoted(p.norms)
        mine: list[Said] = []
        accepted: list[int] = []
        for hit in lex.speech.scan(p.norms):
            if not _is_speech(p.norms, hit.start, hit.end, hit.values, quoted, accepted, sw, lex):
                continue
            acts = _acts(sw, hit.values, p.norms, hit.end)
            if not acts:
                continue
            if hit.start in quoted:
                speaker = _quote_speaker(p, hit.start, mine, out)
            else:
                speaker = _speaker(sw, p, hit.start, hit.end, out + mine, hit.values[0].participle, hit.values[0].noun)
            accepted.append(hit.start)
            if speaker is None:
                continue
            for ref in (speaker, *_coordinated(sw, p, hit.start, hit.end, speaker)):
                mine.append(Said(speaker=ref, acts=acts, parsed=p, verb_at=hit.start))
        if not mine and p.sentence.paragraph == -1:
            mine = _headline_said(sw, p, lex)
        mine += [a for a in _attributed(sw, p) if all(m.speaker != a.speaker for m in mine)]
        if mine:
            out += _clauses(p, _quoted_acts(mine, quoted), quoted, sw)
    return out


def _headline_said(sw: SpeechWords, p: Parsed, lex: Lexicon) -> list[Said]:
    """"قائد الجيش اللبناني جوزاف عون: لن نسمح …": a headline that opens with a name and a colon quotes it.

    Its acts are those of the quotation's first-person verbs ("ندين", "نحذر"), else "said".
    """
    colon = next((i for i, w in enumerate(p.norms[:_HEADLINE_SPEAKER + 1]) if w in _COLONS), None)
    if colon is None or colon + 1 >= len(p.norms):
        return []  # no colon near the start, or "السوداني:" and nothing said
    who = next((a for a in p.actors if a.end == colon and not _object(sw, p.norms, a)), None)
    if who is None or who.actor.kind not in (*SPEAKER_KINDS, "institution"):
        return []
    acts = tuple(dict.fromkeys(v.act for h in lex.speech.scan(p.norms[colon + 1:])
                               if _first_person(sw, p.norms[colon + 1 + h.start], "«") for v in h.values[:1]))
    return [Said(speaker=who.actor, acts=acts or ("said",), parsed=p, verb_at=colon + 1)]


def _attributed(sw: SpeechWords, p: Parsed) -> list[Said]:
    """"بحسب بيان للجيش اللبناني"، "وفقا لوزارة الصحة": what the text gives as the account of X is X's statement."""
    out = []
    for i, w in enumerate(p.norms):
        if w not in sw.attribution:
            continue
        j = i + 1
        while j < len(p.norms) and j - i <= _ATTRIBUTED_REACH and (
                p.norms[j] in sw.source_links or core(p.norms[j]) in sw.sources or p.norms[j].startswith("صادر")):
            j += 1
        a = next((a for a in p.actors if i < a.start <= j), None)
        if a is not None and a.actor.kind in (*SPEAKER_KINDS, "institution"):
            out.append(Said(speaker=a.actor, acts=("said",), parsed=p, verb_at=i))
    return out


def _is_speech(norms: Sequence[str], start: int, end: int, readings: Sequence[Verb], quoted: frozenset[int],
               accepted: Sequence[int], sw: SpeechWords, lex: Lexicon) -> bool:
    """Whether the words at [start, end) are a speech verb here, not a noun, an adjective or a denial."""
    word, prev = norms[start], norms[start - 1] if start else ""
    noun = readings[0].noun
    if _definite(word) and not noun:
        return False  # "الدعم", "البيان": a noun, not the verb it is spelled like
    if prev in sw.prepositions and not noun or prev in sw.not_verb:
        return False  # "على دعم", "غير مؤكدة": a verbal noun or an adjective
    if prev in sw.negations and not (start > 1 and norms[start - 2] in sw.attribution):
        return False  # "ولم يعلق": what was not said ("بحسب ما أعلن" is what was)
    if start in quoted and not _first_person(sw, word, prev):
        return False  # inside a quotation only the speaker's own "we/I" verbs are the speaker's acts
    if readings[0].participle and accepted and prev not in sw.openers and prev not in _QUOTES \
            and any(w in sw.complementizers for w in norms[accepted[-1]:start]):
        return False  # "قالت إن بلادها ملتزمة": a predicate inside the reported clause, not a ḥāl
    if word in sw.masdar and prev in sw.complementizers:
        return False  # "أن دعم واشنطن لإسرائيل": a verbal noun opening the reported clause
    if word in sw.masdar and accepted and start - accepted[-1] <= _OBJECT_SLOT \
            and not _boundary(sw, norms, accepted[-1] + 1, start):
        return False  # "أكد المسؤول دعم بلاده": the verbal noun is what was stressed
    # a claim of responsibility belongs to its incident, not to "who said what"
    return not lex.claim.contains(norms[start:end + _CLAIM_WINDOW])


def _first_person(sw: SpeechWords, word: str, prev: str) -> bool:
    """"بحثنا", "ندعو", and "أكدتُ" at the head of its clause ("الحكومة أعلنت" is the government)."""
    w = word[1:] if word[:1] in ("و", "ف") and len(word) > 3 else word
    if w.endswith("نا") or w.startswith("ن"):
        return True
    return w.endswith("ت") and (prev in _QUOTES or prev in sw.openers or prev in sw.first_person_leads)


def _boundary(sw: SpeechWords, norms: Sequence[str], i: int, j: int) -> bool:
    return any(w in sw.complementizers or w in _QUOTES or w in ("،", ",", ":", "؛") for w in norms[i:j])


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "فال", "بال", "كال", "لل"))


def _quoted(norms: Sequence[str]) -> frozenset[int]:
    """Positions strictly inside quotation marks."""
    if not _QUOTES.intersection(norms):
        return _NONE
    inside: set[int] = set()
    closer: str | None = None
    for i, w in enumerate(norms):
        if closer is None and w in _OPEN_QUOTES:
            closer = _OPEN_QUOTES[w]
        elif closer is not None and (w == closer or w in ("»", "”", "“") and closer != "»"):
            closer = None
        elif closer is not None:
            inside.add(i)
    return frozenset(inside)


def _acts(sw: SpeechWords, readings: Sequence[Verb], norms: Sequence[str], end: int) -> tuple[str, ...]:
    if not any(v.needs for v in readings):
        return tuple(dict.fromkeys(v.act for v in readings))
    # punctuation a verb may need ("تابع: «…»") has no clitic core: it is kept as written
    window = {c for w in norms[end:end + _NEEDS_WINDOW] for c in (*clitic_cores(w), w)}
    head = _complement_head(sw, norms, end) if any(v.exclusive for v in readings) else set()
    fits = [v for v in readings if not v.needs or (v.needs & head if v.exclusive else v.needs & window)]
    if any(v.exclusive and v.needs for v in fits):
        fits = [v for v in fits if v.exclusive]
    return tuple(dict.fromkeys(v.act for v in fits))


def _complement_head(sw: SpeechWords, norms: Sequence[str], end: int) -> set[str]:
    """The complementizer, or the noun after "عن", that opens what a verb governs ("أعرب … عن دعمه")."""
    for i in range(end, min(end + _NEEDS_WINDOW, len(norms))):
        w = norms[i]
        if w in sw.complementizers or w.startswith(("انه", "انها", "بان")):
            return {normalize("أن")}
        if w == "عن" and i + 1 < len(norms):
            return set(clitic_cores(norms[i + 1]))
        if w in _QUOTES or w == ":":
            return set()
    return set()


# ---- speakers ------------------------------------------------------------------------


def _speaker(sw: SpeechWords, p: Parsed, start: int, end: int, earlier: Sequence[Said], participle: bool,
             noun: bool = False) -> ActorRef | None:
    if p.norms[start] in sw.relay:
        return _relayed(p, end)
    if p.norms[start] in sw.impersonal:
        return None
    if noun:
        return _actor_before(sw, p, start)  # "جدد X التأكيد على": a verbal noun's agent is the governing verb's subject
    if start and p.norms[start - 1] in sw.relatives:
        return None  # "اللجنة التي طالبت هنية بالاستقالة": the subject is the antecedent, the name after is the object
    if _during_meeting(sw, p, start, end):
        return _host(sw, p, start, end)
    is_source, owner = _source_subject(sw, p, end)
    if is_source:
        return owner
    after = _actor_after(sw, p, end)
    same = [s for s in earlier if s.parsed.sentence is p.sentence and s.speaker.kind in SPEAKER_KINDS]
    joined = bool(same) and p.norms[start][:1] in ("و", "ف") and start > 0 and p.norms[start - 1] in ("،", ",")
    if joined and (after is None or after.kind not in SPEAKER_KINDS):
        return same[-1].speaker  # "حذر X من عودة داعش، وحذر إسرائيل": the joined verb keeps X
    if after is not None and not participle:
        return after
    if participle:
        same = [s for s in earlier if s.parsed.sentence is p.sentence and s.verb_at < start]
        if same:
            return same[-1].speaker
    if start and p.norms[start - 1] in sw.attribution:
        return None  # "حسبما أفاد": the source comes after the verb or not at all
    before = _actor_before(sw, p, _aside_start(sw, p.norms, start))
    if before is not None and (not participle or before.kind in SPEAKER_KINDS):
        return before  # a participle is never the ḥāl of a ministry that did not speak
    if participle:
        return None  # a ḥāl belongs to its own sentence's verb, never to an earlier sentence's speaker
    return _chained(sw, p, start, end, earlier)


def _chained(sw: SpeechWords, p: Parsed, start: int, end: int, earlier: Sequence[Said]) -> ActorRef | None:
    """The last speaker, for a verb that opens a clause without a subject of its own."""
    speaking = [s for s in earlier if s.speaker.kind in SPEAKER_KINDS]
    if not speaking:
        return None
    last = speaking[-1]
    if last.parsed.sentence is p.sentence and p.norms[start][:1] in ("و", "ف") \
            and not _definite(p.norms[end] if end < len(p.norms) else ""):
        return last.speaker  # "أكد …، وأدان القصف": a verb joined by و shares the subject
    if not _subjectless(sw, p.norms, start, end):
        return None
    last = speaking[-1]
    if p.sentence.index - last.parsed.sentence.index <= _CHAIN_SENTENCES:
        return last.speaker
    return None


def _during_meeting(sw: SpeechWords, p: Parsed, start: int, end: int) -> bool:
    """"أجرى X اتصالا مع Y، أدان خلاله": a verb said during a call or a meeting the sentence reports."""
    during = any(w in sw.during for w in p.norms[end:end + 2])
    return during and any(c in sw.meetings for w in p.norms[:start] for c in clitic_cores(w))


def _host(sw: SpeechWords, p: Parsed, start: int, end: int) -> ActorRef | None:
    """Who spoke during a meeting: its host, the sentence's subject; "الأخير" is the partner named last."""
    before = [a for a in p.actors if a.end <= start and a.actor.kind in (*SPEAKER_KINDS, "institution")]
    if any(w in sw.latter for w in p.norms[end:end + 3]):
        return before[-1].actor if before else None
    hosts = [a for a in before if not _object(sw, p.norms, a)
             and not any(w in sw.partner_links or w in sw.caller_links
                         for w in p.norms[max(a.start - _TITLE_REACH, 0):a.start])]
    return hosts[0].actor if hosts else None


def _relayed(p: Parsed, end: int) -> ActorRef | None:
    """"نقلت الوكالة عن المتحدث X": the speaker is who the report is taken from."""
    for i in range(end, min(end + _AFTER_WINDOW, len(p.norms))):
        if p.norms[i] == "عن":
            return next((a.actor for a in p.actors if i < a.start <= i + 4), None)
    return None


def _source_subject(sw: SpeechWords, p: Parsed, end: int) -> tuple[bool, ActorRef | None]:
    """Whether a document or office is the subject ("ذكر بيان صادر عن X"), and the X it names."""
    if end >= len(p.norms) or core(p.norms[end]) not in sw.sources:
        return False, None
    i = end + 1
    while i < len(p.norms) and i - end <= 3 and (p.norms[i] in sw.source_links or p.norms[i].startswith("صادر")):
        i += 1
    owner = next((a for a in p.actors if end < a.start <= i), None)
    return True, owner.actor if owner is not None else None


def _actor_after(sw: SpeechWords, p: Parsed, end: int) -> ActorRef | None:
    """The subject after the verb.

    An actor right after the verb (adverbs and quote marks aside) is the subject whatever
    its kind; further on, only a person a title introduces, or a group its class noun does
    ("جماعة «أنصار الله»"); a person is preferred to the body whose title it carries.
    """
    spans = [a for a in p.actors if end <= a.start <= end + _AFTER_WINDOW]
    inside = {i for a in spans for i in range(a.start, a.end)}
    wrapped = {i for a in spans for i in (a.start - 1, a.end)}  # quote marks around a name: "لـ«حزب الله»"
    candidates: list[ActorSpan] = []
    for a in spans:
        if _blocked(sw, p.norms, end, a.start, wrapped):
            break
        if _object(sw, p.norms, a):
            if _genitive(p.norms, a) or a.actor.kind == "country":
                continue  # "الأمين العام لعصائب أهل الحق قيس الخزعلي", "المتحدث باسم التحالف في العراق X"
            break
        if a.start and p.norms[a.start - 1] in sw.one_of:
            continue  # "إحدى الجماعات المسلحة، كتائب سيد الشهداء": the apposition names the speaker
        between = [w for i, w in enumerate(p.norms[end:a.start], end) if i not in inside]
        if any(w in sw.partner_links for w in between):
            break  # "أدان X خلال اتصال مع Y": who is on the other end of the call is not the subject
        adjacent = all(w in sw.adverbs or w in _QUOTES for w in between)
        if adjacent and not candidates:
            return a.actor  # "هددت إسرائيل أمس باستهداف … حماس": the actor next to the verb
        led = all(w in sw.adverbs or w in _QUOTES or core(w) in sw.group_leads or w in sw.one_of for w in between)
        if a.actor.kind == "person" or a.actor.kind == "group" and led:
            candidates.append(a)
    for k, a in enumerate(candidates[:-1]):
        nxt = candidates[k + 1]
        if a.actor.kind != "person" and nxt.actor.kind == "person" and nxt.start - a.end <= _TITLE_GAP:
            return nxt.actor  # "زعيم منظمة بدر هادي العامري": the group belongs to the title
    return candidates[0].actor if candidates else None


def _genitive(norms: Sequence[str], a: ActorSpan) -> bool:
    """"لعصائب", "لـ«حزب الله»": a body governed by the lam of possession."""
    prev = norms[a.start - 1] if a.start else ""
    if prev in _QUOTES and a.start > 1:
        prev = norms[a.start - 2]
    return a.proclitic and norms[a.start][:1] == "ل" or prev in ("ل", "لـ")


def _coordinated(sw: SpeechWords, p: Parsed, start: int, end: int, speaker: ActorRef) -> list[ActorRef]:
    """A second person joined to the subject by و speaks too.

    After the verb: "تحدث الرئيس اللبناني ورئيس الحكومة", "بحث السوداني والرئيس الإيراني مسعود بزشكيان";
    before it: "السوداني وبزشكيان يبحثان".
    """
    persons = [a for a in p.actors if a.actor.kind == "person"]
    after = [a for a in persons if end <= a.start <= end + _AFTER_WINDOW]
    for k, a in enumerate(after[:-1]):
        if a.actor == speaker:
            nxt = after[k + 1]
            joined = nxt.start - a.end <= _COORDINATED_GAP and p.norms[a.end][:1] == "و" \
                and not _blocked(sw, p.norms, a.end, nxt.start) and "،" not in p.norms[a.end:nxt.start]
            return [nxt.actor] if joined and nxt.actor != speaker else []
    before = [a for a in persons if a.end <= start]
    if len(before) >= 2 and before[-1].actor == speaker and start - before[-1].end <= 1:
        first, second = before[-2], before[-1]
        if second.start == first.end and p.norms[second.start][:1] == "و" and first.actor != speaker:
            return [first.actor]
    return []


def _actor_before(sw: SpeechWords, p: Parsed, start: int, window: int = _BEFORE_WINDOW) -> ActorRef | None:
    """The subject before the verb: only particles ("قد", "بدوره", a comma) may stand between."""
    for a in reversed(p.actors):
        if a.end > start:
            continue
        if start - a.end > window or _blocked(sw, p.norms, a.end, start) or _object(sw, p.norms, a):
            return None
        if not all(w in sw.before_particles or w in sw.adverbs or w in _QUOTES for w in p.norms[a.end:start]):
            return None  # "والحكومة لم تجد أي دليل يدعم": the actor is another verb's subject
        return _owner_of_country(p, a).actor
    return None


def _owner_of_country(p: Parsed, a: ActorSpan) -> ActorSpan:
    """"كتائب حزب الله العراق تعلن": a country right after a body's name completes it, the body speaks."""
    if a.actor.kind != "country" or p.norms[a.start][:1] == "و":
        return a
    return next((b for b in p.actors if b.end == a.start and b.actor.kind != "country"), a)


def _aside_start(sw: SpeechWords, norms: Sequence[str], start: int) -> int:
    """Where "X، وهو سياسي بارز،" began, when an aside stands between a subject and its verb."""
    if start < 2 or norms[start - 1] not in ("،", ","):
        return start
    for k in range(start - 2, max(start - _ASIDE_WINDOW, 0) - 1, -1):
        if norms[k] in ("،", ","):
            return k if k + 1 < start and norms[k + 1] in sw.aside_openers else start
        if norms[k] in _QUOTES or norms[k] in sw.complementizers:
            return start
    return start


def _blocked(sw: SpeechWords, norms: Sequence[str], i: int, j: int,
             wrapped: frozenset[int] | set[int] = frozenset()) -> bool:
    """A clause boundary between a verb and a candidate subject (quote marks around a name are not)."""
    stop = j - 1 if j - 1 >= i and norms[j - 1] in _QUOTES else j
    return any(w in sw.clause_breaks or w in _QUOTES and k not in wrapped
               for k, w in enumerate(norms[i:stop], i))


def _object(sw: SpeechWords, norms: Sequence[str], a: ActorSpan) -> bool:
    """An actor after a preposition, or with one attached ("بالمالكي", "لـ«حزب الله»"), is not a subject."""
    prev = norms[a.start - 1] if a.start else ""
    if prev in _QUOTES and a.start > 1:
        prev = norms[a.start - 2]
    return a.proclitic or prev in sw.prepositions or prev in ("ل", "لـ")


def _subjectless(sw: SpeechWords, norms: Sequence[str], start: int, end: int) -> bool:
    """A verb opening a clause whose subject is the previous speaker: "وأضاف أن", "لكنه شدد"."""
    prev = norms[start - 1] if start else ""
    if prev in sw.pronoun_subjects:
        return True
    opens = not prev or prev in sw.openers or norms[start][:1] in ("و", "ف")
    follows = end >= len(norms) or norms[end] in sw.subjectless or norms[end].startswith(("ان", "بان"))
    return opens and follows


def _quote_speaker(p: Parsed, start: int, mine: Sequence[Said], earlier: Sequence[Said]) -> ActorRef | None:
    """Whose quotation a first-person verb is in: the sentence's speaker, else the last one."""
    before = [s for s in mine if s.verb_at < start]
    if before:
        return before[-1].speaker
    speaking = [s for s in earlier if s.speaker.kind in SPEAKER_KINDS]
    if speaking and p.sentence.index - speaking[-1].parsed.sentence.index <= _CHAIN_SENTENCES:
        return speaking[-1].speaker
    return None


def _quoted_acts(said: Sequence[Said], quoted: frozenset[int]) -> list[Said]:
    """A bare "said" gives way to the first-person acts of the quotation it introduced."""
    inner = [s for s in said if s.verb_at in quoted]
    if not inner:
        return list(said)
    out = []
    for s in said:
        if s.acts == ("said",) and s.verb_at not in quoted and any(
                i.speaker == s.speaker and i.verb_at > s.verb_at for i in inner):
            continue
        out.append(s)
    return out


# ---- clauses -------------------------------------------------------------------------


def _clauses(p: Parsed, said: Sequence[Said], quoted: frozenset[int], sw: SpeechWords) -> list[Said]:
    """Each verb's clause as its `parsed`, and the acts its modal phrases add ("يجب" -> called_for)."""
    starts = sorted({s.verb_at for s in said})
    cues = sw.cues.scan(p.norms)
    out = []
    for s in said:
        later = [v for v in starts if v > s.verb_at]
        begin = 0 if s.verb_at == starts[0] and _opens_with_quote(p.norms, quoted, s.verb_at) else s.verb_at
        # the subject and its appositions ("إحدى فصائل الحشد، كتائب حزب الله") are not the verb's objects
        subject_end = next((a.end for a in p.actors if a.start > s.verb_at and a.actor == s.speaker), begin)
        # "وزارة الخارجية السورية": the country right after an institution is part of its name, not an object
        subject_end = next((a.end for a in p.actors if a.start == subject_end and s.speaker.kind == "institution"
                            and _adjective(p.norms, a)), subject_end)
        stop = later[0] if later else len(p.norms)
        clause = _slice(p, begin, stop, subject_end)
        extra = tuple(h.values[0] for h in cues if begin <= h.start < stop and s.verb_at not in quoted)
        acts = tuple(dict.fromkeys(s.acts + extra))
        out.append(Said(speaker=s.speaker, acts=acts, parsed=clause, verb_at=s.verb_at - begin))
    return out


def _adjective(norms: Sequence[str], a: ActorSpan) -> bool:
    """"السورية", "العراقي": a one-word country span spelled as its nationality adjective."""
    word = norms[a.start]
    return a.actor.kind == "country" and a.end - a.start == 1 and word.startswith("ال") and word.endswith(("يه", "ي"))


def _opens_with_quote(norms: Sequence[str], quoted: frozenset[int], verb_at: int) -> bool:
    """«…»، قال X: the quotation before the verb is what the verb reports."""
    return bool(norms) and norms[0] in _QUOTES and any(i < verb_at for i in quoted)


def _slice(p: Parsed, i: int, j: int, first_actor: int) -> Parsed:
    """Words [i, j) of a sentence, keeping actors from `first_actor` on (built directly: this runs per verb)."""
    if i == 0 and j == len(p.norms) and first_actor <= 0:
        return p
    lo = max(i, first_actor)
    actors = tuple(ActorSpan(start=a.start - i, end=a.end - i, actor=a.actor, country=a.country, via=a.via,
                             proclitic=a.proclitic, role_en=a.role_en, role_ar=a.role_ar)
                   for a in p.actors if lo <= a.start and a.end <= j)
    places = tuple(PlaceSpan(start=x.start - i, end=x.end - i, place=x.place, base=x.base)
                   for x in p.places if i <= x.start and x.end <= j)
    return Parsed(sentence=p.sentence, words=p.words[i:j], norms=p.norms[i:j], actors=actors, places=places,
                  nationalities=tuple((a - i, b - i, c) for a, b, c in p.nationalities if i <= a and b <= j),
                  offsets=p.offsets[i:j])


# ---- one record per speaker ----------------------------------------------------------


def group_statements(said: Sequence[Said]) -> list[tuple[ActorRef, tuple[str, ...], list[Parsed]]]:
    """One (speaker, acts, sentences) per speaker, in order of first statement.

    Countries are kept only in an article where no person, group or institution speaks, and
    only for acts in INSTITUTION_ACTS: there they are the whole news.
    """
    people = [s for s in said if s.speaker.kind in (*SPEAKER_KINDS, "institution")]
    kept = people or [replace(s, acts=tuple(a for a in s.acts if a in INSTITUTION_ACTS)) for s in said
                      if s.speaker.kind == "country"]
    by_key: dict[str, tuple[ActorRef, dict[str, None], dict[int, Parsed]]] = {}
    for s in kept:
        if not s.acts:
            continue
        key = s.speaker.id or normalize(s.speaker.name_ar)
        ref, acts, sents = by_key.setdefault(key, (s.speaker, {}, {}))
        for act in s.acts:
            acts.setdefault(act, None)
        sents.setdefault(s.parsed.sentence.index, s.parsed)
    out = []
    for ref, acts, sents in by_key.values():
        ordered = tuple(a for a in acts if a in SPEECH_ACTS)
        out.append((ref, ordered, list(sents.values())))
    return out


def evidence(key: str, parsed: Sequence[Parsed]) -> Evidence:
    """The sentences a record rests on."""
    return Evidence(article=key, sentences=tuple(p.sentence.index for p in parsed),
                    quotes=tuple(p.sentence.text for p in parsed))
