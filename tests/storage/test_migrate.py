"""Migrations and engines on each database."""

from __future__ import annotations

from sqlalchemy import inspect

from storage.db import engine_options, make_engine
from storage.migrate import current_revision, head_revision, is_current, upgrade


async def test_upgrade_creates_every_table_and_is_safe_to_repeat(database_url: str) -> None:
    assert not is_current(database_url)
    upgrade(database_url)
    upgrade(database_url)
    assert is_current(database_url)
    assert current_revision(database_url) == head_revision()
    engine = make_engine(database_url)
    async with engine.connect() as conn:
        tables = set(await conn.run_sync(lambda c: inspect(c).get_table_names()))
    await engine.dispose()
    assert {"sources", "articles", "incidents", "incident_sources", "statements", "actors", "actor_aliases",
            "places", "subscribers", "follows", "deliveries"} <= tables


def test_urls_are_taken_as_written() -> None:
    url, _ = engine_options("sqlite:///data/nashra.sqlite3")
    assert url.drivername == "sqlite+aiosqlite" and url.database == "data/nashra.sqlite3"
    url, opts = engine_options("postgresql://u@db:5432/nashra?options=-csearch_path%3Dtenant")
    assert url.drivername == "postgresql+asyncpg" and "options" not in url.query
    assert opts["connect_args"] == {"server_settings": {"search_path": "tenant"}}


async def test_upgrade_seeds_the_bundled_gazetteer_once(database_url: str) -> None:
    from briefings.gazetteer import default_gazetteer
    from storage import queries
    from storage.db import make_sessionmaker

    upgrade(database_url)
    upgrade(database_url)
    engine = make_engine(database_url)
    async with make_sessionmaker(engine)() as session:
        actors = (await queries.stats(session=session))["actors"]
        maliki = await queries.search_actors("بالمالكي", session=session)
    await engine.dispose()
    assert actors == len(default_gazetteer().actors) > 0
    assert maliki[0][0].name_en == "Nouri al-Maliki"


def test_models_and_migrations_agree(migrated_url: str) -> None:
    from alembic import command

    from storage.migrate import alembic_config

    command.check(alembic_config(migrated_url))  # raises when a model change lacks a migration


def test_items_stored_before_the_happened_column_get_their_day(database_url: str) -> None:
    import asyncio
    from datetime import UTC, date, datetime

    from alembic import command
    from sqlalchemy import text

    from storage import queries
    from storage.db import make_sessionmaker
    from storage.migrate import alembic_config

    command.upgrade(alembic_config(database_url), "0003")
    seen = datetime(2024, 1, 21, 23, 30, tzinfo=UTC)

    async def insert() -> None:
        engine = make_engine(database_url)
        async with engine.begin() as conn:
            for ident, day in ((1, date(2021, 5, 2)), (2, None)):
                await conn.execute(text("INSERT INTO incidents (id, type, day, claimed, digest_ar, digest_en, "
                                        "first_seen) VALUES (:id, 'shelling', :day, false, 'قصف', 'Shelling', :seen)"),
                                   {"id": ident, "day": day, "seen": seen})
        await engine.dispose()

    async def latest() -> list[tuple[int, date | None]]:
        engine = make_engine(database_url)
        async with make_sessionmaker(engine)() as session:
            items = await queries.latest_items(session=session)
            recent = await queries.items_since(date(2024, 1, 1), session=session)
        await engine.dispose()
        return [(i.id, i.day) for i in items] + [(i.id, None) for i in recent]

    asyncio.run(insert())
    upgrade(database_url, seed=False)
    # the undated one happened, as far as anyone knows, the day it was seen: it comes first
    assert asyncio.run(latest()) == [(2, None), (1, date(2021, 5, 2)), (2, None)]
