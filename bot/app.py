"""Builds the Application: handlers, jobs and services, wired once; nothing here runs on import."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine
from contextlib import asynccontextmanager
from datetime import datetime, time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram import BotCommand, Message, Update
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot import archive, export, pictures
from bot import handlers as h
from bot.context import BotData, Context, NashraApp, Services, utc_now
from bot.delivery import RATE_PER_SECOND, Delivery
from bot.i18n import MENU
from bot.jobs import alert_job, schedule_slots, send_due, start_alerts
from bot.services import Store
from bot.settings import Settings
from storage import queries

log = logging.getLogger(__name__)

CONTEXT_TYPES = ContextTypes(context=Context, bot_data=BotData)
OFFLINE_TOKEN = "0:offline"  # the shell's token: never sent anywhere

COMMANDS: dict[str, Callable[[Update, Context], Coroutine[Any, Any, None]]] = {
    "start": h.start, "help": h.help_command, "subscribe": h.subscribe, "unsubscribe": h.unsubscribe,
    "latest": h.latest, "actor": h.actor, "place": h.place, "incidents": h.incidents,
    "statements": h.statements, "lang": h.lang_command, "time": h.time_command, "tz": h.tz_command,
    "follow": h.follow, "unfollow": h.unfollow, "settings": h.settings_command, "digest": h.digest,
    "stats": h.stats, "sources": h.sources, "ingest": h.ingest,
    "search": archive.search, "export": export.export, "chart": pictures.chart, "weekly": pictures.weekly,
}


def build_application(settings: Settings, sessionmaker: async_sessionmaker[AsyncSession], *,
                      clock: Callable[[], datetime] = utc_now, request: BaseRequest | None = None,
                      updates_request: BaseRequest | None = None, delivery_rate: float = RATE_PER_SECOND,
                      ingest: Callable[[], Awaitable[str]] | None = None) -> NashraApp:
    """The bot: against Telegram, a self-hosted Bot API (settings), or a given transport (the shell)."""
    builder = (ApplicationBuilder().token(settings.telegram_bot_token or OFFLINE_TOKEN)
               .context_types(CONTEXT_TYPES).post_init(post_init).post_shutdown(post_shutdown))
    if settings.telegram_api_url:
        builder = builder.base_url(settings.telegram_api_url)
    if request is not None:
        builder = builder.request(request).get_updates_request(updates_request or request).updater(None)
    app: NashraApp = builder.build()  # type: ignore[assignment]
    delivery = Delivery(app.bot, sessionmaker, rate=delivery_rate)
    store = Store(sessionmaker, timezone=settings.default_timezone,
                  digest_time=time.fromisoformat(settings.default_digest_time))
    app.bot_data.services = Services(settings=settings, sessionmaker=sessionmaker, delivery=delivery, store=store,
                                     clock=clock, ingest=ingest)
    add_handlers(app)
    return app


class CommandFor(filters.MessageFilter):
    """A command addressed by name, `/cmd@name`: to this bot (`mine`), or to another one."""

    def __init__(self, *, mine: bool) -> None:
        super().__init__(name=f"CommandFor(mine={mine})")
        self.mine = mine

    def filter(self, message: Message) -> bool:
        """Whether the message opens with a command addressed to the bot in question."""
        words = (message.text or "").split(maxsplit=1)
        name = words[0].partition("@")[2].lower() if words and words[0].startswith("/") else ""
        return bool(name) and (name == message.get_bot().username.lower()) == self.mine  # names ignore case


def add_handlers(app: NashraApp) -> None:
    """Every command, the buttons, membership changes, plain text, unknown commands, errors.

    In a group, as Telegram's convention has it, the bot takes its own commands (`/cmd@bot`, or
    plain `/cmd` when Telegram delivers it) and nothing else: neither chat nor other bots'
    commands. CommandHandler already ignores `/cmd@another_bot`; the rest is said here.
    Before them all (group -1), the chat's stored preferences are read once for the update.
    """
    app.add_handler(TypeHandler(Update, h.resolve_chat), group=-1)
    for name, callback in COMMANDS.items():
        app.add_handler(CommandHandler(name, callback))
    app.add_handler(CallbackQueryHandler(archive.search_button, pattern=archive.SEARCH_PATTERN))
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(ChatMemberHandler(h.membership, ChatMemberHandler.MY_CHAT_MEMBER))
    private = filters.ChatType.PRIVATE
    to_me, to_another = CommandFor(mine=True), CommandFor(mine=False)
    app.add_handler(MessageHandler(filters.COMMAND & ~to_another & (private | to_me), h.unknown))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND & private, h.text_message))
    app.add_error_handler(h.on_error)


async def set_menus(app: NashraApp) -> None:
    """The command menu in Arabic and English (English for every other language)."""
    for code, column in ((None, 2), ("en", 2), ("ar", 1)):
        commands = [BotCommand(row[0], row[column]) for row in MENU]
        await app.bot.set_my_commands(commands, language_code=code)


async def post_init(app: NashraApp) -> None:
    """Start services: menus, the ledger after a crash, daily jobs from the database, alerts, /healthz."""
    services = app.bot_data.services
    await set_menus(app)
    resumed, closed = await services.delivery.close_stale(services.clock())
    async with services.sessionmaker() as session, session.begin():
        subs = await queries.recipients(session=session)
    if app.job_queue is not None:
        slots = schedule_slots(app.job_queue, subs)
        app.job_queue.run_once(catch_up, 0, name="catch-up")
        app.job_queue.run_repeating(alert_job, services.settings.alert_interval_seconds, name="alerts")
        log.info("%d daily slots for %d subscribers; %d interrupted digests to resume, %d stale deliveries closed",
                 slots, len(subs), resumed, closed)
    await start_alerts(services)
    if services.settings.metrics_port is not None:
        from bot.ops import start_ops_server

        services.on_shutdown.append(await start_ops_server(
            services.settings.metrics_listen, services.settings.metrics_port, services.sessionmaker,
            lambda: services.last_digest_run))


async def catch_up(context: Context) -> None:
    """At start, send the digests whose hour passed while the bot was down."""
    await send_due(context.services)


async def post_shutdown(app: NashraApp) -> None:
    """Stop services in reverse order of start."""
    for stop in reversed(app.bot_data.services.on_shutdown):
        await stop()


def stop_gracefully(app: NashraApp) -> None:
    """On SIGTERM or SIGINT: send nothing new, then stop as `run_polling` does once the calls in flight end."""
    log.info("stopping: no new messages; waiting for those in flight")
    app.bot_data.services.delivery.stop()
    app.stop_running()


@asynccontextmanager
async def serving(app: NashraApp, *, poll: bool = False) -> AsyncIterator[NashraApp]:
    """Run the Application inside a block, with the same start and stop as `run_polling`."""
    async with app:
        await post_init(app)
        await app.start()
        if poll and app.updater is not None:
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:
            app.bot_data.services.delivery.stop()
            if app.updater is not None and app.updater.running:
                await app.updater.stop()
            await app.stop()
            await post_shutdown(app)
