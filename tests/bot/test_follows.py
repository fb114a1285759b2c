"""Following and unfollowing an actor through the real Application, in English and Arabic."""

from __future__ import annotations

import pytest

from bot.context import NashraApp
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi

CHAT = 4001


@pytest.mark.parametrize(("language", "never", "stopped"), [
    ("en", "You are not following Kataib Hezbollah", "Alerts about Kataib Hezbollah are stopped"),
    ("ar", "أنت لا تتابع كتائب حزب الله", "أوقفت تنبيهات كتائب حزب الله"),
])
async def test_unfollowing_an_actor_never_followed_says_so(app: NashraApp, api: FakeBotApi, language: str,
                                                            never: str, stopped: str) -> None:
    await ask(api, CHAT, f"/lang {language}")
    assert never in (await ask(api, CHAT, "/unfollow kataib hezbollah")).plain
    await ask(api, CHAT, "/follow kataib hezbollah")
    assert stopped in (await ask(api, CHAT, "/unfollow kataib hezbollah")).plain
    assert never in (await ask(api, CHAT, "/unfollow kataib hezbollah")).plain  # the second time, nothing to stop
