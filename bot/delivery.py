"""Sending digests and alerts within Telegram's limits, at most once per subscriber, day and kind.

Every message has a ledger row: claimed ("sending") before its first request leaves, finished
("sent", "blocked" or "failed") after. `Delivery.deliver` does that for one message in two
transactions; `Delivery.send_all` claims rows in batches a little ahead of the pace and finishes
them in batches, so a digest to thousands of chats costs a few transactions a second, not two per
chat. A row claimed "sending" is never sent twice: if `send_all` is cancelled, the claims whose
request never left are released and the rest stay "sending"; after a crash `resolve_stuck`
closes whatever is still "sending" as failed (at most one claim batch and the workers' jobs
that had not reached Telegram are lost for that day, never doubled).

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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import partial

import httpx
from aiolimiter import AsyncLimiter
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut

from storage import queries

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
STUCK_DETAIL = "interrupted while sending; outcome unknown, not resent"
CLAIM_SECONDS = 0.25  # a claim batch holds this much sending at the pace: a crash loses little
FLUSH_SECONDS = 0.25  # outcomes reach the ledger at least this often...
FLUSH_ROWS = 200  # ...or as soon as this many wait


@dataclass(frozen=True, slots=True, kw_only=True)
class Outgoing:
    """One delivery: the chunks of one message for one chat, recorded under (chat, day, kind)."""

    chat_id: int
    day: date
    chunks: tuple[str, ...]
    kind: str = "daily"


Key = tuple[int, date, str]  # (chat id, day, kind): one ledger row


def key_of(job: Outgoing) -> Key:
    """The ledger row of a delivery."""
    return job.chat_id, job.day, job.kind


@dataclass(slots=True)
class _Run:
    """One `send_all`: claimed jobs on their way to the workers, outcomes on their way to the ledger."""

    queue: asyncio.Queue[Outgoing | None]
    report: Counter[str] = field(default_factory=Counter)
    waiting: set[Key] = field(default_factory=set)  # claimed, no request left yet: safe to release
    outcomes: list[tuple[Key, str, str | None]] = field(default_factory=list)
    blocked: list[int] = field(default_factory=list)
    flush_now: asyncio.Event = field(default_factory=asyncio.Event)


def retry_seconds(exc: RetryAfter) -> float:
    """`RetryAfter.retry_after` as seconds, whichever type this PTB version hands back."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # PTB 22 warns that the int form will become a timedelta
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def maybe_sent(exc: TimedOut) -> bool:
    """A timeout after the request left: Telegram may have delivered it. Connect and pool timeouts did not."""
    return not isinstance(exc.__cause__, httpx.ConnectTimeout | httpx.PoolTimeout) and "Pool timeout" not in str(exc)


