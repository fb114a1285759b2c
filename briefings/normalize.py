"""Normalization for matching, sentence splitting and clitic-aware token forms.

The display text is never changed: matching runs on a folded copy. Folding uses
camel-tools' character rules (dediacritization, alef, alef maksura, teh marbuta);
tokens are cut with a compiled regex rather than camel-tools' simple_word_tokenize,
which costs ~50 µs a sentence and would alone eat the pipeline's time budget.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

from briefings.model import Sentence

_TATWEEL = re.compile("\u0640+")
# Hamza carriers fold to their letters and Arabic-Indic digits to Western ones, in one table.
# Arabic text typed on a Persian keyboard (Iranian outlets' Arabic services) writes yeh, kaf and
# heh with the Persian letters ("أربیل", "کرکوک"): they fold to the Arabic ones. Not in camel-tools.
_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
_PERSIAN_LETTERS = {"\u06cc": "ي", "\u06a9": "ك", "\u06d5": "ه", "\u06c0": "ه", "\u06be": "ه"}
_CARRIERS_AND_DIGITS = str.maketrans({"ؤ": "و", "ئ": "ي", **_PERSIAN_LETTERS,
                                      **{a: str(i % 10) for i, a in enumerate(_INDIC_DIGITS)}})
_INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")

# A token is a run of letters/digits (Arabic or Latin, with inner apostrophes or hyphens)
# or a single punctuation mark.
_WORD_CHARS = r"\w\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed"  # letters plus harakat and tatweel
_TOKEN = re.compile(rf"[{_WORD_CHARS}]+(?:['’\-][{_WORD_CHARS}]+)*|[^{_WORD_CHARS}\s]")

# Sentence ends: Arabic and Latin full stops, question and exclamation marks, and
# line breaks; a closing quote right after the mark belongs to the sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"”»’)]*\s+|\n+")
_ABBREV_END = re.compile(r"(?:\b[A-Z]|\b\w\.\w|أ\.ف|ف\.ب|(?:^|\s)[دم])\.$")  # initials, أ.ف.ب, د. (Dr)

# Quotation marks as tokens: a name or a title may stand inside them ('قاعدة "حرير"', "فيلم «اغتيال …»").
QUOTE_MARKS = frozenset('"«»“”„\'‘’')

# Proclitics that attach to a name: conjunctions, then prepositions (بـ لـ كـ).
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def fold_chars(text: str) -> str:
    """Camel-tools letter folding plus tatweel, hamza carriers, digits and invisible marks."""
    text = _INVISIBLE.sub("", text)
    text = dediac_ar(_TATWEEL.sub("", text))
    text = normalize_teh_marbuta_ar(normalize_alef_maksura_ar(normalize_alef_ar(text)))
    return text.translate(_CARRIERS_AND_DIGITS)


def normalize(text: str) -> str:
    """The matching form of a text: folded letters, lower-case Latin, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACES.sub(" ", fold_chars(text)).strip().lower()


@lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    """The matching form of one token (cached: news vocabulary repeats heavily)."""
    return normalize(token)


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of a text, in order."""
    return _TOKEN.findall(text)


def word_matches(text: str) -> list[re.Match[str]]:
    """Words and punctuation marks of a text with their character positions."""
    return list(_TOKEN.finditer(text))


def strip_article(word: str) -> str:
    """Drop a leading definite article when enough of the word remains."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


@lru_cache(maxsize=200_000)
def core(word: str) -> str:
    """The form gazetteer keys are stored in: normalized, without the article."""
    return strip_article(word)


@lru_cache(maxsize=200_000)
def clitic_cores(word: str) -> tuple[str, ...]:
    """Candidate cores of a normalized word with its proclitics removed, most literal first.

    "وللولايات" -> (..., "ولايات"), "بالمالكي" -> (..., "مالكي"). Callers try each
    candidate against a lexicon; a stripped form is only a candidate, never a fact.
    """
    out: list[str] = [word]
    stems = [word] + [word[1:] for c in _CONJ if word.startswith(c) and len(word) > 3]
    for stem in stems:
        if stem != word:
            out.append(stem)
        if stem.startswith("لل") and len(stem) > 3:
            out.append("ال" + stem[2:])  # لـ + الـ is written لل
        for p in _PREP:
            if stem.startswith(p) and len(stem) > 3:
                out.append(stem[1:])
    seen: dict[str, None] = {}
    for w in out:
        seen.setdefault(core(w), None)
    return tuple(w for w in seen if len(w) >= 2)


@lru_cache(maxsize=200_000)
def short_cores(word: str) -> tuple[str, ...]:
    """A three-letter word with a proclitic, as a two-letter core: "وتل" -> ("تل",).

    Too short to be stripped on its own ("ولد" is a boy, not و + "لد"), so callers accept
    such a core only as the first word of a phrase of several words ("وتل أبيب").
    """
    if len(word) == 3 and word[0] in _SHORT_PROCLITICS:
        return (word[1:],)
    return ()


_SHORT_PROCLITICS = ("و", "ف", "ب", "ل")


def _open_quote(text: str) -> bool:
    """Whether a quotation opened in the text is still open at its end."""
    return text.count("«") > text.count("»") or text.count("“") > text.count("”")


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph, split at Arabic and Latin end marks but never inside a quote."""
    parts: list[str] = []
    for piece in _SENTENCE_END.split(text):
        piece = piece.strip()
        if not piece:
            continue
        if parts and (_ABBREV_END.search(parts[-1]) or _open_quote(parts[-1])):
            parts[-1] = f"{parts[-1]} {piece}"  # "أ.ف.ب", an initial or an open quote is no end
        else:
            parts.append(piece)
    return parts


def sentences(title: str, paragraphs: tuple[str, ...]) -> tuple[Sentence, ...]:
    """The headline (paragraph -1) and every body sentence, numbered in reading order."""
    out: list[Sentence] = []
    blocks = [(-1, title)] + list(enumerate(paragraphs))
    for para, block in blocks:
        for text in split_sentences(block):
            out.append(Sentence(index=len(out), paragraph=para, text=text))
    return tuple(out)
