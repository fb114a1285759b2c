"""/export [days]: the incidents of the last days as a CSV file, sent as a document."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ParseMode

from bot.context import Context
from bot.handlers import argument, reply, say
from bot.i18n import plural, t
from bot.parse import parse_count
from bot.tables import event_rows, to_csv
from briefings.gazetteer import default_gazetteer

DEFAULT_DAYS = 7
MAX_EXPORT_DAYS = 366  # a year, leap or not; longer archives are the command line's (`nashra export`)
# A busy year is a few thousand incidents; at about 1.5 KB a row the file stays far under the
# 50 MB a bot may send, and a phone's spreadsheet app still opens it.
MAX_EXPORT_ROWS = 5000


def chat_today(context: Context) -> date:
    """Today in the chat's time zone (the configured one for a chat that chose none)."""
    sub = context.chat.subscriber
    zone = ZoneInfo(sub.timezone if sub else context.services.settings.default_timezone)
    return context.services.clock().astimezone(zone).date()


async def export(update: Update, context: Context) -> None:
    """/export [days]: a CSV document of the incidents that happened in the last days, newest first."""
    arg, lang = argument(context), context.language
    days = parse_count(arg) if arg else DEFAULT_DAYS
    if not days:
        await say(update, context, "usage_export", max=MAX_EXPORT_DAYS)
        return
    until = chat_today(context)
    since = until - timedelta(days=min(days, MAX_EXPORT_DAYS))  # as /incidents counts its days
    records = await context.services.store.incident_records(since, until, limit=MAX_EXPORT_ROWS + 1)
    if not records:
        await reply(update, t(lang, "export_none", since=since, until=until))
        return
    rows = event_rows(records[:MAX_EXPORT_ROWS], await asyncio.to_thread(default_gazetteer))  # loaded once
    notes = [t(lang, "export_caption", since=since, until=until, count=len(rows))]
    if days > MAX_EXPORT_DAYS:
        notes.append(plural(lang, "export_capped_days", MAX_EXPORT_DAYS))
    if len(records) > MAX_EXPORT_ROWS:
        notes.append(plural(lang, "export_capped_rows", MAX_EXPORT_ROWS))
    await update.get_bot().send_document(update.effective_chat.id,  # type: ignore[union-attr]
                                         to_csv(rows), filename=f"nashra-incidents-{since}-{until}.csv",
                                         caption="\n".join(notes), parse_mode=ParseMode.HTML)
