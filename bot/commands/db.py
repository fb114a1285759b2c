"""`nashra db upgrade|current`: apply the schema migrations, or say where the database stands."""

from __future__ import annotations

import argparse

from bot.commands.files import report, settings_or_none


def main(args: argparse.Namespace) -> int:
    """Upgrade to the newest schema (seeding the gazetteer's actors and places), or report the revision."""
    settings = settings_or_none()
    if settings is None:
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
        report(f"cannot reach the database: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
        return 1
