"""The pipeline as a whole: purity, determinism, and quality floors on the sample articles."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from briefings.load import load
from briefings.model import Article, Briefing
from briefings.pipeline import brief

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
ARABIC = re.compile("[\u0600-\u06ff]")
FORBIDDEN = ("telegram", "sqlalchemy", "httpx", "aiosqlite", "asyncpg", "storage", "bot", "torch")

# What a reader of each sample article must find in its briefing: our own reading of the
# samples, kept loose (any of several spellings) so wording changes in digests do not matter.
PUBLISHED = {"000": date(2024, 1, 21), "001": date(2024, 1, 10), "002": date(2021, 2, 24),
             "003": date(2021, 7, 15), "004": date(2023, 11, 6)}
INCIDENTS = {  # (type, place, date) that must be among the article's incidents
    "000": [("missile_attack", "western Iraq", "2024-01-20")],
    "001": [("airstrike", "Iraq", "2023-12-25"), ("airstrike", "Baghdad", "2024-01-01")],
    "002": [("rocket_attack", "Green Zone", "2021-02-22")],
    "003": [("rocket_attack", "Ain al-Asad Air Base", "2021-07-07"), ("airstrike", "Iraq and Syria", "2021-06")],
    "004": [("mortar_attack", "Ain al-Asad Air Base", None)],
}
SPEAKERS = {  # speaker -> acts that must be among theirs
    "000": {"Nouri al-Maliki": {"warned", "called_for"}, "Abu Ali al-Askari": {"called_for"}},
    "001": {"Mohammed Shia al-Sudani": {"stressed"}, "Lloyd Austin": {"announced"}},
    "002": {"Mustafa al-Kadhimi": {"discussed"}, "Ned Price": {"said"}},
    "003": {"Mahmoud Alavi": {"stressed"}},
    "004": {"Abu Ali al-Askari": {"threatened", "pledged"}, "Muqtada al-Sadr": {"called_for"}},
}


def _seed(prefix: str) -> Briefing:
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return brief(load(path.read_bytes(), key=path.name, published=PUBLISHED[prefix]))


def test_briefings_imports_no_io_or_bot_library() -> None:
    for module in (ROOT / "briefings").glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        names = [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
        names += [n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)]
        bad = [n for n in names if n.split(".")[0] in FORBIDDEN]
        assert not bad, f"{module.name} imports {bad}"


def test_the_same_article_gives_the_same_briefing() -> None:
    assert _seed("000") == _seed("000")


def test_an_article_without_news_yields_nothing() -> None:
    article = Article(key="k", title="الطقس", paragraphs=("يكون الطقس صحوا غدا في معظم المناطق.",),
                      published=date(2024, 5, 1))
    b = brief(article)
    assert (b.incidents, b.statements) == ((), ())


@pytest.mark.parametrize("prefix", sorted(INCIDENTS))
def test_sample_incidents_are_found_with_place_and_date(prefix: str) -> None:
    found = {(i.type, i.place.name_en if i.place else None, i.date) for i in _seed(prefix).incidents}
    for expected in INCIDENTS[prefix]:
        assert expected in found, f"{prefix}: {expected} not in {found}"


@pytest.mark.parametrize("prefix", sorted(SPEAKERS))
def test_sample_speakers_are_found_with_their_acts(prefix: str) -> None:
    acts = {s.speaker.name_en: set(s.acts) for s in _seed(prefix).statements}
    for speaker, expected in SPEAKERS[prefix].items():
        assert speaker in acts and expected <= acts[speaker], f"{prefix}: {speaker} {acts.get(speaker)}"


@pytest.mark.parametrize("prefix", sorted(PUBLISHED))
def test_english_digests_hold_no_arabic_and_every_record_has_evidence(prefix: str) -> None:
    b = _seed(prefix)
    for record in (*b.incidents, *b.statements):
        assert record.digest.en and not ARABIC.search(record.digest.en), record.digest.en
        assert record.digest.ar and ARABIC.search(record.digest.ar)
        assert record.evidence.sentences and record.evidence.article.startswith(prefix)


def test_a_claim_is_the_incidents_not_a_statement() -> None:
    b = _seed("000")
    missile = next(i for i in b.incidents if i.type == "missile_attack")
    assert missile.perpetrator is not None and missile.perpetrator.name_en == "Islamic Resistance in Iraq"
    assert missile.claimed
    assert "Islamic Resistance in Iraq" in missile.digest.en and "claimed" in missile.digest.en
