"""The composition root: the one place that builds the engine, the sessions, the fetcher, the
ingestion service and the Application, for `run`, `shell`, `ingest` and the workers.

    settings ──► engine ──► sessionmaker ──┬──► Application (handlers, delivery, jobs)
                                           └──► IngestService ◄── fetcher, sources, pipeline
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.request import BaseRequest

from bot.app import build_application
from bot.context import NashraApp
from bot.settings import Settings
from storage.config import StorageSettings
from storage.db import make_engine, make_sessionmaker
from storage.fetch import Fetcher, FetchLimits
from storage.ingest import IngestService, describe
from storage.sources import SourceConfig, load_sources

INGEST_TICK = 60  # seconds between looks for sources that are due; each source keeps its own interval
Maker = async_sessionmaker[AsyncSession]


def configured_sources(settings: StorageSettings) -> tuple[SourceConfig, ...]:
    """The sources the settings name; raises ConfigError with one line."""
    return load_sources(settings.sources_path, table=settings.sources)


def make_fetcher(settings: StorageSettings) -> Fetcher:
    """A fetcher with the configured limits."""
    return Fetcher(FetchLimits(timeout=settings.fetch_timeout_seconds, deadline=settings.fetch_deadline_seconds,
                               max_bytes=settings.fetch_max_bytes, retries=settings.fetch_retries))


def ingest_service(settings: StorageSettings, sessionmaker: Maker, fetcher: Fetcher,
                   sources: tuple[SourceConfig, ...]) -> IngestService:
    """The ingestion service over the given sources, briefing with the pipeline."""
    from briefings.pipeline import brief  # loads lexicons and camel-tools data: only where articles are briefed

    return IngestService(sessionmaker, sources, fetcher, brief=brief, concurrency=settings.ingest_concurrency,
                         deadline=settings.source_deadline_seconds)


async def run_ingest(service: IngestService) -> str:
    """Poll every source now; a one-line summary for /ingest and the shell."""
    report = await service.run_once()
    return "; ".join(describe(report)) or "no sources"


# -- the ingestion side: `nashra ingest` and `run --role ingest` --------------------------------


@asynccontextmanager
async def open_ingest(settings: StorageSettings) -> AsyncIterator[IngestService]:
    """An ingestion service over the configured database and sources, its rows synced, closed on exit."""
    sources = configured_sources(settings)
    engine = make_engine(settings.database_url)
    try:
        async with make_fetcher(settings) as fetcher:
            service = ingest_service(settings, make_sessionmaker(engine), fetcher, sources)
            await service.sync_sources()
            yield service
    finally:
        await engine.dispose()


@asynccontextmanager
async def ops_server(settings: Settings | None, sessionmaker: Maker) -> AsyncIterator[None]:
    """A worker's /healthz and /metrics, when NASHRA_METRICS_PORT is set; the bot's start in post_init."""
    if settings is None or settings.metrics_port is None:
        yield
        return
    from bot.ops import start_ops_server

    stop = await start_ops_server(settings.metrics_listen, settings.metrics_port, sessionmaker)
    try:
        yield
    finally:
        await stop()


async def run_worker(settings: Settings, *, stop: asyncio.Event, ops: bool = False) -> None:
    """A worker over the configured database: claims due sources until `stop` is set; `ops` serves /healthz."""
    from storage.workers import poll_until_stopped

    async with open_ingest(settings) as service, ops_server(settings if ops else None, service.sessionmaker):
        await poll_until_stopped(service, lease=timedelta(seconds=settings.worker_lease_seconds), stop=stop)


# -- the bot side: `nashra run` and `nashra shell` --------------------------------------------------


def application(settings: Settings, *, request: BaseRequest | None = None,
                updates_request: BaseRequest | None = None) -> NashraApp:
    """The bot over the configured database; the engine is closed when the Application shuts down."""
    engine = make_engine(settings.database_url)
    app = build_application(settings, make_sessionmaker(engine), delivery_rate=settings.delivery_rate,
                            request=request, updates_request=updates_request)
    app.bot_data.services.on_shutdown.append(engine.dispose)
    return app


def attach_ingest(app: NashraApp, settings: Settings, *, scheduled: bool) -> IngestService:
    """Ingestion inside the bot process: /ingest runs it, and `scheduled` polls due sources every minute."""
    from storage.scheduler import ingest_due

    services = app.bot_data.services
    sources = configured_sources(settings)
    fetcher = make_fetcher(settings)
    service = ingest_service(settings, services.sessionmaker, fetcher, sources)
    services.on_shutdown.append(fetcher.aclose)
    services.ingest = lambda: run_ingest(service)
    if scheduled and app.job_queue is not None:
        app.job_queue.run_repeating(lambda _ctx: ingest_due(service), INGEST_TICK, first=5, name="ingest")
    return service
