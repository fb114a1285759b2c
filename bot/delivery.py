"""Sending digests and alerts within Telegram's limits; a crash or a stop loses nothing.

Every delivery has a ledger row, written at the moments that matter and never ahead of them:
claimed ("sending") at the moment its first request leaves, advanced by one after each part
Telegram confirms, closed ("sent", "blocked" or "failed") after the last. Each write is
durable before the next request for that chat leaves, so at any moment a row "sending" says
exactly which part may be in flight. A restart (or the next run in this process, after a
stop) resumes every row still "sending" at its first unconfirmed part: what was in flight
may arrive twice, nothing is lost. Writes from all the workers are committed together, so
a broadcast costs a few transactions per round trip, not two per chat.

On `stop()` no new request leaves; calls already in flight get `STOP_GRACE` seconds to be
answered and recorded, then are abandoned (their rows stay "sending" and are resumed).

Limits are ours, not PTB's `AIORateLimiter`: one bot-wide pace (about 30 messages a second),
one pace per chat (a message a second in a private chat, 20 a minute in a group), and a
`RetryAfter` holds back only the chat it was answered for. Errors that prove nothing was sent
(429, 5xx, a refused connection) are retried with backoff; an error after which the message
may have arrived (a read timeout) is not, because Telegram has no idempotency key and a second
copy cannot be taken back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import httpx
from aiolimiter import AsyncLimiter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from storage import queries
from storage.metrics import DIGEST_LAG, MESSAGE_RETRIES, MESSAGES

log = logging.getLogger(__name__)

RATE_PER_SECOND = 30.0  # Telegram's documented bot-wide limit for bulk notifications
CHAT_INTERVAL = 1.0  # "avoid sending more than one message per second" to one chat
GROUP_INTERVAL = 3.0  # 20 messages a minute in a group
MAX_ATTEMPTS = 6  # for errors that prove nothing was sent; about 30 s of backoff in all
MAX_FLOOD_WAITS = 20  # 429 answers honoured for one message before it is given up as failed
BACKOFF = 0.5  # first pause after a network error; doubles each time
MAX_BACKOFF = 16.0
READ_TIMEOUT = 20.0
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
STALE_DETAIL = "interrupted while sending; not resent"
# Seconds in-flight calls get after `stop()`: a Bot API answer takes well under a second, and
# this plus PTB's own shutdown fits the 10 s compose gives a stopping container (systemd: 30 s).
STOP_GRACE = 5.0
CLAIM_AHEAD = 0.05  # seconds of sending at the pace that may be claimed and waiting for their turn
# A ledger commit waits this long for more writes to join it: at 150 messages a second (two
# writes each) commits fell from ~400 to ~100, and a request leaves at most this much later.
GATHER_SECONDS = 0.01
RESUME_DAYS = 1  # a digest interrupted this many days ago is still resumed; older rows are closed
RESUMED_KINDS = ("daily", "weekly")  # the deliveries planned again at start, so resumed where their row says
PHOTO_NAME = "nashra.png"


@dataclass(frozen=True, slots=True, kw_only=True)
class Outgoing:
    """One delivery: the chunks of one message for one chat, recorded under (chat, day, kind)."""

    chat_id: int
    day: date
    chunks: tuple[str, ...]
    kind: str = "daily"
    due: datetime | None = None  # a digest's due moment (aware): how late it went out is the digest lag
    photo: bytes | None = None  # a PNG sent as the first part, the first chunk its caption


Key = tuple[int, date, str]  # (chat id, day, kind): one ledger row


def key_of(job: Outgoing) -> Key:
    """The ledger row of a delivery."""
    return job.chat_id, job.day, job.kind


@dataclass(frozen=True, slots=True)
class _Write:
    """One ledger write: a claim (status None), or the parts confirmed so far and the status."""

    key: Key
    status: str | None = None
    parts: int = 0
    detail: str | None = None


@dataclass(frozen=True, slots=True)
class _Planned:
    """A delivery to make: from which part, and whether its row must be claimed first."""

    job: Outgoing
    start: int
    fresh: bool


def retry_seconds(exc: RetryAfter) -> float:
    """`RetryAfter.retry_after` as seconds, whichever type this PTB version hands back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns that the int form will become a timedelta
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def maybe_sent(exc: TimedOut) -> bool:
    """A timeout after the request left: Telegram may have delivered it. Connect and pool timeouts did not."""
    return not isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout) and "Pool timeout" not in str(exc)


