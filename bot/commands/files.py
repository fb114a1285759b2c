"""What the subcommands share: settings with a one-line failure, and reading article files from disk."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bot.settings import Settings, load_settings
from briefings.errors import ConfigError
from briefings.load import MAX_INPUT_BYTES, load
from briefings.model import Briefing
from briefings.pipeline import brief
from storage.files import read_capped

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")


def report(message: str) -> None:
    """One line on stderr for a person."""
    print(f"nashra: {message}", file=sys.stderr)


def settings_or_none() -> Settings | None:
    """The settings, or None after one line on stderr naming the bad one."""
    try:
        return load_settings()
    except ConfigError as exc:
        report(str(exc))
        return None


def read_article(path: Path, *, key: str, published: date | None) -> Briefing:
    """Read, load and brief one file; InputError with a one-line reason otherwise."""
    raw = read_capped(path, limit=MAX_INPUT_BYTES, name=key)
    return brief(load(raw, key=key, published=published))


def expand(paths: list[str]) -> list[tuple[Path, date | None]]:
    """Files as given, and the article files inside folders, sorted, with the day a folder's manifest gives."""
    from storage.sources import folder_dates

    out: list[tuple[Path, date | None]] = []
    for p in map(Path, paths):
        if p.is_dir():
            days = folder_dates(p)
            out += [(f, days.get(f.name)) for f in sorted(p.iterdir()) if f.suffix.lower() in ARTICLE_SUFFIXES]
        else:
            out.append((p, None))
    return out
