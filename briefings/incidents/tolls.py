"""Tolls: how many were killed and wounded, from the count each casualty word governs."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.incidents.clauses import Clause
from briefings.incidents.sentence import DASHES, SOFT, Annotated, end_offset, is_year
from briefings.lexicon import Lexicon
from briefings.normalize import QUOTE_MARKS, clitic_cores, core

_COUNT_AFTER = 4  # "مقتل ثلاثة جنود", "قتل فيها ثلاثة": the count a casualty word governs stands within a few words
_SUBJECT_WORDS = 4  # "قوات الأمن العراقية الخاصة": forces and their qualifiers before the count they killed
_QUALIFIER_WORDS = 3  # "على الأقل", "في أقل تقدير": the longest qualifier of a count
_COUNT_BEFORE = 3  # "ثلاثة عراقيين قتلوا": a count stands at most a noun and an adjective before
_NEGATION_WORDS = 5  # "دون أن يسفر الهجوم عن إصابات": a negation stands a few words before the casualty word
_NAMED_AFTER = 3  # "مقتل القيادي البارز X": a named victim follows the casualty word and a title or two


def casualties(p: Annotated, c: Clause, lex: Lexicon) -> tuple[int | None, int | None]:
    """(killed, injured) in the clause; a negated toll ("دون إصابات") is zero.

    A chunk after a comma that opens with a negation ("…، دون أن يسفر الهجوم عن ضحايا") tells the
    toll of the clause before it.
    """
    killed, injured = _toll(p, c.start, c.end, lex)
    if killed is None and injured is None:
        tail = _negated_tail(p, c.end, lex)
        if tail is not None:
            return _toll(p, *tail, lex)
    return killed, injured


def _negated_tail(p: Annotated, end: int, lex: Lexicon) -> tuple[int, int] | None:
    """The chunk after the comma at `end` when it opens with a negation."""
    norms = p.norms
    start = end + 1 if end < len(norms) and norms[end] in SOFT else end
    if start >= len(norms) or norms[start] not in lex.incident.negations:
        return None
    stop = next((k for k in range(start, len(norms)) if norms[k] in SOFT), len(norms))
    return start, stop


def _toll(p: Annotated, start: int, end: int, lex: Lexicon) -> tuple[int | None, int | None]:
    words = lex.incident
    killed = injured = None
    norms = p.norms
    negated_at = -2  # the last casualty word a negation governs: "لم تسفر عن قتلى أو جرحى" negates both
    for i in range(start, end):
        forms = clitic_cores(norms[i])
        w = forms[-1] if forms else norms[i]
        kind = "k" if not words.killed.isdisjoint(forms) else "i" if not words.injured.isdisjoint(forms) else ""
        if not kind and w not in words.casualties:
            continue
        before = [n for n in norms[start:i] if n not in QUOTE_MARKS][-_NEGATION_WORDS:]
        if any(n in words.negations for n in before) or negated_at == i - 2 \
                and norms[i - 1] in words.alternatives:
            negated_at = i
            if w in words.casualties or kind == "i":  # "دون إصابات": nobody killed or wounded
                killed, injured = (killed if killed is not None else 0), (injured if injured is not None else 0)
            elif killed is None:  # "لم تسفر عن سقوط قتلى": nobody killed; the wounded are another matter
                killed = 0
            continue
        if not kind:
            continue
        count = count_after(p, i, end, lex)
        if kind == "k" and killed is None:
            killed = count
        elif kind == "i" and injured is None:
            injured = count
    if killed is None and injured is None and lex.unharmed.contains(norms[start:end]):
        return 0, 0  # "أن طاقم السفينة بخير"
    return killed, injured


def count_after(p: Annotated, i: int, end: int, lex: Lexicon) -> int | None:
    """The count the casualty word at `i` governs before `end`: a number, a dual, a singular victim, named victims."""
    lo, hi = p.offsets[i], end_offset(p, min(i + _COUNT_AFTER + _subject_words(p, i, lex), len(p.offsets)))
    if i and p.norms[i].endswith(lex.incident.plural_endings):  # "إلى خمسة قتلى بعد وفاة جريح": the count just before
        close = [n for n in p.numbers if p.offsets[i - 1] <= n.start < lo and not n.vague and not is_year(n)]
        if close:
            return close[-1].value
    for n in p.numbers:
        if lo <= n.start < hi and not n.vague and not is_year(n):
            return n.value
    before = _count_before(p, i, lex)
    if before is not None:
        return before
    if i + 1 < len(p.norms):
        nxt = p.norms[i + 1]
        nouns = lex.incident.victim_nouns
        if nxt in nouns or core(nxt) in nouns and not nxt.startswith("ال"):
            return 1 + _companions(p.norms, i + 2, lex)  # "مقتل سيدة وابنتها"
    return _named_victims(p, i, end, lex)


def _named_victims(p: Annotated, i: int, end: int, lex: Lexicon) -> int | None:
    """"اغتيال القاضي X ونجله", "مقتل X وY": persons named after the casualty word, joined by و, and their companions.

    A title or an aside between dashes ("X -مدير الناحية- وسائقه") may stand between a name and what is joined to it.
    """
    persons = {a.start: a for a in p.actors if a.actor.kind == "person" and i < a.start < end}
    first = min(persons, default=None)
    if first is None or first > i + _NAMED_AFTER:
        return None
    names, companions, j = {persons[first].actor.name_ar}, 0, persons[first].end
    while j < end:
        j = _past_dashes(p.norms, j, end)
        if j < end and j in persons and p.norms[j].startswith("و"):
            names.add(persons[j].actor.name_ar)
            j = persons[j].end
        elif j < end and p.norms[j] in lex.incident.companions:
            companions, j = companions + 1, j + 1
        else:
            break
    return len(names) + companions


def _companions(norms: Sequence[str], j: int, lex: Lexicon) -> int:
    """How many companions ("ومرافقه", "وابنتها") follow one after another from `j`."""
    k = j
    while k < len(norms) and norms[k] in lex.incident.companions:
        k += 1
    return k - j


def _past_dashes(norms: Sequence[str], j: int, end: int) -> int:
    """The word after an aside set off by dashes that opens at `j`, else `j`."""
    if j >= end or norms[j] not in DASHES and not (norms[j][:1] in DASHES and len(norms[j]) > 1):
        return j
    close = next((k for k in range(j + 1, end) if norms[k] in DASHES or norms[k][-1:] in DASHES), None)
    return close + 1 if close is not None else j


def _subject_words(p: Annotated, i: int, lex: Lexicon) -> int:
    """"قتلت قوات الأمن الخاصة ستة مسلحين": the words of a doer between a killing verb and its count.

    The doer is a named actor, or forces ("قوات", "الجيش") with their definite qualifiers.
    """
    doer = next((a for a in p.actors if a.start == i + 1), None)
    if doer is not None:
        return doer.end - i - 1
    j = i + 1
    if j >= len(p.norms) or core(p.norms[j]) not in lex.incident.force_cores:
        return 0
    j += 1
    while j < len(p.norms) and j - i <= _SUBJECT_WORDS and p.norms[j].startswith("ال"):
        j += 1
    return j - i - 1


def _count_before(p: Annotated, i: int, lex: Lexicon) -> int | None:
    """"سبعة قتلى", "ثلاثة عراقيين قتلوا": a plural casualty word after its count.

    A qualifier of the count ("ستة أشخاص على الأقل قتلوا") stands between them without using up the reach.
    """
    if not p.norms[i].endswith(lex.incident.plural_endings):
        return None
    qualifier = next((h for h in lex.toll_qualifiers.scan(p.norms[max(0, i - _QUALIFIER_WORDS):i])
                      if h.end == min(i, _QUALIFIER_WORDS)), None)
    skipped = qualifier.end - qualifier.start if qualifier is not None else 0
    lo = p.offsets[max(0, i - _COUNT_BEFORE - skipped)]
    hits = [n for n in p.numbers if lo <= n.start < p.offsets[i] and not n.vague and not is_year(n)]
    return hits[-1].value if hits else None


def numbered(p: Annotated, c: Clause) -> bool:
    """Whether the clause gives a count in figures or number words ("مقتل 3"), not only a named victim."""
    lo, hi = p.offsets[c.start], end_offset(p, c.end)
    return any(lo <= n.start < hi and not n.vague for n in p.numbers)
