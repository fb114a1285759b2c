"""Handler latency: /latest and /actor through the real Application, over 100,000 stored articles on SQLite."""

from __future__ import annotations

import asyncio
import io
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select
from telegram import Update

from bot.app import build_application, serving
from bot.settings import load_settings
from bot.shell import ShellRequest, update_for
from storage import models as m
from storage.catalog import seed_gazetteer
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.storage.factories import small_gazetteer

ARTICLES = 100_000
CALLS = 200
TARGET_P99_MS = 50.0
BATCH = 5_000


async def _fill(sessionmaker: object) -> None:
    """Half the articles carry an incident, half a statement (bulk rows: the pipeline is not measured here)."""
    async with sessionmaker() as session, session.begin():  # type: ignore[operator]
        await seed_gazetteer(small_gazetteer(), session=session)
        actors = list((await session.execute(select(m.Actor.id))).scalars())
        places = list((await session.execute(select(m.Place.id))).scalars())
    start = datetime(2024, 1, 1, tzinfo=UTC)
    for first in range(0, ARTICLES, BATCH):
        ids = range(first + 1, min(first + BATCH, ARTICLES) + 1)
        async with sessionmaker() as session, session.begin():  # type: ignore[operator]
            seen = {i: start + timedelta(minutes=i) for i in ids}
            await session.execute(insert(m.Article), [
                {"id": i, "key": f"a{i}", "url": f"https://news.example/{i}", "outlet": "Shafaq", "title": f"خبر {i}",
                 "published": seen[i].date(), "fetched": seen[i], "language": "ar", "text": "نص",
                 "content_hash": f"{i:064x}"} for i in ids])
            await session.execute(insert(m.Incident), [
                {"id": i, "type": "drone_attack", "place_id": places[i % len(places)],
                 "perpetrator_id": actors[i % len(actors)], "date_text": None, "day": seen[i].date(),
                 "claimed": False, "digest_ar": f"هجوم {i}", "digest_en": f"Attack {i}", "first_seen": seen[i]}
                for i in ids if i % 2])
            await session.execute(insert(m.IncidentSource), [
                {"incident_id": i, "article_id": i, "quotes": ""} for i in ids if i % 2])
            await session.execute(insert(m.Statement), [
                {"id": i, "article_id": i, "speaker_id": actors[i % len(actors)], "acts": "said",
                 "day": seen[i].date(), "digest_ar": f"تصريح {i}", "digest_en": f"Statement {i}",
                 "first_seen": seen[i]} for i in ids if not i % 2])


def _percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


async def _measure(url: str) -> list[str]:
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    await _fill(sessionmaker)
    shell = ShellRequest(io.StringIO())
    app = build_application(load_settings(), sessionmaker, request=shell, updates_request=ShellRequest(io.StringIO()))
    lines = []
    async with serving(app):
        for text in ("/latest", "/actor Sudani", "/actor السوداني"):
            timings = []
            for n in range(CALLS):
                update = Update.de_json(update_for(text, shell, n + 1, "en"), app.bot)
                started = time.perf_counter()
                await app.process_update(update)
                timings.append((time.perf_counter() - started) * 1000)
            p50, p99 = statistics.median(timings), _percentile(timings, 99)
            verdict = "ok" if p99 <= TARGET_P99_MS else "BELOW TARGET"
            lines.append(f"handler {text}: p50 {p50:.1f} ms, p99 {p99:.1f} ms over {CALLS} calls with "
                         f"{ARTICLES:,} articles (target p99 <= {TARGET_P99_MS:.0f} ms) [{verdict}]")
    await engine.dispose()
    return lines


def run() -> list[str]:
    """Lines of report."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        return asyncio.run(_measure(url))


if __name__ == "__main__":
    print("\n".join(run()))
