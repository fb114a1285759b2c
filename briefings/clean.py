"""Stage 1b: strip page furniture from an article's lines, keep the story.

Rules run in order, each a small function over a tuple of lines:

1. tidy each line: whitespace, invisible marks, furniture glued to either end
2. drop furniture lines: menus, share/comment/ad labels, counters, dates, credits,
   embed signatures, datelines, and the link lists that follow a "read more" header
3. drop lines that repeat the headline
4. drop a caption printed twice in a row
5. drop bylines and captions above the first paragraph and below the last
6. drop paragraphs that repeat an earlier one verbatim or nearly so

Patterns are data (`data/furniture.yaml`); the display text keeps its original letters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import yaml
from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)
from rapidfuzz import fuzz

from briefings.errors import ConfigError

# Two paragraphs scoring this rapidfuzz ratio or more are one paragraph printed twice.
# Calibrated on the sample articles: the near-repeats there ("وقد أعلنت" vs "وأعلنت" in a
# 190-character paragraph, a headline echoed as a paragraph) score 99 and up, while the
# closest pair of distinct paragraphs scores 79 (two related-story headlines) and the
# closest pair of distinct story paragraphs 70.
NEAR_DUPLICATE_RATIO = 90.0
# Below this many characters a one-word change moves the ratio past the threshold
# ("إيران تدين" vs "إيران تدعم"), so short lines must match exactly to count as repeats.
FUZZY_MIN_CHARS = 30
# Link, label and caption lines are short; a story paragraph that happens to start with
# a furniture word ("تابعوا …") is longer than this many words.
LABEL_MAX_WORDS = 15
# Captions under a photo run to a full sentence; the sample articles' longest is 30 words.
CAPTION_MAX_WORDS = 40
# Bylines, datelines, captions and related headlines around the story are shorter than
# this; a lead paragraph is longer (the samples' shortest lead has 25 words).
ZONE_MAX_WORDS = 20
# A byline is a name: two or three words.
BYLINE_WORDS = (2, 3)

# Marks that carry no letter: zero-width space, direction marks and embeddings, BOM.
# Zero-width (non-)joiners stay: they can shape letters.
_INVISIBLE = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_ARABIC_MARKS = "[\u064b-\u065f\u0670\u0640]*"  # diacritics and tatweel, ignored in matching
_LETTERED = re.compile(r"\S*[^\W\d_]\S*")  # a word: a run of non-spaces holding a letter
_NON_WORD = re.compile(r"[\W_\u0640]+")
_GLUED_WINDOW = 80  # characters; twice the longest glued phrase with diacritics
_ALNUM = re.compile(r"[^\W_]")
_DIGIT = re.compile(r"[0-9٠-٩۰-۹]")
_DATE_REST = re.compile(r"[0-9٠-٩۰-۹\s/:.,،|–—\-]*")  # what a date line holds besides date words
# A sentence ends in a full stop, question or exclamation mark, maybe inside quotes.
_SENTENCE_END = re.compile(r"[.!?؟…][\"”»’')\]]*$")
_FINAL_QUOTE = re.compile(r"[«\"“]([^«»\"“”]*)[»\"”]$")
# A line ending in a quote of this many words is a quoted sentence ("قال: «لن نسمح بذلك»");
# fewer is a quoted name closing a headline or dateline ("… «التحالف الدولي»").
_QUOTE_SENTENCE_MIN_WORDS = 3
# "مصدر أمني: الصاروخان سقطا قرب السفارة" – news posts often drop the full stop, but a colon
# followed by a clause is a statement, not a caption or byline.
_STATEMENT = re.compile(r"[:：]\s*\S+(?:\s+\S+){2,}")
_BYLINE = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){1,2}")
_MENU_SEPARATORS = re.compile(r"\s*[|•·]\s*")
_MENU_MIN_ITEMS = 3
_MENU_ITEM_MAX_WORDS = 3
_EMBED_SIGNATURE = re.compile(r"^[—–-]\s*.{0,80}\(@\w{1,30}\)")
_BARE_LINK = re.compile(r"^(?:https?://|www\.|pic\.twitter\.com/)\S*$", re.IGNORECASE)
# "القاهرة: «خليجيون»", "بغداد - (المدى)", "بغداد (رويترز) -": a place and a one- or two-word
# source, nothing else.
_DATELINE = re.compile(
    r"^\w+(?: \w+)?\s*(?:[:–—-]\s*[«\"“(]\w+(?: \w+)?[»\"”)]|[(«]\w+(?: \w+)?[)»]\s*[:–—-]?)$"
)


def _loose(phrase: str) -> str:
    """A regex for a phrase that ignores hamza, yeh and teh marbuta forms, diacritics and spacing.

    Hand-written because camel-tools folds text but cannot map a match in the folded copy
    back to the display text, which glued furniture must be cut from.
    """
    parts = []
    for ch in phrase:
        if ch.isspace() or ch == ".":
            parts.append(r"[\s.]*")
        elif ch in "اأإآٱ":
            parts.append("[اأإآٱ]" + _ARABIC_MARKS)
        elif ch in "يى":
            parts.append("[يى]" + _ARABIC_MARKS)
        elif ch in "ةه":
            parts.append("[ةه]" + _ARABIC_MARKS)
        else:
            parts.append(re.escape(ch) + (_ARABIC_MARKS if "\u0600" <= ch <= "\u06ff" else ""))
    return "".join(parts)


def _alternation(phrases: Iterable[str]) -> str:
    """One regex group matching any phrase, longest first so "شارك القصة" beats "شارك"."""
    return "(?:" + "|".join(_loose(p) for p in sorted(set(phrases), key=len, reverse=True)) + ")"


def _load_furniture() -> dict[str, list[str]]:
    """The furniture lexicon, checked for the lists every rule expects."""
    text = resources.files("briefings").joinpath("data/furniture.yaml").read_text(encoding="utf-8")
    data: Any = yaml.safe_load(text)
    keys = ("lines", "prefixes", "sections", "glued", "credits", "credit_labels", "counters", "date_words")
    for key in keys:
        if not isinstance(data, dict) or not isinstance(data.get(key), list) or not data[key]:
            raise ConfigError(f"briefings/data/furniture.yaml: '{key}' must be a non-empty list")
    return {key: [str(p) for p in data[key]] for key in keys}


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """The furniture regexes, compiled once on first use."""
    f = _load_furniture()
    flags = re.IGNORECASE
    edge = r"[\W_]*"  # punctuation around a label: "المصادر:", "• شارك"
    credit = _alternation(f["credits"])
    label = _alternation(f["credit_labels"])
    number = r"[0-9٠-٩.,]+\s*(?:[KkMm]|ألف)?"
    counter = _alternation(f["counters"])
    date_token = _alternation(f["date_words"])
    return {
        "line": re.compile(rf"^(?:{edge}{_alternation(f['lines'])}{edge})+$", flags),
        "prefix": re.compile(rf"^{edge}{_alternation(f['prefixes'])}", flags),
        "section": re.compile(rf"^{edge}{_alternation(f['sections'])}{edge}$", flags),
        "glued_head": re.compile(rf"^{_alternation(f['glued'])}(?=\w)", flags),
        "glued_tail": re.compile(rf"(?<=\S){_alternation(f['glued'])}$", flags),
        "credit": re.compile(rf"\(\s*(?:{credit}|{label}\s*:?[^()]{{0,40}})\s*\)$", flags),
        "counter": re.compile(
            rf"^(?:{number}\s*{counter}|{counter}\s*:?\s*{number})$", flags
        ),
        "date_word": re.compile(rf"(?<!\w){date_token}(?!\w)", flags),
    }


@lru_cache(maxsize=4096)
def _words(line: str) -> int:
    """How many words a line has (digits and punctuation are not words)."""
    return len(_LETTERED.findall(line))


@lru_cache(maxsize=4096)  # every repeat rule asks for the same lines' keys
@lru_cache(maxsize=4096)
def _key(line: str) -> str:
    """A line's matching form: camel-tools letter folding, no marks or punctuation, lower case."""
    folded = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(dediac_ar(line))))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip().lower()


