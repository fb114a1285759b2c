"""A person no list knows, first seen in yesterday's news, is found by /actor in Arabic and English."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest

from bot.app import build_application, serving
from bot.context import NashraApp
from briefings.model import Article
from briefings.pipeline import brief
from storage.store import store_briefing
from tests.bot.conftest import NOW, Clock, Maker, settings_for
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi

CHAT = 3003
NEWS = ("وقال المبعوث الأممي ستيفان دي ميستورا إن الحل السياسي ما زال ممكنا رغم تعثر المفاوضات.",)


@pytest.fixture
async def app(api: FakeBotApi, filled: Maker, clock: Clock) -> AsyncIterator[NashraApp]:
    """The real Application over the stories of the fixture and one read by the pipeline yesterday."""
    article = Article(key="envoy", title="المبعوث الأممي: الحل السياسي ممكن", paragraphs=NEWS,
                      published=date(2024, 1, 20), url="https://news.example/envoy", source="Shafaq")
    briefing = brief(article)
    assert [s.speaker.name_ar for s in briefing.statements] == ["ستيفان دي ميستورا"]
    async with filled() as session, session.begin():
        await store_briefing(briefing, session=session, source_name="shafaq", now=NOW - timedelta(days=1))
    application = build_application(settings_for(api), filled, clock=clock)
    async with serving(application, poll=True):
        yield application


@pytest.mark.parametrize("typed", ["دي ميستورا", "ستيفان دي ميستورا", "de Mistura", "Stefan de Mistura", "mistura"])
async def test_a_person_first_seen_yesterday_is_found_by_the_name_a_reader_types(
        app: NashraApp, api: FakeBotApi, typed: str) -> None:
    reply = await ask(api, CHAT, f"/actor {typed}")
    assert "Stefan de Mistura" in reply.plain and "UN envoy" in reply.plain  # the title before the name is his role
    assert "2024-01-20" in reply.plain and "negotiations" in reply.plain  # the statement, dated


async def test_an_unknown_name_gets_a_clear_answer(app: NashraApp, api: FakeBotApi) -> None:
    reply = await ask(api, CHAT, "/actor Zorblax Quintavius")
    assert "Stefan de Mistura" not in reply.plain
    assert "No actor called “Zorblax Quintavius”" in reply.plain
