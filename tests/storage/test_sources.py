"""The sources configuration: what is accepted and how a mistake is reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.compose import configured_sources
from bot.settings import load_settings
from briefings.errors import ConfigError
from storage.sources import load_sources, parse_sources


def test_the_bundled_file_names_the_seeds_folder() -> None:
    [seeds] = load_sources(Path(__file__).resolve().parents[2] / "deploy" / "sources.yaml")
    assert seeds.kind == "folder" and seeds.path is not None and len(list(seeds.path.glob("*.txt"))) == 5


def test_a_sources_table_in_nashra_toml_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "nashra.toml").write_text(
        '[sources.wire]\nkind = "feed"\nurl = "https://news.example/rss"\ninterval = 600\n'
        '[sources.archive]\nkind = "pages"\nurls = ["https://news.example/a.html"]\n', encoding="utf-8")
    sources = configured_sources(load_settings())
    assert [(s.name, s.kind, s.interval, s.local) for s in sources] == [
        ("wire", "feed", 600, False), ("archive", "pages", 900, False)]


@pytest.mark.parametrize(("data", "message"), [
    ([{"name": "x", "kind": "ftp"}], "source x: kind must be one of folder, feed, pages"),
    ([{"name": "x", "kind": "feed"}], "source x: a feed source needs 'url'"),
    ([{"name": "x", "kind": "pages", "urls": "https://a"}], "source x: 'urls' must be a list of page addresses"),
    ([{"name": "x", "kind": "folder", "path": "s", "interval": 1}], "interval must be a number of seconds"),
    ([{"kind": "folder", "path": "s"}], "source #1: needs a name"),
    ([{"name": "x", "kind": "folder", "path": "s"}] * 2, "two sources share a name"),
    ("feeds", "sources must be a list or a table"),
])
def test_mistakes_are_one_clear_line(data: object, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_sources(data, base=Path("."))


def test_invalid_yaml(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_sources(bad)
