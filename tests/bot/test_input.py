"""Settings typed the way people type them, through the real Application, in English and Arabic."""

from __future__ import annotations

import pytest

from bot.context import NashraApp
from tests.bot.helpers import ask, buttons, press
from tests.fakes.bot_api import FakeBotApi

CHAT = 5001


@pytest.mark.parametrize(("typed", "shown"), [("٠٧:٣٠", "07:30"), ("7pm", "19:00"), ("7:15 am", "07:15"),
                                              ("٩ م", "21:00"), ("19.45", "19:45")])
async def test_digest_time_in_any_digits_and_either_clock(app: NashraApp, api: FakeBotApi, typed: str,
                                                          shown: str) -> None:
    assert f"{shown} (Asia/Baghdad)" in (await ask(api, CHAT, f"/time {typed}")).plain
    assert shown in (await ask(api, CHAT, "/settings")).plain


async def test_an_impossible_time_gets_the_usage(app: NashraApp, api: FakeBotApi) -> None:
    assert "7pm" in (await ask(api, CHAT, "/time 13pm")).plain
    assert "/time" in (await ask(api, CHAT, "/time ٢٥:٠٠", language="ar")).plain


@pytest.mark.parametrize(("typed", "zone"), [("baghdad", "Asia/Baghdad"), ("بغداد", "Asia/Baghdad"),
                                             ("new york", "America/New_York"), ("القاهرة", "Africa/Cairo"),
                                             ("europe/london", "Europe/London")])
async def test_a_time_zone_by_its_city_in_either_language(app: NashraApp, api: FakeBotApi, typed: str,
                                                          zone: str) -> None:
    assert zone in (await ask(api, CHAT, f"/tz {typed}")).plain
    assert zone in (await ask(api, CHAT, "/settings")).plain


async def test_an_unknown_city_gets_the_usage(app: NashraApp, api: FakeBotApi) -> None:
    assert "/tz Baghdad" in (await ask(api, CHAT, "/tz Atlantis")).plain


@pytest.mark.parametrize(("typed", "confirmed"), [("English", "Language is now English"),
                                                  ("عربي", "اللغة الآن: العربية"),
                                                  ("العربية", "اللغة الآن: العربية"),
                                                  ("ARABIC", "اللغة الآن: العربية"),
                                                  ("الإنجليزية", "Language is now English")])
async def test_a_language_by_its_name(app: NashraApp, api: FakeBotApi, typed: str, confirmed: str) -> None:
    assert confirmed in (await ask(api, CHAT, f"/lang {typed}")).plain


@pytest.mark.parametrize(("telegram", "current"), [("en", "Language is now English"),
                                                   ("ar", "اللغة الآن: العربية")])
async def test_lang_alone_shows_the_choice_and_buttons_that_change_it(app: NashraApp, api: FakeBotApi,
                                                                       telegram: str, current: str) -> None:
    shown = await ask(api, CHAT, "/lang", language=telegram)
    assert current in shown.plain
    choices = dict(buttons(shown))
    assert set(choices.values()) == {"lang:ar", "lang:en", "lang:both"}
    other = "lang:ar" if telegram == "en" else "lang:en"
    changed = await press(api, CHAT, other, shown.message_id)
    assert changed.message_id == shown.message_id
    assert ("اللغة الآن: العربية" if other == "lang:ar" else "Language is now English") in changed.plain
    again = await ask(api, CHAT, "/lang", language=telegram)
    assert ("اللغة الآن: العربية" if other == "lang:ar" else "Language is now English") in again.plain
