"""/export through the real Application: the CSV file a user receives, read back with the csv module."""

from __future__ import annotations

import csv
import dataclasses
import io
from datetime import timedelta

import pytest

from bot.context import NashraApp
from bot.export import MAX_EXPORT_DAYS
from bot.tables import COLUMNS
from briefings.gazetteer import default_gazetteer
from briefings.model import Digest, PlaceRef
from storage.store import store_briefing
from tests.bot.conftest import NOW, Maker, drone, story
from tests.bot.helpers import ask
from tests.fakes.bot_api import FakeBotApi, Sent

CHAT = 7001
# a town the gazetteer does not know: no admin1, no country, no coordinates
NOWHERE = PlaceRef(id=None, name_en="Tal Ghurab", name_ar="تل غراب", kind="town")


async def store_week(maker: Maker) -> None:
    """A shelling in Erbil told by two outlets, a clash in a town the gazetteer lacks, and one a month old."""
    erbil = default_gazetteer().place("iq-erbil-air-base").ref()
    shelling = dataclasses.replace(drone(), type="rocket_attack", place=erbil, date="2024-01-18", killed=None,
                                   injured=3, target_en="the airport", target_ar="المطار",
                                   digest=Digest(en="Rockets fell near Erbil airport, wounding three",
                                                 ar="سقطت صواريخ قرب مطار أربيل وأصيب ثلاثة"))
    clash = dataclasses.replace(drone(), type="armed_clash", place=NOWHERE, date=None, perpetrator=None,
                                digest=Digest(en="Gunmen clashed with police in Tal Ghurab",
                                              ar="اشتباك مسلحين مع الشرطة في تل غراب"))
    old = dataclasses.replace(shelling, date="2023-12-20", digest=Digest(en="An old attack", ar="هجوم قديم"))
    for key, incident, outlet in (("erbil-a", shelling, "Rudaw"), ("erbil-b", shelling, "Kurdistan24"),
                                  ("erbil-c", shelling, "Rudaw"), ("tal", clash, "Shafaq"), ("old", old, "Shafaq")):
        async with maker() as session, session.begin():
            await store_briefing(story(key, incidents=(incident,), outlet=outlet), session=session,
                                 source_name=outlet.lower(), now=NOW - timedelta(hours=1))


