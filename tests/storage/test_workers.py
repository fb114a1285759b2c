"""Ingestion workers sharing one database: leases, SKIP LOCKED, a killed worker, the scheduler."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.model import Article, Briefing
from storage import queries
from storage.fetch import Fetcher, FetchLimits
from storage.ingest import IngestService
from storage.scheduler import add_ingest_jobs, ingest_due
from storage.sources import SourceConfig
from storage.workers import claim_due, run_round
from tests.fakes.feed_server import FeedServer, Route, rss

Maker = async_sessionmaker[AsyncSession]
LEASE = timedelta(minutes=5)
T0 = datetime(2024, 1, 21, 6, 0, tzinfo=UTC)


def bare(article: Article) -> Briefing:
    """No extraction: these tests are about who polls what."""
    return Briefing(article=article)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def site() -> Iterator[FeedServer]:
    with FeedServer() as server:
        for i in range(200):
            server.routes[f"/f/{i}"] = Route(body=rss(server.base, []))
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[Fetcher]:
    async with Fetcher(FetchLimits(timeout=2.0, retries=0)) as f:
        yield f


def many(site: FeedServer, n: int = 200) -> list[SourceConfig]:
    return [SourceConfig(name=f"s{i:03d}", kind="feed", url=site.url(f"/f/{i}"), local=True, interval=3600)
            for i in range(n)]


async def test_two_workers_never_poll_a_source_twice(sessionmaker: Maker, fetcher: Fetcher,
                                                     site: FeedServer, migrated_url: str) -> None:
    clock = Clock()
    sources = many(site)
    a = IngestService(sessionmaker, sources, fetcher, brief=bare, clock=clock)
    b = IngestService(sessionmaker, sources, fetcher, brief=bare, clock=clock)
    await a.sync_sources()
    done = await asyncio.gather(run_round(a, worker="a", lease=LEASE), run_round(b, worker="b", lease=LEASE))
    assert sum(done) == 200
    if migrated_url.startswith("postgresql"):
        assert min(done) > 0  # both worked: locked rows were skipped, not waited for
    assert all(site.hits[f"/f/{i}"] == 1 for i in range(200)), site.hits.most_common(3)
    assert await run_round(a, worker="a", lease=LEASE) == 0  # nothing due until the interval passes
    async with sessionmaker() as session:
        statuses = await queries.source_statuses(session=session)
    assert len(statuses) == 200 and all(s.last_ok == T0 for s in statuses)


async def test_a_killed_workers_sources_are_polled_after_its_lease(sessionmaker: Maker, fetcher: Fetcher,
                                                                  site: FeedServer) -> None:
    clock = Clock()
    sources = many(site, 30)
    survivor = IngestService(sessionmaker, sources, fetcher, brief=bare, clock=clock)
    await survivor.sync_sources()
    async with sessionmaker() as session, session.begin():  # the doomed worker claims, then dies
        lost = await claim_due(session=session, worker="doomed", now=clock(), lease=LEASE, limit=8)
    assert len(lost) == 8

    assert await run_round(survivor, worker="b", lease=LEASE) == 22
    assert all(site.hits[f"/f/{int(name[1:])}"] == 0 for name in lost)

    clock.now += LEASE - timedelta(seconds=1)
    assert await run_round(survivor, worker="b", lease=LEASE) == 0  # the lease still holds
    clock.now += timedelta(seconds=2)
    assert await run_round(survivor, worker="b", lease=LEASE) == 8
    assert all(site.hits[f"/f/{i}"] == 1 for i in range(30))


async def test_a_locked_source_is_skipped_not_waited_for(sessionmaker: Maker, fetcher: Fetcher,
                                                        site: FeedServer, migrated_url: str) -> None:
    if not migrated_url.startswith("postgresql"):
        pytest.skip("row locks are PostgreSQL's; SQLite has one writer")
    sources = many(site, 4)
    service = IngestService(sessionmaker, sources, fetcher, brief=bare, clock=Clock())
    await service.sync_sources()
    async with sessionmaker() as first, first.begin():
        mine = await claim_due(session=first, worker="a", now=T0, lease=LEASE, limit=2)
        async with sessionmaker() as second, second.begin():  # while the first transaction is open
            theirs = await asyncio.wait_for(claim_due(session=second, worker="b", now=T0, lease=LEASE), 5)
    assert len(mine) == 2 and sorted(theirs) == sorted(set(s.name for s in sources) - set(mine))


async def test_ingest_due_polls_only_what_is_due(sessionmaker: Maker, fetcher: Fetcher, seeds_dir: Path) -> None:
    clock = Clock()
    service = IngestService(sessionmaker, [SourceConfig(name="seeds", kind="folder", path=seeds_dir, interval=60)],
                            fetcher, brief=bare, clock=clock)
    await ingest_due(service)  # a fresh service: its sources get their rows first
    clock.now += timedelta(seconds=30)
    await ingest_due(service)
    async with sessionmaker() as session:
        [status] = await queries.source_statuses(session=session)
    assert (status.articles, status.last_polled) == (5, T0)
    clock.now += timedelta(seconds=31)
    await ingest_due(service)
    async with sessionmaker() as session:
        [status] = await queries.source_statuses(session=session)
    assert status.last_polled == clock.now


async def test_scheduler_runs_each_source(sessionmaker: Maker, fetcher: Fetcher, seeds_dir: Path) -> None:
    service = IngestService(sessionmaker, [SourceConfig(name="seeds", kind="folder", path=seeds_dir)], fetcher,
                            brief=bare)
    scheduler = AsyncIOScheduler(timezone=UTC)
    [job] = add_ingest_jobs(scheduler, service)
    scheduler.start()
    try:
        for _ in range(100):
            async with sessionmaker() as session:
                if (await queries.stats(session=session))["articles"] == 5:
                    break
            await asyncio.sleep(0.05)
    finally:
        scheduler.shutdown(wait=False)
    assert job.id == "ingest:seeds"
    async with sessionmaker() as session:
        assert (await queries.stats(session=session))["articles"] == 5


async def test_run_worker_polls_until_stopped(sessionmaker: Maker, migrated_url: str, seeds_dir: Path,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.compose import run_worker
    from bot.settings import load_settings

    monkeypatch.chdir(tmp_path)  # no nashra.toml from elsewhere
    sources = tmp_path / "sources.yaml"
    sources.write_text(f"sources:\n  - name: seeds\n    kind: folder\n    path: {seeds_dir}\n", encoding="utf-8")
    settings = load_settings(database_url=migrated_url, sources_path=sources)
    stop = asyncio.Event()
    worker = asyncio.create_task(run_worker(settings, stop=stop))
    try:
        for _ in range(200):
            async with sessionmaker() as session:
                if (await queries.stats(session=session))["articles"] == 5:
                    break
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.wait_for(worker, 10)
    async with sessionmaker() as session:
        [status] = await queries.source_statuses(session=session)
    assert (status.articles, status.error_count) == (5, 0)


async def test_a_poll_longer_than_its_lease_keeps_the_source(sessionmaker: Maker, site: FeedServer) -> None:
    lease = timedelta(seconds=1)
    site.routes["/slow"] = Route(body=rss(site.base, []), delay=2.5)  # the poll takes two and a half leases
    source = SourceConfig(name="slow", kind="feed", url=site.url("/slow"), local=True, interval=3600)
    async with Fetcher(FetchLimits(timeout=5.0, retries=0)) as fetcher:
        a = IngestService(sessionmaker, [source], fetcher, brief=bare)
        b = IngestService(sessionmaker, [source], fetcher, brief=bare)
        await a.sync_sources()
        first = asyncio.create_task(run_round(a, worker="a", lease=lease))
        by_b = []
        for _ in range(4):  # the second worker looks for due sources every half second meanwhile
            await asyncio.sleep(0.5)
            by_b.append(await run_round(b, worker="b", lease=lease))
        assert await first == 1
    assert by_b == [0, 0, 0, 0] and site.hits["/slow"] == 1
