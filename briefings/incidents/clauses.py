"""Clauses: a sentence cut at commas and at connectives that relate one event to another.

A chunk with no event word of its own joins the clause before it; a time or a source set off
by commas ("، مساء الثلاثاء،") does not cut at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from briefings.incidents.sentence import SOFT, Annotated
from briefings.lexicon import Lexicon, Trigger
from briefings.normalize import QUOTE_MARKS, core

_LEAD_WORDS = 10  # "وفي الإسحاقي (100 كم شمال بغداد)،": a fronted place and its gloss
_ASIDE_CHUNK = 5  # "في وقت متزامن", "مساء يوم الثلاثاء الماضي": time asides news sets off by commas


@dataclass(slots=True)
class Clause:
    """Words [start, end) that report one event, and its event words."""

    start: int
    end: int
    triggers: list[tuple[int, int, Trigger]]
    hard_after: bool = False
    spans: list[tuple[int, int]] = field(default_factory=list)  # trigger chunks: where places and dates count
    means: list[tuple[int, int]] = field(default_factory=list)  # chunks that add means and toll, not places
    rest: list[tuple[int, int]] = field(default_factory=list)  # chunks without an event word that run on


def cut(p: Annotated, lex: Lexicon) -> list[Clause]:
    """Cut at commas and temporal connectives; join chunks without an event word to the one before."""
    hits = [(h.start, h.end, h.values[0]) for h in lex.triggers.scan(p.norms)]
    if not hits:
        return []  # most sentences report no event: skip the rest
    cancel = {i for h in lex.cancel.scan(p.norms) for i in range(h.start, h.end)}
    hits = [h for h in hits if not any(i in cancel for i in range(h[0], h[1])) and not _titled_work(p.norms, h[0], lex)]
    bounds: list[tuple[int, bool]] = [(0, False)]
    placed = {x.start for x in p.places}
    since_place = False  # a place named since the last cut: a new verb after it may start a new report
    for i, w in enumerate(p.norms):
        if w in SOFT:
            bounds.append((i + 1, False))
            since_place = False
        elif (relates(p.norms, i, lex) or w in lex.whiles) and i > 0 \
                and f"{p.norms[i - 1]} {w}" not in lex.incident.distance:
            bounds.append((i, True))
            since_place = False
        elif since_place and w[:1] == "و" and lex.verbs.contains((w,)):
            bounds.append((i, False))  # "قتل جنديان … في الموصل وأصيب ثلاثة … في كركوك": two reports
            since_place = False
        since_place = since_place or i in placed
    bounds.append((len(p.norms), False))
    bounds = _without_asides(p.norms, bounds, lex)
    clauses: list[Clause] = []
    lead: tuple[int, int] | None = None  # "وفي تكريت، …": a fronted place for the clause that follows
    before: tuple[int, int] | None = None  # the chunk just before, when it has no event word
    waiting: tuple[int, int] | None = None  # "تعرضت مواقع في القائم، فضلا عن …، إلى قصف": the verb, from its chunk on
    for (a, _), (b, hard) in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        own = [h for h in hits if a <= h[0] < b]
        if own and lead is None and before is not None and _undergoes(p.norms, a, lex):
            lead = before  # "المنطقة الخضراء، التي تضم السفارات، تعرضت لهجوم": the subject stood before
        if own and lead is None and waiting is not None and _what_was_undergone(p.norms, a, own[0][0]):
            lead = waiting
        waiting = None if own else waiting or _undergo_verb(p.norms, a, b, lex)
        # "المنطقة الخضراء، التي تضم السفارات،": a relative clause belongs to the chunk before it
        before = None if own else (before[0], b) if before and p.norms[a] in lex.relative_pronouns else (a, b)
        casualty_only = own and all(t.casualty for _, _, t in own)
        # "الهجوم الانتحاري، الذي استهدف السفارة": a relative clause goes on telling the event before it
        relative = a > 0 and p.norms[a] in lex.relative_pronouns and bool(clauses) and clauses[-1].end == a
        part = p.norms[a] in lex.incident.parts or relative or _cause_of_toll(p.norms, a, own, clauses, lex)
        if own and not ((casualty_only or part) and clauses):
            clauses.append(Clause(a, b, own, hard, [(a, b)] if lead is None else [lead, (a, b)]))
            lead = None
            continue
        lead = (a, b) if not own and p.norms[a] in lex.incident.fronted and b - a <= _LEAD_WORDS else None
        if clauses:
            last = clauses[-1]
            last.end, last.hard_after = b, hard
            last.triggers += own
            if own:  # "حيث سقط 14 صاروخا دون إصابات": the means and toll of the same event
                last.spans.append((a, b)) if part and not casualty_only else last.means.append((a, b))
            elif not _another_matter(p, a, b, lex):
                last.rest.append((a, b))
    return clauses


def relates(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    """Whether word i is a connective relating two events: "بعد ساعات من هجوم" is one, "قبل ساعات" only says when."""
    if norms[i] not in lex.relatives:
        return False
    k = i + 1
    if k < len(norms) and norms[k].isdigit():
        k += 1
    if k >= len(norms) or core(norms[k]) not in lex.incident.durations:
        return True
    return k + 1 < len(norms) and norms[k + 1] in lex.incident.duration_links


def _undergoes(norms: Sequence[str], a: int, lex: Lexicon) -> bool:
    """"، تعرضت لهجوم": a chunk opening with "underwent" and what it underwent, its subject left before it."""
    word = norms[a]
    verb = word in lex.undergo or word[:1] in ("و", "ف") and word[1:] in lex.undergo
    return verb and a + 1 < len(norms) and norms[a + 1][:1] == "ل" and not norms[a + 1].startswith("ال")


def _undergo_verb(norms: Sequence[str], a: int, b: int, lex: Lexicon) -> tuple[int, int] | None:
    """The words from an "underwent" verb to the chunk's end, when what was undergone is left for a later chunk."""
    for k in range(a, b):
        word = norms[k]
        if word in lex.undergo or word[:1] in ("و", "ف") and word[1:] in lex.undergo:
            return (k, b)
    return None


