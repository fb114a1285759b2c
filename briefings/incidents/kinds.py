"""Kinds: the incident type a clause reports, from its means ("بطائرة مسيرة") or its event word."""

from __future__ import annotations

from collections.abc import Sequence

from briefings.incidents.clauses import Clause
from briefings.incidents.sentence import Annotated
from briefings.lexicon import Lexicon
from briefings.normalize import clitic_cores

_STATE_ATTACK = frozenset({"attack", "shelling", "drone_attack"})  # types a state's strike word makes an airstrike
# types the event word decides when the only means named are gunmen: "اختطف مسلحون", "أغارت الطائرات على المسلحين"
_ACTS = frozenset({"abduction", "armed_clash", "airstrike"})


def incident_type(p: Annotated, c: Clause, lex: Lexicon, state: bool) -> str:
    """The most specific type the clause's means or event words give; a state's strikes are from the air."""
    words = p.norms[c.start:c.end]
    named = {i for a in p.actors for i in range(a.start, a.end)} | {i for x in p.places for i in range(x.start, x.end)}
    # the chunks that run on name the means when the event's own do not ("باستهداف قاعدة، …، بطائرة مسيرة")
    means = _means(p, (*c.spans, *c.means), named, lex) or _means(p, c.rest, named, lex)
    specific = [t.type for _, _, t in c.triggers if t.type != "attack"]
    acts = [t for t in specific if t in _ACTS]
    if acts and all(m == "armed_attack" for m in means):
        return acts[0]  # "اختطف مسلحون": gunmen say who, the verb says what they did
    kind = min(means, key=lambda t: lex.means_rank.get(t, 99)) if means else specific[0] if specific else "attack"
    artillery = "shelling" in means  # "المدفعية التركية": a state's guns, not its aircraft
    state_means = not artillery and (kind in _STATE_ATTACK or kind == "rocket_attack" and not _has(words, "صاروخ"))
    if state and state_means and any(f in lex.incident.state_strikes for w in words for f in clitic_cores(w)):
        return "airstrike"
    return kind


def _means(p: Annotated, spans: Sequence[tuple[int, int]], named: set[int], lex: Lexicon) -> list[str]:
    return [v for a, b in spans for h in lex.means.scan(p.norms[a:b]) if a + h.start not in named for v in h.values]


def _has(words: Sequence[str], stem: str) -> bool:
    return any(stem in w for w in words)
