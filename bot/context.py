"""What every handler and job reaches through its context: the services, typed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from telegram.ext import Application, CallbackContext, ExtBot

from bot.delivery import Delivery
from bot.settings import Settings


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
    clock: Callable[[], datetime] = utc_now
    ingest: Callable[[], Awaitable[str]] | None = None  # runs every source once, returns a summary
    alert_marks: dict[str, int] = field(default_factory=dict)  # kind -> last item id alerted
    on_shutdown: list[Callable[[], Awaitable[None]]] = field(default_factory=list)
    last_digest_run: DigestRun | None = None  # for /healthz


class BotData:
    """`context.bot_data`: PTB builds it empty; `build_application` sets `services` at once."""

    __slots__ = ("services",)

    services: Services


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """CallbackContext with the services at hand."""

    @property
    def services(self) -> Services:
        """The bot's services."""
        return self.bot_data.services


NashraApp = Application[ExtBot[None], Context, dict[Any, Any], dict[Any, Any], BotData, Any]
