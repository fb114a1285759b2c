"""Engines and sessions: one async engine per database URL, SQLite or PostgreSQL."""

from __future__ import annotations

import shlex
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

from storage.config import async_database_url

# How long SQLite waits for another connection's write lock before failing, in ms;
# an article's transaction is short, so a few seconds is generous.
SQLITE_BUSY_TIMEOUT_MS = 10_000


def _libpq_options(url: URL) -> tuple[URL, dict[str, str]]:
    """Move a libpq `options=-c key=value` query into asyncpg server settings.

    asyncpg takes no `options` parameter, yet `?options=-csearch_path%3Dname` is how
    PostgreSQL URLs name a schema; honour it so one database can hold several schemas.
    """
    raw = url.query.get("options")
    if raw is None:
        return url, {}
    settings: dict[str, str] = {}
    words = shlex.split(raw if isinstance(raw, str) else " ".join(raw))
    for i, word in enumerate(words):
        pair = word[2:] if word.startswith("-c") and len(word) > 2 else None
        if word == "-c" and i + 1 < len(words):
            pair = words[i + 1]
        if pair and "=" in pair:
            key, value = pair.split("=", 1)
            settings[key.replace("-", "_")] = value
    return url.difference_update_query(["options"]), settings


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the bot) never wait for the writer (ingest)
    cursor.close()


def engine_options(url: str) -> tuple[URL, dict[str, Any]]:
    """The SQLAlchemy URL with its async driver, and the create_engine keywords it needs."""
    parsed = make_url(async_database_url(url))
    if parsed.get_backend_name() == "postgresql":
        parsed, server_settings = _libpq_options(parsed)
        args = {"server_settings": server_settings} if server_settings else {}
        return parsed, {"connect_args": args, "pool_pre_ping": True}
    return parsed, {}


def make_engine(url: str) -> AsyncEngine:
    """An async engine for `sqlite:///path` or `postgresql://…`, as written."""
    parsed, options = engine_options(url)
    engine = create_async_engine(parsed, **options)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
    return engine


def make_sessionmaker(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions whose objects stay readable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False)
