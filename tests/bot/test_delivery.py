"""Delivery through the fake Bot API: limits, retries, blocked users and a crash in the middle."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta

import pytest
from telegram import Bot

from bot.delivery import Delivery, Outgoing
from storage import queries
from tests.bot.conftest import Maker
from tests.bot.helpers import replies
from tests.fakes.bot_api import TOKEN, FakeBotApi

DAY = date(2024, 1, 21)
BLOCKED = 500_017


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    """A plain PTB Bot talking to the fake server."""
    async with Bot(TOKEN, base_url=api.base_url) as b:
        yield b


async def add_subscribers(sessionmaker: Maker, chat_ids: list[int]) -> None:
    async with sessionmaker() as session, session.begin():
        for chat_id in chat_ids:
            await queries.upsert_subscriber(chat_id, session=session, subscribed=True, active=True)


def jobs(chat_ids: list[int]) -> list[Outgoing]:
    return [Outgoing(chat_id=c, day=DAY, chunks=(f"<b>Digest</b> for {c}",)) for c in chat_ids]


async def statuses(sessionmaker: Maker, chat_ids: list[int]) -> Counter[str | None]:
    async with sessionmaker() as session:
        return Counter([await queries.delivery_status(c, DAY, session=session) for c in chat_ids])


async def quiet(api: FakeBotApi, seconds: float = 0.3) -> None:
    """Wait until the server has seen no new message for a while."""
    last = -1
    while len(api.sent) != last:
        last = len(api.sent)
        await asyncio.sleep(seconds)


async def test_thousand_subscribers_blocked_one_429_burst_and_a_crash(api: FakeBotApi, bot: Bot,
                                                                      sessionmaker: Maker) -> None:
    chats = [500_000 + i for i in range(1000)]
    await add_subscribers(sessionmaker, chats)
    api.faults.blocked = {BLOCKED}
    api.faults.retry_after_burst = 25
    api.faults.server_errors = 5
    api.faults.hang_after = 400  # then the process dies with requests in flight
    first = Delivery(bot, sessionmaker, rate=2000, concurrency=16, backoff=0.01)
    task = asyncio.create_task(first.send_all(jobs(chats)))
    while api.hung < 16:
        await asyncio.sleep(0.02)
    await quiet(api)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    api.faults.hang_after = None
    api.reset_hung()

    restarted = Delivery(bot, sessionmaker, rate=2000, concurrency=16, backoff=0.01)
    report = await restarted.send_all(jobs(chats))
    assert report["skipped"] >= 400 and report["error"] == 0

    per_chat = Counter(s.chat_id for s in api.sent if s.method == "sendMessage")
    assert all(per_chat[c] >= 1 for c in chats if c != BLOCKED)  # nothing lost
    assert sum(n - 1 for n in per_chat.values()) == 16  # the calls in flight at the crash, sent again
    assert per_chat[BLOCKED] == 0
    assert api.faults.retry_after_burst == 0 and api.faults.server_errors == 0  # all honoured
    ledger = await statuses(sessionmaker, chats)
    assert ledger == Counter({"sent": 999, "blocked": 1})
    async with sessionmaker() as session:
        blocked = await queries.get_subscriber(BLOCKED, session=session)
        active = await queries.subscribers(session=session)
    assert blocked is not None and not blocked.active and len(active) == 999


async def test_a_cancelled_run_resends_only_what_was_in_flight(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    chats = list(range(1, 61))
    await add_subscribers(sessionmaker, chats)
    api.faults.hang_after = 10  # the next three requests are recorded and never answered
    first = Delivery(bot, sessionmaker, rate=2000, concurrency=3)
    task = asyncio.create_task(first.send_all(jobs(chats)))
    while api.hung < 3:
        await asyncio.sleep(0.02)
    await _die(task, api)
    # rows are claimed as their request leaves: sent ones recorded, three in flight, the rest untouched
    assert await statuses(sessionmaker, chats) == Counter({"sent": 10, "sending": 3, None: 47})

    again = Delivery(bot, sessionmaker, rate=2000, concurrency=3)
    report = await again.send_all(jobs(chats))
    assert report == Counter({"sent": 50, "skipped": 10})
    assert Counter(Counter(s.chat_id for s in api.sent).values()) == Counter({1: 57, 2: 3})  # in flight: twice


async def test_a_long_digest_resumes_at_its_first_unconfirmed_part(api: FakeBotApi, bot: Bot,
                                                                   sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [8])
    api.faults.hang_after = 2  # parts one and two are confirmed, three is in flight when the process dies
    parts = ("one", "two", "three", "four")
    first = Delivery(bot, sessionmaker, rate=100, chat_interval=0.01)
    task = asyncio.create_task(first.deliver(Outgoing(chat_id=8, day=DAY, chunks=parts)))
    while api.hung < 1:
        await asyncio.sleep(0.02)
    await _die(task, api)

    again = Delivery(bot, sessionmaker, rate=100, chat_interval=0.01)
    assert await again.deliver(Outgoing(chat_id=8, day=DAY, chunks=parts)) == "sent"
    assert [s.plain for s in api.messages_to(8)] == ["one", "two", "three", "three", "four"]
    assert await again.deliver(Outgoing(chat_id=8, day=DAY, chunks=parts)) == "skipped"


async def test_stop_lets_calls_in_flight_finish_and_sends_nothing_new(api: FakeBotApi, bot: Bot,
                                                                      sessionmaker: Maker) -> None:
    chats = list(range(100, 160))
    await add_subscribers(sessionmaker, chats)
    delivery = Delivery(bot, sessionmaker, rate=20)
    task = asyncio.create_task(delivery.send_all(jobs(chats)))
    while len(api.sent) < 10:
        await asyncio.sleep(0.01)
    delivery.stop()
    report = await asyncio.wait_for(task, 2)
    sent = len(api.sent)
    assert report["sent"] == sent and report["sent"] + report["stopped"] == 60 and sent < 20
    assert await statuses(sessionmaker, chats) == Counter({"sent": sent, None: 60 - sent})  # nothing left open

    after = Delivery(bot, sessionmaker, rate=200)
    assert await after.send_all(jobs(chats)) == Counter({"sent": 60 - sent, "skipped": sent})
    assert Counter(Counter(s.chat_id for s in api.sent).values()) == Counter({1: 60})


async def test_one_delivery_twice_in_a_run_is_sent_once(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [5, 6])
    delivery = Delivery(bot, sessionmaker, rate=100, concurrency=4)
    report = await delivery.send_all(jobs([5, 6, 5, 6, 5]))
    assert report == Counter({"sent": 2, "skipped": 3})
    assert sorted(s.chat_id for s in api.sent) == [5, 6]
    assert await statuses(sessionmaker, [5, 6]) == Counter({"sent": 2})


async def test_a_large_run_under_a_rate_limit_records_every_outcome(api: FakeBotApi, bot: Bot,
                                                                    sessionmaker: Maker) -> None:
    chats = [600_000 + i for i in range(300)]
    await add_subscribers(sessionmaker, chats)
    api.faults.rate_per_second = 150  # the fake refuses what goes over, as Telegram does
    api.faults.blocked = {600_007}
    delivery = Delivery(bot, sessionmaker, rate=150)
    report = await delivery.send_all(jobs(chats))
    assert report == Counter({"sent": 299, "blocked": 1})
    assert len(api.sent) == 299  # none over the fake's limit lost; the pace itself is measured in `make bench`
    assert await statuses(sessionmaker, chats) == Counter({"sent": 299, "blocked": 1})
    async with sessionmaker() as session:
        assert len(await queries.subscribers(session=session)) == 299


async def test_retry_after_holds_back_only_that_chat(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [1, 2, 3])
    api.faults.retry_after_burst, api.faults.retry_after = 1, 2
    delivery = Delivery(bot, sessionmaker, rate=100, concurrency=3)
    report = await delivery.send_all(jobs([1, 2, 3]))
    assert report["sent"] == 3
    times = {s.chat_id: s.at for s in api.sent}
    slow = max(times, key=lambda c: times[c])
    fast = [times[c] for c in times if c != slow]
    assert times[slow] - max(fast) >= 1.9  # the flood-controlled send waited its 2 s, the others did not


async def test_per_chat_pace_for_a_long_digest(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [7])
    api.faults.chat_interval = 1.0  # the fake refuses a second message within the second
    delivery = Delivery(bot, sessionmaker, rate=100, chat_interval=1.0)
    assert await delivery.deliver(Outgoing(chat_id=7, day=DAY, chunks=("one", "two"))) == "sent"
    sent = api.messages_to(7)
    assert [s.plain for s in sent] == ["one", "two"] and sent[1].at - sent[0].at >= 0.95


async def test_a_timeout_after_sending_is_not_resent(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [9])
    api.faults.timeouts, api.faults.timeout_seconds = 1, 1.0
    delivery = Delivery(bot, sessionmaker, read_timeout=0.3)
    assert await delivery.deliver(Outgoing(chat_id=9, day=DAY, chunks=("hello",))) == "unknown"
    assert len(api.messages_to(9)) == 1
    assert await delivery.deliver(Outgoing(chat_id=9, day=DAY, chunks=("hello",))) == "skipped"
    assert await statuses(sessionmaker, [9]) == Counter({"failed": 1})


async def test_server_errors_are_retried_then_reported(api: FakeBotApi, bot: Bot, sessionmaker: Maker) -> None:
    await add_subscribers(sessionmaker, [11])
    api.faults.server_errors = 100
    delivery = Delivery(bot, sessionmaker, backoff=0.01)
    assert await delivery.deliver(Outgoing(chat_id=11, day=DAY, chunks=("x",))) == "failed"
    assert api.faults.server_errors == 100 - 6 and api.messages_to(11) == []


async def test_blocking_the_bot_marks_the_subscriber_inactive(app: object, api: FakeBotApi, filled: Maker) -> None:
    await add_subscribers(filled, [77])
    api.push_blocked(77)
    for _ in range(200):
        async with filled() as session:
            sub = await queries.get_subscriber(77, session=session)
        if sub is not None and not sub.active:
            break
        await asyncio.sleep(0.02)
    assert sub is not None and not sub.active
    await replies(api, 77, 0)


async def test_at_start_interrupted_digests_stay_open_and_what_nothing_resends_is_closed(
        bot: Bot, sessionmaker: Maker) -> None:
    today = date.today()
    keys = [(1, today, "daily"), (2, today, "a:i:7"), (3, today - timedelta(days=3), "daily")]
    async with sessionmaker() as session, session.begin():
        await queries.claim_deliveries(keys, session=session)
    delivery = Delivery(bot, sessionmaker)
    assert await delivery.close_stale(datetime.now(UTC) + timedelta(seconds=1)) == (1, 2)
    async with sessionmaker() as session:
        assert [await queries.delivery_status(c, d, session=session, kind=k) for c, d, k in keys] == [
            "sending", "failed", "failed"]


async def test_a_row_confirmed_to_its_last_part_is_closed_without_sending(api: FakeBotApi, bot: Bot,
                                                                          sessionmaker: Maker) -> None:
    async with sessionmaker() as session, session.begin():
        await queries.claim_deliveries([(4, DAY, "daily")], session=session)
        await queries.record_deliveries([((4, DAY, "daily"), "sending", 2, None)], session=session)
    delivery = Delivery(bot, sessionmaker)
    assert await delivery.deliver(Outgoing(chat_id=4, day=DAY, chunks=("one", "two"))) == "sent"
    assert api.messages_to(4) == [] and await statuses(sessionmaker, [4]) == Counter({"sent": 1})



async def _die(task: asyncio.Task[object], api: FakeBotApi) -> None:
    """The sending process dies with its calls in flight; the fake answers normally again."""
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    api.reset_hung()
    api.faults.hang_after = None
