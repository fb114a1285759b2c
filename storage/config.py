"""What storage is configured with: the database, the sources and how they are fetched.

The bot's settings (bot/settings.py) add their own fields to these; both read the same
NASHRA_* environment variables and nashra.toml, so storage never imports the bot.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

DEFAULT_SQLITE = "sqlite:///nashra.sqlite3"


def async_database_url(url: str) -> str:
    """Pick the async driver for a URL given as sqlite:///path or postgresql://…"""
    for plain, driver in (("sqlite://", "sqlite+aiosqlite://"), ("postgresql://", "postgresql+asyncpg://"),
                          ("postgres://", "postgresql+asyncpg://")):
        if url.startswith(plain):
            return driver + url[len(plain):]
    return url


class StorageSettings(BaseSettings):
    """The database and the sources; NASHRA_* environment variables override nashra.toml."""

    model_config = SettingsConfigDict(env_prefix="NASHRA_", toml_file="nashra.toml", extra="ignore")

    database_url: str = DEFAULT_SQLITE
    sources_path: Path = Path("deploy/sources.yaml")
    worker_lease_seconds: int = 300
    sources: dict[str, Any] = Field(default_factory=dict)  # nashra.toml [sources.<name>]; over sources_path
    fetch_timeout_seconds: float = Field(default=20.0, gt=0)  # connect and each read
    fetch_max_bytes: int = Field(default=5_000_000, ge=1000)  # after decompression
    fetch_retries: int = Field(default=2, ge=0, le=10)
    fetch_deadline_seconds: float = Field(default=60.0, gt=0)  # a whole fetch, retries and redirects included
    # one poll of one source; under the worker lease, so no other worker claims a source still being polled
    source_deadline_seconds: float = Field(default=240.0, gt=0)
    ingest_concurrency: int = Field(default=4, ge=1, le=64)  # sources polled at once per process

    @classmethod
    def settings_customise_sources(
        cls, settings_cls: type[BaseSettings], init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource, dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls))

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, v: str) -> str:
        if v.split("://", 1)[0].split("+", 1)[0] not in ("sqlite", "postgresql", "postgres"):
            raise ValueError("NASHRA_DATABASE_URL must start with sqlite:/// or postgresql://")
        return v

    @model_validator(mode="after")
    def _deadline_under_lease(self) -> StorageSettings:
        if self.source_deadline_seconds >= self.worker_lease_seconds:
            raise ValueError("NASHRA_SOURCE_DEADLINE_SECONDS must be under NASHRA_WORKER_LEASE_SECONDS")
        return self

    @property
    def async_database_url(self) -> str:
        """The database URL with its async driver."""
        return async_database_url(self.database_url)
