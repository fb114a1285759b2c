"""Sending digests and alerts within Telegram's limits, at most once per subscriber, day and kind.

Every message goes through `Delivery.deliver`: claim a ledger row ("sending"), send the chunks,
finish the row ("sent", "blocked" or "failed"). Limits are ours, not PTB's `AIORateLimiter`:
one bot-wide pace (about 30 messages a second), one pace per chat (a message a second in a
private chat, 20 a minute in a group), and a `RetryAfter` holds back only the chat it was
answered for. Errors that prove nothing was sent (429, 5xx, a refused connection) are retried
with backoff; an error after which the message may have arrived (a read timeout) is not,
because Telegram has no idempotency key and a second copy cannot be taken back.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

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


@dataclass(frozen=True, slots=True, kw_only=True)
class Outgoing:
    """One delivery: the chunks of one message for one chat, recorded under (chat, day, kind)."""

    chat_id: int
    day: date
    chunks: tuple[str, ...]
    kind: str = "daily"


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
        self._pace = AsyncLimiter(1, 1 / rate)  # one token at a time: never a burst over the rate
        self._chat_ready: dict[int, float] = {}

    async def send_all(self, outgoing: Iterable[Outgoing]) -> Counter[str]:
        """Deliver everything with bounded concurrency; count outcomes."""
        queue: asyncio.Queue[Outgoing] = asyncio.Queue()
        for job in outgoing:
            queue.put_nowait(job)
        report: Counter[str] = Counter()
        async with asyncio.TaskGroup() as group:
            for _ in range(min(self.concurrency, queue.qsize())):
                group.create_task(self._worker(queue, report))
        return report

    async def _worker(self, queue: asyncio.Queue[Outgoing], report: Counter[str]) -> None:
        while not queue.empty():
            job = queue.get_nowait()
            try:
                report[await self.deliver(job)] += 1
            except Exception:  # one bad delivery must not stop the others
                log.exception("delivery to chat %s failed", job.chat_id)
                report["error"] += 1

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

    async def _send_chunks(self, job: Outgoing) -> tuple[str, str | None]:
        for index, chunk in enumerate(job.chunks):
            status, detail = await self.send(job.chat_id, chunk)
            if status != "sent":
                part = f" (part {index + 1} of {len(job.chunks)})" if len(job.chunks) > 1 else ""
                return status, f"{detail}{part}"
        return "sent", None

    async def send(self, chat_id: int, text: str) -> tuple[str, str | None]:
        """One HTML message within the limits: ("sent" | "blocked" | "failed" | "unknown", detail)."""
        attempts = floods = 0
        while True:
            await self._turn(chat_id)
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
