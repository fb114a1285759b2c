"""/chart [days]: a picture of the last days; /weekly on|off: the weekly digest that carries one."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import Update
from telegram.constants import ParseMode

from bot.chart import draw, message_parts
from bot.context import Context
from bot.delivery import PHOTO_NAME
from bot.export import chat_today
from bot.handlers import argument, reply, save, say, settings_time
from bot.i18n import t
from bot.jobs import schedule_slot
from bot.parse import parse_count, parse_switch

DEFAULT_DAYS = 7
MAX_CHART_DAYS = 92  # a quarter: past that a bar a day is too thin to read on a phone


async def chart(update: Update, context: Context) -> None:
    """/chart [days]: incidents per day by type, the busiest places and actors, as a PNG with a summary."""
    arg, lang = argument(context), context.language
    days = parse_count(arg) if arg else DEFAULT_DAYS
    if not days or days > MAX_CHART_DAYS:
        await say(update, context, "usage_chart", max=MAX_CHART_DAYS)
        return
    until = chat_today(context)
    since = until - timedelta(days=days)  # as /incidents and /export count their days
    tally = await context.services.store.tally(since, until)
    if not tally.incidents:
        await reply(update, t(lang, "chart_none", since=since, until=until))
        return
    picture = await asyncio.to_thread(draw, tally, lang)
    caption, *rest = message_parts(tally, lang)
    await update.get_bot().send_photo(update.effective_chat.id, picture,  # type: ignore[union-attr]
                                      caption=caption, parse_mode=ParseMode.HTML, filename=PHOTO_NAME)
    if rest:
        await reply(update, "\n".join(rest))


async def weekly(update: Update, context: Context) -> None:
    """/weekly on|off: the weekly digest, a chart and a summary every Friday at the digest hour; alone, its state."""
    arg, lang = argument(context), context.language
    on = parse_switch(arg) if arg else None
    if on is None:
        sub = context.chat.subscriber
        at, tz = settings_time(sub, context)
        state = t(lang, "weekly_on" if sub and sub.weekly else "weekly_off", time=at, tz=tz)
        await reply(update, state + "\n" + t(lang, "usage_weekly"))
        return
    sub = await save(update, context, weekly=on)
    if on and context.job_queue:
        schedule_slot(context.job_queue, (sub.timezone, sub.digest_time))
    await say(update, context, "weekly_on" if on else "weekly_off", time=sub.digest_time.strftime("%H:%M"),
              tz=sub.timezone)
