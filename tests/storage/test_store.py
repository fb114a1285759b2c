"""Storing briefings: one article once, one incident per event across outlets."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import queries
from storage.store import StoreResult, canonical_url, store_briefing
from tests.storage.factories import BAGHDAD, STRANGER, article, briefing, incident, statement

NOW = datetime(2024, 1, 21, 9, 0, tzinfo=UTC)
Maker = async_sessionmaker[AsyncSession]


async def _store(maker: Maker, b: object, source: str = "alsumaria") -> StoreResult:
    async with maker() as session, session.begin():
        return await store_briefing(b, session=session, source_name=source, now=NOW)  # type: ignore[arg-type]


async def test_the_same_url_is_stored_once(sessionmaker: Maker) -> None:
    first = briefing(article("a", url="https://News.example/a?utm_source=tg#top"), incidents=(incident(),))
    again = briefing(
        article("a2", body="نص آخر مختلف", url="https://news.example/a"), incidents=(incident(),)
    )
    assert (await _store(sessionmaker, first)).stored
    second = await _store(sessionmaker, again)
    assert not second.stored and second.duplicate_by == "url"
    async with sessionmaker() as session:
        assert (await queries.stats(session=session))["articles"] == 1
        assert await queries.count_items(session=session) == 1


async def test_the_same_text_under_another_url_is_stored_once(sessionmaker: Maker) -> None:
    await _store(sessionmaker, briefing(article("a", url="https://one.example/x")))
    second = await _store(
        sessionmaker,
        briefing(article("b", body="  استهدف هجوم   قاعدة عين الأسد. ", url="https://two.example/y")),
    )
    assert second.duplicate_by == "hash"


async def test_two_outlets_one_incident_two_sources(sessionmaker: Maker) -> None:
    a = briefing(article("a", url="https://one.example/1", source="Outlet One"), incidents=(incident(),))
    b = briefing(
        article("b", body="هجوم بمسيرة على عين الأسد", url="https://two.example/2", source="Outlet Two"),
        incidents=(incident(day="2024-01-21", killed=2),),
    )
    assert (await _store(sessionmaker, a, "one")).incidents_new == 1
    assert (await _store(sessionmaker, b, "two")).incidents_merged == 1
    async with sessionmaker() as session:
        items = await queries.latest_items(session=session)
        stats = await queries.stats(session=session)
    assert stats["articles"] == 2 and stats["incidents"] == 1
    [item] = items
    assert [s.outlet for s in item.sources] == ["Outlet One", "Outlet Two"]
    assert [s.url for s in item.sources] == ["https://one.example/1", "https://two.example/2"]
    assert item.killed == 2


async def test_different_place_type_or_days_stay_apart(sessionmaker: Maker) -> None:
    await _store(sessionmaker, briefing(article("a"), incidents=(incident(),)))
    await _store(sessionmaker, briefing(article("b", body="ب"), incidents=(incident(place=BAGHDAD),)))
    await _store(sessionmaker, briefing(article("c", body="ج"), incidents=(incident(type="rocket_attack"),)))
    await _store(sessionmaker, briefing(article("d", body="د"), incidents=(incident(day="2024-01-25"),)))
    await _store(sessionmaker, briefing(article("e", body="ه"), incidents=(incident(place=None),)))
    async with sessionmaker() as session:
        assert (await queries.stats(session=session))["incidents"] == 5


async def test_two_incidents_in_one_article_are_not_merged_with_each_other(sessionmaker: Maker) -> None:
    result = await _store(sessionmaker, briefing(article("a"), incidents=(incident(), incident())))
    assert result.incidents_new == 2


async def test_unknown_speaker_is_one_actor_by_name(sessionmaker: Maker) -> None:
    await _store(sessionmaker, briefing(article("a"), statements=(statement(STRANGER),)))
    spelled = STRANGER.__class__(
        id=None, name_en="Abu Ali al-Askari", name_ar="ابو علي العسكري", kind="person"
    )
    await _store(sessionmaker, briefing(article("b", body="ب"), statements=(statement(spelled),)))
    async with sessionmaker() as session:
        assert (await queries.stats(session=session))["actors"] == 1
        [(actor, score)] = await queries.search_actors("أبو علي العسكري", session=session)
        items = await queries.actor_items(actor.id, session=session)
    assert score == 100 and len(items) == 2 and {i.kind for i in items} == {"statement"}


async def test_a_failed_article_leaves_nothing(sessionmaker: Maker) -> None:
    try:
        async with sessionmaker() as session, session.begin():
            await store_briefing(
                briefing(article("a"), incidents=(incident(),)), session=session, source_name="x", now=NOW
            )
            raise RuntimeError("crash mid-article")
    except RuntimeError:
        pass
    async with sessionmaker() as session:
        assert await queries.stats(session=session) == {
            "articles": 0,
            "incidents": 0,
            "statements": 0,
            "actors": 0,
            "subscribers": 0,
            "active_subscribers": 0,
            "sources": 0,
        }


def test_canonical_url_drops_tracking_and_fragment() -> None:
    assert canonical_url("HTTPS://Example.com:443/a/?utm_source=x&id=3#frag") == "https://example.com/a/?id=3"
    assert canonical_url("https://x.example/a?fbclid=abc&b=2&a=1") == "https://x.example/a?a=1&b=2"
    # a query that names the article stays, or two articles would be taken for one
    assert canonical_url("https://x.example/news.php?newsid=55") != canonical_url("https://x.example/news.php?newsid=56")
    assert canonical_url(None) is None


async def test_a_stored_article_is_known_by_its_address_or_by_its_text(sessionmaker: Maker) -> None:
    from storage.store import content_hash, text_known

    stored = article("bridge", title="انفجار قرب الجسر", body="دوى انفجار قرب الجسر القديم فجرا.",
                     url="https://river.example/bridge")
    await _store(sessionmaker, briefing(stored))
    same, other = content_hash(stored.title, stored.paragraphs), content_hash("خبر آخر", ("نص لا يشبهه.",))
    async with sessionmaker() as session:
        assert await text_known("https://river.example/bridge", other, session=session)
        assert await text_known("https://river.example/mirror", same, session=session)
        assert await text_known(None, same, session=session)
        assert not await text_known("https://river.example/mirror", other, session=session)
        assert not await text_known(None, other, session=session)
