"""/search through the real Application: Arabic-aware words, newest first, "page 2 of 3" buttons."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from bot.context import NashraApp
from briefings.model import Digest
from storage.store import store_briefing
from tests.bot.conftest import NOW, Maker, drone, story
from tests.bot.helpers import ask, buttons, press
from tests.fakes.bot_api import FakeBotApi

CHAT = 6001
ROCKETS = 12  # three pages of five


async def store_rockets(maker: Maker) -> None:
    """Twelve rocket attacks three days apart (too far to merge), numbered from the oldest; the newest stored first."""
    for n in reversed(range(1, ROCKETS + 1)):
        day = date(2024, 1, 20) - timedelta(days=3 * (ROCKETS - n))
        attack = dataclasses.replace(drone(), type="rocket_attack", date=day.isoformat(),
                                     digest=Digest(en=f"Rocket salvo number {n} on the base",
                                                   ar=f"رشقة صواريخ رقم {n} على القاعدة"))
        async with maker() as session, session.begin():
            await store_briefing(story(f"rocket-{n}", incidents=(attack,)), session=session, source_name="shafaq",
                                 now=NOW - timedelta(hours=n))


@pytest.mark.parametrize(("language", "query", "found", "absent"), [
    ("en", "drone attacks", "Drone attack on Ain al-Asad air base", "Sudani warned"),
    ("ar", "الطائرة المسيّرة", "هجوم بطائرة مسيرة على قاعدة عين الأسد", "السوداني حذر"),
    ("ar", "بطائرات مسيرة", "هجوم بطائرة مسيرة على قاعدة عين الأسد", "السوداني حذر"),
    ("en", "escalation", "Sudani warned against escalation", "Drone attack"),
    ("ar", "والتصعيد", "السوداني حذر من التصعيد", "هجوم بطائرة"),
    ("en", "Kataib Hezbollah", "Drone attack on Ain al-Asad air base", "Sudani warned"),
])
async def test_search_finds_the_items_with_every_word_in_either_language(
        app: NashraApp, api: FakeBotApi, language: str, query: str, found: str, absent: str) -> None:
    await ask(api, CHAT, f"/lang {language}")
    shown = (await ask(api, CHAT, f"/search {query}")).plain
    assert found in shown and absent not in shown
    assert ("page 1 of 1" if language == "en" else "الصفحة 1 من 1") in shown


async def test_search_pages_newest_first_with_buttons(app: NashraApp, api: FakeBotApi, filled: Maker) -> None:
    await store_rockets(filled)
    first = await ask(api, CHAT, "/search rocket salvo")
    assert "page 1 of 3" in first.plain
    assert [n for n in range(ROCKETS, 0, -1) if f"number {n} " in first.plain] == [12, 11, 10, 9, 8]
    [(label, data)] = buttons(first)
    assert label == "Next ›"

    second = await press(api, CHAT, data, first.message_id)
    assert "page 2 of 3" in second.plain
    assert [n for n in range(ROCKETS, 0, -1) if f"number {n} " in second.plain] == [7, 6, 5, 4, 3]
    assert [label for label, _ in buttons(second)] == ["‹ Previous", "Next ›"]

    third = await press(api, CHAT, buttons(second)[1][1], second.message_id)
    assert "page 3 of 3" in third.plain and "number 1 " in third.plain
    assert [label for label, _ in buttons(third)] == ["‹ Previous"]


async def test_search_in_arabic_pages_in_arabic(app: NashraApp, api: FakeBotApi, filled: Maker) -> None:
    await store_rockets(filled)
    await ask(api, CHAT, "/lang ar")
    first = await ask(api, CHAT, "/search صواريخ")
    assert "الصفحة 1 من 3" in first.plain and "رشقة صواريخ رقم 12 " in first.plain
    assert [label for label, _ in buttons(first)] == ["التالي ›"]


@pytest.mark.parametrize("data", ["s:999999:1", "s:1:0", "s:0:1", "s:1:99999", "s:99999999999:1", "s:1:1;drop"])
async def test_a_forged_page_button_gets_a_polite_answer(app: NashraApp, api: FakeBotApi, data: str) -> None:
    before = len(api.answers)
    api.push_callback(CHAT, data, message_id=1)
    await _answered(api, before)
    assert "no longer works" in (api.answers[-1].get("text") or "")


async def _answered(api: FakeBotApi, before: int) -> None:
    import asyncio

    for _ in range(500):
        if len(api.answers) > before:
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"no answer; rejected: {api.rejected[-3:]}")


@pytest.mark.parametrize(("text", "reply"), [
    ("/search", "e.g. /search drone attack"),
    ("/search ؟؟ !!", "e.g. /search drone attack"),
    ("/search " + "a" * 101, "too long"),
    ("/search Mosul", "Nothing found for “Mosul”"),
])
async def test_search_without_words_or_results_says_so(app: NashraApp, api: FakeBotApi, text: str,
                                                       reply: str) -> None:
    assert reply in (await ask(api, CHAT, text)).plain
