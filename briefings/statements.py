"""Statements: who said what, with speech acts from the verb lexicon and speakers from mentions.

A speech verb's speaker is, in order: the actor right after it (Arabic's verb-subject
order, titles and adverbs allowed between), the actor right before it (subject-verb),
or, when the verb has no nominal subject of its own ("وأضاف أن", "داعيا", "لكنه شدد"),
the last speaker. One record per speaker per article.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefings.lexicon import Lexicon, Verb
from briefings.mentions import ActorSpan, Parsed
from briefings.model import SPEECH_ACTS, ActorRef, Evidence
from briefings.normalize import clitic_cores, normalize

SPEAKER_KINDS = ("person", "group")  # institutions speak through people; their lines are not "who said"
_AFTER_WINDOW = 9  # words between a verb and its subject: titles, "باسم X", adverbs, a date
_BEFORE_WINDOW = 4
_NEEDS_WINDOW = 16  # "أعربت إحدى فصائل الحشد الشعبي، كتائب حزب الله، الأحد، عن دعمها"
_CHAIN_SENTENCES = 3  # how far back "وأضاف" may reach for its speaker
_PREPOSITIONS = frozenset(normalize(w) for w in ("مع", "على", "عن", "من", "إلى", "الى", "في", "لدى", "بين", "ضد",
                                                 "عند", "حول", "تجاه", "بشأن"))
# What may follow a verb that has no nominal subject: a complementizer, a preposition, a quote.
_SUBJECTLESS = frozenset(normalize(w) for w in ("إن", "أن", "بأن", "إلى", "الى", "على", "من", "عن", "في", "خلال",
                                                "أيضا", "مرارا", "اليوم", "امس", "ان", ":", "«", "“", '"', "،", ",",
                                                "-", "—", "ل", "بان", "انه", "انها", "انهم", "انه"))
_NEGATIONS = frozenset(normalize(w) for w in ("لم", "ولم", "لن", "ولن", "ما", "لا", "ولا"))
_CLAIM_WINDOW = 8
_QUOTES = frozenset(("«", "“", '"', "”", "»"))
_ONE_OF = frozenset(normalize(w) for w in ("فصائل", "فصيل", "أحد", "إحدى", "أبرز", "جماعات", "حركات"))
_PRONOUN_SUBJECTS = ("انه", "انها", "انهم", "لكنه", "لكنها", "لكنهم", "هو", "هي", "كما", "ولكنه", "فيما")


@dataclass(frozen=True, slots=True, kw_only=True)
class Said:
    """One speech verb with its resolved speaker, in one sentence."""

    speaker: ActorRef
    acts: tuple[str, ...]
    parsed: Parsed
    verb_at: int


def find_said(parsed: Sequence[Parsed], lex: Lexicon) -> list[Said]:
    """Every speech verb in the article whose speaker could be resolved."""
    out: list[Said] = []
    for p in parsed:
        for hit in lex.speech.scan(p.norms):
            if _definite(p.norms[hit.start]) and not hit.values[0].noun:
                continue  # "الدعم", "البيان": a noun, not the verb it is spelled like
            if hit.start and p.norms[hit.start - 1] in _PREPOSITIONS and not hit.values[0].noun:
                continue  # "على دعم": a verbal noun after a preposition, not a verb
            if hit.start and p.norms[hit.start - 1] in _NEGATIONS:
                continue  # "ولم يعلق": what was not said
            if lex.claim.contains(p.norms[hit.start:hit.end + _CLAIM_WINDOW]):
                continue  # a claim of responsibility belongs to its incident, not to "who said what"
            acts = _acts(hit.values, p.norms, hit.end)
            if not acts:
                continue
            speaker = _speaker(p, hit.start, hit.end, out, hit.values[0].participle)
            if speaker is not None:
                out.append(Said(speaker=speaker, acts=acts, parsed=p, verb_at=hit.start))
    return out


def _definite(word: str) -> bool:
    return word.startswith(("ال", "وال", "فال", "بال", "كال", "لل"))


def _acts(readings: Sequence[Verb], norms: Sequence[str], end: int) -> tuple[str, ...]:
    window = {c for w in norms[end:end + _NEEDS_WINDOW] for c in clitic_cores(w)}
    fits = [v for v in readings if not v.needs or v.needs & window]
    if any(v.exclusive and v.needs for v in fits):
        fits = [v for v in fits if v.exclusive]
    return tuple(dict.fromkeys(v.act for v in fits))


def _speaker(p: Parsed, start: int, end: int, earlier: Sequence[Said], participle: bool) -> ActorRef | None:
    after = _actor_after(p, end)
    if after is not None and not participle:
        return after
    if participle:
        same = [s for s in earlier if s.parsed is p and s.verb_at < start]
        if same:
            return same[-1].speaker
    before = _actor_before(p, start)
    if before is not None:
        return before
    speaking = [s for s in earlier if s.speaker.kind in SPEAKER_KINDS]
    if _subjectless(p.norms, start, end) and speaking:
        last = speaking[-1]
        if p.sentence.index - last.parsed.sentence.index <= _CHAIN_SENTENCES:
            return last.speaker
    return None


def _actor_after(p: Parsed, end: int) -> ActorRef | None:
    """The subject after the verb: a person or group first, else the first actor in reach."""
    candidates: list[ActorSpan] = []
    for a in p.actors:
        if a.start < end or a.start - end > _AFTER_WINDOW:
            continue
        if _blocked(p.norms, end, a.start) or _object(p.norms, a):
            break
        if a.start and p.norms[a.start - 1] in _ONE_OF:
            continue  # "إحدى فصائل الحشد الشعبي، كتائب حزب الله": the apposition names the speaker
        candidates.append(a)
    speaking = [a for a in candidates if a.actor.kind in SPEAKER_KINDS]
    chosen = speaking[0] if speaking else candidates[0] if candidates else None
    return chosen.actor if chosen else None


def _actor_before(p: Parsed, start: int) -> ActorRef | None:
    for a in reversed(p.actors):
        if a.end > start:
            continue
        if start - a.end > _BEFORE_WINDOW or _blocked(p.norms, a.end, start) or _object(p.norms, a):
            return None
        return a.actor
    return None


def _blocked(norms: Sequence[str], i: int, j: int) -> bool:
    """A clause boundary between a verb and a candidate subject (a quote mark just before a name is not)."""
    stop = j - 1 if j - 1 >= i and norms[j - 1] in _QUOTES else j
    return any(w in ("ان", "إن", ":", "بان", "انه") or w in _QUOTES for w in norms[i:stop])


def _object(norms: Sequence[str], a: ActorSpan) -> bool:
    """An actor after a preposition, or with one attached ("بالمالكي"), is not a subject."""
    return a.proclitic or a.start > 0 and norms[a.start - 1] in _PREPOSITIONS


def _subjectless(norms: Sequence[str], start: int, end: int) -> bool:
    if start > 0 and norms[start - 1] in _PRONOUN_SUBJECTS:
        return True
    return end >= len(norms) or norms[end] in _SUBJECTLESS or norms[end].startswith(("ان", "بان"))


def group_statements(said: Sequence[Said]) -> list[tuple[ActorRef, tuple[str, ...], list[Parsed]]]:
    """One (speaker, acts, sentences) per speaker, in order of first statement."""
    by_key: dict[str, tuple[ActorRef, dict[str, None], dict[int, Parsed]]] = {}
    for s in said:
        if s.speaker.kind not in SPEAKER_KINDS:
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
