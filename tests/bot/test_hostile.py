"""Hostile input to every command: a polite reply, no error, nothing stored wrongly."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.app import COMMANDS
from bot.context import NashraApp
from storage import queries
from tests.bot.conftest import Maker
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi

HOSTILE = [
    "x" * 10_000,
    "<script>alert(1)</script> & <b>",
    "\u202eالسوداني\u202c \u200f",
    "🔥💣🇮🇶" * 20,
    "'; DROP TABLE subscribers; --",
    "",
    "25:99",
    "Asia/../../etc/passwd",
]
CHAT = 3003


@pytest.mark.parametrize("command", sorted(COMMANDS))
async def test_every_command_answers_hostile_input_politely(app: NashraApp, api: FakeBotApi, filled: Maker,
                                                            command: str) -> None:
    for junk in HOSTILE:
        reply = await ask(api, CHAT, f"/{command} {junk}".strip())
        assert reply.plain.strip() and "went wrong" not in reply.plain, (command, junk, reply.plain)
        assert "<script>" not in reply.text  # echoed text is escaped, and the strict server accepted it
    assert api.rejected == []
    async with filled() as session:
        sub = await queries.get_subscriber(CHAT, session=session)
    if sub is not None:  # whatever was stored is one of the allowed values
        assert sub.language in ("ar", "en", "both") and sub.timezone == "Asia/Baghdad"
        assert sub.digest_time.strftime("%H:%M") == "08:00"


async def test_unknown_commands_and_plain_text(app: NashraApp, api: FakeBotApi) -> None:
    assert "don't know that command" in (await ask(api, CHAT, "/nonsense")).plain
    assert "don't know that command" in (await ask(api, CHAT, "/DROP_TABLE")).plain
    assert "too long" in (await ask(api, CHAT, "ب" * 10_000)).plain
    found = await ask(api, CHAT, "al-Sudani")
    assert "Mohammed Shia al-Sudani" in found.plain
    none = await ask(api, CHAT, "Zzyzx Qwerty")
    assert "No actor called “Zzyzx Qwerty”" in none.plain


async def test_admin_commands_refused_politely(app: NashraApp, api: FakeBotApi) -> None:
    for command in ("/stats", "/sources", "/ingest"):
        assert "administrators only" in (await ask(api, CHAT, command)).plain
    stats = await ask(api, 42, "/stats")
    assert "incidents: 1" in stats.plain and "statements: 1" in stats.plain
    assert "not available" in (await ask(api, 42, "/ingest")).plain


FORGED = ["a:999999999999:0", "p:999999999999:5", "a:2147483648:0", "l:0:0", "x:1:0", "a:1:9999999", "a:1"]


async def test_a_forged_button_is_answered_and_reaches_no_query(app: NashraApp, api: FakeBotApi,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    for data in FORGED:
        api.push_callback(CHAT, data, message_id=1)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 10
    while len(api.answers) < len(FORGED) and loop.time() < deadline:
        await asyncio.sleep(0.01)
    stale = "This button no longer works. Send the command again."
    assert [a.get("text") for a in api.answers] == [stale] * len(FORGED)
    assert api.messages_to(CHAT) == [] and api.rejected == []  # nothing edited, nothing sent
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    still = await ask(api, CHAT, "/latest 1")  # and the bot goes on answering
    assert still.plain.strip() and "went wrong" not in still.plain
