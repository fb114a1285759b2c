"""What a command costs the database: the chat is read once per update, and a change is one write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.context import NashraApp
from tests.bot.conftest import Maker
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi

CHAT = 3003
WRITES = ("INSERT", "UPDATE", "DELETE")


@dataclass
class Transactions:
    """Transactions the engine ended, split by whether they wrote."""

    reads: int = 0
    writes: int = 0
    open: dict[int, bool] = field(default_factory=dict)  # connection -> wrote yet

    def begin(self, conn: Any) -> None:
        self.open[id(conn)] = False

    def execute(self, conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if id(conn) in self.open and statement.lstrip().upper().startswith(WRITES):
            self.open[id(conn)] = True

    def end(self, conn: Any) -> None:
        wrote = self.open.pop(id(conn), None)
        if wrote is not None:
            self.writes, self.reads = self.writes + wrote, self.reads + (not wrote)


@contextmanager
def counting(engine: AsyncEngine) -> Iterator[Transactions]:
    """Count the transactions on an engine inside the block."""
    seen, sync = Transactions(), engine.sync_engine
    hooks = [("begin", seen.begin), ("before_cursor_execute", seen.execute), ("commit", seen.end),
             ("rollback", seen.end)]
    for name, hook in hooks:
        event.listen(sync, name, hook)
    try:
        yield seen
    finally:
        for name, hook in hooks:
            event.remove(sync, name, hook)


@pytest.mark.parametrize(("command", "reply", "reads", "writes"), [
    ("/subscribe", "Subscribed", 1, 1),
    ("/start", "Nashra", 1, 0),
    ("/time 07:30", "07:30", 1, 1),
    ("/unsubscribe", "not subscribed", 1, 0),
])
async def test_a_command_reads_the_chat_once_and_writes_at_most_once(
        app: NashraApp, api: FakeBotApi, filled: Maker, command: str, reply: str, reads: int, writes: int) -> None:
    await ask(api, CHAT, "/help")  # the start's catch-up and menus are done
    with counting(filled.kw["bind"]) as seen:
        answer = await ask(api, CHAT, command)
    assert reply.lower() in answer.plain.lower()
    assert (seen.reads, seen.writes) == (reads, writes)
