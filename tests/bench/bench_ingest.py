"""Ingestion throughput: articles a second from a local feed server through extraction into the
database, beside the pipeline alone on the same pages, so the cost of fetching and storing shows.

The pages are the sample articles with their paragraphs reordered and a numbered line added,
so every page has its own URL and text and none is skipped as a duplicate.
"""

from __future__ import annotations

import asyncio
import os
import random
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

from sqlalchemy import text

from briefings.load import load
from briefings.pipeline import brief
from storage.db import make_engine, make_sessionmaker
from storage.fetch import Fetcher
from storage.ingest import IngestService
from storage.migrate import upgrade
from storage.sources import SourceConfig
from tests.fakes.feed_server import FeedServer, Route, article_page, rss, seed_articles

ARTICLES = 300
SEED = 20240121
DAY = date(2024, 1, 21)


def pages(n: int = ARTICLES) -> list[tuple[str, str, bytes]]:
    """n distinct (path, headline, HTML page) made from the seeds."""
    rng = random.Random(SEED)
    seeds = seed_articles()
    out = []
    for i in range(n):
        stem, headline, paragraphs = seeds[i % len(seeds)]
        body = paragraphs[:1] + rng.sample(paragraphs[1:], len(paragraphs) - 1) + [f"المرجع رقم {i}."]
        out.append((f"/news/{i}-{stem}.html", f"{headline} ({i})", article_page(f"{headline} ({i})", body)))
    return out


def pipeline_only(corpus: list[tuple[str, str, bytes]]) -> float:
    """Articles a second for load + brief alone."""
    started = time.perf_counter()
    for path, _, page in corpus:
        brief(load(page, key=path, published=DAY, url=path))
    return len(corpus) / (time.perf_counter() - started)


async def _ingest(url: str, server: FeedServer, n: int) -> tuple[float, int]:
    engine = make_engine(url)
    try:
        async with Fetcher() as fetcher:
            source = SourceConfig(name="bench", kind="feed", url=server.url("/rss"), local=True, max_entries=n)
            service = IngestService(make_sessionmaker(engine), [source], fetcher)
            await service.sync_sources()
            started = time.perf_counter()
            report = await service.run_once()
            elapsed = time.perf_counter() - started
    finally:
        await engine.dispose()
    return report.new / elapsed, report.new


async def _schema(base: str, sql: str) -> None:
    engine = make_engine(base)
    async with engine.begin() as conn:
        await conn.execute(text(sql))
    await engine.dispose()


def through_database(url: str, server: FeedServer, n: int) -> tuple[float, int]:
    """Articles a second from the feed server into the database at `url` (migrated here first)."""
    upgrade(url)
    return asyncio.run(_ingest(url, server, n))


def run() -> list[str]:
    """The report lines."""
    corpus = pages()
    lines = []
    alone = pipeline_only(corpus)
    lines.append(f"pipeline only (load + brief): {alone:6.1f} articles/s over {len(corpus)} pages")
    with FeedServer() as server:
        for path, _, page in corpus:
            server.routes[path] = Route(body=page, content_type="text/html; charset=utf-8")
        server.routes["/rss"] = Route(body=rss(server.base, [(p, h, DAY) for p, h, _ in corpus]))
        targets: list[tuple[str, str | None]] = [("SQLite", None)]
        if os.environ.get("NASHRA_TEST_DATABASE_URL"):
            targets.append(("PostgreSQL", os.environ["NASHRA_TEST_DATABASE_URL"]))
        for label, base in targets:
            with tempfile.TemporaryDirectory() as tmp:
                if base is None:
                    rate, stored = through_database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}", server, len(corpus))
                else:
                    schema = f"bench_{uuid.uuid4().hex[:8]}"
                    asyncio.run(_schema(base, f'CREATE SCHEMA "{schema}"'))
                    try:
                        rate, stored = through_database(f"{base}?options=-csearch_path%3D{schema}", server, len(corpus))
                    finally:
                        asyncio.run(_schema(base, f'DROP SCHEMA "{schema}" CASCADE'))
            share = 100 * (1 - rate / alone) if alone else 0.0
            lines.append(f"feed -> fetch -> extract -> {label}: {rate:6.1f} articles/s ({stored} stored); "
                         f"fetching and storing take {share:.0f}% of the time")
    return lines


if __name__ == "__main__":
    print("\n".join(run()))
