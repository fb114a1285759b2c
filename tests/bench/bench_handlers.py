"""Handler latency: /latest and /actor through the real Application, over 100,000 stored articles on SQLite.

The actors are the bundled gazetteer's, as `nashra run` seeds them; a third of the items are the
prime minister's, so his pages are the deepest. Each query's last reply is shown beside its figures:
a fast "did you mean" would be no success.
"""

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
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade

ARTICLES = 100_000
CALLS = 200
TARGET_P99_MS = 50.0
BATCH = 5_000
BUSY = "gaz:mohammed-shia-al-sudani"  # the actor behind every third item
QUERIES = ("/latest", "/actor Sudani", "/actor السوداني", "/actor Kadhimi", "/actor Sudany")


async def _fill(sessionmaker: object) -> None:
    """Half the articles carry an incident, half a statement (bulk rows: the pipeline is not measured here)."""
    async with sessionmaker() as session, session.begin():  # type: ignore[operator]
        keys = dict((await session.execute(select(m.Actor.key, m.Actor.id))).all())
        places = list((await session.execute(select(m.Place.id))).scalars())
    others = sorted(keys.values())
    actors = {i: keys[BUSY] if i % 3 == 0 else others[i % len(others)] for i in range(ARTICLES + 1)}
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
                 "perpetrator_id": actors[i], "date_text": None, "day": seen[i].date(),
                 "claimed": False, "digest_ar": f"هجوم {i}", "digest_en": f"Attack {i}", "first_seen": seen[i]}
                for i in ids if i % 2])
            await session.execute(insert(m.IncidentSource), [
                {"incident_id": i, "article_id": i, "quotes": ""} for i in ids if i % 2])
            await session.execute(insert(m.Statement), [
                {"id": i, "article_id": i, "speaker_id": actors[i], "acts": "said",
                 "day": seen[i].date(), "digest_ar": f"تصريح {i}", "digest_en": f"Statement {i}",
                 "first_seen": seen[i]} for i in ids if not i % 2])


def _printed(shell: ShellRequest) -> str:
    """Everything the shell printed so far."""
    return shell.out.getvalue()  # type: ignore[attr-defined, no-any-return]


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
        for text in QUERIES:
            timings = []
            for n in range(CALLS):
                mark = len(_printed(shell))
                update = Update.de_json(update_for(text, shell, n + 1, "en"), app.bot)
                started = time.perf_counter()
                await app.process_update(update)
                timings.append((time.perf_counter() - started) * 1000)
            p50, p99 = statistics.median(timings), _percentile(timings, 99)
            verdict = "ok" if p99 <= TARGET_P99_MS else "BELOW TARGET"
            lines.append(f"handler {text}: p50 {p50:.1f} ms, p99 {p99:.1f} ms over {CALLS} calls with "
                         f"{ARTICLES:,} articles (target p99 <= {TARGET_P99_MS:.0f} ms) [{verdict}]")
            lines.append(f"  -> {_printed(shell)[mark:].strip().splitlines()[0][:80]}")
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
