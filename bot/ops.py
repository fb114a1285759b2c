"""For the operator: /healthz and Prometheus /metrics, served by the running process when asked for.

    GET /healthz   200 {"status": "ok", ...}, or 503 {"status": "unhealthy", ...} when the database
                   does not answer; with each source's last poll and last success, and the last
                   digest run of this process (null in a worker, or before the first run)
    GET /metrics   prometheus-client's text format: storage/metrics.py says what is counted

Off unless NASHRA_METRICS_PORT is set; it listens on NASHRA_METRICS_LISTEN, 127.0.0.1 by
default, since neither page asks who is reading. Served by tornado (PTB's webhook server) in
the process's own event loop, so a health check sees the same database pool the bot uses.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

from bot.context import DigestRun
from storage import queries

log = logging.getLogger("nashra.ops")

# Seconds a health check waits for the database: under the 5 s a probe (compose, Kubernetes)
# usually allows, so an unreachable database answers 503 rather than a probe timeout.
HEALTH_TIMEOUT = 3.0

LastDigest = Callable[[], DigestRun | None]


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


async def health(sessionmaker: async_sessionmaker[AsyncSession],
                 last_digest: LastDigest) -> tuple[bool, dict[str, Any]]:
    """Whether the process can do its work, and what an operator checks first."""
    run = last_digest()
    body: dict[str, Any] = {"status": "ok", "database": "ok", "sources": {},
                            "last_digest_run": None if run is None else {"ended": _when(run.ended),
                                                                        "report": run.report}}
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT), sessionmaker() as session:
            await session.execute(text("SELECT 1"))
            sources = await queries.source_statuses(session=session)
    except Exception as exc:  # any way of not answering is the same answer: unhealthy
        body.update(status="unhealthy", database=f"unreachable ({type(exc).__name__})")
        return False, body
    body["sources"] = {s.name: {"last_polled": _when(s.last_polled), "last_ok": _when(s.last_ok),
                                "error_count": s.error_count, "last_error": s.last_error} for s in sources}
    return True, body


class _Health(RequestHandler):
    def initialize(self, sessionmaker: async_sessionmaker[AsyncSession], last_digest: LastDigest) -> None:
        self.sessionmaker, self.last_digest = sessionmaker, last_digest

    async def get(self) -> None:
        ok, body = await health(self.sessionmaker, self.last_digest)
        self.set_status(200 if ok else 503)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(body, ensure_ascii=False))


class _Metrics(RequestHandler):
    def get(self) -> None:
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(generate_latest())


def _log_request(handler: RequestHandler) -> None:
    """A scrape every few seconds is not news; a 503 is."""
    if handler.get_status() >= 500:
        log.warning("%s %s: %d", handler.request.method, handler.request.uri, handler.get_status())


async def start_ops_server(listen: str, port: int, sessionmaker: async_sessionmaker[AsyncSession],
                           last_digest: LastDigest = lambda: None) -> Callable[[], Awaitable[None]]:
    """Listen in the running event loop; returns how to stop."""
    app = Application([(r"/healthz", _Health, {"sessionmaker": sessionmaker, "last_digest": last_digest}),
                       (r"/metrics", _Metrics)], log_function=_log_request)
    server = HTTPServer(app, xheaders=False)
    server.listen(port, address=listen)
    log.info("health and metrics on http://%s:%d/healthz and /metrics", listen, port)

    async def stop() -> None:
        server.stop()
        await server.close_all_connections()

    return stop
