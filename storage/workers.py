"""Ingestion workers: any number of processes share one PostgreSQL and never poll a source at once.

A worker claims due sources with `SELECT … FOR UPDATE SKIP LOCKED` and writes a lease
(owner, until) in the same transaction; it polls them, renewing each lease every third of
its length while the poll runs, then clears the lease. A killed worker stops renewing, its
lease simply runs out and another worker claims the source. On SQLite the lock
clause is dropped and the conditional UPDATE alone keeps claims exclusive.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from contextlib import suppress
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncSession

from storage.ingest import IngestService
from storage.models import Source

log = logging.getLogger("nashra.workers")

CLAIM_BATCH = 8  # sources claimed per transaction: enough to keep a worker busy, few enough to share
IDLE_SECONDS = 30.0  # longest sleep when nothing is due; a new due source waits at most this long


def worker_name() -> str:
    """A name unique to this process, readable in the sources table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def _claimable(now: datetime) -> ColumnElement[bool]:
    return and_(Source.next_due <= now, Source.kind != "manual",
                or_(Source.lease_until.is_(None), Source.lease_until < now))


async def claim_due(*, session: AsyncSession, worker: str, now: datetime, lease: timedelta,
                    limit: int = CLAIM_BATCH) -> list[str]:
    """Lease up to `limit` due sources to `worker`; returns their names. The caller commits."""
    query = (select(Source.id, Source.name).where(_claimable(now)).order_by(Source.next_due, Source.id)
             .limit(limit).with_for_update(skip_locked=True))
    claimed = []
    for source_id, name in (await session.execute(query)).all():
        result = await session.execute(update(Source).where(Source.id == source_id, _claimable(now))
                                       .values(lease_owner=worker, lease_until=now + lease))
        if result.rowcount == 1:  # type: ignore[attr-defined]
            claimed.append(name)
    return claimed


async def release(name: str, *, session: AsyncSession, worker: str) -> None:
    """Clear this worker's lease on a source."""
    await session.execute(update(Source).where(Source.name == name, Source.lease_owner == worker)
                          .values(lease_owner=None, lease_until=None))


async def renew(name: str, *, session: AsyncSession, worker: str, until: datetime) -> bool:
    """Extend this worker's lease on a source; False when the source is no longer leased to it."""
    result = await session.execute(update(Source).where(Source.name == name, Source.lease_owner == worker)
                                   .values(lease_until=until))
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


async def _heartbeat(service: IngestService, name: str, worker: str, lease: timedelta) -> None:
    """Renew the lease every third of its length until cancelled, so a poll longer than the lease keeps its source."""
    while True:
        await asyncio.sleep(lease.total_seconds() / 3)
        try:
            async with service.sessionmaker() as session, session.begin():
                held = await renew(name, session=session, worker=worker, until=service.clock() + lease)
        except SQLAlchemyError as exc:  # the next beat may get through before the lease runs out
            log.warning("source %s: could not renew the lease: %s", name, str(exc).splitlines()[0])
            continue
        if not held:
            log.warning("source %s: lease lost to another worker during the poll", name)
            return


async def run_round(service: IngestService, *, worker: str, lease: timedelta, batch: int = CLAIM_BATCH) -> int:
    """Claim and poll due sources until none is left; returns how many were polled."""
    await service.ensure_synced()
    polled = 0
    while True:
        async with service.sessionmaker() as session, session.begin():
            names = await claim_due(session=session, worker=worker, now=service.clock(), lease=lease, limit=batch)
        if not names:
            return polled
        await asyncio.gather(*(_poll_and_release(service, name, worker, lease) for name in names))
        polled += len(names)


async def _poll_and_release(service: IngestService, name: str, worker: str, lease: timedelta) -> None:
    source = service.source(name)
    if source is None:
        log.warning("source %s: in the database but no longer configured; skipped", name)
    else:
        beat = asyncio.create_task(_heartbeat(service, name, worker, lease))
        try:
            await service.poll_source(source)
        finally:
            beat.cancel()
            with suppress(asyncio.CancelledError):
                await beat
    async with service.sessionmaker() as session, session.begin():
        await release(name, session=session, worker=worker)
        if source is None:  # park it so it is not claimed again every round
            await session.execute(update(Source).where(Source.name == name)
                                  .values(next_due=service.clock() + timedelta(days=365)))


async def next_due_in(service: IngestService) -> float:
    """Seconds until the next source falls due (0 when one is due now), at most IDLE_SECONDS."""
    async with service.sessionmaker() as session:
        soonest = (await session.execute(select(Source.next_due).where(Source.kind != "manual")
                                         .order_by(Source.next_due).limit(1))).scalar_one_or_none()
    if soonest is None:
        return IDLE_SECONDS
    return max(0.0, min(IDLE_SECONDS, (soonest - service.clock()).total_seconds()))


async def poll_until_stopped(service: IngestService, *, lease: timedelta, stop: asyncio.Event) -> None:
    """Poll due sources until `stop` is set; run as many of these as you like against one PostgreSQL."""
    worker = worker_name()
    log.info("worker %s: polling %d sources", worker, len(service.sources))
    while not stop.is_set():
        await run_round(service, worker=worker, lease=lease)
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=max(1.0, await next_due_in(service)))
    log.info("worker %s: stopped", worker)
