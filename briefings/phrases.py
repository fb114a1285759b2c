"""Clitic-aware multi-word phrase matching over normalized words.

Every lexicon (gazetteer, speech verbs, incident words) is a `PhraseIndex`: phrases
are stored as article-free word sequences under their first word, and a text word is
tried as written and with its proclitics (و ف ب ل ك, لل) removed, longest phrase first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Generic, TypeVar

from briefings.normalize import clitic_cores, core, normalize, short_cores, tokens

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


def _no_cores(word: str) -> tuple[str, ...]:
    return ()


class _Node(Generic[T]):
    """A trie node: the phrases that end here and the words that continue them."""

    __slots__ = ("next", "values")

    def __init__(self) -> None:
        self.next: dict[str, _Node[T]] = {}
        self.values: list[T] = []


_Firsts = tuple[tuple[_Node[T], int, bool], ...]  # (trie node, least words, proclitic) per reading


class PhraseIndex(Generic[T]):
    """Phrases with payloads in a word trie, found in normalized word lists."""

    def __init__(self, *, short_clitics: bool = False) -> None:
        """`short_clitics`: a three-letter first word may be a clitic and a two-letter word ("وتل أبيب")."""
        self._short = short_cores if short_clitics else _no_cores
        self._root: dict[str, _Node[T]] = {}
        self._starts: dict[str, _Firsts[T]] = {}  # memo: the phrases a word can begin (most begin none)
        self._count = 0

    def add(self, phrase: str, value: T) -> None:
        """Index a phrase; one phrase may carry several values."""
        key = key_of(phrase)
        if not key:
            return
        node = self._root.setdefault(key[0], _Node())
        for word in key[1:]:
            node = node.next.setdefault(word, _Node())
        if value not in node.values:
            node.values.append(value)
            self._count += 1
        self._starts.clear()

    def _firsts(self, word: str) -> _Firsts[T]:
        """The phrase-trie branches word can open, memoized: most words open none (an empty tuple)."""
        firsts = self._starts.get(word)
        if firsts is None:
            if len(self._starts) > _MEMO_LIMIT:
                self._starts.clear()
            firsts = self._starts[word] = self._open(word)
        return firsts

    def _open(self, word: str) -> _Firsts[T]:
        """(node, least words, proclitic) for each reading of word that begins a phrase, most literal first."""
        cores = clitic_cores(word)
        out: list[tuple[_Node[T], int, bool]] = []
        for cand in (*cores, *self._short(word)):
            node = self._root.get(cand)
            if node is not None:
                least = 1 if cand in cores else 2  # "وتل أبيب", never "ولد" as و + "لد"
                out.append((node, least, _preposed(word, cand)))
        return tuple(out)

    def _opening(self, words: Sequence[str]) -> list[_Firsts[T]]:
        """Each word's phrase openings; the memo answers most words without a Python call."""
        firsts = list(map(self._starts.get, words))
        if None in firsts:
            firsts = [self._firsts(w) if f is None else f for w, f in zip(words, firsts, strict=True)]
        return firsts  # type: ignore[return-value]

    def match_at(self, words: Sequence[str], i: int) -> Hit[T] | None:
        """The longest phrase starting at word i, with clitics forgiven on its first word."""
        firsts = self._firsts(words[i])
        return self._longest_at(words, i, firsts) if firsts else None

    @staticmethod
    def _longest_at(words: Sequence[str], i: int, firsts: _Firsts[T]) -> Hit[T] | None:
        best: tuple[_Node[T], bool] | None = None  # the hit is built once, at the end: frozen inits cost
        end = i
        n = len(words)
        for first, least, proclitic in firsts:
            node: _Node[T] | None = first
            j = i + 1
            while node is not None:
                if node.values and j - i >= least and j > end:
                    best, end = (node, proclitic), j
                if j >= n or not node.next:
                    break
                node = node.next.get(core(words[j]))
                j += 1
        if best is None:
            return None
        return Hit(i, end, tuple(best[0].values), best[1])

    def scan(self, words: Sequence[str]) -> list[Hit[T]]:
        """Non-overlapping hits, left to right, longest at each position."""
        out: list[Hit[T]] = []
        firsts = self._opening(words)
        end = 0
        for i in compress(range(len(words)), firsts):
            if i < end:
                continue
            hit = self._longest_at(words, i, firsts[i])
            if hit is not None:
                out.append(hit)
                end = hit.end
        return out

    def contains(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs in the words."""
        firsts = self._opening(words)
        return any(self._longest_at(words, i, firsts[i]) is not None for i in compress(range(len(words)), firsts))

    def __len__(self) -> int:
        return self._count
