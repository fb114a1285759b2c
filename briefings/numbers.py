"""Cardinal numbers in Arabic news: digits, number words, hedges and duals.

Hand-written: no maintained library reads Arabic number words with their case and
gender forms, clitics and the hedges news puts before a count (نحو، أكثر من، عشرات).
Matching runs on a folded copy of the text whose characters map back to the original,
so every span points into the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberMatch:
    """A cardinal read from a text: its span, its value and how the text hedges it."""

    start: int
    end: int  # character span in the text given
    value: int
    approx: bool = False  # نحو، حوالي، قرابة، زهاء، ما يقارب
    at_least: bool = False  # أكثر من، ما لا يقل عن، أزيد من
    vague: bool = False  # عشرات، مئات، آلاف، عدة: value is the lower bound


# --- folding: one character in, at most one out, so spans map back -------------------

# Harakat, Quranic marks, superscript alef, tatweel and invisible marks: dropped.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"
_DROP = re.compile(f"[{_MARKS}]+")
# Letter folds as chained str.replace: several times faster than str.translate on Arabic.
_LETTER_FOLDS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ٱ", "ا"), ("ى", "ي"), ("ة", "ه"), ("ؤ", "و"), ("ئ", "ي"))
_INDIC = re.compile("[\u0660-\u066c\u06f0-\u06f9]")
_INDIC_FOLD = str.maketrans(
    {
        "٬": ",",  # Arabic thousands separator
        "٫": ".",  # Arabic decimal separator
        **{chr(0x0660 + i): str(i) for i in range(10)},
        **{chr(0x06F0 + i): str(i) for i in range(10)},
    }
)


class Folded(NamedTuple):
    """A text's matching form and, when marks were dropped, each kept character's index."""

    text: str
    offsets: tuple[int, ...] | None  # None: same length as the original


def fold(text: str) -> Folded:
    """Fold alef, yeh, teh marbuta, hamza carriers and digits; drop marks and tatweel.

    Camel-tools' normalizers give the same letters but lose positions, and callers need
    spans in the original text, so the drop keeps an offset table.
    """
    if _DROP.search(text) is None:
        return Folded(_fold_letters(text), None)
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in _DROP.finditer(text):
        parts.append(text[pos : m.start()])
        offsets.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    offsets.extend(range(pos, len(text)))
    return Folded(_fold_letters("".join(parts)), tuple(offsets))


def _fold_letters(text: str) -> str:
    for a, b in _LETTER_FOLDS:
        text = text.replace(a, b)
    return text.translate(_INDIC_FOLD) if _INDIC.search(text) else text


_Trie = dict[str, "_Trie"]


def trie_pattern(words: Iterable[str]) -> str:
    """An alternation factored by common prefixes; a space in a word matches any whitespace.

    re tries the branches of a flat alternation one by one at every position; factored,
    most positions fail on their first letter.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _node_pattern(root)