def table(sent: Sent) -> list[dict[str, str]]:
    """The rows of the CSV file the user received, after checking it opens as UTF-8 with a BOM."""
    assert sent.method == "sendDocument" and sent.file is not None
    assert sent.file.filename.endswith(".csv")
    assert sent.file.data.startswith(b"\xef\xbb\xbf")
    reader = csv.DictReader(io.StringIO(sent.file.data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


@pytest.mark.parametrize(("language", "caption"), [("en", "Incidents from 2024-01-14 to 2024-01-21: 3."),
                                                   ("ar", "الحوادث من 2024-01-14 إلى 2024-01-21: 3.")])
async def test_export_sends_the_weeks_incidents_as_a_csv_file(app: NashraApp, api: FakeBotApi, filled: Maker,
                                                              language: str, caption: str) -> None:
    await store_week(filled)
    await ask(api, CHAT, f"/lang {language}")
    sent = await ask(api, CHAT, "/export 7")
    assert caption in sent.plain
    rows = table(sent)
    assert [(r["event_date"], r["event_type"]) for r in rows] == [
        ("2024-01-21", "armed_clash"), ("2024-01-20", "drone_attack"), ("2024-01-18", "rocket_attack")]
    clash, base, erbil = rows
    assert erbil | {"event_id": ""} == {
        "event_id": "", "event_date": "2024-01-18", "date_precision": "day", "event_type": "rocket_attack",
        "location": "Erbil Air Base", "location_ar": "قاعدة أربيل الجوية", "admin1": "Erbil",
        "admin1_ar": "محافظة أربيل", "country": "Iraq", "country_ar": "العراق", "latitude": "36.24",
        "longitude": "43.96", "perpetrator": "Kataib Hezbollah", "perpetrator_ar": "كتائب حزب الله",
        "target": "the airport", "target_ar": "المطار", "killed": "", "injured": "3",
        "outlets": "Rudaw; Kurdistan24",
        "source_urls": "https://news.example/erbil-a; https://news.example/erbil-b; https://news.example/erbil-c",
        "notes": "Rockets fell near Erbil airport, wounding three",
        "notes_ar": "سقطت صواريخ قرب مطار أربيل وأصيب ثلاثة"}
    assert base["killed"] == "2" and base["notes_ar"] == "هجوم بطائرة مسيرة على قاعدة عين الأسد"
    # dated by its article, and nowhere the gazetteer knows: nothing is invented
    assert clash["date_precision"] == "reported" and clash["location_ar"] == "تل غراب"
    assert [clash[c] for c in ("admin1", "country", "latitude", "longitude", "perpetrator")] == [""] * 5


async def test_export_of_a_span_without_incidents_says_so_instead_of_an_empty_file(
        app: NashraApp, api: FakeBotApi, clock: object) -> None:
    app.bot_data.services.clock = lambda: NOW + timedelta(days=40)
    english = await ask(api, CHAT, "/export 3")
    assert english.method == "sendMessage" and "No incidents from 2024-02-27 to 2024-03-01" in english.plain
    await ask(api, CHAT, "/lang ar")
    arabic = await ask(api, CHAT, "/export")
    assert arabic.method == "sendMessage" and "لا حوادث من 2024-02-23 إلى 2024-03-01" in arabic.plain
    assert not [s for s in api.sent if s.file]


@pytest.mark.parametrize(("language", "text", "reply"), [
    ("en", "/export lots", "a number of days from 1 to 366"),
    ("en", "/export 0", "e.g. /export 7"),
    ("en", "/export -7", "e.g. /export 7"),
    ("ar", "/export كثير", "من 1 إلى 366"),
])
async def test_export_with_a_bad_argument_explains_itself(app: NashraApp, api: FakeBotApi, language: str,
                                                          text: str, reply: str) -> None:
    sent = await ask(api, CHAT, text, language=language)
    assert sent.method == "sendMessage" and reply in sent.plain


@pytest.mark.parametrize(("language", "note"), [("en", f"covers the last {MAX_EXPORT_DAYS} days only"),
                                                ("ar", f"آخر {MAX_EXPORT_DAYS} يومًا فقط")])
async def test_a_very_long_span_is_capped_and_says_so(app: NashraApp, api: FakeBotApi, filled: Maker,
                                                      language: str, note: str) -> None:
    await store_week(filled)
    sent = await ask(api, CHAT, "/export ١٠٠٠٠", language=language)  # Arabic digits, as a phone types them
    assert note in sent.plain
    assert "2023-12-20" in [r["event_date"] for r in table(sent)]


async def test_export_is_in_help_and_the_menu(app: NashraApp, api: FakeBotApi) -> None:
    assert "/export [days]" in (await ask(api, CHAT, "/help")).plain
    assert "export" in [c["command"] for c in api.commands["en"]]


async def test_the_fake_bot_api_keeps_uploads_byte_for_byte_and_refuses_an_empty_file(
        app: NashraApp, api: FakeBotApi) -> None:
    from telegram.error import BadRequest

    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) + b"\r\n--"  # line ends and a dash pair kept as sent
    await app.bot.send_photo(CHAT, picture, filename="week.png", caption="<b>week</b>", parse_mode="HTML")
    sent = api.messages_to(CHAT)[-1]
    assert (sent.method, sent.plain, sent.file and sent.file.filename) == ("sendPhoto", "week", "week.png")
    assert sent.file is not None and sent.file.data == picture
    with pytest.raises(BadRequest, match="(?i)file must be non-empty"):
        await app.bot.send_document(CHAT, b"", filename="empty.csv")
