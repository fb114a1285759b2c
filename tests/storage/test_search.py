"""The search index: filled for items stored before it, and kept in step when another outlet reports an incident."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import models as m
from storage.migrate import upgrade
from storage.search import search
from storage.store import store_briefing
from tests.storage.factories import article, briefing, incident, statement

Maker = async_sessionmaker[AsyncSession]


async def found(maker: Maker, words: str) -> list[str]:
    """The English digests a search shows, newest first."""
    page = await search(maker, words)
    assert page is not None
    return [i.digest_en for i in page.items]


async def test_items_stored_before_the_index_are_found_after_the_upgrade(migrated_url: str,
                                                                         sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await store_briefing(briefing(article("a"), incidents=(incident(),), statements=(statement(),)),
                             session=session, source_name="shafaq")
    async with sessionmaker() as session, session.begin():
        await session.execute(delete(m.SearchDoc))  # as a database from before the index has it
    assert await found(sessionmaker, "drone") == []
    upgrade(migrated_url, seed=False)
    assert await found(sessionmaker, "drone") == ["Drone attack"]
    assert await found(sessionmaker, "السوداني") == ["Sudani warned"]


async def test_a_second_report_makes_its_words_findable(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await store_briefing(briefing(article("b", title="هجوم بطائرة"), incidents=(incident(),)),
                             session=session, source_name="x")
    assert await found(sessionmaker, "الحبانية") == []
    async with sessionmaker() as session, session.begin():
        await store_briefing(briefing(article("c", title="مسيرة فوق الحبانية", body="نص آخر."),
                                      incidents=(incident(),)), session=session, source_name="y")
    page = await search(sessionmaker, "الحبانية")
    assert page is not None and [i.digest_en for i in page.items] == ["Drone attack"]
    assert len(page.items[0].sources) == 2  # one incident, merged, found by the second report's title


def test_an_arabic_word_is_indexed_with_its_bare_forms_each_time_it_appears() -> None:
    from storage.search import document_words

    words = document_words(["وبالصواريخ قصفوا الجسر", None, "rockets hit the bridge وبالصواريخ"]).split()
    assert words.count("وبالصواريخ") == 2 and words.count("صواريخ") == 2  # the repeat keeps its forms
    assert {"جسر", "rockets", "bridge"} <= set(words)
