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
