"""Clitic-aware multi-word phrase matching over normalized words.

Every lexicon (gazetteer, speech verbs, incident words) is a `PhraseIndex`: phrases
are stored as article-free word sequences under their first word, and a text word is
tried as written and with its proclitics (و ف ب ل ك, لل) removed, longest phrase first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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


class PhraseIndex(Generic[T]):
    """Phrases with payloads in a word trie, found in normalized word lists."""

    def __init__(self, *, short_clitics: bool = False) -> None:
        """`short_clitics`: a three-letter first word may be a clitic and a two-letter word ("وتل أبيب")."""
        self._short = short_cores if short_clitics else _no_cores
        self._root: dict[str, _Node[T]] = {}
        self._starts: dict[str, bool] = {}  # memo: can this word begin a phrase? (most cannot)
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

    def _starts_phrase(self, word: str) -> bool:
        starts = self._starts.get(word)
        if starts is None:
            if len(self._starts) > _MEMO_LIMIT:
                self._starts.clear()
            starts = self._starts[word] = any(c in self._root for c in (*clitic_cores(word), *self._short(word)))
        return starts

    def match_at(self, words: Sequence[str], i: int) -> Hit[T] | None:
        """The longest phrase starting at word i, with clitics forgiven on its first word."""
        if not self._starts_phrase(words[i]):
            return None  # the common case, kept cheap: most words start no phrase
        return self._longest_at(words, i)

    def _longest_at(self, words: Sequence[str], i: int) -> Hit[T] | None:
        best: Hit[T] | None = None
        n = len(words)
        cores = clitic_cores(words[i])
        for cand in (*cores, *self._short(words[i])):
            node = self._root.get(cand)
            j = i + 1
            least = 1 if cand in cores else 2  # "وتل أبيب", never "ولد" as و + "لد"
            while node is not None:
                if node.values and j - i >= least and (best is None or j - i > best.end - best.start):
                    best = Hit(i, j, tuple(node.values), _preposed(words[i], cand))
                if j >= n or not node.next:
                    break
                node = node.next.get(core(words[j]))
                j += 1
        return best

    def scan(self, words: Sequence[str]) -> list[Hit[T]]:
        """Non-overlapping hits, left to right, longest at each position."""
        out: list[Hit[T]] = []
        starts, probe = self._starts, self._starts_phrase
        i, n = 0, len(words)
        while i < n:
            word = words[i]
            begins = starts.get(word)
            if begins is None:
                begins = probe(word)
            if not begins:
                i += 1
                continue
            hit = self._longest_at(words, i)
            if hit is None:
                i += 1
            else:
                out.append(hit)
                i = hit.end
        return out

    def contains(self, words: Sequence[str]) -> bool:
        """Whether any phrase occurs in the words."""
        starts, probe = self._starts, self._starts_phrase
        for i, word in enumerate(words):
            begins = starts.get(word)
            if begins is None:
                begins = probe(word)
            if begins and self._longest_at(words, i) is not None:
                return True
        return False

    def __len__(self) -> int:
        return self._count
