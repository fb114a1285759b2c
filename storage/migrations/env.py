"""Alembic environment: runs migrations over the project's async engine."""

from __future__ import annotations

import asyncio
import re
from typing import Any

from alembic import context
from sqlalchemy.engine import Connection

from storage.db import make_engine
from storage.migrate import lock_migrations
from storage.models import Base

# Search's own structures, made by hand in migration 0005 and not in the models: SQLite's FTS5
# table with its shadow tables, and PostgreSQL's tsvector index.
HAND_MADE = re.compile(r"search_fts(_\w+)?|ix_search_docs_tsv\Z")


def _modelled(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """What autogenerate compares: everything but the search structures the models cannot describe."""
    return not (reflected and name and HAND_MADE.match(name))


def _run(connection: Connection) -> None:
    # batch mode lets later migrations alter SQLite tables by copy-and-rename
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                      include_object=_modelled)
    with context.begin_transaction():
        lock_migrations(connection)
        context.run_migrations()


async def _run_async(url: str) -> None:
    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(_run)
            await connection.commit()
    finally:
        await engine.dispose()


asyncio.run(_run_async(context.config.attributes["url"]))
