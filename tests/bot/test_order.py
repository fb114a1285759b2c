"""What a reader sees is ordered and windowed by when it happened, not by when it was loaded."""

from __future__ import annotations

import dataclasses
from datetime import date, time, timedelta

import pytest

from bot.context import NashraApp
from bot.jobs import slot_name
from briefings.model import Briefing, Digest, Incident, Statement
from storage.store import store_briefing
from tests.bot.conftest import NOW, Clock, Maker, drone, story, sudani_said
from tests.bot.helpers import ask, replies
from tests.fakes.bot_api import FakeBotApi
from tests.storage.factories import BAGHDAD

CHAT = 3001

# (english, arabic) of an archive's items, oldest last
OLD_2022 = ("Drone attack on Ain al-Asad in 2022", "هجوم قديم على عين الأسد عام 2022")
OLD_2021 = ("Drone attack on Ain al-Asad in 2021", "هجوم قديم على عين الأسد عام 2021")
OLD_SPEECH = ("Sudani spoke in 2022", "السوداني تحدث عام 2022")
FRESH = ("Shelling in Baghdad this morning", "قصف في بغداد صباح اليوم")


def old_attack(day: date, text: tuple[str, str]) -> Incident:
    return dataclasses.replace(drone(), date=day.isoformat(), digest=Digest(en=text[0], ar=text[1]))


def archived(key: str, published: date, *, incidents: tuple[Incident, ...] = (),
             statements: tuple[Statement, ...] = ()) -> Briefing:
    """An article from years ago, as an archive load brings it."""
    brief = story(key, incidents=incidents, statements=statements)
    return dataclasses.replace(brief, article=dataclasses.replace(brief.article, published=published))


async def store_archive(maker: Maker) -> None:
    """Three old stories, stored after the fresh ones (an hour before NOW, inside today's digest window)."""
    old = [archived("old-2022", date(2022, 3, 1), incidents=(old_attack(date(2022, 3, 1), OLD_2022),)),
           archived("old-2021", date(2021, 5, 2), incidents=(old_attack(date(2021, 5, 2), OLD_2021),)),
           archived("old-speech", date(2022, 6, 5),
                    statements=(dataclasses.replace(sudani_said(), date=None,
                                                    digest=Digest(en=OLD_SPEECH[0], ar=OLD_SPEECH[1])),))]
    for brief in old:
        async with maker() as session, session.begin():
            await store_briefing(brief, session=session, source_name="archive", now=NOW - timedelta(hours=2))


def positions(text: str, *needles: str) -> list[int]:
    """Where each needle is in the text; every one must be there."""
    found = [text.find(n) for n in needles]
    assert -1 not in found, (needles, text)
    return found


@pytest.mark.parametrize(("language", "lang"), [("en", 0), ("ar", 1)])
async def test_lists_open_with_what_happened_last_however_late_it_was_loaded(
        app: NashraApp, api: FakeBotApi, filled: Maker, language: str, lang: int) -> None:
    await store_archive(filled)
    await ask(api, CHAT, f"/lang {language}")
    newest = ("Sudani warned against escalation", "السوداني حذر من التصعيد")[lang]
    ain_asad = ("Drone attack on Ain al-Asad air base", "هجوم بطائرة مسيرة على قاعدة عين الأسد")[lang]

    latest = (await ask(api, CHAT, "/latest 10")).plain
    order = positions(latest, newest, ain_asad, OLD_SPEECH[lang], OLD_2022[lang], OLD_2021[lang])
    assert order == sorted(order)

    kataib = (await ask(api, CHAT, "/actor kataib hezbollah")).plain
    order = positions(kataib, ain_asad, OLD_2022[lang], OLD_2021[lang])
    assert order == sorted(order)

    week = (await ask(api, CHAT, "/incidents 7")).plain
    assert ain_asad in week and OLD_2022[lang] not in week and OLD_2021[lang] not in week


@pytest.mark.parametrize(("language", "lang"), [("en", 0), ("ar", 1)])
async def test_an_archive_loaded_now_wakes_no_one(app: NashraApp, api: FakeBotApi, filled: Maker, clock: Clock,
                                                   language: str, lang: int) -> None:
    await ask(api, CHAT, f"/lang {language}")
    await ask(api, CHAT, "/subscribe")
    assert ("Kataib Hezbollah", "كتائب حزب الله")[lang] in (await ask(api, CHAT, "/follow kataib hezbollah")).plain
    await store_archive(filled)
    fresh = Incident(type="shelling", place=BAGHDAD, date=NOW.date().isoformat(), perpetrator=drone().perpetrator,
                     evidence=drone().evidence, digest=Digest(en=FRESH[0], ar=FRESH[1]))
    async with filled() as session, session.begin():
        await store_briefing(story("fresh", incidents=(fresh,)), session=session, source_name="shafaq", now=NOW)

    before = len(api.messages_to(CHAT))
    [alerts] = app.job_queue.get_jobs_by_name("alerts")  # type: ignore[union-attr]
    await alerts.run(app)
    alert = (await replies(api, CHAT, before + 1))[-1].plain
    assert FRESH[lang] in alert
    digest_job = app.job_queue.get_jobs_by_name(slot_name(("Asia/Baghdad", time(8, 0))))[0]  # type: ignore[union-attr]
    await digest_job.run(app)
    sent = await replies(api, CHAT, before + 2)
    assert len(sent) == before + 2  # one alert, one digest: none for the archive
    digest = sent[-1].plain
    assert ("Sudani warned against escalation", "السوداني حذر من التصعيد")[lang] in digest
    for old in (OLD_2022, OLD_2021, OLD_SPEECH):
        assert old[lang] not in digest
