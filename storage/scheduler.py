"""Running ingestion on a schedule inside a long-lived process (the bot, or a worker)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from apscheduler.job import Job
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from storage.ingest import IngestService
from storage.workers import run_round

# How long a bot process holds a source it is polling; matches Settings.worker_lease_seconds.
DEFAULT_LEASE = timedelta(seconds=300)


def add_ingest_jobs(scheduler: AsyncIOScheduler, service: IngestService) -> list[Job]:
    """One interval job per source, first run now; a slow poll is never run twice at once."""
    return [
        scheduler.add_job(service.poll_source, "interval", seconds=source.interval, args=[source],
                          id=f"ingest:{source.name}", name=f"ingest {source.name}", replace_existing=True,
                          next_run_time=datetime.now(UTC), max_instances=1, coalesce=True)
        for source in service.sources
    ]


async def ingest_due(service: IngestService, *, worker: str = "bot", lease: timedelta = DEFAULT_LEASE) -> None:
    """Poll every source that is due, for a periodic job (PTB's JobQueue) to call every minute or so.

    Claims sources with the same leases as the workers, so a bot process and separate
    ingestion workers can share one database without polling a source twice.
    """
    await run_round(service, worker=worker, lease=lease)