def is_sentence(line: str) -> bool:
    """Whether a line reads as running text: it ends a sentence, quotes someone, or reports a statement."""
    if _SENTENCE_END.search(line) or _STATEMENT.search(line):
        return True
    quote = _FINAL_QUOTE.search(line)
    return quote is not None and _words(quote.group(1)) >= _QUOTE_SENTENCE_MIN_WORDS


# 1. tidy ------------------------------------------------------------------------------


def _cut_glued(line: str) -> str:
    """A line with one glued furniture phrase cut from each end."""
    p = _patterns()
    line = p["glued_head"].sub("", line)
    # the phrases are short: search only the line's end, not a whole long paragraph
    tail = p["glued_tail"].search(line, max(0, len(line) - _GLUED_WINDOW))
    return (line[: tail.start()] if tail else line).strip()


def tidy(line: str) -> str:
    """One line with single spaces, no invisible marks, and glued furniture cut off its ends."""
    line = _SPACES.sub(" ", _INVISIBLE.sub("", line)).strip()
    while (cut := _cut_glued(line)) != line:
        line = cut
    return line


# 2. furniture lines ----------------------------------------------------------------------


def _is_label(line: str) -> bool:
    """A menu, share, comment or ad label, alone or several on a line."""
    return _words(line) <= LABEL_MAX_WORDS and bool(_patterns()["line"].match(line))


def _is_notice(line: str) -> bool:
    """A short line opening with a link or notice word: "اقرأ أيضاً: …", "جميع الحقوق محفوظة"."""
    return _words(line) <= LABEL_MAX_WORDS and bool(_patterns()["prefix"].match(line))


def _is_menu(line: str) -> bool:
    """A row of short menu items: "الرئيسية | سياسة | اقتصاد"."""
    items = [i for i in _MENU_SEPARATORS.split(line) if i]
    return len(items) >= _MENU_MIN_ITEMS and all(_words(i) <= _MENU_ITEM_MAX_WORDS for i in items)


def _is_counter(line: str) -> bool:
    """A like, view or share counter: "1.2K مشاهدة"."""
    return bool(_patterns()["counter"].match(line))


