"""Counted strings read right in Arabic (one, two, 3–10, 11 and more) and in English, from the .po catalogs."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.context import NashraApp
from bot.i18n import COUNTED, LOCALE_DIR, plural
from storage.store import store_briefing
from tests.bot.conftest import NOW, Maker, drone, story
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi

CHAT = 9101
AIN_ASAD_AR = "هجوم بطائرة مسيرة على قاعدة عين الأسد"


async def test_incidents_headers_in_arabic_agree_with_the_number_of_days(app: NashraApp, api: FakeBotApi) -> None:
    await ask(api, CHAT, "/lang ar")
    for days, header in (("1", "الحوادث في آخر يوم\n"), ("2", "الحوادث في آخر يومين\n"),
                         ("3", "الحوادث في آخر 3 أيام\n"), ("11", "الحوادث في آخر 11 يومًا\n")):
        assert (await ask(api, CHAT, f"/incidents {days}")).plain.startswith(header), days


async def test_incidents_headers_in_english_say_day_or_days(app: NashraApp, api: FakeBotApi) -> None:
    await ask(api, CHAT, "/lang en")
    assert (await ask(api, CHAT, "/incidents 1")).plain.startswith("Incidents in the last 1 day\n")
    assert (await ask(api, CHAT, "/incidents 2")).plain.startswith("Incidents in the last 2 days\n")


async def told_by(maker: Maker, outlets: int) -> None:
    """The Ain al-Asad attack (already told by Shafaq) told again by other outlets, one article each."""
    for i in range(1, outlets):
        async with maker() as session, session.begin():
            await store_briefing(story(f"retold-{i}", incidents=(drone(killed=2),), outlet=f"Wakala {i}"),
                                 session=session, source_name=f"wakala{i}", now=NOW - timedelta(hours=2))


def line_of(text: str, needle: str) -> str:
    [line] = [line for line in text.splitlines() if needle in line]
    return line


@pytest.mark.parametrize(("outlets", "count"), [(1, None), (2, "(أورده مصدران)"), (3, "(أوردته 3 مصادر)"),
                                                (11, "(أورده 11 مصدرًا)")])
async def test_the_number_of_outlets_behind_an_incident_reads_right_in_arabic(
        app: NashraApp, api: FakeBotApi, filled: Maker, outlets: int, count: str | None) -> None:
    await told_by(filled, outlets)
    await ask(api, CHAT, "/lang ar")
    line = line_of((await ask(api, CHAT, "/incidents 7")).plain, AIN_ASAD_AR)
    if count is None:
        assert line.endswith("Shafaq") and "مصدر" not in line
    else:
        assert line.endswith(count), line


@pytest.mark.parametrize(("n", "text"), [(2, "reported by 2 sources"), (11, "reported by 11 sources")])
def test_the_number_of_outlets_in_english(n: int, text: str) -> None:
    assert plural("en", "sources_n", n) == text


def test_one_in_english_is_singular() -> None:
    assert plural("en", "incidents_title", 1) == "<b>Incidents in the last 1 day</b>"


def test_every_arabic_entry_has_six_forms_and_shows_its_count_from_three_on() -> None:
    with (LOCALE_DIR / "ar" / "LC_MESSAGES" / "nashra.po").open("rb") as po:
        catalog = read_po(po, locale="ar")
    assert catalog.num_plurals == get_plural("ar").num_plurals == 6
    assert re.sub(r"\s", "", catalog.plural_expr) == re.sub(r"\s", "", get_plural("ar").plural_expr).replace(
        "&&n%100<=99", "")  # the two rules agree for every n: n%100 is never over 99
    entries = [m for m in catalog if m.id]
    assert {(m.context, m.id) for m in entries} == {(k, ids) for k, ids in COUNTED.items()}
    for m in entries:
        assert len(m.string) == 6 and all(m.string), m.context
        # 3–10, 11–99 and 100 on show the number; zero, one and two may say it in words ("مصدران")
        for form in (3, 4, 5):
            assert "{n}" in m.string[form], (m.context, form)
        assert not set(re.findall(r"{\w+}", "".join(m.string))) - {"{n}"}, m.context


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_counted_string_is_in_the_catalog(language: str) -> None:
    with (LOCALE_DIR / language / "LC_MESSAGES" / "nashra.po").open("rb") as po:
        catalog = read_po(po, locale=language)
    for key, ids in COUNTED.items():
        message = catalog.get(ids, context=key)
        assert message is not None and all(message.string), key
