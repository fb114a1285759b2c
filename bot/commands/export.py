"""`nashra export --since DAY [--until DAY] [--format csv|json|geojson] [--output FILE]`: incidents as a table."""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from bot.commands.files import report, settings_or_none
from storage.items import IncidentRecord


def main(args: argparse.Namespace) -> int:
    """Write the incidents that happened between two days, newest first, in one format."""
    try:
        since = date.fromisoformat(args.since)
        until = date.fromisoformat(args.until) if args.until else datetime.now(UTC).date()
    except ValueError:
        report(f"--since and --until take a day as YYYY-MM-DD, not {args.until if args.until else args.since!r}")
        return 2
    if until < since:
        report(f"--until {until} is before --since {since}")
        return 2
    settings = settings_or_none()
    if settings is None:
        return 2
    from sqlalchemy.exc import DBAPIError, OperationalError

    try:
        records = asyncio.run(read(settings.database_url, since, until))
    except (OperationalError, DBAPIError, OSError) as exc:
        report(f"cannot read the database: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
        return 1
    return write(records, args.format, args.output, f"from {since} to {until}")


async def read(url: str, since: date, until: date) -> list[IncidentRecord]:
    """Every incident in the span, in one transaction."""
    from storage import queries
    from storage.db import make_engine, make_sessionmaker

    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            return await queries.incident_records(since, until, session=session)
    finally:
        await engine.dispose()


def write(records: list[IncidentRecord], fmt: str, output: str | None, span: str) -> int:
    """The table on stdout or in a file, and one line on stderr saying what it holds."""
    from bot.tables import WRITERS, event_rows
    from briefings.gazetteer import default_gazetteer

    rows = event_rows(records, default_gazetteer())
    data = WRITERS[fmt](rows)
    try:
        if output:
            Path(output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    except OSError as exc:
        report(f"cannot write {output}: {exc.strerror or exc}")
        return 1
    unplaced = sum(r.latitude is None or r.longitude is None for r in rows) if fmt == "geojson" else 0
    left_out = f" ({unplaced} without coordinates left out)" if unplaced else ""
    report(f"{len(rows)} incidents {span}{left_out} written to {output or 'stdout'}")
    return 0
