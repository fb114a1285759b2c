"""Readable Latin spelling of Arabic names that no gazetteer entry gives.

Hand-written because no transliteration library writes names the way English news
does ("al-Juhaishi", not "al-jḥyšy"): known name words come from a data file, the rest
letter by letter with long vowels kept and short vowels guessed only where Arabic
spelling shows them.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefings.normalize import fold_chars

_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh",
    "ر": "r", "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "'",
    "غ": "gh", "ف": "f", "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "u",
    "ي": "i", "ء": "'", "ة": "a", "ى": "a", "پ": "p", "چ": "ch", "گ": "g", "ڤ": "v", "ک": "k",
    "ی": "i",
}
_VOWELS = set("aiu")


@cache
def _names() -> dict[str, Any]:
    """`names.yaml`, read once."""
    text = (resources.files("briefings") / "data" / "names.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text) or {}


@cache
def _curated() -> dict[str, str]:
    return {fold_chars(k): v for k, v in (_names().get("given") or {}).items()}


@cache
def _known() -> dict[str, str]:
    """Every name word's English spelling: the curated list over the one built from name lists."""
    text = (resources.files("briefings") / "data" / "name_words.tsv").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for line in text.splitlines():
        row = line.split("\t")
        if len(row) < 4 or line.startswith("#") or _function_word(row):
            continue  # one attestation beats letter-by-letter spelling, a function word's does not
        spelled = _with_article(row[0], row[1])
        if spelled:
            out.setdefault(fold_chars(row[0]), spelled)
    return out | _particles() | _nisba_families() | _curated()


@cache
def _theophoric() -> frozenset[str]:
    return frozenset(fold_chars(w) for w in _names().get("theophoric", ()))


@cache
def _nisba_families() -> dict[str, str]:
    """"المصري" -> "al-Masri": a nationality adjective spelled as the family name it also is."""
    return {fold_chars(k): v for k, v in (_names().get("nisba_families") or {}).items()}


@cache
def _particles() -> dict[str, str]:
    """"دي" -> "de", "فون" -> "von": name particles keep their own case."""
    return {fold_chars(k): v for k, v in (_names().get("particles") or {}).items()}


def _function_word(row: list[str]) -> bool:
    """"في" spelled "In": a very common word that a name list holds by mistake."""
    return bool(row[3]) and float(row[3]) >= 5.5 and int(row[2]) < 200


def _with_article(arabic: str, latin: str) -> str | None:
    """"الحسيني", "Alhusseini" -> "al-Husseini", "Kaabi" -> "al-Kaabi"; "Labidi" swallowed the article."""
    if not arabic.startswith("ال"):
        return latin
    low = latin.lower()
    for prefix in ("al-", "el-", "al", "el"):
        if low.startswith(prefix) and len(low) > len(prefix) + 1:
            return "al-" + latin[len(prefix):].lstrip("-").capitalize()
    if low.startswith("l"):
        return None  # the article swallowed
    return "al-" + latin.capitalize()  # "الكعبي", "Kaabi": the list dropped the article


def _letters(word: str) -> str:
    out: list[str] = []
    # فاعل names (كاظم, غالب, ناظم) carry an unwritten i before their last letter: Kadhim, Ghalib
    faail = len(word) == 4 and word[1] == "ا" and word[3] not in "اوي"
    # A foreign name written in Arabic spells its vowels out ("بلاسخارت", "كوفالسكي"): between
    # its consonants there is no unwritten vowel to guess, unlike an Arabic one ("شمري" Shamari).
    foreign = sum(ch in "اوي" for ch in word[1:]) >= (2 if len(word) >= 6 else 3)
    for i, ch in enumerate(word):
        lat = _LETTERS.get(ch, "")
        if ch == "ع" and i == 0:
            lat = "a"
        if ch in "وي" and (i == 0 or (i + 1 < len(word) and word[i + 1] in "اوي")):
            lat = "w" if ch == "و" else "y"  # consonantal before a vowel letter or word-initially
        if out and lat and lat[0] not in _VOWELS and out[-1] and out[-1][-1] not in _VOWELS \
                and out[-1] != "'" and i >= 1 and not foreign:
            out.append("i" if faail and i == 3 else "a")  # an unwritten short vowel between consonants
        out.append(lat)
    spelled = "".join(out).strip("'")
    return spelled[:1].upper() + spelled[1:]


def is_given_name(word: str) -> bool:
    """Whether a word is a personal name the curated names list knows."""
    return fold_chars(word) in _curated()


def transliterate_word(word: str) -> str:
    """One name word in Latin letters."""
    folded = fold_chars(word)
    known = _known()
    if folded in known:
        return known[folded]
    if folded.startswith("عبد") and len(folded) > 4:
        rest = folded[3:]
        return "Abdul " + (known.get(rest) or known.get("ال" + rest) or _letters(rest.removeprefix("ال"))
                           ).removeprefix("al-").capitalize()
    if folded.endswith("الله") and folded[:-4] in _theophoric():
        stem = folded[:-4]
        return (known.get(stem) or _letters(stem)).rstrip("-") + "allah"
    if folded.startswith("ال") and len(folded) > 3:
        rest = folded[2:]
        return "al-" + (known.get(rest) or _spelled(rest, word))
    return _spelled(folded, word)


def _spelled(folded: str, written: str) -> str:
    """Letter by letter; a final teh marbuta, folded to ه, is still read "a" ("الدعوة" -> al-Da'wa)."""
    if written.rstrip("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652").endswith("ة") and folded.endswith("ه"):
        return _letters(folded[:-1]) + "a"
    return _letters(folded)


def _joined(words: list[str]) -> list[str]:
    """"عبد الله" -> "عبدالله", "خير الله" -> "خيرالله": a servant-of or a theophoric name is one
    word in English (Abdullah, Khairallah)."""
    out: list[str] = []
    for w in words:
        if out and (fold_chars(out[-1]) == "عبد" or fold_chars(w) == "الله" and fold_chars(out[-1]) in _theophoric()):
            out[-1] = out[-1] + w
        else:
            out.append(w)
    return out


def transliterate(name: str) -> str:
    """A whole Arabic name in Latin letters ("مؤيد الجحيشي" -> "Muayad al-Juhaishi"-like)."""
    words = [transliterate_word(w) for w in _joined(name.split())]
    out = " ".join(w for w in words if w)
    return out[:1].upper() + out[1:] if out else ""


@cache
def _female() -> frozenset[str]:
    return frozenset(fold_chars(w) for w in _names().get("female", ()))


def is_feminine_name(word: str) -> bool:
    """Whether a given name is a woman's, by the names list."""
    return fold_chars(word) in _female()