def _is_date(line: str) -> bool:
    """A line that is only a date or a time."""
    if _words(line) > LABEL_MAX_WORDS or not _DIGIT.search(line):
        return False
    return bool(_DATE_REST.fullmatch(_patterns()["date_word"].sub(" ", line)))


def _is_caption(line: str) -> bool:
    """A photo caption or bare credit ending in a credit in parentheses: "… (رويترز)"."""
    return _words(line) <= CAPTION_MAX_WORDS and bool(_patterns()["credit"].search(line))


def _is_embed(line: str) -> bool:
    """A social-media embed signature "— name (@handle) date" or a bare link."""
    return bool(_EMBED_SIGNATURE.match(line) or _BARE_LINK.match(line))


def _is_dateline(line: str) -> bool:
    """A dateline alone on its line: "القاهرة: «خليجيون»"."""
    return bool(_DATELINE.match(line))


_FURNITURE_RULES: tuple[Callable[[str], bool], ...] = (
    _is_label, _is_notice, _is_menu, _is_counter, _is_date, _is_caption, _is_embed, _is_dateline,
)


def is_furniture(line: str) -> bool:
    """Whether one tidied line is furniture by itself, whatever surrounds it."""
    # a line of bare punctuation is what is left when furniture is cut off ("التعليقات مغلقة.")
    if not _ALNUM.search(line):
        return True
    # every rule is for short lines; a long paragraph is story whatever words it holds
    return _words(line) <= CAPTION_MAX_WORDS and any(rule(line) for rule in _FURNITURE_RULES)


def _is_section(line: str) -> bool:
    """The header of a link list: "اقرأ المزيد", "أهم الأخبار", "المصادر:"."""
    return bool(_patterns()["section"].match(line))


def _is_headline_like(line: str) -> bool:
    """A short line that is not running text: a related headline, a source, a caption."""
    return not is_sentence(line) and _words(line) <= ZONE_MAX_WORDS


def drop_furniture(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Lines that are not furniture; a link-list header takes its headline-like lines with it."""
    kept: list[str] = []
    in_list = False
    for line in lines:
        if _is_section(line):
            in_list = True
            continue
        if in_list and (_is_headline_like(line) or is_furniture(line)):
            continue
        in_list = False
        if not is_furniture(line):
            kept.append(line)
    return tuple(kept)


# 3–6. repeats and the edges of the story ---------------------------------------------------


def _same_keys(ka: str, kb: str) -> bool:
    """Whether two matching forms are one text, allowing tiny edits in long ones."""
    if ka == kb:
        return True
    if min(len(ka), len(kb)) < FUZZY_MIN_CHARS:
        return False
    return fuzz.ratio(ka, kb, score_cutoff=NEAR_DUPLICATE_RATIO) > 0


def _same(a: str, b: str) -> bool:
    """Whether two lines are one text printed twice."""
    return _same_keys(_key(a), _key(b))


def drop_headline_repeats(lines: tuple[str, ...], title: str) -> tuple[str, ...]:
    """Lines other than the headline printed again."""
    if not title:
        return lines
    return tuple(line for line in lines if not _same(line, title))


def drop_doubled_captions(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Lines other than a caption printed twice in a row (both copies go)."""
    doubled = {
        i + d
        for i in range(len(lines) - 1)
        if _is_headline_like(lines[i]) and _key(lines[i]) == _key(lines[i + 1])
        for d in (0, 1)
    }
    return tuple(line for i, line in enumerate(lines) if i not in doubled)


def _is_byline(line: str) -> bool:
    """Just a name: two or three words, no digits or punctuation."""
    return bool(_BYLINE.fullmatch(line))


def drop_edges(lines: tuple[str, ...]) -> tuple[str, ...]:
    """The story without bylines, captions and headlines above its first and below its last paragraph."""
    body = [i for i, line in enumerate(lines) if not _is_headline_like(line)]
    if not body:  # no running text at all: keep all but a byline at either end
        first, last = 0, len(lines) - 1
        return tuple(
            line for i, line in enumerate(lines) if not (i in (first, last) and _is_byline(line))
        )
    return lines[body[0] : body[-1] + 1]


def drop_repeats(lines: tuple[str, ...]) -> tuple[str, ...]:
    """Each paragraph once: the first of any verbatim or near repeats is kept."""
    kept: list[str] = []
    keys: list[str] = []
    for line in lines:
        key = _key(line)
        if any(_same_keys(key, k) for k in keys):
            continue
        keys.append(key)
        kept.append(line)
    return tuple(kept)


def clean_paragraphs(lines: Sequence[str], *, title: str = "") -> tuple[str, ...]:
    """The story's paragraphs from raw lines: furniture, headline echoes and repeats removed."""
    # a "line" handed in may still hold line breaks (a paragraph from an HTML extractor)
    tidied = tuple(t for line in lines for part in line.splitlines() if (t := tidy(part)))
    title = tidy(title)
    steps = drop_furniture(tidied)
    steps = drop_headline_repeats(steps, title)
    steps = drop_doubled_captions(steps)
    steps = drop_edges(steps)
    return drop_repeats(steps)
