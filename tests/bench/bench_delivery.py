"""Delivery benchmark: one digest to 10,000 subscribers through the fake Bot API with its limit scaled up."""

from __future__ import annotations

import asyncio
import os
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

import httpx
from telegram import Bot
from telegram.request import HTTPXRequest

from bot.delivery import Delivery, Outgoing
from storage import models as m
from storage.db import make_engine, make_sessionmaker
from storage.migrate import upgrade
from tests.fakes.bot_api import TOKEN, Faults, running_apart

SUBSCRIBERS = 10_000
ALLOWED = 200.0  # messages a second: Telegram's 30 scaled up so 10,000 take under a minute
TARGET = 0.9
DAY = date(2024, 1, 21)
CONNECTIONS = 64  # kept alive: a new connection per message would cost a TCP handshake and a server thread
DIGEST = "<b>نشرة 2024-01-21</b>\n\u200f• هجوم بطائرة مسيرة على قاعدة عين الأسد · <a href=\"https://x.example/1\">Shafaq</a>"


async def _run(url: str) -> list[str]:
    engine = make_engine(url)
    sessionmaker = make_sessionmaker(engine)
    chats = list(range(700_000, 700_000 + SUBSCRIBERS))
    async with sessionmaker() as session, session.begin():
        session.add_all(m.Subscriber(chat_id=c, language="ar", timezone="Asia/Baghdad", active=True,
                                     subscribed=True, created=m.datetime.now(m.UTC)) for c in chats)
    # the fake answers 429 above ALLOWED a second, as Telegram does above its limit
    try:
        with running_apart(faults=Faults(rate_per_second=ALLOWED)) as api:
            request = HTTPXRequest(httpx_kwargs={"limits": httpx.Limits(max_connections=CONNECTIONS,
                                                                        max_keepalive_connections=CONNECTIONS)})
            async with Bot(TOKEN, base_url=api.base_url, request=request) as bot:
                delivery = Delivery(bot, sessionmaker, rate=ALLOWED)
                started = time.perf_counter()
                report = await delivery.send_all(Outgoing(chat_id=c, day=DAY, chunks=(DIGEST,)) for c in chats)
                elapsed = time.perf_counter() - started
        sent = [s for s in api.sent if s.method == "sendMessage"]  # handed back when the server stopped
        per_chat = Counter(s.chat_id for s in sent)
    finally:
        await engine.dispose()
    window = max(s.at for s in sent) - min(s.at for s in sent) if len(sent) > 1 else elapsed
    achieved = len(sent) / window if window else 0.0
    lost = sum(1 for c in chats if per_chat[c] == 0)
    duplicated = sum(n - 1 for n in per_chat.values() if n > 1)
    ratio = achieved / ALLOWED
    verdict = "ok" if ratio >= TARGET and not lost and not duplicated else "BELOW TARGET"
    return [f"delivery: {len(sent)} of {SUBSCRIBERS} digests in {elapsed:.1f} s; achieved {achieved:.0f}/s of "
            f"{ALLOWED:.0f}/s allowed = {ratio:.2f} (target >= {TARGET}); lost {lost}, duplicated {duplicated}, "
            f"outcomes {dict(report)} [{verdict}]"]


def run() -> list[str]:
    """Lines of report."""
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'bench.sqlite3'}"
        upgrade(url)
        return asyncio.run(_run(url))


if __name__ == "__main__":
    print("\n".join(run()))
