"""`nashra db` and `nashra ingest --once` as a user runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seeds_dir: Path) -> Path:
    """A working directory with a SQLite database and a sources file naming the seeds."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NASHRA_DATABASE_URL", f"sqlite:///{tmp_path / 'n.sqlite3'}")
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources:\n  - name: seeds\n    kind: folder\n    path: {seeds_dir}\n", encoding="utf-8")
    monkeypatch.setenv("NASHRA_SOURCES_PATH", str(sources))
    return tmp_path


def test_db_upgrade_then_current(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "current"]) == 1
    assert "behind" in capsys.readouterr().out
    assert main(["db", "upgrade"]) == 0
    assert main(["db", "current"]) == 0
    assert "(newest)" in capsys.readouterr().out


def test_ingest_once_migrates_and_stores_each_article_once(env: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--once"]) == 0
    assert "source seeds: 5 new" in capsys.readouterr().out
    assert main(["ingest", "--once"]) == 0
    assert "source seeds: 0 new, 5 already stored" in capsys.readouterr().out


def test_bad_settings_are_one_line(env: Path, monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NASHRA_SOURCES_PATH", str(env / "missing.yaml"))
    assert main(["ingest", "--once"]) == 1
    assert capsys.readouterr().err.strip().startswith("nashra: cannot read sources file")
    monkeypatch.setenv("NASHRA_DATABASE_URL", "mysql://db/x")
    assert main(["db", "upgrade"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "NASHRA_DATABASE_URL" in err
