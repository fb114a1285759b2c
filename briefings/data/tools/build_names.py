"""Build `briefings/data/name_words.tsv`, the name-word lexicon, from openly licensed name pairs.

Run it by hand when a source changes; the pipeline only reads its output. Sources and their
terms are recorded in `briefings/data/SOURCES.md`:

    python -m briefings.data.tools.build_names \
        --wikidata wd_arabic.normalized.aligned.tokens \
        --google ar2en.txt --anetac "EN-AR Named-entities.txt" > briefings/data/name_words.tsv

`--wikidata` is the Wikidata personal-name token list of NETransliteration-COLING2018 (CC0),
one `english<TAB>spaced arabic letters<TAB>count` line a token; `--google` is the ar2en word
list of google/transliteration (Apache-2.0), `arabic<TAB>english`. With the `wordfreq`
package installed (its data is CC BY-SA 4.0), each word also gets its Zipf frequency in
general Arabic text, which tells a name that is also a common word ("أمل", "على") from one
that is not ("ميركل"); without it the column is empty.

`--anetac` is ANETAC's `EN-AR Named-entities.txt` (79,924 English/Arabic named entities,
free for use with citation): its persons join the name pairs, and its places and
organisations give the `other` column, how often a word names one of those instead.

Output: `arabic<TAB>english<TAB>count<TAB>zipf<TAB>other`, one line per Arabic spelling, sorted.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

_ARABIC = frozenset(chr(c) for c in range(0x0621, 0x064B))
_MIN_LETTERS = 2


def _latin(word: str) -> str:
    """"müller" -> "muller": the plain letters an English reader types."""
    plain = unicodedata.normalize("NFKD", word)
    return "".join(c for c in plain if c.isascii() and (c.isalpha() or c in "-'")).strip("-'")


def _wikidata(path: Path) -> dict[str, Counter[str]]:
    out: dict[str, Counter[str]] = defaultdict(Counter)
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3 or not parts[2].isdigit():
            continue
        ar, en = parts[1].replace(" ", ""), _latin(parts[0])
        if len(ar) >= _MIN_LETTERS and set(ar) <= _ARABIC and len(en) >= _MIN_LETTERS:
            out[ar][en] += int(parts[2])
    return out


def _anetac(path: Path, into: dict[str, Counter[str]]) -> Counter[str]:
    """Person tokens into the pairs; how often each word names a place or an organisation instead."""
    other: Counter[str] = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) != 3:
            continue
        kind, en, ar = parts[0], _latin(parts[1]), parts[2]
        if len(ar) < _MIN_LETTERS or not set(ar) <= _ARABIC or len(en) < _MIN_LETTERS:
            continue
        if kind == "PERSON":
            into[ar][en] += 1
        else:
            other[ar] += 1
    return other


def _google(path: Path, into: dict[str, Counter[str]]) -> None:
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        ar, en = parts[0].strip(), _latin(parts[1].strip())
        if len(ar) >= _MIN_LETTERS and set(ar) <= _ARABIC and len(en) >= _MIN_LETTERS:
            into[ar][en] += 1


def _zipf() -> Callable[[str, str], float] | None:
    try:
        from wordfreq import zipf_frequency  # type: ignore[import-not-found]
    except ImportError:
        return None
    return zipf_frequency  # type: ignore[no-any-return]


def _spelling(spellings: Counter[str], zipf: Callable[[str, str], float] | None) -> str:
    """The commonest spelling, and between equals the one English text knows ("David", not "Dawid").

    English frequency only breaks ties: ranked first it prefers a common word to the name
    ("Giant" for سيلفا, "Coffee" for كوفي).
    """
    def rank(kv: tuple[str, int]) -> tuple[bool, int, float]:
        return kv[0].isalpha(), kv[1], zipf(kv[0], "en") if zipf else 0.0
    return max(spellings.items(), key=rank)[0]


COMMON_ZIPF_FLOOR = 3.0  # about once in 1,000,000 words; rarer words are left out, which keeps the file small
COMMON_LIST_SIZE = 60_000


def _write_common(path: Path) -> None:
    """Arabic words of general text with their Zipf frequency, commonest first."""
    from wordfreq import top_n_list, zipf_frequency

    lines = ["# word\tzipf  (wordfreq, CC BY-SA 4.0; built by briefings/data/tools/build_names.py)"]
    for w in top_n_list("ar", COMMON_LIST_SIZE):
        z = zipf_frequency(w, "ar")
        if z >= COMMON_ZIPF_FLOOR and set(w) <= _ARABIC:
            lines.append(f"{w}\t{z:.2f}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the lexicon to standard output."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wikidata", type=Path, required=True)
    ap.add_argument("--google", type=Path)
    ap.add_argument("--anetac", type=Path, help="ANETAC's 'EN-AR Named-entities.txt'")
    ap.add_argument("--common-out", type=Path, help="also write the common-word list (needs wordfreq)")
    args = ap.parse_args(argv)
    pairs = _wikidata(args.wikidata)
    if args.google:
        _google(args.google, pairs)
    other = _anetac(args.anetac, pairs) if args.anetac else Counter()
    zipf = _zipf()
    if args.common_out and zipf:
        _write_common(args.common_out)
    out = sys.stdout
    out.write("# arabic\tenglish\tcount\tzipf\tother  (built by briefings/data/tools/build_names.py; see SOURCES.md)\n")
    for ar in sorted(pairs):
        spellings = pairs[ar]
        z = f"{zipf(ar, 'ar'):.2f}" if zipf else ""
        out.write(f"{ar}\t{_spelling(spellings, zipf).title()}\t{sum(spellings.values())}\t{z}\t{other[ar]}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
