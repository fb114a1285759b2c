"""What every handler and job reaches through its context: the services, typed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.delivery import Delivery
from bot.i18n import pick_language
from bot.services import Store
from bot.settings import Settings
from storage.items import Subscriber


def utc_now() -> datetime:
    """The real clock; tests pass their own."""
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True, kw_only=True)
class DigestRun:
    """When the last daily digest run (a slot's, or the catch-up at start) ended, and its outcomes."""

    ended: datetime
    report: dict[str, int]


@dataclass(slots=True, kw_only=True)
class Services:
    """The long-lived parts of the bot, built once in `build_application`."""

    settings: Settings
    sessionmaker: async_sessionmaker[AsyncSession]
    delivery: Delivery
    store: Store
    clock: Callable[[], datetime] = utc_now
    ingest: Callable[[], Awaitable[str]] | None = None  # runs every source once, returns a summary
    alert_marks: dict[str, int] = field(default_factory=dict)  # kind -> last item id alerted
    on_shutdown: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    last_digest_run: DigestRun | None = None  # for /healthz


class BotData:
    """`context.bot_data`: PTB builds it empty; `build_application` sets `services` at once."""

    __slots__ = ("services",)

    services: Services


@dataclass(frozen=True, slots=True, kw_only=True)
class Chat:
    """The chat an update comes from, as stored when the update arrived (or after this update saved it)."""

    subscriber: Subscriber | None = None
    telegram_language: str | None = None  # the user's language code, for a chat that chose none

    @property
    def language(self) -> str:
        """The stored language, else the one Telegram reports for the user."""
        return pick_language(self.subscriber.language if self.subscriber else None, self.telegram_language)


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with the services at hand and the update's chat, resolved once before any handler."""

    __slots__ = ("chat",)

    def __init__(self, application: Application[Any, Any, Any, Any, Any, Any], chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application, chat_id, user_id)  # type: ignore[arg-type]
        self.chat = Chat()

    @property
    def language(self) -> str:
        """The language to answer this update in."""
        return self.chat.language

    def remember(self, subscriber: Subscriber) -> Subscriber:
        """What this update just saved: later replies to it read the new preferences."""
        self.chat = Chat(subscriber=subscriber, telegram_language=self.chat.telegram_language)
        return subscriber

    @property
    def services(self) -> Services:
        """The bot's services."""
        return self.bot_data.services


NashraApp = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
