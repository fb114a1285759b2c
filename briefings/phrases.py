"""Clitic-aware multi-word phrase matching over normalized words.

Every lexicon (gazetteer, speech verbs, incident words) is a `PhraseIndex`: phrases
are stored as article-free word sequences under their first word, and a text word is
tried as written and with its proclitics (و ف ب ل ك, لل) removed, longest phrase first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from briefings.normalize import clitic_cores, core, normalize, tokens

T = TypeVar("T")
_MEMO_LIMIT = 500_000  # words remembered per index; news vocabulary stays far below


@dataclass(frozen=True, slots=True)
class Hit(Generic[T]):
    """Words [start, end) of a text match a phrase carrying `values`."""

    start: int
    end: int
    values: tuple[T, ...]
    proclitic: bool = False  # the first word carried a preposition (ب ل ك) that was set aside


def key_of(phrase: str) -> tuple[str, ...]:
    """The normalized, article-free word sequence a phrase is indexed under."""
    return tuple(core(w) for w in (normalize(t) for t in tokens(phrase)) if w)


def _preposed(word: str, cand: str) -> bool:
    """Whether reaching `cand` from `word` set aside a preposition, not just و/ف or the article."""
    if cand == core(word):
        return False
    return not (word[:1] in ("و", "ف") and cand == core(word[1:]))


class PhraseIndex(Generic[T]):
    """Phrases with payloads, found in normalized word lists."""

    def __init__(self) -> None:
        self._index: dict[str, dict[tuple[str, ...], list[T]]] = {}
        self._longest: dict[str, list[tuple[str, ...]]] = {}
        self._starts: dict[str, bool] = {}  # memo: can this word begin a phrase? (most cannot)

    def add(self, phrase: str, value: T) -> None:
        """Index a phrase; one phrase may carry several values."""
        key = key_of(phrase)
        if not key:
            return
        rests = self._index.setdefault(key[0], {})
        values = rests.setdefault(key[1:], [])
        if value not in values:
            values.append(value)
        self._longest[key[0]] = sorted(rests, key=len, reverse=True)
        self._starts.clear()

    def match_at(self, words: Sequence[str], i: int) -> Hit[T] | None:
        """The longest phrase starting at word i, with clitics forgiven on its first word."""
        word = words[i]
        starts = self._starts.get(word)
        if starts is None:
            if len(self._starts) > _MEMO_LIMIT:
                self._starts.clear()
            starts = self._starts[word] = any(c in self._longest for c in clitic_cores(word))
        if not starts:
            return None  # the common case, kept cheap: most words start no phrase
        cands = clitic_cores(word)
        best: Hit[T] | None = None
        for cand in cands:
            for rest in self._longest.get(cand, ()):
                n = len(rest) + 1
                if best is not None and best.end - best.start >= n:
                    break
                if i + n > len(words) or any(core(words[i + 1 + k]) != r for k, r in enumerate(rest)):
                    continue
                best = Hit(i, i + n, tuple(self._index[cand][rest]), _preposed(words[i], cand))
                break
        return best

    def scan(self, words: Sequence[str]) -> list[Hit[T]]:
        """Non-overlapping hits, left to right, longest at each position."""
        out: list[Hit[T]] = []
        i = 0
        while i < len(words):
            hit = self.match_at(words, i)
            if hit is None:
                i += 1
            else:
                out.append(hit)
                i = hit.end
        return out

    def contains(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs in the words."""
        return any(self.match_at(words, i) for i in range(len(words)))

    def __len__(self) -> int:
        return sum(len(r) for r in self._index.values())
