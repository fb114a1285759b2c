"""Dates in Arabic news, resolved against the publication day.

Hand-written grammar: dateparser does not read what Arabic news prints — the Levantine
and Egyptian month names written together ("7 يوليو/تموز", "حزيران (يونيو)"), ordinal
day words ("الخامس والعشرين من ديسمبر"), or a weekday resolved against the day the
article appeared. Nothing here reads the clock: relative expressions need `published`
and yield nothing without it. A date is never given a day the text does not state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import NamedTuple

from briefings.numbers import Folded, fold, original_span, trie_pattern


@dataclass(frozen=True, slots=True, kw_only=True)
class DateMatch:
    """A date read from a text: its span, resolved value and how precise it is."""

    start: int
    end: int
    value: str  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    precision: str  # "day" | "month" | "year" | "week" (a week's value is its Monday)
    relative: bool  # resolved against the publication day


# A day and month without a year is the latest such day not after publication, but a
# report may name a day a little ahead (a meeting later in the same week).
FUTURE_TOLERANCE_DAYS = 7
_YEARS = range(1900, 2101)  # Gregorian years news writes; keeps Hijri years (1445) out

# --- vocabulary, in folded spelling (أ إ آ -> ا, ى -> ي, ة -> ه) ----------------------

_MONTHS = {
    **{w: 1 for w in ("يناير", "جانفي", "كانون الثاني", "كانون ثاني")},
    **{w: 2 for w in ("فبراير", "فيفري", "شباط")},
    **{w: 3 for w in ("مارس", "اذار")},
    **{w: 4 for w in ("ابريل", "افريل", "نيسان")},
    **{w: 5 for w in ("مايو", "ايار")},
    **{w: 6 for w in ("يونيو", "يونيه", "جوان", "حزيران")},
    **{w: 7 for w in ("يوليو", "يوليه", "جويليه", "تموز")},
    **{w: 8 for w in ("اغسطس", "اوت", "اب")},
    **{w: 9 for w in ("سبتمبر", "ايلول")},
    **{w: 10 for w in ("اكتوبر", "تشرين الاول", "تشرين اول")},
    **{w: 11 for w in ("نوفمبر", "تشرين الثاني", "تشرين ثاني")},
    **{w: 12 for w in ("ديسمبر", "كانون الاول", "كانون اول")},
}
# Month names that are also common words: مارس "practised", اب "father" (آب folds to it).
_AMBIGUOUS_MONTHS = frozenset({"مارس", "اب"})
_MONTH_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "فب", "ول", "فل")
_MONTH_FORMS = {c + w: w for c in _MONTH_CLITICS for w in _MONTHS if not (c and w == "اب")}  # باب is a door

_UNIT_ORDINALS = ("الاول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")


def _ordinal_days() -> dict[str, int]:
    """Day ordinals as news writes them: الأول … العاشر، الحادي عشر، الخامس والعشرين، الثلاثين."""
    days = {w: i for i, w in enumerate(_UNIT_ORDINALS, 1)}
    days["العاشر"] = 10
    teen_units = ("الحادي", *_UNIT_ORDINALS[1:])
    days.update({f"{w} عشر": 10 + i for i, w in enumerate(teen_units, 1)})
    days.update({"العشرين": 20, "الثلاثين": 30})
    for tens, word in ((20, "العشرين"), (30, "الثلاثين")):
        for i, unit in enumerate(teen_units, 1):
            if tens + i <= 31:
                days[f"{unit} و{word}"] = tens + i
        days[f"الواحد و{word}"] = tens + 1
    return days


_ORDINALS = _ordinal_days()
_WEEKDAYS = {"الاثنين": 0, "الثلاثاء": 1, "الثلثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعه": 4, "السبت": 5}
_WEEKDAYS["الاحد"] = 6
_QUALIFIERS = {
    **dict.fromkeys(("الماضي", "الماضيه", "المنصرم", "المنصرمه", "الفائت", "الفائته", "السابق"), -1),
    **dict.fromkeys(("الجاري", "الجاريه", "الحالي", "الحاليه"), 0),
    **dict.fromkeys(("المقبل", "المقبله", "القادم", "القادمه"), 1),
}
_RELATIVE_DAYS = {"امس": -1, "البارحه": -1, "بالامس": -1, "اول امس": -2, "اول من امس": -2}
_RELATIVE_DAYS |= {"اليوم": 0, "الليله": 0, "الليله الماضيه": -1, "غدا": 1, "بعد غد": 2}
# Where in a month or year: the month is still all that is known.
_POSITIONS = ("منتصف", "اواخر", "نهايه", "مطلع", "اوائل", "بدايه", "اواسط", "اول", "اخر", "اوسط", "اخر ايام")
_TIMES_OF_DAY = ("صباح", "مساء", "فجر", "ظهر", "ظهيره", "عصر", "ليل", "ليله", "صبيحه", "عشيه")

_MONTH_RX = trie_pattern(_MONTH_FORMS)
_PLAIN_MONTH_RX = trie_pattern(_MONTHS)
_QUAL_RX = trie_pattern(_QUALIFIERS)
_POS_RX = "[وفبل]?" + trie_pattern(_POSITIONS)
_TOD_RX = "[وفبل]?" + trie_pattern(_TIMES_OF_DAY)

_CALENDAR = re.compile(
    rf"(?:(?<!\d)(?P<dd>\d{{1,2}})\s*(?:من\s+)?|(?<!\w)(?P<ord>{trie_pattern(_ORDINALS)})\s+(?:من\s+)?"
    rf"|(?<!\w)(?P<pos>{_POS_RX})\s+)?"
    rf"(?P<shahr>[وفبل]?شهر\s+)?(?<!\w)(?P<m1>{_MONTH_RX})(?!\w)"
    rf"(?:\s*[/(\-–]\s*(?P<m2>{_PLAIN_MONTH_RX})(?!\w)(?:\s*\))?)?"
    rf"(?:\s*[,،]?\s*(?:من\s+)?(?:[لب]?(?:ال)?(?:عام|سنه)\s*)?(?P<yyyy>\d{{4}})(?!\d)"
    rf"|\s+(?:من\s+)?(?:ال)?(?:عام|سنه)\s+(?P<ryear>{_QUAL_RX})(?!\w)"
    rf"|\s+(?P<rel>{_QUAL_RX})(?!\w))?"
)
_WEEKDAY = re.compile(
    rf"(?:(?<!\w)(?P<tod>{_TOD_RX})\s+)?(?:(?<!\w)(?P<yom>[وفبل]?(?:ال)?يوم)\s+)?(?:(?<!\w)(?P<ams>امس|البارحه)\s+)?"
    rf"(?<!\w)[وف]?(?P<wd>{trie_pattern(_WEEKDAYS)})(?!\w)(?:\s+(?P<q>{_QUAL_RX})(?!\w))?"
)
_RELATIVE = re.compile(
    rf"(?:(?<!\w)(?P<tod>{_TOD_RX})\s+)?(?:(?<!\w)[وف]?يوم\s+)?(?<!\w)[وف]?(?P<rd>{trie_pattern(_RELATIVE_DAYS)})(?!\w)"
)
_PERIOD = re.compile(
    rf"(?:(?<!\w)(?P<pos>{_POS_RX})\s+)?(?:(?<!\w)(?P<this>هذا|هذه)\s+)?"
    rf"(?<!\w)(?P<unit>[وفب]?(?:ال|لل)(?:اسبوع|شهر|عام|سنه))(?:\s+(?P<q>{_QUAL_RX}))?(?!\w)"
)
_YEAR = re.compile(
    rf"(?:(?<!\w)(?P<pos>{_POS_RX})\s+)?(?<!\w)(?P<kw>[وفبل]?(?:ال|لل)?(?:عام|سنه)|منذ)\s*(?P<y>\d{{4}})(?!\d)"
    r"(?!\s*(?:عام|سنه|سنوات|اعوام|يوم|ايام|شخص|جندي|ه(?!\w)))"  # منذ 2000 عام; 1445 هـ
)
_NUMERIC = re.compile(
    r"(?<!\d)(?:(?P<d>\d{1,2})(?P<s1>[/.\-])(?P<m>\d{1,2})(?P=s1)(?P<y>\d{4})"
    r"|(?P<y2>\d{4})(?P<s2>[/.\-])(?P<m2>\d{1,2})(?P=s2)(?P<d2>\d{1,2}))(?!\d)"
)
# Anchors: words without which a family of expressions cannot occur. Most sentences hold
# none, and the full expressions are only tried in a window around the ones they do hold.
_CAL, _WEEK, _REL, _PERIOD_F, _YEAR_F = 1, 2, 4, 8, 16
_ANCHORS = {
    **dict.fromkeys((w for w in _MONTHS if w != "اب"), _CAL),  # اب ends too many words: see آب below
    **dict.fromkeys(_WEEKDAYS, _WEEK),
    **dict.fromkeys(("امس", "البارحه", "اليوم", "الليله", "غدا", "غد"), _REL),
    "اسبوع": _PERIOD_F,
    "شهر": _PERIOD_F | _CAL,
    "عام": _PERIOD_F | _YEAR_F,
    "سنه": _PERIOD_F | _YEAR_F,
    "منذ": _YEAR_F,
}
_ANCHOR = re.compile(rf"(?:{trie_pattern(_ANCHORS)})(?![^\W\d_])")
_NUMERIC_HINT = re.compile(r"\d[/.\-]\d")
_BACK, _AHEAD = 45, 45  # characters an expression reaches before and after its anchor
# اليوم that is not today: اليوم التالي "the next day", اليوم العالمي "international day".
_NOT_TODAY_AFTER = re.compile(
    r"\s+(?:التالي|الاول|الثاني|الثالث|الرابع|الخامس|الاخير|السابق|العالمي|الوطني|نفسه|ذاته|الذي|الموعود)(?!\w)"
)
_THIS_BEFORE = re.compile(r"(?<!\w)(?:هذا|ذلك|ذاك|مثل)\s+\Z")
# Nouns that العام follows as "general/public": الأمين العام الحالي is no year.
_GENERAL_BEFORE = re.compile(
    r"(?<!\w)(?:ال|لل)(?:امين|مدعي|مدير|قائد|مفتش|مرشد|راي|قطاع|نظام|شان|مال|ادعاء|منسق|مراقب|حاكم|عفو|"
    r"اضراب|امن|مؤتمر|موتمر|سكرتير|اتحاد|وضع|اطار|توجه|موقف|نائب|مجلس|رقيب|ممثل)\s+\Z"
)
_PRAYER_BEFORE = re.compile(r"(?<!\w)[وفبل]?(?:صلاه|خطبه|خطيب|امام|صلوات)\s+\Z")  # صلاة الجمعة
_MONTH_CONTEXT_BEFORE = re.compile(r"(?<!\w)[وف]?(?:في|منذ|حتى|خلال|من|الي|قبل|بعد|طوال|طيله)\s+\Z")
_WINDOW = 20  # characters searched before a match for the words above
_SPACES = re.compile(r"\s+")


class _Found(NamedTuple):
    start: int
    end: int
    value: str
    precision: str
    relative: bool
    weekday: bool = False


def _key(text: str) -> str:
    return _SPACES.sub(" ", text)


def _before(rx: re.Pattern[str], norm: str, pos: int) -> bool:
    return rx.search(norm, max(0, pos - _WINDOW), pos) is not None


# --- resolution: pure date arithmetic --------------------------------------------------


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _month_near(month: int, published: date, qualifier: int | None) -> int:
    """The year of a month named without one: latest not after publication, or as qualified."""
    year = published.year
    if qualifier == 1:
        return year if month > published.month else year + 1
    if qualifier == -1:
        return year if month < published.month else year - 1
    if qualifier == 0:
        return year
    return year if month <= published.month else year - 1


def _day_near(month: int, day: int, published: date, qualifier: int | None) -> date | None:
    """A day and month without a year: the latest such day not after publication (with tolerance)."""
    years = range(published.year - 4, published.year + 5)  # four years apart at most: 29 February
    if qualifier == 1:
        return next((d for y in years if (d := _safe_date(y, month, day)) and d >= published), None)
    limit = published if qualifier == -1 else published + timedelta(days=FUTURE_TOLERANCE_DAYS)
    return next((d for y in reversed(years) if (d := _safe_date(y, month, day)) and d <= limit), None)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_near(anchor: date, weekday: int, qualifier: int | None) -> date:
    """A weekday: on or before the anchor; strictly before with الماضي; after with المقبل."""
    if qualifier == 1:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - weekday) % 7
    return anchor - timedelta(days=back or 7 if qualifier == -1 else back)


# --- readers: one per kind of expression ----------------------------------------------


def _month_has_context(m: re.Match[str], norm: str, original: str, orig_start: int) -> bool:
    """Whether an ambiguous month name (مارس، آب) is meant as a month here."""
    if m["dd"] or m["ord"] or m["m2"] or m["yyyy"] or m["ryear"] or m["rel"] or m["shahr"]:
        return True
    word = _MONTH_FORMS[_key(m["m1"])]
    if word == "اب":
        return original.startswith("آب", orig_start)
    return not m["m1"].startswith(("و", "ف")) and (
        m["pos"] is not None or _before(_MONTH_CONTEXT_BEFORE, norm, m.start())
    )


def _calendar_value(m: re.Match[str], published: date | None) -> tuple[str, str, bool] | None:
    """(value, precision, relative) of a day/month/year expression."""
    month = _MONTHS[_MONTH_FORMS[_key(m["m1"])]]
    day = int(m["dd"]) if m["dd"] else _ORDINALS.get(_key(m["ord"] or ""))
    if m["yyyy"]:
        year = int(m["yyyy"])
        if year not in _YEARS:
            return None
        if day is None:
            return f"{year:04d}-{month:02d}", "month", False
        d = _safe_date(year, month, day)
        return (d.isoformat(), "day", False) if d else None
    if published is None:
        return None
    if m["ryear"]:
        year = published.year + _QUALIFIERS[m["ryear"]]
        d = _safe_date(year, month, day) if day else None
        return (d.isoformat(), "day", True) if d else (f"{year:04d}-{month:02d}", "month", True)
    qualifier = _QUALIFIERS[m["rel"]] if m["rel"] else None
    if day is None:
        return f"{_month_near(month, published, qualifier):04d}-{month:02d}", "month", True
    d = _day_near(month, day, published, qualifier)
    return (d.isoformat(), "day", True) if d else None


def _calendar_dates(
    matches: Iterable[re.Match[str]], norm: str, original: str, published: date | None, folded_span: _Span
) -> list[_Found]:
    out: list[_Found] = []
    for m in matches:
        if m["dd"] is None and m.start() and norm[m.start() - 1].isalnum():
            continue
        orig_start = folded_span(m.start("m1"), m.end("m1"))[0]
        if _MONTH_FORMS[_key(m["m1"])] in _AMBIGUOUS_MONTHS and not _month_has_context(m, norm, original, orig_start):
            continue
        if m["dd"] and not 1 <= int(m["dd"]) <= 31:
            continue
        read = _calendar_value(m, published)
        if read is not None:
            out.append(_Found(m.start(), m.end(), *read))
    return out


def _weekday_dates(matches: Iterable[re.Match[str]], norm: str, published: date | None) -> list[_Found]:
    out: list[_Found] = []
    if published is None:
        return out
    for m in matches:
        if m["wd"] == "الاحد" and norm.startswith("عشر", m.end() + 1):
            continue  # الأحد عشر: the eleven
        if _before(_PRAYER_BEFORE, norm, m.start()):
            continue
        anchor = published - timedelta(days=1) if m["ams"] else published
        qualifier = _QUALIFIERS[m["q"]] if m["q"] else None
        if qualifier == 0:
            qualifier = None  # الأحد الجاري: this week's, read as the latest
        d = _weekday_near(anchor, _WEEKDAYS[m["wd"]], qualifier)
        out.append(_Found(m.start(), m.end(), d.isoformat(), "day", True, weekday=True))
    return out


def _relative_dates(matches: Iterable[re.Match[str]], norm: str, published: date | None) -> list[_Found]:
    out: list[_Found] = []
    if published is None:
        return out
    for m in matches:
        word = _key(m["rd"])
        if word == "اليوم" and (_NOT_TODAY_AFTER.match(norm, m.end()) or _before(_THIS_BEFORE, norm, m.start())):
            continue
        d = published + timedelta(days=_RELATIVE_DAYS[word])
        out.append(_Found(m.start(), m.end(), d.isoformat(), "day", True))
    return out


def _period_dates(matches: Iterable[re.Match[str]], norm: str, published: date | None) -> list[_Found]:
    out: list[_Found] = []
    if published is None:
        return out
    for m in matches:
        unit, q = m["unit"], m["q"]
        if q is None and m["this"] is None:
            continue
        if q is not None and unit.endswith("سنه") != q.endswith("ه"):
            continue  # السنة takes a feminine qualifier, the others a masculine one
        if unit.endswith("عام") and not (m["pos"] or m["this"]) and _before(_GENERAL_BEFORE, norm, m.start("unit")):
            continue
        shift = _QUALIFIERS[q] if q else 0
        out.append(_Found(m.start(), m.end(), *_period_value(unit, shift, published)))
    return out


def _period_value(unit: str, shift: int, published: date) -> tuple[str, str, bool]:
    if unit.endswith("اسبوع"):
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=shift)
        return monday.isoformat(), "week", True
    if unit.endswith("شهر"):
        year, month = _add_months(published.year, published.month, shift)
        return f"{year:04d}-{month:02d}", "month", True
    return f"{published.year + shift:04d}", "year", True


def _year_dates(matches: Iterable[re.Match[str]]) -> list[_Found]:
    out: list[_Found] = []
    for m in matches:
        if int(m["y"]) in _YEARS:
            out.append(_Found(m.start(), m.end(), m["y"], "year", False))
    return out


def _numeric_dates(norm: str) -> list[_Found]:
    out: list[_Found] = []
    for m in _NUMERIC.finditer(norm):
        year, month, day = (m["y"], m["m"], m["d"]) if m["y"] else (m["y2"], m["m2"], m["d2"])
        d = _safe_date(int(year), int(month), int(day)) if int(year) in _YEARS else None
        if d is not None:
            out.append(_Found(m.start(), m.end(), d.isoformat(), "day", False))
    return out


# --- assembly --------------------------------------------------------------------------


class _Span:
    """Maps folded positions back to the original text."""

    __slots__ = ("folded", "original")

    def __init__(self, folded: Folded, original: str) -> None:
        self.folded, self.original = folded, original

    def __call__(self, start: int, end: int) -> tuple[int, int]:
        return original_span(self.folded, self.original, start, end)


def _non_overlapping(found: list[_Found]) -> list[_Found]:
    """Leftmost, then longest, expressions win; explicit readings came first on ties."""
    chosen: list[_Found] = []
    for f in sorted(found, key=lambda f: (f.start, f.start - f.end)):
        if not chosen or f.start >= chosen[-1].end:
            chosen.append(f)
    return chosen


_JOINER = re.compile(r"[\s,،\-–]*(?:الموافق\s*)?")


def _merge_weekdays(norm: str, found: list[_Found]) -> list[_Found]:
    """A weekday written next to its calendar day ("الأحد 21 يناير") is one date: the calendar's."""
    out: list[_Found] = []
    for f in found:
        prev = out[-1] if out else None
        if prev is not None and _JOINER.fullmatch(norm, prev.end, f.start) and (prev.weekday != f.weekday):
            calendar = f if prev.weekday else prev
            if calendar.precision == "day":
                out[-1] = calendar._replace(start=prev.start, end=f.end)
                continue
        out.append(f)
    return out