def _what_was_undergone(norms: Sequence[str], a: int, trigger: int) -> bool:
    """"، إلى قصف", "، لهجوم صاروخي": a chunk opening with the complement of "تعرض"."""
    word = norms[a]
    return word == "الي" and trigger == a + 1 or trigger == a and word[:1] == "ل" and not word.startswith("ال")


def _titled_work(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    """"فيلم «اغتيال جيسي جيمس»": the event word opens the title of a film, a book or a song."""
    k = i - 1
    while k >= 0 and norms[k] in QUOTE_MARKS:
        k -= 1
    return k >= 0 and k < i - 1 and norms[k] in lex.incident.works


def _another_matter(p: Annotated, a: int, b: int, lex: Lexicon) -> bool:
    """"، بعد يومين من …", "، وقال مسؤول في …": a chunk that relates another event or reports speech."""
    return p.norms[a] in lex.relatives or p.norms[a] in lex.whiles or lex.speech.contains(p.norms[a:b])


def _without_asides(norms: Sequence[str], bounds: list[tuple[int, bool]], lex: Lexicon) -> list[tuple[int, bool]]:
    """"تعرض مطار أربيل، مساء الثلاثاء، لهجوم": a time or source set off by commas does not cut the clause."""
    drop: set[int] = set()
    for (a, _), (b, hard) in zip(bounds, bounds[1:], strict=False):
        if hard or b - a < 2 or norms[b - 1] not in SOFT or b >= len(norms):
            continue
        if _aside(norms[a:b - 1], lex):
            drop.add(b)
            if a > 0 and norms[a - 1] in SOFT:
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
                   clauses: Sequence[Clause], lex: Lexicon) -> bool:
    """"قتل ثلاثة جنود …، فجر اليوم، بهجوم …": the attack that caused the toll just reported;
    "وهزت انفجارات العاصمة، مساء الجمعة، جراء غارات": the strikes that caused the blasts heard."""
    if not clauses or not own or not all(t.casualty or core(norms[s]) in lex.incident.effects
                                         for s, _, t in clauses[-1].triggers):
        return False
    first = own[0][0]
    word = norms[first]
    return first - a <= 1 and (word[:1] == "ب" and word != core(word[1:]) or norms[first - 1] in lex.incident.causes)
