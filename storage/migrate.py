"""Schema migrations: alembic to head, safe to call at every start."""

from __future__ import annotations

import asyncio
import fcntl
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, text
from sqlalchemy.engine import make_url

from storage.db import make_engine, make_sessionmaker

T = TypeVar("T")
# alembic's `context` is a module-level proxy: two migrations in one process must not overlap
_ONE_AT_A_TIME = threading.Lock()

# Any constant works; it names the one lock every Nashra process takes before changing the schema.
MIGRATION_LOCK = 0x6E617368


def lock_migrations(connection: Connection) -> None:
    """On PostgreSQL, wait for any other process migrating or seeding; held until the transaction ends."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(url: str) -> Config:
    """An alembic configuration for one database, without an ini file."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["url"] = url  # attributes, not options: URLs may hold '%'
    return cfg


def _in_thread(fn: Callable[..., T], *args: Any) -> T:
    # The environment runs its own event loop; a fresh thread keeps that legal
    # when the caller is already inside one (the bot's startup, async tests).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(fn, *args).result()


@contextmanager
def _sqlite_file_lock(url: str) -> Iterator[None]:
    """On a SQLite file, hold an exclusive lock on `<file>.lock` until the block ends; elsewhere nothing.

    SQLite runs each DDL statement in a transaction of its own and the seeding reads before
    it writes, so two processes starting on a fresh file would both create tables and both
    add the gazetteer. PostgreSQL's advisory lock (lock_migrations) does this job there.
    A lock file, not the database: closing any descriptor of the database would drop
    SQLite's own POSIX locks held by this process.
    """
    parsed = make_url(url)
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, or the process dies
        yield


def upgrade(url: str, *, seed: bool = True) -> None:
    """Bring the schema at `url` to the newest revision, index for search what it lacks, then seed the gazetteer.

    Processes starting together wait for each other here; the first migrates, the rest find it done.
    """
    with _ONE_AT_A_TIME, _sqlite_file_lock(url):
        _in_thread(command.upgrade, alembic_config(url), "head")
        _in_thread(lambda: asyncio.run(_index(url)))
        if seed:
            _in_thread(lambda: asyncio.run(_seed(url)))


async def _index(url: str) -> None:
    """Index for search what was stored before the search index existed."""
    from storage.search import index_missing

    engine = make_engine(url)
    try:
        await index_missing(make_sessionmaker(engine))
    finally:
        await engine.dispose()


async def _seed(url: str) -> None:
    from briefings.gazetteer import default_gazetteer  # loads the data files: only when seeding
    from storage.catalog import seed_gazetteer

    engine = make_engine(url)
    try:
        async with make_sessionmaker(engine)() as session, session.begin():
            await session.run_sync(lambda s: lock_migrations(s.connection()))
            await seed_gazetteer(default_gazetteer(), session=session)
    finally:
        await engine.dispose()


def head_revision() -> str | None:
    """The newest revision the code knows."""
    return ScriptDirectory.from_config(alembic_config("")).get_current_head()


def current_revision(url: str) -> str | None:
    """The revision the database at `url` is at, None for an empty one."""
    def read(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async def run() -> str | None:
        engine = make_engine(url)
        try:
            async with engine.connect() as connection:
                return await connection.run_sync(read)
        finally:
            await engine.dispose()

    return _in_thread(lambda: asyncio.run(run()))


def is_current(url: str) -> bool:
    """True when the database at `url` is at the newest revision."""
    return current_revision(url) == head_revision()
