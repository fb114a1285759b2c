"""The scheduled work of the bot process: daily and weekly digests per time slot, and follow alerts."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram.ext import JobQueue

from bot.chart import draw, message_parts
from bot.context import Context, DigestRun, Services
from bot.delivery import Outgoing
from bot.i18n import t
from bot.lookups import max_item_id
from bot.render import digest_text, item_block, split_html
from storage import queries
from storage.items import Item, Subscriber, Tally
from storage.metrics import LAST_DIGEST_RUN

log = logging.getLogger(__name__)

DIGEST_WINDOW = timedelta(hours=24)
# A digest also takes what happened the day before its window opened: a report of last
# night's attack often arrives after the morning's digest, and outlets date a night attack by
# either side of midnight (as the store's merge window). Older than that is an archive.
LATE_REPORT = timedelta(days=1)
ALERT_WINDOW = timedelta(hours=48)  # an alert is only for what happened this recently
ALERT_KINDS = ("incident", "statement")
# The weekly digest goes on Fridays (Monday is 0), the day of rest across the region, at each
# person's digest hour, and covers the seven whole days before it: Friday to Thursday, so the
# weeks neither overlap nor leave a day out. The catalogs' "weekly_on" and help name the day.
WEEKLY_DAY = 4
WEEK = 7
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


async def recipients(services: Services) -> list[Subscriber]:
    """Active chats that take the daily digest, the weekly one or both."""
    async with services.sessionmaker() as session, session.begin():
        return await queries.recipients(session=session)


def _due(sub: Subscriber, now: datetime, slot: Slot | None) -> bool:
    return (slot is None or (sub.timezone, sub.digest_time) == slot) and is_due(sub, now)


async def due_digests(services: Services, now: datetime, *, slot: Slot | None = None,
                      subs: Sequence[Subscriber] | None = None) -> list[Outgoing]:
    """One Outgoing per subscriber whose digest moment has come, the ledger decides the rest."""
    subs = await recipients(services) if subs is None else subs
    rendered: dict[tuple[datetime, str, date], tuple[str, ...]] = {}
    items: dict[datetime, list[Item]] = {}
    out: list[Outgoing] = []
    for sub in subs:
        if not sub.subscribed or not _due(sub, now, slot):
            continue
        day, end = slot_end(sub, now)
        if end not in items:
            items[end] = await window_items(services, end)
        key = (end, sub.language, day)
        if key not in rendered:
            rendered[key] = digest_chunks(items[end], sub.language, day)
        out.append(Outgoing(chat_id=sub.chat_id, day=day, chunks=rendered[key], due=end))
    return out


def weekly_span(day: date) -> tuple[date, date]:
    """The first and last day a weekly digest sent on `day` covers: the seven days before it."""
    return day - timedelta(days=WEEK), day - timedelta(days=1)


async def due_weekly(services: Services, now: datetime, *, slot: Slot | None = None,
                     subs: Sequence[Subscriber] | None = None) -> list[Outgoing]:
    """One Outgoing per weekly reader whose Friday digest moment has come and who has not had it.

    The ledger has the last word, as for the daily digest; it is asked first here only so that
    a rerun does not draw again pictures nobody will be sent.
    """
    subs = await recipients(services) if subs is None else subs
    due = [(sub, *slot_end(sub, now)) for sub in subs if sub.weekly and _due(sub, now, slot)]
    due = [(sub, day, end) for sub, day, end in due if day.weekday() == WEEKLY_DAY]
    async with services.sessionmaker() as session, session.begin():
        done = await queries.ledger_rows({(sub.chat_id, day, "weekly") for sub, day, _ in due}, session=session)
    tallies: dict[date, Tally] = {}
    rendered: dict[tuple[date, str], tuple[bytes | None, tuple[str, ...]]] = {}
    out: list[Outgoing] = []
    for sub, day, end in due:
        if done.get((sub.chat_id, day, "weekly"), ("sending",))[0] != "sending":
            continue
        if day not in tallies:
            async with services.sessionmaker() as session, session.begin():
                tallies[day] = await queries.tally(*weekly_span(day), session=session)
        if (day, sub.language) not in rendered:
            rendered[day, sub.language] = await weekly_message(tallies[day], sub.language)
        photo, chunks = rendered[day, sub.language]
        out.append(Outgoing(chat_id=sub.chat_id, day=day, chunks=chunks, kind="weekly", photo=photo, due=end))
    return out


async def weekly_message(tally: Tally, language: str) -> tuple[bytes | None, tuple[str, ...]]:
    """A week's picture and summary; a week without incidents is the summary alone, with nothing to draw."""
    chunks = message_parts(tally, language, head="weekly_head")
    if not tally.incidents:
        return None, chunks
    return await asyncio.to_thread(draw, tally, language), chunks


async def send_due(services: Services, *, slot: Slot | None = None) -> Counter[str]:
    """Send every digest, daily and weekly, that is due now; what was already sent is skipped by the ledger."""
    now, subs = services.clock(), await recipients(services)
    outgoing = [*await due_digests(services, now, slot=slot, subs=subs),
                *await due_weekly(services, now, slot=slot, subs=subs)]
    report = await services.delivery.send_all(outgoing)
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
