"""A user's journey through the real Application and a strict Bot API, in English and Arabic."""

from __future__ import annotations

from datetime import time

from bot.context import NashraApp
from bot.jobs import slot_name
from storage import queries
from tests.bot.conftest import Clock
from tests.bot.helpers import ask, buttons, press, replies
from tests.fakes.bot_api import FakeBotApi

CHAT = 1001


async def test_journey_in_english_then_arabic(app: NashraApp, api: FakeBotApi, clock: Clock) -> None:
    start = await ask(api, CHAT, "/start")
    assert "Nashra" in start.plain and "/subscribe" in start.plain and "08:00" in start.plain

    sub = await ask(api, CHAT, "/subscribe")
    assert "Subscribed" in sub.plain and "08:00 (Asia/Baghdad)" in sub.plain

    latest = await ask(api, CHAT, "/latest")
    assert "Drone attack on Ain al-Asad air base" in latest.plain
    assert "Sudani warned against escalation" in latest.plain
    assert 'href="https://news.example/one"' in latest.text and "Ain al-Asad air base" in latest.plain

    english = await ask(api, CHAT, "/actor al-Sudani")
    assert "Mohammed Shia al-Sudani" in english.plain and "Prime Minister of Iraq" in english.plain
    assert "Sudani warned against escalation" in english.plain

    arabic_name = await ask(api, CHAT, "/actor بالسوداني")
    assert "Mohammed Shia al-Sudani" in arabic_name.plain  # an English reader still reads English

    lang = await ask(api, CHAT, "/lang ar")
    assert "العربية" in lang.plain

    arabic = await ask(api, CHAT, "/actor kataib hezbollah")
    assert "كتائب حزب الله" in arabic.plain and "هجوم بطائرة مسيرة على قاعدة عين الأسد" in arabic.plain
    assert arabic.plain.startswith("كتائب") and "\u200f•" in arabic.plain  # RTL lines start with a mark

    at = await ask(api, CHAT, "/time 07:30")
    assert "07:30" in at.plain and "Asia/Baghdad" in at.plain

    settings = await ask(api, CHAT, "/settings")
    assert "07:30" in settings.plain and "مفعّلة" in settings.plain

    # at 07:30 in Baghdad the slot's job fires, once, with the stories of the 24 hours before
    clock.now = clock.now.replace(hour=4, minute=30)
    before = len(api.messages_to(CHAT))
    job = app.job_queue.get_jobs_by_name(slot_name(("Asia/Baghdad", time(7, 30))))[0]  # type: ignore[union-attr]
    await job.run(app)
    digest = (await replies(api, CHAT, before + 1))[-1]
    assert "نشرة 2024-01-21" in digest.plain
    assert digest.plain.index("الحوادث") < digest.plain.index("التصريحات")
    assert "السوداني حذر من التصعيد" in digest.plain
    await job.run(app)
    assert len(api.messages_to(CHAT)) == before + 1  # the ledger: once a day
    async with app.bot_data.services.sessionmaker() as session:
        assert await queries.delivery_status(CHAT, clock.now.date(), session=session) == "sent"


async def test_pagination_and_choices_by_buttons(app: NashraApp, api: FakeBotApi) -> None:
    first = await ask(api, CHAT, "/latest 1")
    [(label, data)] = buttons(first)
    assert label == "Next ›" and data == "l:1:1"
    second = await press(api, CHAT, data, first.message_id)
    assert second.method == "editMessageText" and second.message_id == first.message_id
    assert first.plain != second.plain
    assert [d for _, d in buttons(second)] == ["l:1:0"]


async def test_menus_in_both_languages(app: NashraApp, api: FakeBotApi) -> None:
    assert {"", "en", "ar"} <= set(api.commands)
    arabic = {c["command"]: c["description"] for c in api.commands["ar"]}
    assert arabic["latest"] == "أحدث الحوادث والتصريحات"
    assert {c["command"] for c in api.commands["en"]} >= {"start", "actor", "subscribe", "digest"}


async def test_telegram_language_picks_the_default(app: NashraApp, api: FakeBotApi) -> None:
    reply = await ask(api, 2002, "/start", language="ar")
    assert "نشرة" in reply.plain and "/subscribe" in reply.plain
    reply = await ask(api, 2003, "/start", language="de")
    assert "Nashra" in reply.plain
