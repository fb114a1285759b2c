"""`nashra export` as an operator runs it, over a database filled by `nashra ingest --once` of the sample articles."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.tables import COLUMNS
from briefings.gazetteer import default_gazetteer
from tests.bot.helpers import NASHRA, nashra_env

JANUARY = ("--since", "2024-01-01", "--until", "2024-01-31")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A SQLite database holding what the real ingestion made of the five sample articles."""
    tmp = tmp_path_factory.mktemp("export")
    sources = tmp / "sources.yaml"
    sources.write_text(f"sources:\n  - name: seeds\n    kind: folder\n    path: {SEEDS}\n", encoding="utf-8")
    environment = nashra_env(tmp, NASHRA_SOURCES_PATH=str(sources))
    done = subprocess.run([NASHRA, "ingest", "--once"], env=environment, cwd=tmp, capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    yield environment


def nashra(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    """`nashra export …` in a child process; its output as bytes, as a file would hold it."""
    return subprocess.run([NASHRA, "export", *args], env=env, capture_output=True, timeout=120, check=False)


def test_csv_holds_the_spans_incidents_newest_first_with_their_places(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "january.csv"
    done = nashra(env, *JANUARY, "--format", "csv", "--output", str(out))
    assert done.returncode == 0, done.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads Arabic as UTF-8 only with the mark
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows and tuple(rows[0]) == COLUMNS
    days = [r["event_date"] for r in rows]
    assert days == sorted(days, reverse=True) and all("2024-01-01" <= d <= "2024-01-31" for d in days)
    assert f"{len(rows)} incidents from 2024-01-01 to 2024-01-31" in done.stderr.decode()
    base = default_gazetteer().place("iq-erbil-air-base")
    [erbil] = [r for r in rows if r["location"] == base.name_en]
    assert (erbil["admin1"], erbil["admin1_ar"], erbil["country"], erbil["country_ar"]) == (
        "Erbil", "محافظة أربيل", "Iraq", "العراق")
    assert (float(erbil["latitude"]), float(erbil["longitude"])) == (base.lat, base.lon)
    assert erbil["notes"] and erbil["notes_ar"] and erbil["outlets"] == "seeds"


def test_json_is_the_same_rows_with_numbers_and_lists(env: dict[str, str], tmp_path: Path) -> None:
    as_csv = nashra(env, *JANUARY)
    done = nashra(env, *JANUARY, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    table = list(csv.DictReader(io.StringIO(as_csv.stdout.decode("utf-8-sig"), newline="")))
    assert [r["event_id"] for r in rows] == [int(r["event_id"]) for r in table]
    assert all(isinstance(r["outlets"], list) and isinstance(r["source_urls"], list) for r in rows)
    assert all(r["killed"] is None or isinstance(r["killed"], int) for r in rows)


def test_geojson_is_a_feature_collection_of_the_located_rows(env: dict[str, str]) -> None:
    rows = json.loads(nashra(env, "--since", "2020-01-01", "--format", "json").stdout)
    done = nashra(env, "--since", "2020-01-01", "--format", "geojson")
    assert done.returncode == 0, done.stderr
    collection = json.loads(done.stdout)
    assert collection["type"] == "FeatureCollection"
    located = [r for r in rows if r["latitude"] is not None]
    assert 0 < len(located) < len(rows)  # the sample holds places with and without a point
    assert [f["id"] for f in collection["features"]] == [r["event_id"] for r in located]
    for feature, row in zip(collection["features"], located, strict=True):
        assert feature["type"] == "Feature"
        assert feature["geometry"] == {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]}
        assert -180 <= row["longitude"] <= 180 and -90 <= row["latitude"] <= 90
    assert f"({len(rows) - len(located)} without coordinates left out)" in done.stderr.decode()


@pytest.mark.parametrize(("args", "said"), [
    (("--since", "last week"), "YYYY-MM-DD"),
    (("--since", "2024-02-01", "--until", "2024-01-01"), "before --since"),
    (("--since", "2024-01-01", "--format", "xlsx"), "invalid choice"),
])
def test_bad_arguments_are_one_line_and_status_2(env: dict[str, str], args: tuple[str, ...], said: str) -> None:
    done = nashra(env, *args)
    assert done.returncode == 2 and said in done.stderr.decode() and not done.stdout
    assert done.stderr.decode().count("\n") == 1