def _node_pattern(node: _Trie) -> str:
    branches = [(r"\s+" if ch == " " else re.escape(ch)) + _node_pattern(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def original_span(folded: Folded, original: str, start: int, end: int) -> tuple[int, int]:
    """The span in the original text of folded[start:end], with trailing marks kept."""
    if folded.offsets is None:
        return start, end
    s = folded.offsets[start]
    e = folded.offsets[end - 1] + 1
    m = _DROP.match(original, e)
    return s, (m.end() if m else e)


# --- the vocabulary, in folded spelling ---------------------------------------------

# Kinds of token: a scale counts what precedes it (ثلاثة آلاف); a dual scale (ألفان) and a
# plural scale standing alone (آلاف) count themselves.
_UNIT, _TEN, _TENS, _HUND, _SCALE, _SCALE2, _PSCALE, _VAGUE, _HALF, _DIGITS = range(10)

_UNITS = {
    1: ("واحد", "واحده", "احد", "احدي"),
    2: ("اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"),
    3: ("ثلاث", "ثلاثه"),
    4: ("اربع", "اربعه"),
    5: ("خمس", "خمسه"),
    6: ("ست", "سته"),
    7: ("سبع", "سبعه"),
    8: ("ثمان", "ثماني", "ثمانيه"),
    9: ("تسع", "تسعه"),
}
_TENS_STEMS = {2: "عشر", 3: "ثلاث", 4: "اربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}
_HUNDRED_STEMS = {3: "ثلاث", 4: "اربع", 5: "خمس", 6: "ست", 7: "سبع", 8: "ثمان", 9: "تسع"}


def _vocabulary() -> dict[str, tuple[int, int]]:
    """Every number word's folded form -> (kind, value)."""
    words: dict[str, tuple[int, int]] = {}
    for value, forms in _UNITS.items():
        words.update({f: (_UNIT, value) for f in forms})
    words.update({"عشر": (_TEN, 10), "عشره": (_TEN, 10)})
    for tens, stem in _TENS_STEMS.items():
        words.update({stem + "ون": (_TENS, tens * 10), stem + "ين": (_TENS, tens * 10)})
    words.update({"ميه": (_HUND, 100), "مايه": (_HUND, 100)})
    words.update({s + e: (_HUND, 200) for s in ("ميت", "مايت") for e in ("ان", "ين", "ا", "ي")})
    for unit, stem in _HUNDRED_STEMS.items():
        words.update({stem + h: (_HUND, unit * 100) for h in ("ميه", "مايه")})
    words["ثمانيميه"] = (_HUND, 800)
    for scale, forms in ((1000, ("الف", "الفا")), (10**6, ("مليون", "مليونا")), (10**9, ("مليار", "مليارا"))):
        words.update({f: (_SCALE, scale) for f in forms})
    words["بليون"] = (_SCALE, 10**9)
    for scale, forms in ((1000, ("الفان", "الفين", "الفي")), (10**6, ("مليونان", "مليونين", "مليوني"))):
        words.update({f: (_SCALE2, 2 * scale) for f in forms})
    words.update({"ملياران": (_SCALE2, 2 * 10**9), "مليارين": (_SCALE2, 2 * 10**9)})
    words.update({"الاف": (_PSCALE, 1000), "الوف": (_PSCALE, 1000), "ملايين": (_PSCALE, 10**6)})
    words["مليارات"] = (_PSCALE, 10**9)
    # Vague counts: the value is the least the word can mean.
    words.update({"عشرات": (_VAGUE, 10), "ميات": (_VAGUE, 100)})
    words.update({w: (_VAGUE, 3) for w in ("العديد", "عديد", "عده", "بضع", "بضعه", "عدد من")})
    words["نصف"] = (_HALF, 0)
    return words


_WORDS = _vocabulary()

# Forms that are something else with a clitic or the article: Sunday, Monday, "per",
# "the equipment", "per cent"; with لـ: "I am not", "to anyone".
_NOT_NUMBERS = frozenset({("ال", "احد"), ("ال", "اثنين"), ("ال", "واحد"), ("ال", "واحده"), ("ال", "عده")})
_NOT_NUMBERS |= {("ال", "ميه"), ("ال", "مايه")}  # بالمئة, في المئة: per cent
_NOT_NUMBERS_WITH_L = frozenset({"ست", "احد", "احدي"})

_PREFIXES = (
    *("", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "فال", "بال", "كال", "وبال", "ولل", "فلل"),
    *("وب", "ول", "وك", "فب", "فل", "فك", "فبال", "وكال"),
)


def _split_forms() -> dict[str, tuple[str, str]]:
    """Every number word with every run of proclitics -> (proclitics, word); the shortest run wins."""
    forms: dict[str, tuple[str, str]] = {}
    for pre in sorted(_PREFIXES, key=len, reverse=True):
        forms.update({pre + w: (pre, w) for w in _WORDS})
    return forms


_FORMS = _split_forms()
# Digits, or a number word with its proclitics. No look-behind in front, so that re can skip
# to candidate first letters; the word start is checked on each hit instead.
_TOKEN = re.compile(rf"(?P<digits>\d+(?:[.,]\d+)*)|(?P<word>{trie_pattern(_FORMS)})(?!\w)")
_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?")
_LATIN = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
# Tens after an ordinal belong to it: الخامس والعشرين is the 25th, not 20.
_ORDINAL_BEFORE = re.compile(r"(?<!\w)ال(?:حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع)ه?\s+\Z")
_AND = re.compile(r"\s*(?:و\s*)?")  # a gap of spaces, with an optional free-standing و
_SPACE_ONLY = re.compile(r"\s+")

_HEDGE_WINDOW = 24  # characters searched before a number; the longest hedge is 15
_CLITIC = r"(?<!\w)(?:[وف]?[بل]?)"
_APPROX_BEFORE = re.compile(
    _CLITIC + r"(?:نحو|حوالي|قرابه|زهاء|ما\s+يقارب|يقارب|ما\s+يقرب\s+من|يقرب\s+من|ما\s+يناهز|يناهز"
    r"|حدود|في\s+حدود|تقريبا)\s+\Z"
)
_AT_LEAST_BEFORE = re.compile(
    _CLITIC + r"(?:اكثر\s+من|ما\s+لا\s+يقل\s+عن|لا\s+يقل\s+عن|لا\s+تقل\s+عن|ما\s+يزيد\s+(?:عن|علي)"
    r"|يزيد\s+(?:عن|علي)|ازيد\s+من|ما\s+يربو\s+علي|يربو\s+علي|ما\s+يفوق|يفوق|علي\s+الاقل)\s+\Z"
)
# After the number and at most two words (the counted noun and its adjective).
_APPROX_AFTER = re.compile(r"(?:\s+[^\s\d،,.]+){0,2}?\s+تقريبا(?!\w)")
_AT_LEAST_AFTER = re.compile(r"(?:\s+[^\s\d،,.]+){0,2}?\s+علي\s+الاقل(?!\w)")
_PROCLITICS = re.compile(r"[وف]?(?:[بك]?ال|لل|[بلك])?")


class _Token(NamedTuple):
    start: int  # of the word, after its proclitics
    end: int
    pre: str
    kind: int
    value: float


class _Reading:
    """A number being read left to right: completed scales plus the part under a thousand."""

    __slots__ = ("start", "end", "total", "current", "last", "limit", "cap", "vague")

    def __init__(self, tok: _Token) -> None:
        self.start, self.end = tok.start, tok.end
        self.total = 0.0
        self.current = 0.0
        self.vague = tok.kind in (_VAGUE, _PSCALE)
        self.last = tok.kind
        self.cap = float("inf")  # the room a unit had, for unit + و + tens
        if tok.kind in (_SCALE, _SCALE2, _PSCALE):
            self.total = tok.value
            self.limit = tok.value / 2 if tok.kind == _SCALE2 else tok.value
        else:
            self.current = tok.value
            self.limit = {_UNIT: 1.0, _TENS: 10.0, _HUND: 100.0}.get(tok.kind, 0.0)

    def value(self) -> float:
        return self.total + self.current


def _times(r: _Reading, tok: _Token) -> bool:
    """Read a word written after the number with a space: a teen, hundreds or a scale."""
    if r.last == _UNIT and tok.kind == _TEN:
        r.current, r.last, r.limit = r.current + 10, _TEN, 1.0
    elif r.last == _UNIT and tok.kind == _HUND and tok.value == 100 and r.current >= 3:
        r.current, r.last, r.limit = r.current * 100, _HUND, 100.0
    elif tok.kind in (_SCALE, _PSCALE) and _counts_scale(r, tok):
        r.total += r.current * tok.value
        r.current, r.last, r.limit = 0.0, _SCALE, tok.value
    elif r.last == _HALF and tok.kind == _SCALE:
        r.total, r.current, r.last, r.limit = tok.value / 2, 0.0, _SCALE, tok.value / 2
    else:
        return False
    return True


def _counts_scale(r: _Reading, tok: _Token) -> bool:
    """Whether the number read so far can count the thousands or millions that follow."""
    if r.current <= 0 or r.last == _SCALE:
        return False
    return r.last != _VAGUE or tok.kind == _PSCALE  # عشرات الآلاف, never عشرات ألف


def _plus(r: _Reading, tok: _Token) -> bool:
    """Read a word joined with و: a smaller part, tens after a unit, or a half."""
    if tok.kind == _HALF and r.last == _SCALE:
        r.total += r.limit / 2
        r.limit = 0.0
    elif r.last == _UNIT and tok.kind == _TENS and tok.value < r.cap:
        r.current, r.last, r.limit = r.current + tok.value, _TENS, 1.0
    elif tok.kind in (_UNIT, _TEN, _TENS, _HUND, _DIGITS) and tok.value < r.limit:
        r.cap, r.current, r.last = r.limit, r.current + tok.value, tok.kind
        r.limit = {_UNIT: 1.0, _TENS: 10.0, _HUND: 100.0}.get(tok.kind, 0.0)
    else:
        return False
    return True


def _tokens(norm: str) -> list[_Token]:
    """Digits and number words of a folded text, proclitics split off."""
    out: list[_Token] = []
    for m in _TOKEN.finditer(norm):
        if m.group("digits"):
            tok = _digits(norm, m)
            if tok is not None:
                out.append(tok)
            continue
        if m.start() and norm[m.start() - 1].isalnum():
            continue  # a hit inside a longer word
        pre, word = _FORMS[_SPACE_ONLY.sub(" ", m.group())]
        start = m.start() + len(pre)
        if ("ال" if "ال" in pre or pre.endswith("لل") else "", word) in _NOT_NUMBERS:
            continue
        if pre.endswith("ل") and not pre.endswith("ال") and word in _NOT_NUMBERS_WITH_L:
            continue
        kind, value = _WORDS[word]
        if kind == _TENS and pre.startswith("و") and _ORDINAL_BEFORE.search(norm, max(0, m.start() - 12), m.start()):
            continue
        out.append(_Token(start, m.end(), pre, kind, float(value)))
    return out


def _digits(norm: str, m: re.Match[str]) -> _Token | None:
    """A run of digits as a token: 2,500 and 2.5 read, 1.2.3 and F16 left alone."""
    text = m.group()
    if _THOUSANDS.fullmatch(text) is None or (m.start() and norm[m.start() - 1] in _LATIN):
        return None
    if m.end() < len(norm) and norm[m.end()] in _LATIN:
        return None
    return _Token(m.start(), m.end(), "", _DIGITS, float(text.replace(",", "")))


def _read(norm: str, toks: list[_Token]) -> list[_Reading]:
    """Group adjacent tokens into numbers."""
    readings: list[_Reading] = []
    for tok in toks:
        r = readings[-1] if readings else None
        if r is not None and _attaches(norm, r, tok):
            r.end = tok.end
            continue
        readings.append(_Reading(tok))
    # A lone half or a decimal without a scale (3.5) is no count.
    return [r for r in readings if r.last != _HALF and not (r.last == _DIGITS and r.value() % 1)]


def _attaches(norm: str, r: _Reading, tok: _Token) -> bool:
    """Whether tok continues the number r, updating r when it does."""
    word_start = tok.start - len(tok.pre)
    gap = norm[r.end : word_start]
    if tok.pre.startswith("و") and (gap == "" or gap.isspace()):
        return tok.pre in ("و", "وال") and _plus(r, tok)  # خمسة وعشرون, الخمسة والعشرين
    if not gap or _AND.fullmatch(gap) is None:
        return False
    if "و" in gap:
        return not tok.pre and _plus(r, tok)
    return not tok.pre.replace("ال", "") and _times(r, tok)


def _hedges(norm: str, start: int, end: int) -> tuple[bool, bool]:
    """(approx, at_least) from the words around a number."""
    lo = max(0, start - _HEDGE_WINDOW)
    approx = _APPROX_BEFORE.search(norm, lo, start) is not None or _APPROX_AFTER.match(norm, end) is not None
    at_least = _AT_LEAST_BEFORE.search(norm, lo, start) is not None
    return approx, at_least or _AT_LEAST_AFTER.match(norm, end) is not None


@lru_cache(maxsize=4096)
def find_numbers(text: str, *, duals: bool = False) -> tuple[NumberMatch, ...]:
    """Every cardinal in the text, in order; with duals=True a counted dual noun reads as 2."""
    folded = fold(text)
    norm = folded.text
    found: list[NumberMatch] = []
    for r in _read(norm, _tokens(norm)):
        approx, at_least = _hedges(norm, r.start, r.end)
        start, end = original_span(folded, text, r.start, r.end)
        value = round(r.value())
        found.append(NumberMatch(start=start, end=end, value=value, approx=approx, at_least=at_least, vague=r.vague))
    if duals:
        found.extend(_dual_matches(folded, text, found))
        found.sort(key=lambda n: n.start)
    return tuple(found)


def parse_number(text: str) -> int | None:
    """The whole string read as one number (proclitics forgiven), else None."""
    stripped = text.strip()
    found = find_numbers(stripped)
    if len(found) != 1 or found[0].end != len(stripped):
        return None
    return found[0].value if _PROCLITICS.fullmatch(fold(stripped[: found[0].start]).text) else None


# --- duals ---------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _dual_forms() -> frozenset[str]:
    """Every folded spelling, with clitics, of the listed nouns' duals."""
    raw = resources.files("briefings").joinpath("data/numbers.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(raw)
    forms: set[str] = set()
    for key, endings in (("dual_nouns", ("ان", "ين")), ("dual_nouns_an_only", ("ان",))):
        for noun in data[key]:
            stem = fold(noun).text
            stem = stem[:-1] + "ت" if stem.endswith("ه") else stem  # قذيفة -> قذيفتان
            forms.update(p + stem + e for p in _PREFIXES for e in endings)
    return frozenset(forms)


_DUALS = _dual_forms()


def dual_count(word: str) -> int | None:
    """2 when the word is the dual of a noun news counts (صاروخين، قتيلان), else None."""
    return 2 if fold(word.strip()).text in _DUALS else None


def _dual_matches(folded: Folded, text: str, numbers: list[NumberMatch]) -> list[NumberMatch]:
    """Dual nouns as numbers, unless a number word right after repeats the count."""
    out: list[NumberMatch] = []
    for m in _WORD.finditer(folded.text):
        if m.group() not in _DUALS:
            continue
        start, end = original_span(folded, text, m.start(), m.end())
        if any(n.start > end and text[end : n.start].isspace() and n.value == 2 for n in numbers):
            continue  # صاروخين اثنين: the number already says it
        out.append(NumberMatch(start=start, end=end, value=2))
    return out
