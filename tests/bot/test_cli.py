"""`nashra extract` and `nashra digest`: the contract's JSON, and one clear line per bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from briefings.load import MAX_INPUT_BYTES

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED = next(SEEDS.glob("000_*.txt"))


def _batch(tmp_path: Path) -> Path:
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "english.txt").write_text("Headline\nThis is an English story about the weather.\n")
    with (tmp_path / "huge.txt").open("wb") as f:
        f.truncate(20 * 1024 * 1024)
    manifest = {"articles": [{"file": "good.txt", "published": "2024-01-21"},
                             {"file": "missing.txt", "published": "2024-01-21"},
                             {"file": "empty.txt"}, {"file": "image.txt"}, {"file": "english.txt"},
                             {"file": "huge.txt"}, {"file": "good.txt", "published": "21/01/2024"}]}
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest))
    return path


def test_extract_briefs_what_it_can_and_names_each_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "--manifest", str(_batch(tmp_path)), "--json"]) == 0
    out, err = capsys.readouterr()
    articles = json.loads(out)["articles"]
    assert [a["file"] for a in articles] == ["good.txt", "missing.txt", "empty.txt", "image.txt", "english.txt",
                                             "huge.txt", "good.txt"]
    good = articles[0]
    assert any(i["type"] == "missile_attack" and i["date"] == "2024-01-20" for i in good["incidents"])
    assert {"name_en", "name_ar", "kind"} <= set(good["actors"][0])
    lines = err.strip().splitlines()
    assert len(lines) == 6 and "Traceback" not in err
    for name, words in [("missing.txt", "no such file"), ("empty.txt", "empty"), ("image.txt", "not a text"),
                        ("english.txt", "Arabic"), ("huge.txt", "cap"), ("good.txt", "not YYYY-MM-DD")]:
        assert any(name in line and words in line for line in lines), (name, lines)
    assert articles[6]["incidents"] and all(i["date"] is None or i["date"] for i in articles[6]["incidents"])


def test_extract_fails_with_one_line_when_nothing_could_be_read(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    manifest = tmp_path / "m.json"
    manifest.write_text(json.dumps({"articles": [{"file": "nope.txt"}]}))
    assert main(["extract", "--manifest", str(manifest), "--json"]) == 1
    assert "nope.txt: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("content", ["{not json", '{"articles": 3}', '[1, 2]', '{"articles": [{"name": "x"}]}'])
def test_a_malformed_manifest_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    manifest = tmp_path / "m.json"
    manifest.write_text(content)
    assert main(["extract", "--manifest", str(manifest), "--json"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "manifest" in err


def test_an_unknown_flag_is_one_line_and_status_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["extract", "--manifest", "m.json", "--frobnicate"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "--frobnicate" in err


def test_digest_prints_a_folder_in_both_languages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(SEEDS), "--published", "2024-01-21"]) == 0
    out = capsys.readouterr().out
    assert out.count("== ") == 5
    assert "Nouri al-Maliki" in out and "نوري المالكي" in out


@pytest.mark.parametrize(("lang", "present", "absent"), [("en", "Maliki", "المالكي"), ("ar", "المالكي", "Maliki")])
def test_digest_in_one_language(capsys: pytest.CaptureFixture[str], lang: str, present: str, absent: str) -> None:
    assert main(["digest", str(SEED), "--lang", lang, "--published", "2024-01-21"]) == 0
    body = capsys.readouterr().out.split("\n", 1)[1]  # the headline line is the article's own
    assert present in body and absent not in body


def test_digest_of_nothing_readable_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(tmp_path / "nothing.txt")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_digest_rejects_a_bad_day(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["digest", str(SEED), "--published", "yesterday"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_digest_dates_a_folder_from_its_manifest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "manifest.json").write_text(json.dumps({"articles": [{"file": "a.txt", "published": "2024-01-21"}]}))
    assert main(["digest", str(tmp_path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "(2024-01-21)" in out and "On 20 January 2024" in out  # "يوم السبت" read against the manifest's day


def _nashra(*args: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it, in its own process: a read that hangs fails the test, not the run."""
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], stdin=subprocess.DEVNULL, capture_output=True,
                          text=True, timeout=60, cwd=SEEDS.parent)


@pytest.fixture
def odd_files(tmp_path: Path) -> Path:
    """A folder with a named pipe no one writes to and a file one byte over the cap."""
    os.mkfifo(tmp_path / "pipe.txt")
    with (tmp_path / "big.txt").open("wb") as f:
        f.truncate(MAX_INPUT_BYTES + 1)
    (tmp_path / "good.txt").write_bytes(SEED.read_bytes())
    return tmp_path


def test_extract_reads_only_regular_files_under_the_cap(odd_files: Path) -> None:
    manifest = odd_files / "manifest.json"
    manifest.write_text(json.dumps({"articles": [{"file": n} for n in ("pipe.txt", "/dev/zero", "big.txt",
                                                                       "good.txt")]}))
    done = _nashra("extract", "--manifest", str(manifest), "--json")
    assert done.returncode == 0, done.stderr
    assert [a.get("error") is None for a in json.loads(done.stdout)["articles"]] == [False, False, False, True]
    lines = done.stderr.strip().splitlines()
    assert lines == ["nashra: pipe.txt: is a named pipe, not a file; only regular files are read",
                     "nashra: /dev/zero: is a device, not a file; only regular files are read",
                     f"nashra: big.txt: {MAX_INPUT_BYTES + 1:,} bytes is over the {MAX_INPUT_BYTES:,}-byte cap"]


@pytest.mark.parametrize("name", ["pipe.txt", "/dev/zero"])
def test_a_manifest_that_is_no_file_is_one_line(odd_files: Path, name: str) -> None:
    done = _nashra("extract", "--manifest", str(odd_files / name), "--json")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "only regular files are read" in done.stderr, done.stderr


def test_digest_refuses_a_device_and_a_pipe(odd_files: Path) -> None:
    done = _nashra("digest", "/dev/zero", str(odd_files / "pipe.txt"), str(odd_files / "good.txt"), "--lang", "en")
    assert done.returncode == 0 and "Maliki" in done.stdout
    assert done.stderr.count("only regular files are read") == 2 and "Traceback" not in done.stderr
