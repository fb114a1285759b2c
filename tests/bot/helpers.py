"""Talking to the bot through the fake server, as a user would."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

from tests.fakes.bot_api import FakeBotApi, Sent

NASHRA = str(Path(sys.executable).with_name("nashra"))  # the installed command, as an operator runs it


def nashra_env(tmp_path: Path, **settings: str) -> dict[str, str]:
    """An environment for `nashra` with nothing but a fresh SQLite file and these settings."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "NASHRA_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"} | settings


async def replies(api: FakeBotApi, chat_id: int, count: int, *, timeout: float = 10.0) -> list[Sent]:
    """Wait, without blocking the bot's loop, until the chat has `count` messages."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while len(got := api.messages_to(chat_id)) < count:
        if loop.time() > deadline:
            raise AssertionError(f"{len(got)} of {count} replies; rejected: {api.rejected[-3:]}")
        await asyncio.sleep(0.01)
    return got


async def ask(api: FakeBotApi, chat_id: int, text: str, *, language: str | None = "en") -> Sent:
    """Send a message and return the bot's next reply (the last, when it sends several)."""
    before = len(api.messages_to(chat_id))
    api.push_text(chat_id, text, language_code=language)
    got = await replies(api, chat_id, before + 1)
    await asyncio.sleep(0.05)  # a reply split over several messages arrives together
    return api.messages_to(chat_id)[-1] if len(api.messages_to(chat_id)) > len(got) else got[-1]


async def press(api: FakeBotApi, chat_id: int, data: str, message_id: int) -> Sent:
    """Press an inline button and return the edited or new message."""
    before = len(api.messages_to(chat_id))
    api.push_callback(chat_id, data, message_id=message_id)
    return (await replies(api, chat_id, before + 1))[-1]


def buttons(sent: Sent) -> list[tuple[str, str]]:
    """(label, callback data) of every inline button under a message."""
    rows = (sent.reply_markup or {}).get("inline_keyboard", [])
    return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]
