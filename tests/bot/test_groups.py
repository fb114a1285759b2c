"""In a group the bot answers only what is meant for it, and admin commands only in private."""

from __future__ import annotations

import asyncio

from bot.context import NashraApp
from tests.bot.conftest import ADMIN
from tests.bot.helpers import ask, replies
from tests.fakes.bot_api import BOT_USER, FakeBotApi, Sent

GROUP = -1001234567  # a supergroup
MEMBER = 7
BOT = BOT_USER["username"]


async def in_group(api: FakeBotApi, text: str, *, user_id: int = MEMBER) -> Sent:
    """Say something in the group and return the bot's reply there."""
    before = len(api.messages_to(GROUP))
    api.push_text(GROUP, text, user_id=user_id, chat_type="supergroup")
    return (await replies(api, GROUP, before + 1))[-1]


async def test_plain_text_and_other_bots_commands_are_ignored(app: NashraApp, api: FakeBotApi) -> None:
    for text in ("al-Sudani", "good morning everyone", "/roll", "/roll@dice_bot", "/latest@other_news_bot",
                 "/stats@other_news_bot"):
        api.push_text(GROUP, text, user_id=MEMBER, chat_type="supergroup")
    # Updates are handled in order: once this one is answered, every message before it was handled.
    answer = await in_group(api, f"/help@{BOT}")
    await asyncio.sleep(0.2)
    assert api.messages_to(GROUP) == [answer] and "/latest" in answer.plain


async def test_its_own_commands_are_answered_addressed_or_plain(app: NashraApp, api: FakeBotApi) -> None:
    assert "Latest" in (await in_group(api, f"/latest@{BOT} 1")).plain
    assert "Latest" in (await in_group(api, "/latest 1")).plain  # a plain command Telegram delivered to this bot
    assert "don't know that command" in (await in_group(api, f"/roll@{BOT.upper()}")).plain


async def test_admin_commands_only_in_a_private_chat(app: NashraApp, api: FakeBotApi) -> None:
    for command in (f"/stats@{BOT}", "/stats", "/sources", "/ingest"):
        refused = await in_group(api, command, user_id=ADMIN)
        assert "private chat" in refused.plain and "incidents:" not in refused.plain, command
    assert "incidents: 1" in (await ask(api, ADMIN, "/stats")).plain
