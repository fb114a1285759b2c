"""`nashra ingest [--once]`: poll the configured sources into the database."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal

from bot.commands.files import report, settings_or_none
from bot.settings import Settings
from briefings.errors import NashraError


def main(args: argparse.Namespace) -> int:
    """Migrate, then poll every source once (--once) or keep polling as a worker until stopped."""
    settings = settings_or_none()
    if settings is None:
        return 2
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    for chatty in ("alembic", "httpx"):  # a line per migration step or request drowns the sources' lines
        logging.getLogger(chatty).setLevel(logging.WARNING)
    from sqlalchemy.exc import DBAPIError, OperationalError

    from storage.migrate import upgrade

    try:
        upgrade(settings.database_url)
        return asyncio.run(once(settings) if args.once else forever(settings))
    except NashraError as exc:
        report(str(exc))
        return 1
    except (OperationalError, DBAPIError, OSError) as exc:
        report(f"cannot reach the database: {str(getattr(exc, 'orig', None) or exc).splitlines()[0]}")
        return 1


async def once(settings: Settings) -> int:
    """Every source once; exit status 1 when any source failed."""
    from bot.compose import open_ingest
    from storage.ingest import describe

    async with open_ingest(settings) as service:
        report = await service.run_once()
    for line in describe(report):
        print(line)
    print(f"{report.new} new articles from {len(report.sources)} sources")
    return 1 if report.failed_sources else 0


async def forever(settings: Settings) -> int:
    """A worker that polls due sources until SIGINT or SIGTERM."""
    from bot.compose import run_worker

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await run_worker(settings, stop=stop)
    return 0
