"""The scheduled work of the bot process: daily digests per time slot and follow alerts."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import JobQueue

from bot.context import Context, DigestRun, Services
from bot.delivery import Outgoing
from bot.i18n import t
from bot.lookups import max_item_id
from bot.render import digest_text, item_block, split_html
from storage import queries
from storage.items import Item, Subscriber
from storage.metrics import LAST_DIGEST_RUN

log = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(hours=24)
# A digest also takes what happened the day before its window opened: a report of last
# night's attack often arrives after the morning's digest, and outlets date a night attack by
# either side of midnight (as the store's merge window). Older than that is an archive.
LATE_REPORT = timedelta(days=1)
ALERT_WINDOW = timedelta(hours=48)  # an alert is only for what happened this recently
ALERT_KINDS = ("incident", "statement")
Slot = tuple[str, time]  # (time zone, local digest time)


def slot_end(sub: Subscriber, now: datetime) -> tuple[date, datetime]:
    """The subscriber's local day and today's digest moment (aware, UTC)."""
    zone = ZoneInfo(sub.timezone)
    day = now.astimezone(zone).date()
    return day, datetime.combine(day, sub.digest_time, tzinfo=zone).astimezone(UTC)


def is_due(sub: Subscriber, now: datetime) -> bool:
    """Today's digest moment has come (a restart later in the day still finds it due)."""
    return slot_end(sub, now)[1] <= now


async def window_items(services: Services, end: datetime) -> list[Item]:
    """Everything first seen in the 24 hours before `end` that happened then or the day before."""
    start = end - DIGEST_WINDOW
    async with services.sessionmaker() as session, session.begin():
        return await queries.items_between(start, end, session=session, happened_from=(start - LATE_REPORT).date())


def digest_chunks(items: Sequence[Item], language: str, day: date) -> tuple[str, ...]:
    """The digest of a day as messages Telegram accepts."""
    return tuple(split_html(digest_text(items, language, day)))


async def due_digests(services: Services, now: datetime, *, slot: Slot | None = None) -> list[Outgoing]:
    """One Outgoing per subscriber whose digest moment has come, the ledger decides the rest."""
    async with services.sessionmaker() as session, session.begin():
        subs = await queries.subscribers(session=session)
    rendered: dict[tuple[datetime, str, date], tuple[str, ...]] = {}
    items: dict[datetime, list[Item]] = {}
    out: list[Outgoing] = []
    for sub in subs:
        if (slot and (sub.timezone, sub.digest_time) != slot) or not is_due(sub, now):
            continue
        day, end = slot_end(sub, now)
        if end not in items:
            items[end] = await window_items(services, end)
        key = (end, sub.language, day)
        if key not in rendered:
            rendered[key] = digest_chunks(items[end], sub.language, day)
        out.append(Outgoing(chat_id=sub.chat_id, day=day, chunks=rendered[key], due=end))
    return out


async def send_due(services: Services, *, slot: Slot | None = None) -> Counter[str]:
    """Send every digest that is due now; what was already sent is skipped by the ledger."""
    report = await services.delivery.send_all(await due_digests(services, services.clock(), slot=slot))
    services.last_digest_run = DigestRun(ended=services.clock(), report=dict(report))
    LAST_DIGEST_RUN.set(services.last_digest_run.ended.timestamp())
    if report:
        log.info("daily digests %s: %s", slot or "catch-up", dict(report))
    return report


async def daily_job(context: Context) -> None:
    """A slot's daily digest."""
    assert context.job is not None
    slot: Slot = context.job.data  # type: ignore[assignment]
    await send_due(context.services, slot=slot)


def slot_name(slot: Slot) -> str:
    """The job name of a slot."""
    return f"daily {slot[0]} {slot[1].strftime('%H:%M')}"


def schedule_slot(job_queue: JobQueue[Any], slot: Slot) -> None:
    """A daily job for a (time zone, time) slot, once however many subscribers share it."""
    name = slot_name(slot)
    if not job_queue.get_jobs_by_name(name):
        at = slot[1].replace(tzinfo=ZoneInfo(slot[0]))
        job_queue.run_daily(daily_job, at, name=name, data=slot)


def schedule_slots(job_queue: JobQueue[Any], subs: Iterable[Subscriber]) -> int:
    """Rebuild the daily jobs from the subscribers in the database."""
    slots = {(s.timezone, s.digest_time) for s in subs}
    for slot in slots:
        schedule_slot(job_queue, slot)
    return len(slots)


async def start_alerts(services: Services) -> None:
    """Alerts begin after what is already stored: a restart does not replay old news."""
    async with services.sessionmaker() as session, session.begin():
        for kind in ALERT_KINDS:
            services.alert_marks.setdefault(kind, await max_item_id(kind, session=session))


def alert_text(item: Item, language: str) -> str:
    """An alert: the actor's name, then the item."""
    name = (item.actor_ar if language == "ar" else item.actor_en) or item.actor_en or ""
    return t(language, "alert", name=name) + "\n" + item_block(item, language)


async def new_alerts(services: Services) -> list[Outgoing]:
    """Alerts for items stored since the last look that happened lately, one per follower of the item's actor."""
    out: list[Outgoing] = []
    since = (services.clock() - ALERT_WINDOW).date()
    async with services.sessionmaker() as session, session.begin():
        for kind in ALERT_KINDS:
            fresh = await queries.items_after(kind, services.alert_marks.get(kind, 0), session=session,
                                              happened_from=since)
            for item in fresh:
                if item.actor_id is None:
                    continue
                for sub in await queries.followers([item.actor_id], session=session):
                    out.append(Outgoing(chat_id=sub.chat_id, day=item.first_seen.date(),
                                        kind=f"a:{kind[0]}:{item.id}",
                                        chunks=tuple(split_html(alert_text(item, sub.language)))))
            if fresh:
                services.alert_marks[kind] = max(i.id for i in fresh)
    return out


async def alert_job(context: Context) -> None:
    """Send follow alerts for what was stored since the last run."""
    if not context.services.alert_marks:
        await start_alerts(context.services)
    await context.services.delivery.send_all(await new_alerts(context.services))