class _Ledger:
    """Ledger writes from many workers, each durable when its call returns, committed together.

    Group commit: a writer that finds the lock taken waits; the holder's transaction, or the
    next one, carries every write queued meanwhile. At 30 messages a second that is a
    transaction per round trip or so, whatever the number of workers.
    """

    def __init__(self, sessionmaker: async_sessionmaker[AsyncSession]) -> None:
        self.sessionmaker = sessionmaker
        self._lock = asyncio.Lock()
        self._pending: list[tuple[_Write, asyncio.Future[bool]]] = []

    async def write(self, write: _Write) -> bool:
        """Commit one write with whatever else waits; False when a claim found the row taken."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._pending.append((write, future))
        async with self._lock:
            if not future.done():
                await asyncio.sleep(GATHER_SECONDS)  # let the other workers' writes join this commit
                batch, self._pending = self._pending, []
                # shielded: a cancelled worker must not leave the others of its batch waiting
                await asyncio.shield(self._commit(batch))
        return await future

    async def _commit(self, batch: list[tuple[_Write, asyncio.Future[bool]]]) -> None:
        writes = [w for w, _ in batch]
        try:
            async with self.sessionmaker() as session, session.begin():
                taken = await queries.claim_deliveries([w.key for w in writes if w.status is None], session=session)
                await queries.record_deliveries([(w.key, w.status, w.parts, w.detail) for w in writes
                                                 if w.status is not None], session=session)
                for w in writes:
                    if w.status == "blocked":
                        await queries.upsert_subscriber(w.key[0], session=session, active=False)
        except Exception as exc:
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            return
        for w, future in batch:
            if not future.done():
                future.set_result(w.status is not None or w.key in taken)


class Delivery:
    """The sending engine shared by the daily digest, alerts and benchmarks."""

    def __init__(self, bot: Bot, sessionmaker: async_sessionmaker[AsyncSession], *,
                 rate: float = RATE_PER_SECOND, chat_interval: float = CHAT_INTERVAL,
                 concurrency: int | None = None, backoff: float = BACKOFF,
                 read_timeout: float = READ_TIMEOUT, stop_grace: float = STOP_GRACE) -> None:
        self.bot = bot
        self.sessionmaker = sessionmaker
        self.rate = rate
        self.chat_interval = chat_interval
        # enough workers to keep the pace while some wait on a slow chat or a backoff
        self.concurrency = concurrency or max(4, min(1024, int(rate * 2)))
        self.backoff = backoff
        self.read_timeout = read_timeout
        self.stop_grace = stop_grace
        # Two tokens, not one: a one-token bucket loses each wake-up's lateness for good (the event
        # loop wakes a millisecond or so late, so 200/s ran at ~170/s); with two the next send makes
        # it up, and no burst is ever more than two messages.
        self._pace = AsyncLimiter(2, 2 / rate)
        self._about_to_send = asyncio.Semaphore(max(4, int(rate * CLAIM_AHEAD)))
        self._chat_ready: dict[int, float] = {}
        self._ledger = _Ledger(sessionmaker)
        self._active: set[Key] = set()  # rows a run of this process is sending: not to be resumed by another
        self._stopping = asyncio.Event()

    def stop(self) -> None:
        """Send no new request; runs end once the calls in flight are answered (or the grace is up)."""
        self._stopping.set()

    async def send_all(self, outgoing: Iterable[Outgoing]) -> Counter[str]:
        """Deliver everything with bounded concurrency, resuming what a crash or stop left; count outcomes."""
        report: Counter[str] = Counter()
        plan = await self._plan(list(outgoing), report)
        todo = iter(plan)
        tasks = [asyncio.create_task(self._worker(todo, report)) for _ in range(min(self.concurrency, len(plan)))]
        try:
            await self._until_done_or_stopped(tasks)
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            self._active.difference_update(key_of(p.job) for p in plan)
        report["stopped"] += sum(1 for _ in todo)  # never started: the next run sends them
        return +report

    async def _plan(self, jobs: list[Outgoing], report: Counter[str]) -> list[_Planned]:
        """What is left of each job: not finished in the ledger, not twice, not in another run now."""
        async with self.sessionmaker() as session:
            rows = await queries.ledger_rows({key_of(j) for j in jobs}, session=session)
        plan = []
        for job in jobs:
            key = key_of(job)
            status, parts = rows.get(key, ("", 0))
            if status not in ("", "sending") or key in self._active:
                report["skipped"] += 1
                continue
            self._active.add(key)
            plan.append(_Planned(job=job, start=parts, fresh=not status))
        return plan

    async def _until_done_or_stopped(self, tasks: list[asyncio.Task[None]]) -> None:
        """Wait for the workers; after `stop()`, only `stop_grace` more for the calls in flight."""
        if not tasks:
            return
        stopped = asyncio.create_task(self._stopping.wait())
        try:
            while not stopped.done() and (running := [t for t in tasks if not t.done()]):
                await asyncio.wait([*running, stopped], return_when=asyncio.FIRST_COMPLETED)
        finally:
            stopped.cancel()
        if running := [t for t in tasks if not t.done()]:
            await asyncio.wait(running, timeout=self.stop_grace)

    async def _worker(self, todo: Iterator[_Planned], report: Counter[str]) -> None:
        while not self._stopping.is_set() and (planned := next(todo, None)) is not None:
            outcome = await self._deliver(planned)
            report[outcome] += 1
            if outcome == "sent" and planned.job.due is not None:
                DIGEST_LAG.set((datetime.now(UTC) - planned.job.due).total_seconds())

    async def _deliver(self, planned: _Planned) -> str:
        """Send the parts not yet confirmed, recording each; the outcome for the report."""
        job, key = planned.job, key_of(planned.job)
        claimed = not planned.fresh

        async def before_call() -> str | None:
            """At the moment a request leaves: claim the row if it is new; why not to send, if so."""
            nonlocal claimed
            if self._stopping.is_set():
                return "stopped"
            if not claimed:
                if not await self._ledger.write(_Write(key)):
                    return "skipped"  # another process claimed it meanwhile
                claimed = True
            return None

        try:
            if planned.start >= len(job.chunks):  # confirmed to the end (rendered shorter since): close it
                await self._ledger.write(_Write(key, "sent", planned.start))
            for index in range(planned.start, len(job.chunks)):
                photo = job.photo if index == 0 else None
                status, detail = await self._send(job.chat_id, job.chunks[index], before_call, photo=photo)
                if status in ("stopped", "skipped"):
                    return status
                if status != "sent":
                    part = f" (part {index + 1} of {len(job.chunks)})" if len(job.chunks) > 1 else ""
                    await self._ledger.write(_Write(key, "failed" if status == "unknown" else status, index,
                                                    f"{detail}{part}"))
                    return status
                last = index + 1 == len(job.chunks)
                await self._ledger.write(_Write(key, "sent" if last else "sending", index + 1))
            return "sent"
        except Exception:  # the ledger unreachable, or a bug: the row stays "sending" and is resumed
            log.exception("delivery to chat %s stopped", job.chat_id)
            return "error"

    async def deliver(self, job: Outgoing) -> str:
        """One delivery: its outcome, or "skipped" when the ledger already has it."""
        report = await self.send_all([job])
        return report.most_common(1)[0][0]

    async def _send(self, chat_id: int, text: str, before_call: Callable[[], Awaitable[str | None]], *,
                    photo: bytes | None = None) -> tuple[str, str | None]:
        """One HTML message (or a photo with it as caption) within the limits, counted in the metrics."""
        status, detail = await self._send_one(chat_id, text, before_call, photo=photo)
        if status not in ("stopped", "skipped"):  # those never left
            MESSAGES.labels(status).inc()
        return status, detail

    async def _send_one(self, chat_id: int, text: str, before_call: Callable[[], Awaitable[str | None]], *,
                        photo: bytes | None = None) -> tuple[str, str | None]:
        """One HTML message or photo within the limits: ("sent" | "blocked" | "failed" | "unknown", detail).

        `before_call` runs as each request is about to leave; when it names a reason, nothing is sent.
        """
        attempts = floods = 0
        while True:
            if (reason := await self._turn(chat_id, before_call)) is not None:
                return reason, None
            try:
                if photo is None:
                    await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                                link_preview_options=NO_PREVIEW, read_timeout=self.read_timeout)
                else:
                    await self.bot.send_photo(chat_id, photo, caption=text, parse_mode=ParseMode.HTML,
                                              filename=PHOTO_NAME, read_timeout=self.read_timeout,
                                              write_timeout=self.read_timeout)
                return "sent", None
            except RetryAfter as exc:
                floods += 1
                if floods > MAX_FLOOD_WAITS:
                    return "failed", "flood control did not clear"
                self._hold(chat_id, retry_seconds(exc))
            except Forbidden as exc:
                return "blocked", exc.message
            except BadRequest as exc:  # before NetworkError: PTB makes it a subclass
                blocked = "chat not found" in exc.message.lower()
                return ("blocked" if blocked else "failed"), exc.message
            except TimedOut as exc:
                if maybe_sent(exc):
                    log.warning("chat %s: timed out after sending; not resent", chat_id)
                    return "unknown", "timed out after sending; outcome unknown, not resent"
                attempts += 1
                if attempts >= MAX_ATTEMPTS:
                    return "failed", "timed out connecting"
                self._hold(chat_id, min(MAX_BACKOFF, self.backoff * 2 ** (attempts - 1)))
            except NetworkError as exc:  # a refused connection or a 5xx: nothing was delivered
                attempts += 1
                if attempts >= MAX_ATTEMPTS:
                    return "failed", exc.message
                self._hold(chat_id, min(MAX_BACKOFF, self.backoff * 2 ** (attempts - 1)))
            except TelegramError as exc:
                return "failed", exc.message

    async def _turn(self, chat_id: int, before_call: Callable[[], Awaitable[str | None]]) -> str | None:
        """Wait for this chat's next slot, run `before_call` (the claim), then wait for the bot-wide pace.

        The claim comes before the pace so that a request leaves as its token is taken: a claim's
        commit between the two would make the sends uneven, and Telegram refuses bunches. So that
        a claim still precedes its request by moments only, few may wait for the pace at once.
        """
        loop = asyncio.get_running_loop()
        ready = self._chat_ready.get(chat_id, 0.0)
        if ready > loop.time() and not self._stopping.is_set():
            with contextlib.suppress(TimeoutError):  # a stop ends the wait: `before_call` sees it
                await asyncio.wait_for(self._stopping.wait(), ready - loop.time())
        async with self._about_to_send:
            if (reason := await before_call()) is not None:
                return reason
            await self._pace.acquire()
        interval = GROUP_INTERVAL if chat_id < 0 else self.chat_interval
        self._chat_ready[chat_id] = loop.time() + interval
        return None

    def _hold(self, chat_id: int, seconds: float) -> None:
        """Hold back one chat only, to try its message again: other chats keep their pace."""
        MESSAGE_RETRIES.inc()
        self._chat_ready[chat_id] = asyncio.get_running_loop().time() + seconds

    async def close_stale(self, older_than: datetime) -> tuple[int, int]:
        """At start: count the interrupted digests the catch-up resumes; close what nothing will resend.

        Rows still "sending" from before `older_than` were cut short by a crash or a stop. Today's
        digests, daily and weekly, are planned again at start, and resume where their row says. Alerts are not (they
        begin after what is stored), nor are digests of days long past: those are closed as failed.
        """
        oldest = older_than.date() - timedelta(days=RESUME_DAYS)
        async with self.sessionmaker() as session, session.begin():
            stuck = await queries.stuck_deliveries(older_than, session=session)
            stale = [key for key in stuck if key[2] not in RESUMED_KINDS or key[1] < oldest]
            rows = await queries.ledger_rows(stale, session=session)
            await queries.record_deliveries([(key, "failed", rows[key][1], STALE_DETAIL) for key in stale],
                                            session=session)
        for chat_id, day, kind in stale:
            log.warning("delivery %s of %s to chat %s was interrupted; not resent", kind, day, chat_id)
        return len(stuck) - len(stale), len(stale)
