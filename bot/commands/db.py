"""`nashra db upgrade|current`: apply the schema migrations, or say where the database stands."""

from __future__ import annotations

import argparse
import sys

from bot.settings import load_settings
from briefings.errors import ConfigError


def _say(message: str) -> None:
    print(f"nashra: {message}", file=sys.stderr)


def main(args: argparse.Namespace) -> int:
    """Upgrade to the newest schema (seeding the gazetteer's actors and places), or report the revision."""
    try:
        settings = load_settings()
    except ConfigError as exc:
        _say(str(exc))
        return 2
    from sqlalchemy.exc import DBAPIError, OperationalError

    from storage.migrate import current_revision, head_revision, upgrade

    try:
        if args.action == "upgrade":
            upgrade(settings.database_url)
            print(f"database at revision {current_revision(settings.database_url)} (newest)")
            return 0
        current, head = current_revision(settings.database_url), head_revision()
        state = "newest" if current == head else f"behind: newest is {head}; run 'nashra db upgrade'"
        print(f"database at revision {current or 'none'} ({state})")
        return 0 if current == head else 1
    except (OperationalError, DBAPIError, OSError) as exc:
        _say(f"cannot reach the database: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
        return 1
