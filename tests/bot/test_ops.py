"""/healthz and /metrics, read with httpx from the real `nashra run` after an ingest and a digest."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.ops import start_ops_server
from storage import queries
from storage.db import make_engine, make_sessionmaker
from tests.bot.conftest import Maker
from tests.fakes.bot_api import TOKEN, FakeBotApi
from tests.fakes.feed_server import FeedServer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CHAT = 777


def free_port() -> int:
    """A loopback port nothing listens on (the kernel's pick, released at once)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Every sample of a /metrics page by (name, labels)."""
    return {(s.name, frozenset(s.labels.items())): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def value(page: dict[tuple[str, frozenset[tuple[str, str]]], float], name: str, **labels: str) -> float:
    return page.get((name, frozenset(labels.items())), 0.0)


def sources_file(workdir: Path, feeds: FeedServer) -> Path:
    """The bundled seeds, a feed on a port nothing listens on, and a page the site no longer has."""
    path = workdir / "sources.yaml"
    path.write_text(
        "sources:\n"
        f"  - {{name: seeds, kind: folder, path: '{SEEDS}', interval: 3600}}\n"
        f"  - {{name: gone-feed, kind: feed, url: 'http://127.0.0.1:{free_port()}/rss.xml', local: true}}\n"
        f"  - {{name: gone-page, kind: pages, urls: ['{feeds.url('/news/removed.html')}'], local: true}}\n")
    return path


async def poll_health(url: str, ready: Any, timeout: float) -> dict[str, Any]:
    """GET /healthz until `ready(body)`; the last body."""
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=5) as client:
        while True:
            try:
                body: dict[str, Any] = (await client.get(url)).json()
                if ready(body):
                    return body
            except httpx.TransportError:
                pass  # not listening yet
            if time.monotonic() > deadline:
                raise AssertionError("timed out waiting for /healthz")
            await asyncio.sleep(0.2)


def polled(body: dict[str, Any]) -> bool:
    return (len(body.get("sources", {})) == 3 and all(s["last_polled"] for s in body["sources"].values())
            and body.get("last_digest_run") is not None)


async def test_run_serves_health_and_metrics_after_an_ingest_and_a_digest(
        api: FakeBotApi, sessionmaker: Maker, migrated_url: str, workdir: Path) -> None:
    async with sessionmaker() as session, session.begin():  # due since midnight UTC
        await queries.upsert_subscriber(CHAT, session=session, subscribed=True, timezone="UTC",
                                        digest_time="00:00", language="en")
    api.faults.server_errors = 1  # the digest's first call gets a 502 and is tried again
    port = free_port()
    with FeedServer() as feeds, (workdir / "nashra.log").open("ab") as log:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "NASHRA_TELEGRAM_API_URL": api.base_url,
               "NASHRA_DATABASE_URL": migrated_url, "NASHRA_SOURCES_PATH": str(sources_file(workdir, feeds)),
               "NASHRA_METRICS_PORT": str(port), "NASHRA_FETCH_RETRIES": "0"}
        child = subprocess.Popen([sys.executable, "-m", "bot.cli", "run"], cwd=workdir, env=env,
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=log)
        try:
            health = await poll_health(f"http://127.0.0.1:{port}/healthz", polled, 120)
            async with httpx.AsyncClient(timeout=5) as client:
                response = await client.get(f"http://127.0.0.1:{port}/metrics")
        finally:
            child.send_signal(signal.SIGTERM)
            child.wait(timeout=30)
    assert child.returncode == 0
    assert health["status"] == "ok" and health["database"] == "ok"
    seeds, feed = health["sources"]["seeds"], health["sources"]["gone-feed"]
    assert seeds["last_ok"] and seeds["error_count"] == 0
    assert feed["last_ok"] is None and feed["error_count"] == 1 and feed["last_error"]
    sent = len(api.messages_to(CHAT))
    assert sent >= 1 and health["last_digest_run"]["report"] == {"sent": 1}

    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    page = samples(response.text)
    stored = len(list(SEEDS.glob("*.txt")))
    assert value(page, "nashra_articles_ingested_total", source="seeds") == stored
    assert value(page, "nashra_fetch_errors_total", kind="network") == 1  # the feed nobody serves
    assert value(page, "nashra_fetch_errors_total", kind="http") == 1  # the page the site answers 404 for
    assert value(page, "nashra_extraction_seconds_count", stage="brief") == stored
    assert value(page, "nashra_extraction_seconds_sum", stage="brief") > 0
    assert value(page, "nashra_messages_total", outcome="sent") == sent
    assert value(page, "nashra_messages_total", outcome="failed") == 0
    assert value(page, "nashra_message_retries_total") == 1
    midnight = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    since = (datetime.now(UTC) - midnight).total_seconds()
    assert since - 180 < value(page, "nashra_digest_lag_seconds") <= since  # due at midnight, sent at start
    assert value(page, "nashra_last_digest_run_timestamp_seconds") > time.time() - 180


@pytest.mark.parametrize("url", ["postgresql://postgres@127.0.0.1:{port}/nashra", "sqlite:///{tmp}/gone/db.sqlite3"])
async def test_healthz_is_503_when_the_database_does_not_answer(url: str, tmp_path: Path) -> None:
    engine = make_engine(url.format(port=free_port(), tmp=tmp_path))
    port = free_port()
    stop = await start_ops_server("127.0.0.1", port, make_sessionmaker(engine))
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            response = await client.get(f"http://127.0.0.1:{port}/healthz")
            metrics = await client.get(f"http://127.0.0.1:{port}/metrics")
    finally:
        await stop()
        await engine.dispose()
    body = json.loads(response.text)
    assert response.status_code == 503 and body["status"] == "unhealthy"
    assert body["database"].startswith("unreachable")
    assert metrics.status_code == 200  # the numbers are still there to read


async def test_nothing_listens_unless_a_metrics_port_is_set(api: FakeBotApi, filled: Maker) -> None:
    from bot.app import build_application, serving
    from tests.bot.conftest import settings_for

    port = free_port()
    for setting, listening in ((None, False), (port, True)):
        app = build_application(settings_for(api, metrics_port=setting), filled)
        async with serving(app), httpx.AsyncClient(timeout=5) as client:
            try:
                answered = (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200
            except httpx.ConnectError:
                answered = False
        assert answered is listening
