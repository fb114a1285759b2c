"""Time: the day or month of the event a clause reports, from its own words or the words before it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from briefings.dates import DateMatch, find_dates
from briefings.incidents.clauses import Clause, relates
from briefings.incidents.sentence import BEFORE_WORDS, Annotated, end_offset
from briefings.lexicon import Lexicon

_SPEAKER_WORDS = 4  # "قالت صحيفة محلية الأحد": the speaker's name, then the day it spoke


def event_date(p: Annotated, c: Clause, after: int, lex: Lexicon) -> str | None:
    """A date in the event's words, else one in the words since the previous event ("وفي الأول من أيار، أعلنت …")."""
    usable = [d for d in p.dates if d.precision in ("day", "month")]
    spoken = _speech_day(p, usable, lex) if len(usable) > 1 else None
    if spoken is not None:
        usable.remove(spoken)
    lo, hi = p.offsets[c.start], end_offset(p, c.end)
    inside = [d for d in usable if lo <= d.start < hi]
    first = p.norms[c.start]
    meanwhile = first in lex.whiles
    if not inside and not (relates(p.norms, c.start, lex) or meanwhile) or meanwhile:
        # "قصفت المدفعية … مساء السبت، فيما قصف الطيران …": what happens meanwhile shares the day
        since = max(after if not meanwhile else 0, c.start - BEFORE_WORDS)
        inside = inside or ([d for d in usable if p.offsets[since] <= d.start < lo] if since < len(p.offsets) else [])
    if not inside:
        return None
    best = max(inside, key=lambda d: d.precision == "day")
    if spoken is not None and best.relative and best.start > spoken.start:
        return _said_on(p.sentence.text, best, spoken)
    return best.value


def week(p: Annotated, c: Clause) -> str | None:
    """The Monday of a week the clause names ("الأسبوع الماضي")."""
    lo, hi = p.offsets[c.start], end_offset(p, c.end)
    return next((d.value for d in p.dates if d.precision == "week" and lo <= d.start < hi), None)


def into_week(day: str, week: str) -> str:
    """"هجوم الأسبوع الماضي" told elsewhere as "الاثنين": the Monday of that week, not of this one."""
    when, monday = date.fromisoformat(day), date.fromisoformat(week)
    while when > monday + timedelta(days=6):
        when -= timedelta(days=7)
    return when.isoformat()


def _speech_day(p: Annotated, dates: Sequence[DateMatch], lex: Lexicon) -> DateMatch | None:
    """"قال المتحدث الأحد إن هجوم الاثنين …": a day right after a speech verb and its speaker dates the saying."""
    days = [d for d in dates if d.precision == "day"]
    for h in lex.speech.scan(p.norms):
        lo = p.offsets[h.end]  if h.end < len(p.offsets) else len(p.sentence.text)
        hi = end_offset(p, min(h.end + _SPEAKER_WORDS, len(p.offsets)))
        said = next((d for d in days if lo <= d.start < hi), None)
        if said is not None and any(d.start > said.start for d in days):
            return said
    return None


def _said_on(text: str, event: DateMatch, spoken: DateMatch) -> str:
    """A weekday in reported words counts back from the day it was said, not from publication."""
    anchor = date.fromisoformat(spoken.value)
    again = next((d for d in find_dates(text, anchor) if d.start == event.start), None)
    return again.value if again is not None and again.value <= spoken.value else event.value
