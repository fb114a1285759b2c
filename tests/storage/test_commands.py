"""`nashra db` and `nashra ingest --once` as a user runs them."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.cli import main
from tests.fakes.feed_server import FeedServer, Route, drip, rss


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


def test_ingest_once_reads_a_folder_a_feed_and_a_page_list(env: Path, seeds_dir: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    folder = env / "saved"
    folder.mkdir()
    for seed in sorted(seeds_dir.glob("*.txt"))[:2]:
        (folder / seed.name).write_bytes(seed.read_bytes())
    with FeedServer() as site:
        items = site.add_seeds()
        site.routes["/rss"] = Route(body=rss(site.base, items[2:4]))
        (env / "sources.yaml").write_text(
            "sources:\n"
            f"  - {{name: saved, kind: folder, path: {folder}}}\n"
            f"  - {{name: wire, kind: feed, url: '{site.url('/rss')}', local: true}}\n"
            f"  - {{name: picks, kind: pages, urls: ['{site.url(items[4][0])}'], local: true}}\n", encoding="utf-8")
        assert main(["ingest", "--once"]) == 0
        out = capsys.readouterr().out
        assert main(["ingest", "--once"]) == 0
        again = capsys.readouterr().out
    for line in ("source saved: 2 new, 0 already stored, 0 failed", "source wire: 2 new, 0 already stored, 0 failed",
                 "source picks: 1 new, 0 already stored, 0 failed", "5 new articles from 3 sources"):
        assert line in out, out
    assert "source picks: 0 new, 1 already stored, 0 failed" in again, again


def test_ingest_once_gives_up_on_dripping_sources_at_their_deadlines(env: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NASHRA_FETCH_DEADLINE_SECONDS", "1")
    monkeypatch.setenv("NASHRA_SOURCE_DEADLINE_SECONDS", "2.5")
    with FeedServer() as site:
        items = site.add_seeds()
        site.routes["/drip.rss"] = Route(body=drip(rss(site.base, items), interval=0.2))
        slow = [f"/slow/{n}.html" for n in range(5)]  # each page fails at the fetch deadline; five outlast the source's
        for path in slow:
            site.routes[path] = Route(body=drip(b"<html>" * 100, interval=0.2), content_type="text/html")
        urls = ", ".join(f"'{site.url(p)}'" for p in slow)
        (env / "sources.yaml").write_text(
            "sources:\n"
            f"  - {{name: drip, kind: feed, url: '{site.url('/drip.rss')}', local: true}}\n"
            f"  - {{name: slow, kind: pages, urls: [{urls}], local: true}}\n"
            f"  - {{name: good, kind: pages, urls: ['{site.url(items[0][0])}'], local: true}}\n", encoding="utf-8")
        started = time.monotonic()
        assert main(["ingest", "--once"]) == 1
        elapsed = time.monotonic() - started
    out = capsys.readouterr().out
    assert "source drip: no complete answer within 1 s" in out, out
    assert "source slow: stopped after 2.5 s with 0 new stored" in out, out
    assert "source good: 1 new" in out, out
    assert elapsed < 15  # without the deadlines the drip feed alone holds the run for three minutes


def test_three_ingestors_starting_on_a_fresh_sqlite_file_all_succeed(env: Path) -> None:
    import subprocess
    import sys

    command = [sys.executable, "-m", "bot.cli", "ingest", "--once"]
    started = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _ in range(3)]  # the environment and working directory are the fixture's
    finished = [process.communicate(timeout=240) for process in started]
    assert [p.returncode for p in started] == [0, 0, 0], [err[-800:] for _out, err in finished]
    stored = sum(int(line.split()[0]) for out, _err in finished for line in out.splitlines()
                 if line.endswith("new articles from 1 sources"))
    assert stored == 5  # each seed once, whichever process got there first