class Delivery:
    """The sending engine shared by the daily digest, alerts and benchmarks."""

    def __init__(self, bot: Bot, sessionmaker: async_sessionmaker[AsyncSession], *,
                 rate: float = RATE_PER_SECOND, chat_interval: float = CHAT_INTERVAL,
                 concurrency: int | None = None, backoff: float = BACKOFF,
                 read_timeout: float = READ_TIMEOUT) -> None:
        self.bot = bot
        self.sessionmaker = sessionmaker
        self.rate = rate
        self.chat_interval = chat_interval
        # enough workers to keep the pace while some wait on a slow chat or a backoff
        self.concurrency = concurrency or max(4, min(1024, int(rate * 2)))
        self.backoff = backoff
        self.read_timeout = read_timeout
        self.claim_batch = max(1, int(rate * CLAIM_SECONDS))
        # Two tokens, not one: a one-token bucket loses each wake-up's lateness for good (the event
        # loop wakes a millisecond or so late, so 200/s ran at ~170/s); with two the next send makes
        # it up, and no burst is ever more than two messages.
        self._pace = AsyncLimiter(2, 2 / rate)
        self._chat_ready: dict[int, float] = {}
        self._ledger = asyncio.Lock()  # one ledger write at a time: SQLite has a single writer anyway

    async def send_all(self, outgoing: Iterable[Outgoing]) -> Counter[str]:
        """Deliver everything with bounded concurrency, the ledger written in batches; count outcomes."""
        jobs = list(outgoing)
        run = _Run(queue=asyncio.Queue(maxsize=self.claim_batch))
        workers = min(self.concurrency, len(jobs))
        flusher = asyncio.create_task(self._flush_every(run))
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self._claim_all(jobs, run, workers))
                for _ in range(workers):
                    group.create_task(self._worker(run))
        finally:
            flusher.cancel()
            await asyncio.gather(flusher, return_exceptions=True)
            # shielded: a second cancellation must not leave finished rows "sending"
            await asyncio.shield(self._settle(run))
        return run.report

    async def _claim_all(self, jobs: list[Outgoing], run: _Run, workers: int) -> None:
        """Claim a batch, hand it to the workers, claim the next while they send; then tell them to stop."""
        taken: set[Key] = set()
        for start in range(0, len(jobs), self.claim_batch):
            batch = jobs[start:start + self.claim_batch]
            try:
                claimed = await self._claim(batch)
            except Exception:  # the ledger is unreachable: nothing of this batch may be sent
                log.exception("claiming %d deliveries failed", len(batch))
                run.report["error"] += len(batch)
                continue
            run.waiting |= claimed - taken
            for job in batch:
                key = key_of(job)
                if key not in claimed or key in taken:  # in the ledger already, or twice in this run
                    run.report["skipped"] += 1
                    continue
                taken.add(key)
                await run.queue.put(job)
        for _ in range(workers):
            await run.queue.put(None)

    async def _claim(self, batch: list[Outgoing]) -> set[Key]:
        async with self._ledger, self.sessionmaker() as session, session.begin():
            return await queries.claim_deliveries([key_of(j) for j in batch], session=session)

    async def _worker(self, run: _Run) -> None:
        while (job := await run.queue.get()) is not None:
            key = key_of(job)
            try:
                status, detail = await self._send_chunks(job, partial(run.waiting.discard, key))
            except Exception as exc:  # a bug must still close the row, or the ledger would call it a crash
                log.exception("delivery to chat %s failed", job.chat_id)
                status, detail = "failed", f"error: {type(exc).__name__}"
            run.waiting.discard(key)
            run.report[status] += 1
            run.outcomes.append((key, "failed" if status == "unknown" else status, detail))
            if status == "blocked":
                run.blocked.append(job.chat_id)
            if len(run.outcomes) >= FLUSH_ROWS:
                run.flush_now.set()

    async def _flush_every(self, run: _Run) -> None:
        """Write outcomes every FLUSH_SECONDS, or sooner when FLUSH_ROWS wait."""
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(run.flush_now.wait(), FLUSH_SECONDS)
            run.flush_now.clear()
            try:
                await self._flush(run)
            except Exception:  # kept for the next flush; the last one raises
                log.exception("recording %d delivery outcomes failed; retrying", len(run.outcomes))

    async def _flush(self, run: _Run) -> None:
        """Finish the rows whose outcome is known, and mark blocked chats inactive, in one transaction."""
        async with self._ledger:
            rows, blocked = list(run.outcomes), list(run.blocked)
            if not rows:
                return
            async with self.sessionmaker() as session, session.begin():
                await queries.finish_deliveries(rows, session=session)
                for chat_id in blocked:
                    await queries.upsert_subscriber(chat_id, session=session, active=False)
            # only now: a flush cut short leaves them for the next one
            del run.outcomes[:len(rows)]
            del run.blocked[:len(blocked)]

    async def _settle(self, run: _Run) -> None:
        """Write the last outcomes, then release the claims whose request never left."""
        await self._flush(run)
        if run.waiting:
            async with self._ledger, self.sessionmaker() as session, session.begin():
                await queries.release_deliveries(sorted(run.waiting), session=session)
            log.info("released %d unsent deliveries", len(run.waiting))
            run.waiting.clear()

    async def deliver(self, job: Outgoing) -> str:
        """Claim, send, record; "skipped" when the ledger already has this delivery."""
        async with self.sessionmaker() as session, session.begin():
            if not await queries.claim_delivery(job.chat_id, job.day, session=session, kind=job.kind):
                return "skipped"
        try:
            status, detail = await self._send_chunks(job)
        except Exception as exc:  # a bug must still close the row, or the ledger would call it a crash
            log.exception("delivery to chat %s failed", job.chat_id)
            status, detail = "failed", f"error: {type(exc).__name__}"
        async with self.sessionmaker() as session, session.begin():
            ledger = "failed" if status == "unknown" else status
            await queries.finish_delivery(job.chat_id, job.day, ledger, session=session, kind=job.kind,
                                          detail=detail)
            if status == "blocked":
                await queries.upsert_subscriber(job.chat_id, session=session, active=False)
        return status

    async def _send_chunks(self, job: Outgoing, leaving: Callable[[], object] | None = None) -> tuple[str, str | None]:
        for index, chunk in enumerate(job.chunks):
            status, detail = await self._send(job.chat_id, chunk, leaving)
            if status != "sent":
                part = f" (part {index + 1} of {len(job.chunks)})" if len(job.chunks) > 1 else ""
                return status, f"{detail}{part}"
        return "sent", None

    async def send(self, chat_id: int, text: str) -> tuple[str, str | None]:
        """One HTML message within the limits: ("sent" | "blocked" | "failed" | "unknown", detail)."""
        return await self._send(chat_id, text, None)

    async def _send(self, chat_id: int, text: str,
                    leaving: Callable[[], object] | None) -> tuple[str, str | None]:
        """`send`, calling `leaving` as each request is about to leave (from then on it may arrive)."""
        attempts = floods = 0
        while True:
            await self._turn(chat_id)
            if leaving is not None:
                leaving()
            try:
                await self.bot.send_message(chat_id, text, parse_mode=ParseMode.HTML,
                                            link_preview_options=NO_PREVIEW, read_timeout=self.read_timeout)
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

    async def _turn(self, chat_id: int) -> None:
        """Wait for this chat's next slot, then for the bot-wide pace."""
        loop = asyncio.get_running_loop()
        ready = self._chat_ready.get(chat_id, 0.0)
        if ready > loop.time():
            await asyncio.sleep(ready - loop.time())
        await self._pace.acquire()
        interval = GROUP_INTERVAL if chat_id < 0 else self.chat_interval
        self._chat_ready[chat_id] = loop.time() + interval

    def _hold(self, chat_id: int, seconds: float) -> None:
        """Hold back one chat only: other chats keep their pace."""
        self._chat_ready[chat_id] = asyncio.get_running_loop().time() + seconds

    async def resolve_stuck(self, older_than: datetime) -> int:
        """Close rows a crash left "sending" as failed, without resending them.

        A row still "sending" means the process died between claiming and recording, maybe after
        Telegram delivered the message: Telegram has no idempotency key and no way to ask what a
        chat received, so a resend could be a duplicate the subscriber cannot unsee. The row is
        closed as failed with a reason and logged, never silently; the subscriber can still ask
        for the day's digest with /digest, and a later day is unaffected.
        """
        async with self.sessionmaker() as session, session.begin():
            stuck = await queries.stuck_deliveries(older_than, session=session)
            for chat_id, day, kind in stuck:
                await queries.finish_delivery(chat_id, day, "failed", session=session, kind=kind,
                                              detail=STUCK_DETAIL)
        for chat_id, day, kind in stuck:
            log.warning("delivery %s of %s to chat %s was interrupted; not resent", kind, day, chat_id)
        return len(stuck)
