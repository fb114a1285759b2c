"""The bot's queries against real databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage import queries
from storage.catalog import seed_gazetteer
from storage.store import store_briefing
from tests.storage.factories import (
    AIN_ASAD,
    KATAIB,
    SUDANI,
    article,
    briefing,
    incident,
    small_gazetteer,
    statement,
)

Maker = async_sessionmaker[AsyncSession]
T0 = datetime(2024, 1, 21, 6, 0, tzinfo=UTC)


@pytest.fixture
async def filled(sessionmaker: Maker) -> Maker:
    """Gazetteer seeded; three articles an hour apart: an incident, a statement, both."""
    async with sessionmaker() as session, session.begin():
        await seed_gazetteer(small_gazetteer(), session=session)
    stories = [
        briefing(article("a", url="https://x.example/a"), incidents=(incident(),)),
        briefing(article("b", body="قال السوداني", url="https://x.example/b"), statements=(statement(),)),
        briefing(
            article("c", body="قصف مدفعي وتصريح", url="https://x.example/c"),
            incidents=(incident(type="shelling", en="Shelling"),),
            statements=(statement(KATAIB),),
        ),
    ]
    for hour, b in enumerate(stories):
        async with sessionmaker() as session, session.begin():
            await store_briefing(b, session=session, source_name="feed", now=T0 + timedelta(hours=hour))
    return sessionmaker


async def _actor_id(maker: Maker, name: str) -> int:
    async with maker() as session:
        return (await queries.search_actors(name, session=session))[0][0].id


async def test_latest_items_newest_first_and_paged(filled: Maker) -> None:
    async with filled() as session:
        items = await queries.latest_items(session=session, limit=10)
        page2 = await queries.latest_items(session=session, limit=2, offset=2)
        total = await queries.count_items(session=session)
    assert total == 4 and len(items) == 4
    assert [i.first_seen for i in items] == sorted((i.first_seen for i in items), reverse=True)
    assert items[-1].type == "drone_attack" and items[-1].first_seen == T0
    assert items[-1].first_seen.tzinfo is not None
    assert page2 == items[2:]
    statement_item = next(i for i in items if i.kind == "statement" and i.actor_en == SUDANI.name_en)
    assert statement_item.acts == ("said", "warned") and statement_item.day == date(2024, 1, 21)
    assert statement_item.sources[0].url == "https://x.example/b"


@pytest.mark.parametrize(
    "spelling",
    [
        "السوداني",
        "بالسوداني",
        "والسوداني",
        "السودانى",
        "محمد شياع السوداني",
        "al-Sudani",
        "sudani",
        "SUDANY",
        "السوذاني",
    ],
)
async def test_search_actors_any_spelling(filled: Maker, spelling: str) -> None:
    async with filled() as session:
        found = await queries.search_actors(spelling, session=session)
    assert found and found[0][0].name_en == SUDANI.name_en
    assert 0 <= found[0][1] <= 100


async def test_search_actors_nothing_close_then_suggestions(filled: Maker) -> None:
    async with filled() as session:
        assert await queries.search_actors("الحلبوسي", session=session) == []
        assert await queries.search_actors("xyzzy", session=session) == []
        suggestions = await queries.suggest_actors("مالكيي نوري", session=session)
    assert [a.name_en for a in suggestions][:1] == ["Nouri al-Maliki"]


async def test_seeded_actors_are_found_before_any_article(sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        added = await seed_gazetteer(small_gazetteer(), session=session)
        again = await seed_gazetteer(small_gazetteer(), session=session)
    assert (added, again) == (5, 0)
    async with sessionmaker() as session:
        [(maliki, _)] = await queries.search_actors("المالكي", session=session)
        assert await queries.get_actor(maliki.id, session=session) == maliki
        assert await queries.actor_items(maliki.id, session=session) == []
        assert await queries.get_actor(99999, session=session) is None


async def test_actor_and_place_items(filled: Maker) -> None:
    sudani = await _actor_id(filled, "السوداني")
    kataib = await _actor_id(filled, "كتائب حزب الله")
    async with filled() as session:
        assert [i.kind for i in await queries.actor_items(sudani, session=session)] == ["statement"]
        both = await queries.actor_items(kataib, session=session)
        only = await queries.actor_items(kataib, session=session, kind="incident")
        [(place, _)] = await queries.search_places("عين الاسد", session=session)
        at_place = await queries.place_items(place.id, session=session)
        assert await queries.get_place(place.id, session=session) == place
    assert len(both) == 3 and {i.kind for i in only} == {"incident"} and len(only) == 2
    assert place.name_en == AIN_ASAD.name_en
    assert [i.type for i in at_place] == ["shelling", "drone_attack"]
    assert at_place[0].place_ar == AIN_ASAD.name_ar


async def test_items_between_and_after(filled: Maker) -> None:
    async with filled() as session:
        first_two_hours = await queries.items_between(T0, T0 + timedelta(hours=2), session=session)
        statements = await queries.items_between(
            T0, T0 + timedelta(days=1), session=session, kind="statement"
        )
        after = await queries.items_after("incident", 0, session=session)
        none_after = await queries.items_after("incident", after[-1].id, session=session)
    assert {(i.kind, i.first_seen) for i in first_two_hours} == {
        ("incident", T0),
        ("statement", T0 + timedelta(hours=1)),
    }
    assert len(statements) == 2 and all(i.kind == "statement" for i in statements)
    assert [i.type for i in after] == ["drone_attack", "shelling"] and none_after == []


async def test_subscribers_and_follows(filled: Maker) -> None:
    sudani = await _actor_id(filled, "السوداني")
    async with filled() as session, session.begin():
        assert await queries.get_subscriber(42, session=session) is None
        sub = await queries.upsert_subscriber(
            42, session=session, language="en", subscribed=True, digest_time=time(7, 30)
        )
        await queries.upsert_subscriber(43, session=session, subscribed=True, active=False)
        await queries.follow(42, sudani, session=session)
        await queries.follow(42, sudani, session=session)
        await queries.follow(44, sudani, session=session)
    assert (sub.language, sub.digest_time, sub.active, sub.followed) == ("en", time(7, 30), True, ())
    async with filled() as session, session.begin():
        assert (await queries.get_subscriber(42, session=session)).followed == (sudani,)  # type: ignore[union-attr]
        assert [s.chat_id for s in await queries.subscribers(session=session)] == [42]
        assert [s.chat_id for s in await queries.subscribers(session=session, active=False)] == [43]
        assert [s.chat_id for s in await queries.followers([sudani], session=session)] == [42, 44]
        await queries.unfollow(42, sudani, session=session)
    async with filled() as session:
        assert [s.chat_id for s in await queries.followers([sudani], session=session)] == [44]
        with pytest.raises(TypeError):
            await queries.upsert_subscriber(42, session=session, colour="red")


async def test_delivery_ledger_exactly_once(sessionmaker: Maker) -> None:
    day = date(2024, 1, 21)
    async with sessionmaker() as session, session.begin():
        assert await queries.claim_delivery(1, day, session=session)
        assert not await queries.claim_delivery(1, day, session=session)
        assert await queries.claim_delivery(1, day, session=session, kind="alert")
        assert await queries.claim_delivery(2, day, session=session)
        await queries.finish_delivery(2, day, "blocked", session=session, detail="bot was blocked")
    async with sessionmaker() as session, session.begin():
        assert not await queries.claim_delivery(1, day, session=session)  # a second process, later
        assert await queries.delivery_status(1, day, session=session) == "sending"
        assert await queries.delivery_status(2, day, session=session) == "blocked"
        assert await queries.delivery_status(3, day, session=session) is None
        future = datetime.now(UTC) + timedelta(minutes=1)
        assert await queries.stuck_deliveries(future, session=session) == [
            (1, day, "alert"),
            (1, day, "daily"),
        ]
        assert await queries.stuck_deliveries(future - timedelta(hours=1), session=session) == []
        with pytest.raises(ValueError):
            await queries.finish_delivery(1, day, "lost", session=session)


async def test_stats_and_source_statuses(filled: Maker) -> None:
    async with filled() as session:
        stats = await queries.stats(session=session)
        [status] = await queries.source_statuses(session=session)
    assert stats == {
        "articles": 3,
        "incidents": 2,
        "statements": 2,
        "actors": 3,
        "subscribers": 0,
        "active_subscribers": 0,
        "sources": 1,
    }
    assert (status.name, status.articles, status.error_count) == ("feed", 3, 0)
