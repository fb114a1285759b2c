"""The bot against a strict fake Bot API on 127.0.0.1, over a real database with a few stories."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.app import build_application, serving
from bot.context import NashraApp
from bot.settings import Settings, load_settings
from briefings.model import Article, Briefing, Digest, Evidence, Incident, Statement
from storage.catalog import seed_gazetteer
from storage.store import store_briefing
from tests.fakes.bot_api import TOKEN, FakeBotApi, running
from tests.storage.factories import AIN_ASAD, BAGHDAD, KATAIB, SUDANI, small_gazetteer

Maker = async_sessionmaker[AsyncSession]
ADMIN = 42
NOW = datetime(2024, 1, 21, 6, 0, tzinfo=UTC)  # 09:00 in Baghdad


@pytest.fixture(autouse=True)
def timedelta_periods(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta periods, as `nashra run` does, so RetryAfter raises no deprecation."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture(scope="session")
def bot_api() -> Iterator[FakeBotApi]:
    """One fake Bot API server for the whole session."""
    with running() as api:
        yield api


@pytest.fixture
def api(bot_api: FakeBotApi) -> FakeBotApi:
    """The session's server, emptied for this test."""
    bot_api.reset()
    return bot_api


@dataclass
class Clock:
    """A clock a test moves by hand."""

    now: datetime = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    """Time stands still at NOW until the test moves it."""
    return Clock()


def story(key: str, *, incidents: tuple[Incident, ...] = (), statements: tuple[Statement, ...] = (),
          outlet: str = "Shafaq") -> Briefing:
    """A briefing of one article with a link."""
    art = Article(key=key, title=f"خبر {key}", paragraphs=(f"نص الخبر {key}.",), published=date(2024, 1, 21),
                  url=f"https://news.example/{key}", source=outlet)
    return Briefing(article=art, incidents=incidents, statements=statements)


def drone(digest_en: str = "Drone attack on Ain al-Asad air base", *, killed: int | None = None) -> Incident:
    """An incident at Ain al-Asad by Kataib Hezbollah."""
    return Incident(type="drone_attack", place=AIN_ASAD, date="2024-01-20", perpetrator=KATAIB, killed=killed,
                    evidence=Evidence(article="a", sentences=(0,), quotes=("استهدف هجوم",)),
                    digest=Digest(ar="هجوم بطائرة مسيرة على قاعدة عين الأسد", en=digest_en))


def sudani_said(en: str = "Sudani warned against escalation") -> Statement:
    """A statement by the prime minister."""
    return Statement(speaker=SUDANI, acts=("warned",), gist_ar="حذر من التصعيد", date="2024-01-21",
                     evidence=Evidence(article="a", sentences=(1,), quotes=("حذر السوداني",)),
                     digest=Digest(ar="السوداني حذر من التصعيد", en=en))


async def fill(sessionmaker: Maker, at: datetime = NOW - timedelta(hours=3)) -> None:
    """Three actors, two places, an incident and a statement, seen three hours before NOW."""
    async with sessionmaker() as session, session.begin():
        await seed_gazetteer(small_gazetteer(), session=session)
    async with sessionmaker() as session, session.begin():
        await store_briefing(story("one", incidents=(drone(killed=2),)), session=session, source_name="shafaq",
                             now=at)
    async with sessionmaker() as session, session.begin():
        await store_briefing(story("two", statements=(sudani_said(),), outlet="Alsumaria"), session=session,
                             source_name="alsumaria", now=at + timedelta(minutes=5))
    assert BAGHDAD  # the small gazetteer also knows Baghdad


@pytest.fixture
async def filled(sessionmaker: Maker) -> Maker:
    """The database with a few stories."""
    await fill(sessionmaker)
    return sessionmaker


def settings_for(api: FakeBotApi, **extra: object) -> Settings:
    """Settings pointing at the fake server."""
    return load_settings(TELEGRAM_BOT_TOKEN=TOKEN, telegram_api_url=api.base_url, admin_ids=str(ADMIN), **extra)


@pytest.fixture
async def app(api: FakeBotApi, filled: Maker, clock: Clock) -> AsyncIterator[NashraApp]:
    """The real Application, polling the fake server."""
    application = build_application(settings_for(api), filled, clock=clock)
    async with serving(application, poll=True):
        yield application


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """A child process's working directory, without a nashra.toml; its log is printed when a test fails."""
    yield tmp_path
    log = tmp_path / "nashra.log"
    if log.exists():
        sys.stderr.write(log.read_text(errors="replace")[-4000:])
