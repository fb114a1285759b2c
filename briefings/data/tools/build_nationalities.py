"""Extend `briefings/data/nationalities.yaml` with every country's adjective of nationality.

Run it by hand when a source changes; the pipeline only reads the YAML. The entries written
by hand above the marker line stay as they are; everything below it is rewritten:

    python -m briefings.data.tools.build_nationalities \
        --arabic resources/lang/ar/nationalities.php --english resources/lang/en/nationalities.php \
        --countries data/en/country.json

`--arabic` and `--english` are the nationality lists of 3neef/Laravel-nationalites (MIT), one
`'XX' => 'adjective',` line per ISO code; `--countries` is umpirsky/country-list's English
country names (MIT), used where `places.yaml` has no country of that code. Sources and terms
are recorded in `briefings/data/SOURCES.md`.

From the masculine singular ("كندي") each entry gets the forms news prints: feminine
("كندية"), both plurals ("كنديين", "كنديون"), each with and without the article.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent
MARKER = "# ---- below this line: written by tools/build_nationalities.py, do not edit by hand"
_ENTRY = re.compile(r"'([A-Z]{2})'\s*=>\s*'([^']+)'")

# Codes left out, and why.
SKIP = {
    "ML": "مالي is first the adjective 'financial'",
    "BN": "the list gives the country's name, no adjective",
    "CG": "the same adjective as the Democratic Republic of the Congo, which the news names far more often",
    "AQ": "no country",
}
# Corrections to the source's spelling: Niger's adjective is نيجري, Nigeria's نيجيري.
ARABIC_FIXES = {"NE": "نيجري"}
# Forms that are first another word once folded: مجرى (course, stream) folds to مجري.
DROP_FORMS = {"HU": {"مجري"}}
# Country names as English news writes them, where the list's differ.
COUNTRY_FIXES = {"CD": "Democratic Republic of the Congo", "MM": "Myanmar", "CI": "Ivory Coast",
                 "KN": "Saint Kitts and Nevis", "SZ": "Eswatini"}


def _php(path: Path) -> dict[str, str]:
    return dict(_ENTRY.findall(path.read_text(encoding="utf-8")))


def inflect(adjective: str) -> list[str]:
    """The forms of a masculine nisba adjective of one or two words ("كوري شمالي")."""
    words = adjective.split()
    if not words or not all(w.endswith("ي") for w in words):
        return []
    forms: list[str] = []
    for ending in ("", "ة", "ين", "ون"):
        bare = " ".join(w + ending for w in words)
        definite = " ".join("ال" + w + ending for w in words)
        forms += [definite, bare]
    return forms


def _country_names() -> dict[str, str]:
    """ISO code -> English country name as `places.yaml` spells it."""
    places = yaml.safe_load((DATA / "places.yaml").read_text(encoding="utf-8")) or []
    return {p["id"].upper(): p["en"] for p in places if p.get("kind") == "country" and len(p["id"]) == 2}


def entries(arabic: dict[str, str], english: dict[str, str], countries: dict[str, str],
            have: set[str]) -> list[dict[str, object]]:
    """One YAML entry per country not written by hand, with its forms."""
    placed = _country_names()
    out: list[dict[str, object]] = []
    for code, ar in sorted(arabic.items()):
        if code in have or code in SKIP or code not in english:
            continue
        forms = [f for f in inflect(ARABIC_FIXES.get(code, ar)) if f not in DROP_FORMS.get(code, set())]
        if not forms:
            continue  # "جزر القمر", "سانت لوسيا": a place's name, no adjective
        name = placed.get(code) or COUNTRY_FIXES.get(code) or countries.get(code, english[code]).replace(" & ", " and ")
        out.append({"country": code, "en": english[code], "en_country": name, "ar": forms})
    return out


def _render(e: dict[str, object]) -> str:
    forms = ", ".join(e["ar"])  # type: ignore[arg-type]
    # quoted: YAML reads a bare NO (Norway) as false
    return f"- country: '{e['country']}'\n  en: {e['en']}\n  en_country: {e['en_country']}\n  ar: [{forms}]\n"


def main(argv: list[str] | None = None) -> int:
    """Rewrite the generated part of nationalities.yaml."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arabic", type=Path, required=True)
    ap.add_argument("--english", type=Path, required=True)
    ap.add_argument("--countries", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=DATA / "nationalities.yaml")
    args = ap.parse_args(argv)
    text = args.out.read_text(encoding="utf-8")
    head = text.split(MARKER)[0].rstrip("\n") + "\n"
    have = {str(d["country"]) for d in yaml.safe_load(head) or []}
    countries = json.loads(args.countries.read_text(encoding="utf-8"))
    made = entries(_php(args.arabic), _php(args.english), countries, have)
    args.out.write_text(head + "\n" + MARKER + "\n" + "".join(map(_render, made)), encoding="utf-8")
    print(f"{len(made)} countries added to {len(have)} written by hand", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
