"""The real `nashra run` killed or stopped in the middle of a daily digest, then started again."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.jobs import DIGEST_WINDOW, LATE_REPORT, digest_chunks
from storage import queries
from storage.catalog import seed_gazetteer
from storage.store import store_briefing
from tests.bot.conftest import Maker, story, sudani_said
from tests.fakes.bot_api import TOKEN, FakeBotApi
from tests.storage.factories import small_gazetteer

SUBSCRIBERS = 64
FIRST_CHAT = 900_000
LANGUAGES = ("en", "ar")
STATEMENTS = 45  # enough for a digest of two messages in each language
STOP_TIMEOUT = 10.0  # what compose gives a stopping container before SIGKILL


async def due_digest(sessionmaker: Maker) -> dict[str, tuple[str, ...]]:
    """Subscribers whose digest (midnight UTC) is due, and a day of statements: the parts per language."""
    end = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    async with sessionmaker() as session, session.begin():
        await seed_gazetteer(small_gazetteer(), session=session)
    for i in range(STATEMENTS):
        said = sudani_said(f"Sudani warned against escalation in the south, statement number {i} of the day, "
                           "and called on every party to keep the truce")
        said = dataclasses.replace(said, date=(end - timedelta(hours=2)).date().isoformat())  # news, not archive
        async with sessionmaker() as session, session.begin():
            await store_briefing(story(f"s{i}", statements=(said,)), session=session, source_name="shafaq",
                                 now=end - timedelta(hours=2, minutes=i))
    async with sessionmaker() as session, session.begin():
        for n in range(SUBSCRIBERS):
            await queries.upsert_subscriber(FIRST_CHAT + n, session=session, subscribed=True, timezone="UTC",
                                            digest_time="00:00", language=LANGUAGES[n % 2])
        items = await queries.items_between(end - DIGEST_WINDOW, end, session=session,
                                            happened_from=(end - DIGEST_WINDOW - LATE_REPORT).date())
    parts = {lang: digest_chunks(items, lang, end.date()) for lang in LANGUAGES}
    assert all(len(p) >= 2 for p in parts.values())  # the test is about multi-part digests
    return parts


def expected(parts: dict[str, tuple[str, ...]]) -> dict[int, Counter[str]]:
    """Every part of the digest once, for every subscriber."""
    return {FIRST_CHAT + n: Counter(parts[LANGUAGES[n % 2]]) for n in range(SUBSCRIBERS)}


def received(api: FakeBotApi) -> dict[int, Counter[str]]:
    """What each subscriber got, as the markup sent."""
    got: dict[int, Counter[str]] = {FIRST_CHAT + n: Counter() for n in range(SUBSCRIBERS)}
    for s in api.sent:
        if s.method == "sendMessage" and s.chat_id in got:
            got[s.chat_id][s.text] += 1
    return got


def digest_messages(api: FakeBotApi) -> int:
    return sum(1 for s in api.sent if s.method == "sendMessage" and s.chat_id >= FIRST_CHAT)


class NashraProcess:
    """`nashra run --role bot` in a child process, talking to the fake Bot API."""

    def __init__(self, url: str, api: FakeBotApi, workdir: Path, *, rate: float) -> None:
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "NASHRA_TELEGRAM_API_URL": api.base_url,
               "NASHRA_DATABASE_URL": url, "NASHRA_DELIVERY_RATE": str(rate), "NASHRA_ADMIN_IDS": "42"}
        self.log = (workdir / "nashra.log").open("ab")
        self.process = subprocess.Popen([sys.executable, "-m", "bot.cli", "run", "--role", "bot"], cwd=workdir,
                                        env=env, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)

    def stop(self, sig: signal.Signals) -> float:
        """Send a signal; seconds until the process ended."""
        started = time.monotonic()
        self.process.send_signal(sig)
        self.process.wait(timeout=30)
        self.log.close()
        return time.monotonic() - started


async def until(condition: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def settled(api: FakeBotApi, seconds: float = 0.5) -> None:
    """Until the server has seen no new message for a while."""
    last = -1
    while digest_messages(api) != last:
        last = digest_messages(api)
        await asyncio.sleep(seconds)


async def finish_after_restart(url: str, api: FakeBotApi, workdir: Path, want: dict[int, Counter[str]]) -> None:
    """Start again, wait until every subscriber has every part, stop politely."""
    again = NashraProcess(url, api, workdir, rate=60)
    try:
        await until(lambda: all(received(api)[c] >= want[c] for c in want), 60, "every part to every subscriber")
        await settled(api)
    finally:
        assert again.stop(signal.SIGTERM) < STOP_TIMEOUT and again.process.returncode == 0


@pytest.mark.parametrize("hang_after", [20, 75])  # in part one of the broadcast, and in part two
async def test_kill_9_mid_broadcast_loses_nothing(api: FakeBotApi, sessionmaker: Maker, migrated_url: str,
                                                  workdir: Path, hang_after: int) -> None:
    want = expected(await due_digest(sessionmaker))
    # Telegram takes these messages and never answers: the process dies with the calls in flight
    api.faults.hang_after = hang_after
    first = NashraProcess(migrated_url, api, workdir, rate=60)
    try:
        await until(lambda: api.hung > 0, 60, "the first unanswered call")
        await settled(api)
    finally:
        first.stop(signal.SIGKILL)
    in_flight = api.hung
    assert digest_messages(api) == hang_after + in_flight  # nothing more left once every worker hung
    api.faults.hang_after = None
    api.reset_hung()

    await finish_after_restart(migrated_url, api, workdir, want)
    got = received(api)
    assert all(got[c] >= want[c] for c in want)  # everyone has the whole digest
    duplicates = sum((got[c] - want[c]).total() for c in want)
    assert duplicates == in_flight  # only what Telegram took while the process died was sent twice
    async with sessionmaker() as session:
        statuses = Counter([await queries.delivery_status(c, datetime.now(UTC).date(), session=session) for c in want])
    assert statuses == Counter({"sent": SUBSCRIBERS})


async def in_flight(sessionmaker: Maker, parts: dict[str, tuple[str, ...]], api: FakeBotApi) -> dict[int, str]:
    """After a kill: the chats whose row says a part may be in flight, and Telegram did take that part."""
    day = datetime.now(UTC).date()
    async with sessionmaker() as session:
        rows = await queries.ledger_rows([(FIRST_CHAT + n, day, "daily") for n in range(SUBSCRIBERS)],
                                         session=session)
    got = received(api)
    taken = {}
    for (chat_id, _day, _kind), (status, confirmed) in rows.items():
        chunks = parts[LANGUAGES[(chat_id - FIRST_CHAT) % 2]]
        if status == "sending" and confirmed < len(chunks) and got[chat_id][chunks[confirmed]]:
            taken[chat_id] = chunks[confirmed]
    return taken


@pytest.mark.parametrize("after", [7, 50, 101])
async def test_kill_9_at_any_moment_loses_nothing(api: FakeBotApi, sessionmaker: Maker, migrated_url: str,
                                                  workdir: Path, after: int) -> None:
    parts = await due_digest(sessionmaker)
    want = expected(parts)
    first = NashraProcess(migrated_url, api, workdir, rate=60)
    try:
        await until(lambda: digest_messages(api) >= after, 60, f"{after} messages")
    finally:
        first.stop(signal.SIGKILL)  # whatever it was doing: a request, a commit, a wait for its turn
    unconfirmed = await in_flight(sessionmaker, parts, api)

    await finish_after_restart(migrated_url, api, workdir, want)
    got = received(api)
    assert all(got[c] >= want[c] for c in want)
    # the only second copies are of calls that had left and whose answer was not yet recorded
    assert {c: got[c] - want[c] for c in want if got[c] != want[c]} == {
        c: Counter([text]) for c, text in unconfirmed.items()}


async def test_sigterm_mid_broadcast_exits_in_time_and_sends_each_part_once(api: FakeBotApi, sessionmaker: Maker,
                                                                           migrated_url: str, workdir: Path) -> None:
    want = expected(await due_digest(sessionmaker))
    # a slow Telegram: calls are in flight for a while, and must be answered and recorded before exit
    api.faults.timeouts, api.faults.timeout_seconds = 10_000, 1.5
    first = NashraProcess(migrated_url, api, workdir, rate=8)  # the broadcast alone would take 16 s
    try:
        await until(lambda: digest_messages(api) >= 20, 60, "the broadcast to be under way")
    finally:
        assert first.stop(signal.SIGTERM) < STOP_TIMEOUT
    assert first.process.returncode == 0
    assert digest_messages(api) < 2 * SUBSCRIBERS  # it stopped before the end
    api.faults.timeouts = 0

    await finish_after_restart(migrated_url, api, workdir, want)
    assert received(api) == want  # every part to every subscriber, exactly once
