"""The bot's queries against real databases."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from briefings.model import ActorRef
from storage import queries
from storage.catalog import seed_gazetteer, upsert_actor
from storage.store import store_briefing
from tests.storage.factories import (
    AIN_ASAD,
    KATAIB,
    SUDANI,
    Entry,
    SmallGazetteer,
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
    # newest first by when it happened, then by when it was seen
    assert [(i.day, i.first_seen) for i in items] == sorted(((i.day, i.first_seen) for i in items), reverse=True)
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


async def test_delivery_ledger_claims_once_and_counts_parts(sessionmaker: Maker) -> None:
    day = date(2024, 1, 21)
    keys = [(1, day, "daily"), (1, day, "alert"), (2, day, "daily")]
    async with sessionmaker() as session, session.begin():
        assert await queries.claim_deliveries(keys, session=session) == set(keys)
        assert await queries.claim_deliveries(keys[:1], session=session) == set()  # a second claim, later
        await queries.record_deliveries([((1, day, "daily"), "sending", 2, None),
                                         ((2, day, "daily"), "blocked", 0, "bot was blocked")], session=session)
    async with sessionmaker() as session, session.begin():
        assert await queries.ledger_rows([*keys, (3, day, "daily")], session=session) == {
            (1, day, "daily"): ("sending", 2), (1, day, "alert"): ("sending", 0), (2, day, "daily"): ("blocked", 0)}
        assert await queries.delivery_status(2, day, session=session) == "blocked"
        assert await queries.delivery_status(3, day, session=session) is None
        future = datetime.now(UTC) + timedelta(minutes=1)
        assert await queries.stuck_deliveries(future, session=session) == [(1, day, "alert"), (1, day, "daily")]
        assert await queries.stuck_deliveries(future - timedelta(hours=1), session=session) == []
        with pytest.raises(ValueError):
            await queries.record_deliveries([((1, day, "daily"), "lost", 0, None)], session=session)


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


# Full names only, as the bundled gazetteer has them: no surname is an alias of its own.
FULL_NAMES = SmallGazetteer(actors={e.id: e for e in [
    Entry(id="sudani", name_en="Mohammed Shia al-Sudani", name_ar="محمد شياع السوداني", kind="person"),
    Entry(id="kadhimi", name_en="Mustafa al-Kadhimi", name_ar="مصطفى الكاظمي", kind="person"),
    Entry(id="kanaani", name_en="Nasser Kanaani", name_ar="ناصر كنعاني", kind="person"),
    Entry(id="masoud", name_en="Masoud Barzani", name_ar="مسعود بارزاني", kind="person"),
    Entry(id="nechirvan", name_en="Nechirvan Barzani", name_ar="نيجيرفان بارزاني", kind="person"),
]})


@pytest.fixture
async def full_names(sessionmaker: Maker) -> Maker:
    """Actors known by their full names only."""
    async with sessionmaker() as session, session.begin():
        await seed_gazetteer(FULL_NAMES, session=session)
    return sessionmaker


@pytest.mark.parametrize(
    ("query", "name_en"),
    [
        ("Sudani", "Mohammed Shia al-Sudani"),
        ("sudani", "Mohammed Shia al-Sudani"),
        ("al sudani", "Mohammed Shia al-Sudani"),
        ("Al-Sudani", "Mohammed Shia al-Sudani"),
        ("Mohammed Sudani", "Mohammed Shia al-Sudani"),
        ("السوداني", "Mohammed Shia al-Sudani"),
        ("سوداني", "Mohammed Shia al-Sudani"),
        ("بالسوداني", "Mohammed Shia al-Sudani"),
        ("Kadhimi", "Mustafa al-Kadhimi"),
        ("الكاظمي", "Mustafa al-Kadhimi"),
        ("كنعاني", "Nasser Kanaani"),
        ("Kanaani", "Nasser Kanaani"),
    ],
)
async def test_a_surname_alone_finds_one_clear_actor(full_names: Maker, query: str, name_en: str) -> None:
    async with full_names() as session:
        found = await queries.search_actors(query, session=session)
    assert [a.name_en for a, _ in found] == [name_en]
    assert found[0][1] >= 90  # as sure as a whole name misspelt by a letter


async def test_a_misspelt_surname_is_found_behind_an_exact_one(full_names: Maker) -> None:
    async with full_names() as session:
        [(sudani, typo)] = await queries.search_actors("Sudany", session=session)
        [(kadhimi, _)] = await queries.search_actors("Kadhimy", session=session)
    assert (sudani.name_en, kadhimi.name_en) == ("Mohammed Shia al-Sudani", "Mustafa al-Kadhimi")
    assert 80 <= typo < 95


async def test_a_shared_surname_offers_everyone_who_bears_it(full_names: Maker) -> None:
    async with full_names() as session:
        found = await queries.search_actors("Barzani", session=session)
        first = await queries.search_actors("Masoud Barzani", session=session)
        none = await queries.search_actors("Hakim", session=session)
    assert sorted(a.name_en for a, _ in found) == ["Masoud Barzani", "Nechirvan Barzani"]
    assert found[0][1] == found[1][1]
    assert [a.name_en for a, _ in first] == ["Masoud Barzani"]  # the given name tells them apart
    assert none == []


async def test_suggestions_start_with_the_surname_asked_for(full_names: Maker) -> None:
    async with full_names() as session:
        suggestions = await queries.suggest_actors("Sudanii al", session=session)
    assert [a.name_en for a in suggestions][:1] == ["Mohammed Shia al-Sudani"]


async def test_an_actor_stored_after_a_search_is_found_by_surname(full_names: Maker) -> None:
    async with full_names() as session:
        assert await queries.search_actors("Halbousi", session=session) == []
    async with full_names() as session, session.begin():
        await upsert_actor(ActorRef(id=None, name_en="Mohamed al-Halbousi", name_ar="محمد الحلبوسي", kind="person"),
                           session=session)
    async with full_names() as session:
        found = await queries.search_actors("Halbousi", session=session)
    assert [a.name_en for a, _ in found] == ["Mohamed al-Halbousi"]


async def test_actor_pages_follow_one_another(filled: Maker) -> None:
    kataib = await _actor_id(filled, "كتائب حزب الله")
    async with filled() as session:
        every = await queries.actor_items(kataib, session=session)
        pages = [await queries.actor_items(kataib, session=session, limit=1, offset=n) for n in range(4)]
    assert [i for page in pages for i in page] == every and len(every) == 3
    assert [(i.day, i.first_seen) for i in every] == sorted(((i.day, i.first_seen) for i in every), reverse=True)
    assert every[-1].sources[0].outlet and every[-1].place_en == AIN_ASAD.name_en


async def test_delivery_ledger_reads_many_keys(sessionmaker: Maker) -> None:
    day = date(2024, 1, 21)
    keys = [(c, day, "daily") for c in range(2500)]  # more than one IN (...) holds
    async with sessionmaker() as session, session.begin():
        assert len(await queries.claim_deliveries(keys, session=session)) == 2500
        await queries.record_deliveries([(k, "sent", 1, None) for k in keys[::2]], session=session)
    async with sessionmaker() as session:
        rows = await queries.ledger_rows(keys, session=session)
    assert Counter(rows.values()) == Counter({("sent", 1): 1250, ("sending", 0): 1250})
