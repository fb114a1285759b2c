"""The ingestion service: poll a source, brief each new article once, store it in a batch.

    poll_source(source)
      1. read the listing    folder files | feed (conditional GET, safe XML) | page URLs
      2. skip the known      URLs already stored (one query): no fetch; same text already stored: no brief
      3. fetch and load      page bytes -> briefings.load (trafilatura inside), one article after another
      4. brief and store     briefings.pipeline.brief -> store_briefing; meanwhile the briefings ready
                             are stored, up to STORE_BATCH per transaction, each in its own savepoint
      5. record the poll     last_polled, last_ok, error_count, validators, next_due

An article is seen only once its transaction commits: a crash loses the uncommitted batch,
which the next poll fetches again. A poll stopped at its deadline lets the batch under way
commit first, so its report counts every article it stored. One article the store fails on
rolls back its savepoint alone and is counted failed.

A fetch has its own deadline (storage.fetch) and a whole poll another, so one slow site
holds neither its source nor a round for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.errors import FetchError, InputError
from briefings.load import MAX_INPUT_BYTES
from briefings.load import load as load_article
from briefings.model import Article, Briefing
from storage.catalog import forget_rows
from storage.feeds import parse_feed
from storage.fetch import Fetcher
from storage.files import read_capped
from storage.metrics import ARTICLES_INGESTED, EXTRACTION_SECONDS, FETCH_ERRORS, fetch_error_kind
from storage.models import Source
from storage.search import index_article
from storage.sources import SourceConfig, folder_dates
from storage.store import (
    StoreResult,
    canonical_url,
    content_hash,
    lock_for_batch,
    store_briefing,
    text_known,
    urls_known,
)

log = logging.getLogger("nashra.ingest")

FOLDER_SUFFIXES = (".txt", ".html", ".htm")
Clock = Callable[[], datetime]
Loader = Callable[..., Article]
Briefer = Callable[[Article], Briefing]
Ready = asyncio.Queue[Briefing | Exception | None]  # briefings to store, then the end: None or an error
# Each conflict means another worker committed a row this article needs (the article itself,
# a place, an actor); the next attempt reads it. One per row a store can meet, with room.
STORE_ATTEMPTS = 5
# Articles stored per transaction at most: a batch is what briefing made ready while the last
# one was stored, so it stays small while the store keeps up. Each commit costs a sync, and an
# incident merged into by several articles of a batch is indexed once. The cap bounds how long
# the write lock is held and what a crash makes the next poll fetch again (bench_ingest on
# SQLite, 2 cores: one article per transaction 9-11 articles/s, batches 15-17).
STORE_BATCH = 32
# PostgreSQL's transaction-rollback class: a deadlock or a serialization failure between two batches.
RETRY_SQLSTATE_CLASS = "40"


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


@dataclass(slots=True, kw_only=True)
class SourceReport:
    """What one poll of one source did."""

    name: str
    new: int = 0  # articles stored
    duplicates: int = 0  # already stored (by URL or text)
    failed: int = 0  # articles that could not be fetched or read
    not_modified: bool = False  # the feed answered 304
    error: str | None = None  # the source itself failed

    @property
    def ok(self) -> bool:
        """True when the source could be read."""
        return self.error is None


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestReport:
    """What one round over every source did."""

    sources: tuple[SourceReport, ...] = field(default=())

    @property
    def new(self) -> int:
        """Articles stored in the round."""
        return sum(s.new for s in self.sources)

    @property
    def failed_sources(self) -> tuple[str, ...]:
        """Names of the sources that could not be read."""
        return tuple(s.name for s in self.sources if not s.ok)


@dataclass(frozen=True, slots=True, kw_only=True)
class _Candidate:
    """An article a listing names: a file, a feed entry or a page."""

    key: str
    url: str | None = None
    path: Path | None = None
    published: date | None = None


def _default_brief() -> Briefer:
    # imported on first use: the pipeline loads its lexicons and camel-tools data (the composition root passes it)
    from briefings.pipeline import brief

    return brief


class IngestService:
    """Polls configured sources into the database."""

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession], sources: Sequence[SourceConfig],
                 fetcher: Fetcher, *, clock: Clock = utcnow, load: Loader | None = None,
                 brief: Briefer | None = None, concurrency: int = 4, deadline: float | None = None) -> None:
        self.sessionmaker, self.sources, self.fetcher = sessionmaker, tuple(sources), fetcher
        self.clock = clock
        self.deadline = deadline  # seconds one poll of one source may take; None for no limit
        self._load, self._brief = load or load_article, brief
        self._gate = asyncio.Semaphore(concurrency)
        self._synced = False

    def source(self, name: str) -> SourceConfig | None:
        """A configured source by name."""
        return next((s for s in self.sources if s.name == name), None)

    async def sync_sources(self) -> None:
        """Make a row for every configured source, due now if new; update changed addresses."""
        try:
            await self._sync()
        except IntegrityError:  # another process starting at the same moment added a row first
            await self._sync()
        self._synced = True

    async def _sync(self) -> None:
        async with self.sessionmaker() as session, session.begin():
            rows = {r.name: r for r in (await session.execute(select(Source))).scalars()}
            for s in self.sources:
                row = rows.get(s.name)
                if row is None:
                    session.add(Source(name=s.name, kind=s.kind, url=s.location, interval_seconds=s.interval,
                                       error_count=0, next_due=self.clock()))
                else:
                    row.kind, row.url, row.interval_seconds = s.kind, s.location, s.interval

    async def ensure_synced(self) -> None:
        """Sync the sources table once per service."""
        if not self._synced:
            await self.sync_sources()

    async def run_once(self) -> IngestReport:
        """Poll every source once, a few at a time; one source failing never stops the others."""
        await self.ensure_synced()
        reports = await asyncio.gather(*(self.poll_source(s) for s in self.sources))
        return IngestReport(sources=tuple(reports))

    async def poll_source(self, source: SourceConfig) -> SourceReport:
        """Poll one source and record how it went."""
        await self.ensure_synced()
        report = SourceReport(name=source.name)
        async with self._gate:
            validators: tuple[str | None, str | None] = (None, None)
            try:
                async with asyncio.timeout(self.deadline):
                    validators = await self._poll(source, report)
            except TimeoutError as exc:  # what was stored stays stored; the next poll skips it and goes on
                report.error = f"stopped after {self.deadline:g} s with {report.new} new stored"
                log.warning("source %s: %s", source.name, report.error)
                FETCH_ERRORS.labels(fetch_error_kind(exc)).inc()
            except FetchError as exc:
                report.error = str(exc)
                log.warning("source %s: %s", source.name, exc)
                FETCH_ERRORS.labels(fetch_error_kind(exc)).inc()
            except Exception as exc:  # a bug, not a bad source: keep the traceback for the admin
                report.error = f"internal error ({type(exc).__name__})"
                log.exception("source %s: internal error", source.name)
                FETCH_ERRORS.labels(fetch_error_kind(exc)).inc()
            await self._record(source, report, validators)
        if report.ok:
            log.info("source %s: %d new, %d already stored, %d failed%s", source.name, report.new,
                     report.duplicates, report.failed, " (not modified)" if report.not_modified else "")
        return report

    # -- 1. listings -----------------------------------------------------------------------

    async def _poll(self, source: SourceConfig, report: SourceReport) -> tuple[str | None, str | None]:
        validators: tuple[str | None, str | None] = (None, None)  # only a feed answers with ETag/Last-Modified
        if source.kind == "folder":
            candidates = self._folder(source)
        elif source.kind == "feed":
            candidates, validators = await self._feed(source, report)
        else:
            candidates = [_Candidate(key=u, url=u) for u in source.urls]
        await self._ingest_all(source, candidates, report)
        return validators

    def _folder(self, source: SourceConfig) -> list[_Candidate]:
        assert source.path is not None
        if not source.path.is_dir():
            raise FetchError(f"folder {source.path} does not exist", kind="missing")
        files = sorted(p for p in source.path.iterdir() if p.suffix.lower() in FOLDER_SUFFIXES and p.is_file())
        dates = folder_dates(source.path)
        return [_Candidate(key=p.name, path=p, published=dates.get(p.name)) for p in files]

    async def _feed(self, source: SourceConfig,
                    report: SourceReport) -> tuple[list[_Candidate], tuple[str | None, str | None]]:
        assert source.url is not None
        async with self.sessionmaker() as session:
            row = (await session.execute(select(Source).where(Source.name == source.name))).scalar_one()
            etag, modified = row.etag, row.last_modified
        fetched = await self.fetcher.get(source.url, local=source.local_hosts, etag=etag, last_modified=modified)
        if fetched.not_modified:
            report.not_modified = True
            return [], (etag, modified)
        entries = parse_feed(fetched.body, charset=fetched.charset)[: source.max_entries]
        candidates = [_Candidate(key=e.url, url=e.url, published=e.published) for e in entries if e.url]
        return candidates, (fetched.etag, fetched.last_modified)

    # -- 2-4. the articles -----------------------------------------------------------------

    async def _ingest_all(self, source: SourceConfig, candidates: Sequence[_Candidate],
                          report: SourceReport) -> None:
        """Brief the articles one after another in one task; store what is ready in this one, a batch at a time."""
        known = await self._known_urls([c.url for c in candidates if c.url])
        fresh = [c for c in candidates if not (c.url and canonical_url(c.url) in known)]
        report.duplicates += len(candidates) - len(fresh)
        ready: Ready = asyncio.Queue(maxsize=STORE_BATCH)
        producer = asyncio.create_task(self._brief_all(source, fresh, report, ready))
        try:
            end: Exception | bool = False
            while end is False:
                batch, end = await _take_batch(ready)
                if batch:
                    await _uncancelled(self._store_batch(batch, source, report))
            if isinstance(end, Exception):
                raise end
        finally:
            producer.cancel()  # the store failed or the poll was stopped: what is not committed is fetched again
            await asyncio.wait([producer])

    async def _brief_all(self, source: SourceConfig, candidates: Sequence[_Candidate], report: SourceReport,
                         ready: Ready) -> None:
        """Put each briefing in `ready`, then the end: None, or the error that stopped it.

        Nothing is put once cancelled: the store has stopped, and a full queue would wait forever.
        """
        try:
            for candidate in candidates:
                briefing = await self._read_and_brief(source, candidate, report)
                if briefing is not None:
                    await ready.put(briefing)
        except Exception as exc:  # a bug, not a bad article: what was briefed before it is stored first
            await ready.put(exc)
        else:
            await ready.put(None)

    async def _read_and_brief(self, source: SourceConfig, candidate: _Candidate,
                              report: SourceReport) -> Briefing | None:
        try:
            article = await self._read(source, candidate)
        except (FetchError, InputError) as exc:
            report.failed += 1
            log.warning("source %s: %s: %s", source.name, candidate.key, exc)
            FETCH_ERRORS.labels(fetch_error_kind(exc)).inc()
            return None
        if await self._known_text(article):
            report.duplicates += 1
            return None
        # load and brief are CPU-bound: a worker thread keeps the bot's event loop answering
        try:
            return await asyncio.to_thread(self._timed_brief, article)
        except Exception:  # a pipeline bug on one article must not cost the rest of the source
            report.failed += 1
            log.exception("source %s: %s: could not be briefed", source.name, candidate.key)
            return None

    def _timed_brief(self, article: Article) -> Briefing:
        with EXTRACTION_SECONDS.labels("brief").time():
            return self._briefer()(article)

    def _timed_load(self, raw: bytes, **kwargs: Any) -> Article:
        with EXTRACTION_SECONDS.labels("load").time():
            return self._load(raw, **kwargs)

    def _briefer(self) -> Briefer:
        if self._brief is None:
            self._brief = _default_brief()
        return self._brief

    async def _read(self, source: SourceConfig, candidate: _Candidate) -> Article:
        load = self._timed_load
        if candidate.path is not None:
            raw = await asyncio.to_thread(read_capped, candidate.path, limit=MAX_INPUT_BYTES, name=candidate.key)
            article = await asyncio.to_thread(load, raw, key=candidate.key, published=candidate.published)
        else:
            assert candidate.url is not None
            fetched = await self.fetcher.get(candidate.url, local=source.local_hosts)
            # the URL as listed, not as redirected to: it is what the next poll checks
            article = await asyncio.to_thread(load, fetched.body, key=candidate.key, published=candidate.published,
                                              url=canonical_url(candidate.url), charset=fetched.charset)
        return replace(article, source=source.outlet or source.name)

    async def _known_urls(self, urls: Sequence[str]) -> set[str]:
        if not urls:
            return set()
        async with self.sessionmaker() as session:
            return await urls_known(urls, session=session)

    async def _known_text(self, article: Article) -> bool:
        async with self.sessionmaker() as session:
            digest = content_hash(article.title, article.paragraphs)
            return await text_known(canonical_url(article.url), digest, session=session)

    async def _store_batch(self, batch: Sequence[Briefing], source: SourceConfig, report: SourceReport) -> None:
        """Store a batch in one transaction; after repeated conflicts with other workers, one per transaction."""
        outcomes: list[StoreResult | Exception] | None = None
        for _ in range(STORE_ATTEMPTS):
            try:
                outcomes = await self._store_together(batch, source)
                break
            except DBAPIError as exc:
                if not _conflict(exc):
                    raise
        if outcomes is None:
            outcomes = [await self._store(b, source) for b in batch]
        for briefing, outcome in zip(batch, outcomes, strict=True):
            if isinstance(outcome, Exception):
                report.failed += 1
                log.error("source %s: %s: could not be stored", source.name, briefing.article.key, exc_info=outcome)
            elif outcome.stored:
                report.new += 1
                ARTICLES_INGESTED.labels(source.name).inc()
            else:
                report.duplicates += 1

    async def _store_together(self, batch: Sequence[Briefing], source: SourceConfig) -> list[StoreResult | Exception]:
        """One transaction, each article in its own savepoint: one that fails rolls back alone."""
        outcomes: list[StoreResult | Exception] = []
        async with self.sessionmaker() as session, session.begin():
            await lock_for_batch(batch, session=session)
            for briefing in batch:
                try:
                    async with session.begin_nested():
                        outcomes.append(await store_briefing(briefing, session=session, source_name=source.name,
                                                             now=self.clock(), index=False))
                except DBAPIError:
                    raise  # the database's own trouble, or another worker's row: the whole batch again
                except Exception as exc:  # a bug on one article: the others are stored
                    forget_rows(session=session)
                    outcomes.append(exc)
            stored = [o for o in outcomes if isinstance(o, StoreResult)]
            await index_article({i for o in stored for i in o.incident_ids},
                                [i for o in stored for i in o.statement_ids], session=session)
        return outcomes

    async def _store(self, briefing: Briefing, source: SourceConfig) -> StoreResult:
        """Store in one transaction; a row another worker wrote meanwhile makes it a duplicate."""
        for _ in range(STORE_ATTEMPTS - 1):
            with contextlib.suppress(IntegrityError):
                return await self._store_once(briefing, source)
        return await self._store_once(briefing, source)

    async def _store_once(self, briefing: Briefing, source: SourceConfig) -> StoreResult:
        async with self.sessionmaker() as session, session.begin():
            return await store_briefing(briefing, session=session, source_name=source.name, now=self.clock())

    # -- 5. the record ---------------------------------------------------------------------

    async def _record(self, source: SourceConfig, report: SourceReport,
                      validators: tuple[str | None, str | None]) -> None:
        now = self.clock()
        async with self.sessionmaker() as session, session.begin():
            row = (await session.execute(select(Source).where(Source.name == source.name))).scalar_one()
            row.last_polled = now
            row.next_due = now + timedelta(seconds=source.interval)
            if report.ok:
                row.last_ok, row.last_error = now, None
                row.etag, row.last_modified = validators
            else:
                row.error_count += 1
                row.last_error = report.error


async def _take_batch(ready: Ready) -> tuple[list[Briefing], Exception | bool]:
    """The briefings ready now (waiting for one), at most STORE_BATCH; and the end if it came: True or the error."""
    batch: list[Briefing] = []
    item = await ready.get()
    while isinstance(item, Briefing):
        batch.append(item)
        if len(batch) == STORE_BATCH or ready.empty():
            return batch, False
        item = ready.get_nowait()
    return batch, True if item is None else item


async def _uncancelled(store: Coroutine[Any, Any, None]) -> None:
    """Run `store` to its end even if the poll is stopped meanwhile, then let the stop through.

    A commit cancelled while the database answers may have been made all the same: the report
    would then count fewer new articles than were stored. A batch is short; the stop waits for it.
    """
    task = asyncio.ensure_future(store)
    try:
        await asyncio.shield(task)
    except asyncio.CancelledError:
        await asyncio.wait([task])
        raise


def _conflict(exc: DBAPIError) -> bool:
    """True for an error another worker caused, which a new attempt reads past."""
    code = getattr(exc.orig, "sqlstate", None) or ""
    return isinstance(exc, IntegrityError) or str(code).startswith(RETRY_SQLSTATE_CLASS)


def describe(report: IngestReport) -> list[str]:
    """One line per source for the command line."""
    lines = []
    for s in report.sources:
        if s.ok:
            lines.append(f"source {s.name}: {s.new} new, {s.duplicates} already stored, {s.failed} failed"
                         + (" (not modified)" if s.not_modified else ""))
        else:
            lines.append(f"source {s.name}: {s.error}")
    return lines