def _windows(norm: str, text: str) -> dict[int, list[tuple[int, int]]]:
    """For each family of expressions, the stretches of text around its anchors."""
    windows: dict[int, list[tuple[int, int]]] = {}
    for a in _ANCHOR.finditer(norm):
        lo, hi = max(0, a.start() - _BACK), norm.find(" ", a.end() + _AHEAD)  # end on a space: no cut word
        hi = len(norm) if hi < 0 else hi
        flags = _ANCHORS[a.group()]
        for family in (_CAL, _WEEK, _REL, _PERIOD_F, _YEAR_F):
            if flags & family:
                spans = windows.setdefault(family, [])
                if spans and lo <= spans[-1][1]:
                    spans[-1] = (spans[-1][0], hi)
                else:
                    spans.append((lo, hi))
    if "آب" in text:
        windows[_CAL] = [(0, len(norm))]
    return windows


def _scan(rx: re.Pattern[str], norm: str, spans: list[tuple[int, int]] | None) -> Iterator[re.Match[str]]:
    for lo, hi in spans or ():
        yield from rx.finditer(norm, lo, hi)


@lru_cache(maxsize=4096)
def find_dates(text: str, published: date | None) -> tuple[DateMatch, ...]:
    """Every date in the text, resolved against the publication day, in order."""
    folded = fold(text)
    norm = folded.text
    windows = _windows(norm, text)
    numeric = _NUMERIC_HINT.search(norm) is not None
    if not windows and not numeric:
        return ()
    span = _Span(folded, text)
    found = [
        *(_numeric_dates(norm) if numeric else ()),
        *_calendar_dates(_scan(_CALENDAR, norm, windows.get(_CAL)), norm, text, published, span),
        *_year_dates(_scan(_YEAR, norm, windows.get(_YEAR_F))),
        *_weekday_dates(_scan(_WEEKDAY, norm, windows.get(_WEEK)), norm, published),
        *_period_dates(_scan(_PERIOD, norm, windows.get(_PERIOD_F)), norm, published),
        *_relative_dates(_scan(_RELATIVE, norm, windows.get(_REL)), norm, published),
    ]
    out: list[DateMatch] = []
    for f in _merge_weekdays(norm, _non_overlapping(found)):
        start, end = span(f.start, f.end)
        out.append(DateMatch(start=start, end=end, value=f.value, precision=f.precision, relative=f.relative))
    return tuple(out)
