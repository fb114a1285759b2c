"""What storing one article costs the database: a bounded number of statements, however much it merges into."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.model import PlaceRef
from storage.store import store_briefing
from tests.storage.factories import BAGHDAD, article, briefing, incident, statement

Maker = async_sessionmaker[AsyncSession]
PLACES = (BAGHDAD, *(PlaceRef(id=None, name_en=f"Camp {n}", name_ar=f"معسكر {n}", kind="base") for n in "ABCDE"))


def _table(words: list[str]) -> str:
    """The table a statement writes into or first reads from."""
    upper = [w.upper() for w in words]
    for keyword in ("INTO", "FROM"):
        if keyword in upper and upper.index(keyword) + 1 < len(words):
            return words[upper.index(keyword) + 1]
    return ""


@contextmanager
def statements(maker: Maker) -> Iterator[Counter[str]]:
    """The SQL statements sent while the block runs, by verb and table (an executemany is one)."""
    counts: Counter[str] = Counter()
    engine = maker.kw["bind"].sync_engine

    def count(conn: Any, cursor: Any, sql: str, params: Any, context: Any, many: bool) -> None:
        words = sql.split()
        counts[words[0].upper()] += 1
        counts[f"{words[0].upper()} {_table(words)}"] += 1
        if "search_docs" in words[:4]:
            counts["search index writes"] += 1

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counts
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def test_an_article_merging_into_six_incidents_is_stored_in_few_statements(sessionmaker: Maker) -> None:
    first = briefing(article("first"), incidents=tuple(incident(place=p) for p in PLACES))
    second = briefing(article("second", title="قصف جديد", body="نص آخر."),
                      incidents=tuple(incident(place=p) for p in PLACES), statements=(statement(),) * 3)
    async with sessionmaker() as session, session.begin():
        await store_briefing(first, session=session, source_name="x")
    with statements(sessionmaker) as counts:
        async with sessionmaker() as session, session.begin():
            result = await store_briefing(second, session=session, source_name="y")
    assert result.incidents_merged == 6
    # each of the six merged incidents and three statements has its document rewritten, in bulk
    assert counts["search index writes"] <= 2
    assert counts["SELECT"] + counts["INSERT"] + counts["DELETE"] <= 38


async def test_an_article_with_many_records_writes_each_table_once(sessionmaker: Maker) -> None:
    many = briefing(article("many"), incidents=tuple(incident(place=p) for p in PLACES), statements=(statement(),) * 8)
    async with sessionmaker() as session, session.begin():  # the actors and places exist: only the article's rows
        await store_briefing(briefing(article("seen", body="نص سابق."), statements=(statement(),)), session=session,
                             source_name="x")
    with statements(sessionmaker) as counts:
        async with sessionmaker() as session, session.begin():
            result = await store_briefing(many, session=session, source_name="x", index=False)
    assert (result.incidents_new, result.statements) == (6, 8)
    assert counts["INSERT statements"] == counts["INSERT incident_sources"] == 1
    assert counts["SELECT incidents"] == 1  # one look for everything the article's incidents may merge into
