"""One settings object for the whole application, read from the environment and nashra.toml."""

from __future__ import annotations

import re
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from storage.config import StorageSettings

MIN_WEBHOOK_SECRET = 16  # characters; `openssl rand -hex 32` gives 64


class Settings(StorageSettings):
    """Everything configurable: storage's settings and the bot's; NASHRA_* variables override nashra.toml."""

    telegram_bot_token: str | None = Field(default=None, validation_alias="TELEGRAM_BOT_TOKEN")
    telegram_api_url: str | None = None  # PTB base_url form: http://127.0.0.1:8081/bot
    webhook_url: str | None = None
    webhook_secret: str | None = None
    admin_ids: str = ""  # comma-separated Telegram user ids
    default_timezone: str = "Asia/Baghdad"
    default_digest_time: str = "08:00"
    delivery_rate: float = Field(default=30.0, gt=0, le=1000)  # messages a second, bot-wide
    alert_interval_seconds: int = Field(default=120, ge=10)  # how often follow alerts are looked for
    webhook_listen: str = "0.0.0.0"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    # /healthz and /metrics (bot/ops.py); unset, nothing listens. Not for the open internet: no one is asked who reads
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_listen: str = "127.0.0.1"
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"  # DEBUG adds httpx's request lines

    @field_validator("default_timezone")
    @classmethod
    def _known_zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {v!r}") from exc
        return v

    @field_validator("default_digest_time")
    @classmethod
    def _clock_time(cls, v: str) -> str:
        from datetime import time

        try:
            time.fromisoformat(v)
        except ValueError as exc:
            raise ValueError(f"digest time {v!r} is not HH:MM") from exc
        return v

    @field_validator("telegram_api_url", "webhook_url")
    @classmethod
    def _http_url(cls, v: str | None) -> str | None:
        if v is not None and not v.startswith(("http://", "https://")):
            raise ValueError(f"{v!r} is not an http(s) URL")
        return v

    @field_validator("webhook_secret")
    @classmethod
    def _secret(cls, v: str | None) -> str | None:
        # Telegram's own rule for secret_token is 1-256 of these characters; a short one could be guessed.
        if v is not None and not (len(v) >= MIN_WEBHOOK_SECRET and re.fullmatch(r"[A-Za-z0-9_-]{1,256}", v)):
            raise ValueError(f"NASHRA_WEBHOOK_SECRET must be {MIN_WEBHOOK_SECRET} to 256 letters, digits, _ or -")
        return v

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and not self.webhook_secret:
            raise ValueError("NASHRA_WEBHOOK_URL needs NASHRA_WEBHOOK_SECRET, or anyone could post updates to the bot")
        return self

    @field_validator("admin_ids")
    @classmethod
    def _ids(cls, v: str) -> str:
        for part in filter(None, (p.strip() for p in v.split(","))):
            if not part.lstrip("-").isdigit():
                raise ValueError(f"NASHRA_ADMIN_IDS holds {part!r}, not a Telegram user id")
        return v

    @property
    def webhook_path(self) -> str:
        """The one path the webhook listener serves: the path Telegram is told to post to."""
        return urlsplit(self.webhook_url or "").path or "/"

    @property
    def admins(self) -> frozenset[int]:
        """Admin user ids as integers."""
        return frozenset(int(p) for p in self.admin_ids.split(",") if p.strip())


def load_settings(**overrides: Any) -> Settings:
    """Build the settings once, in main(); a bad value raises ConfigError with one clear line."""
    from pydantic import ValidationError

    from briefings.errors import ConfigError

    try:
        return Settings(**overrides)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        message = str(first.get("msg")).removeprefix("Value error, ")  # pydantic's prefix says nothing here
        raise ConfigError(f"bad setting {where}: {message}" if where else f"bad settings: {message}") from None
