"""The annotated sentence every incident stage reads: words, names, dates and numbers, computed once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from briefings.dates import DateMatch, find_dates
from briefings.lexicon import Lexicon
from briefings.mentions import ActorSpan, Parsed, PlaceSpan
from briefings.model import ActorRef, Sentence
from briefings.normalize import clitic_cores, core
from briefings.numbers import NumberMatch, find_numbers

SOFT = frozenset({"،", ",", "؛", ";"})  # commas and semicolons: where a clause may end
DASHES = frozenset({"-", "–", "—"})
# Words before an event where its date or a frame may stand ("وفي الأول من أيار، أعلنت الحركة … مقتل")
BEFORE_WORDS = 24
_FIRST_YEAR, _LAST_YEAR = 1900, 2099  # counts of exactly these sizes are far rarer than years


@dataclass(frozen=True, slots=True, kw_only=True)
class Annotated:
    """A parsed sentence with its dates and numbers, and the groups the article named before it."""

    parsed: Parsed
    dates: tuple[DateMatch, ...]
    numbers: tuple[NumberMatch, ...]
    published: date | None
    earlier_groups: tuple[ActorRef, ...]  # for "عناصر التنظيم" pointing back to a group named before

    @property
    def sentence(self) -> Sentence:
        return self.parsed.sentence

    @property
    def words(self) -> tuple[str, ...]:
        return self.parsed.words

    @property
    def norms(self) -> tuple[str, ...]:
        return self.parsed.norms

    @property
    def offsets(self) -> tuple[int, ...]:
        return self.parsed.offsets

    @property
    def actors(self) -> tuple[ActorSpan, ...]:
        return self.parsed.actors

    @property
    def places(self) -> tuple[PlaceSpan, ...]:
        return self.parsed.places

    @property
    def nationalities(self) -> tuple[tuple[int, int, str], ...]:
        return self.parsed.nationalities

    @property
    def has_day(self) -> bool:
        """Whether the sentence dates something to a day or a month."""
        return any(d.precision in ("day", "month") for d in self.dates)


def annotate(p: Parsed, *, published: date | None, earlier_groups: Sequence[ActorRef],
             since: frozenset[str] = frozenset()) -> Annotated:
    """The sentence with its dates and numbers; a date after "منذ" starts a period and dates no event."""
    found = find_dates(p.sentence.text, published)
    starts = {o: i for i, o in enumerate(p.offsets)}
    dates = tuple(d for d in found if not (starts.get(d.start, 0) > 0 and p.norms[starts[d.start] - 1] in since))
    return Annotated(parsed=p, dates=dates,
                     numbers=tuple(find_numbers(p.sentence.text, duals=True)), published=published,
                     earlier_groups=tuple(earlier_groups))


def end_offset(p: Annotated, end: int) -> int:
    """The character offset where word `end` begins, or the sentence's end."""
    return p.offsets[end] if end < len(p.offsets) else len(p.sentence.text)


def words_at(p: Annotated, start: int, end: int) -> range:
    """The words a character span [start, end) covers."""
    first = next((i for i, o in enumerate(p.offsets) if o >= start), len(p.offsets))
    last = next((i for i, o in enumerate(p.offsets) if o >= end), len(p.offsets))
    return range(first, max(last, first + 1))


def in_spans(items: Sequence[PlaceSpan | ActorSpan], spans: Sequence[tuple[int, int]]) -> list:  # type: ignore[type-arg]
    """The names that begin inside any of the word spans."""
    return [x for x in items if any(a <= x.start < b for a, b in spans)]


def is_year(n: NumberMatch) -> bool:
    """"(1992)", "عام 2005": a year, not a count of victims."""
    return _FIRST_YEAR <= n.value <= _LAST_YEAR


def is_agent_verb(word: str, lex: Lexicon) -> bool:
    """An attack verb, with و/ف allowed but no preposition attached ("بقصف" is a noun)."""
    verbs = lex.incident.agent_verbs
    return word in verbs or word[:1] in ("و", "ف") and word[1:] in verbs


def origin(norms: Sequence[str], i: int, lex: Lexicon) -> bool:
    """"لإيران", "من إيران": a name given as an origin or beneficiary, not where it happened nor who.

    "الى الشمال من الرمادي", "على بعد 20 كلم من الموصل": من after a distance or a direction locates.
    """
    w = norms[i]
    if w.startswith("ل") and not w.startswith("ال") and len(clitic_cores(w)) > 1:
        return True
    if i > 1 and core(norms[i - 1]) in lex.place_cues:  # "أطلقت من مدينة هيت": the class noun before the name
        i -= 1
    if i > 1 and norms[i - 1] == "من" and norms[i - 2] in lex.incident.vicinity:
        return False
    return i > 0 and norms[i - 1] in lex.incident.origins
