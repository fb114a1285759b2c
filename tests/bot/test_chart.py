"""/chart and the weekly digest through the real Application: the PNG a user receives, decoded with Pillow."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PIL import Image

from bot.app import build_application
from bot.chart import DPI, SIZE
from bot.context import NashraApp
from bot.jobs import WEEKLY_DAY, send_due, slot_name
from bot.settings import load_settings
from bot.shell import ShellRequest, run_shell
from storage import queries
from tests.bot.conftest import NOW, Clock, Maker
from tests.bot.helpers import ask
from tests.bot.test_export import store_week
from tests.fakes.bot_api import FakeBotApi, Sent

CHAT = 7101
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
FRIDAY = datetime(2024, 1, 26, 6, 0, tzinfo=UTC)  # 09:00 in Baghdad, past the 08:00 digest hour


def picture(sent: Sent) -> Image.Image:
    """The photo a user received, after checking it is a PNG that decodes whole at the drawn size."""
    assert sent.method == "sendPhoto" and sent.file is not None
    assert sent.file.data.startswith(PNG_MAGIC) and sent.file.filename.endswith(".png")
    image = Image.open(io.BytesIO(sent.file.data))
    image.load()  # decodes every row: a truncated file raises here
    assert image.format == "PNG" and image.size == (int(SIZE[0] * DPI), int(SIZE[1] * DPI))
    return image


def assert_drawn(image: Image.Image) -> None:
    """Not a blank canvas: bars and labels in more than a few colours."""
    colours = image.convert("RGB").getcolors(maxcolors=1 << 16)
    assert colours is None or len(colours) > 20


@pytest.mark.parametrize(("language", "lines"), [
    ("en", ("From 14 January 2024 to 21 January 2024", "3 incidents: 2 killed, 3 injured", "1 statement",
            "Most active: Kataib Hezbollah (2), Mohammed Shia al-Sudani (1)")),
    ("ar", ("من 14 يناير 2024 إلى 21 يناير 2024", "3 حوادث: قتيلان، 3 جرحى", "تصريح واحد",
            "الأكثر نشاطًا: كتائب حزب الله (2)")),
])
async def test_chart_sends_a_png_of_the_week_with_its_summary(app: NashraApp, api: FakeBotApi, filled: Maker,
                                                              language: str, lines: tuple[str, ...]) -> None:
    await store_week(filled)  # three incidents this week (one told by three articles), one a month old
    await ask(api, CHAT, f"/lang {language}")
    sent = await ask(api, CHAT, "/chart")
    assert_drawn(picture(sent))
    for line in lines:
        assert line in sent.plain
    assert "2023" not in sent.plain  # the old attack happened outside the window, whenever it was loaded


async def test_chart_of_a_span_without_incidents_says_so_instead_of_an_empty_picture(
        app: NashraApp, api: FakeBotApi) -> None:
    app.bot_data.services.clock = lambda: NOW + timedelta(days=40)
    english = await ask(api, CHAT, "/chart")
    assert english.method == "sendMessage" and "No incidents from 2024-02-23 to 2024-03-01" in english.plain
    assert "nothing to draw" in english.plain
    arabic = await ask(api, CHAT, "/chart 3", language="ar")
    assert arabic.method == "sendMessage" and "لا حوادث من 2024-02-27 إلى 2024-03-01" in arabic.plain
    assert not [s for s in api.sent if s.file]


@pytest.mark.parametrize(("language", "text", "reply"), [
    ("en", "/chart lots", "A number of days from 1 to 92"),
    ("en", "/chart 0", "e.g. /chart 7"),
    ("en", "/chart 1000", "e.g. /chart 7"),
    ("ar", "/chart كثير", "بين 1 و92"),
])
async def test_chart_with_a_bad_argument_explains_itself(app: NashraApp, api: FakeBotApi, language: str,
                                                         text: str, reply: str) -> None:
    sent = await ask(api, CHAT, text, language=language)
    assert sent.method == "sendMessage" and reply in sent.plain


async def test_chart_in_arabic_digits_and_in_the_help_and_menu(app: NashraApp, api: FakeBotApi) -> None:
    picture(await ask(api, CHAT, "/chart ٧"))
    english, arabic = (await ask(api, CHAT, "/help")).plain, (await ask(api, CHAT, "/help", language="ar")).plain
    assert "/chart [days]" in english and "/weekly on|off" in english
    assert "/chart [أيام]" in arabic and "/weekly on|off" in arabic
    for code in ("en", "ar"):
        assert {"chart", "weekly"} <= {c["command"] for c in api.commands[code]}


@pytest.mark.parametrize(("language", "on", "off", "shown"), [
    ("en", "every Friday at 08:00 (Asia/Baghdad)", "The weekly digest is off.", "Weekly digest: on"),
    ("ar", "كل جمعة في الساعة 08:00 (Asia/Baghdad)", "النشرة الأسبوعية متوقفة.", "النشرة الأسبوعية: مفعّلة"),
])
async def test_weekly_turns_on_and_off_and_shows_in_settings(app: NashraApp, api: FakeBotApi, language: str,
                                                             on: str, off: str, shown: str) -> None:
    assert off in (await ask(api, CHAT, "/weekly", language=language)).plain
    assert on in (await ask(api, CHAT, "/weekly on", language=language)).plain
    assert shown in (await ask(api, CHAT, "/settings", language=language)).plain
    assert on in (await ask(api, CHAT, "/weekly", language=language)).plain  # alone: the state, and how to change it
    assert off in (await ask(api, CHAT, "/weekly إيقاف", language=language)).plain
    assert "/weekly on" in (await ask(api, CHAT, "/weekly maybe", language=language)).plain
    async with app.bot_data.services.sessionmaker() as session:
        sub = await queries.get_subscriber(CHAT, session=session)
    assert sub is not None and not sub.weekly and not sub.subscribed  # the weekly digest is its own choice


async def test_the_weekly_digest_goes_once_on_friday_to_those_who_turned_it_on(
        app: NashraApp, api: FakeBotApi, filled: Maker, clock: Clock) -> None:
    arabic, english, stopped, daily = 7201, 7202, 7203, 7204
    await store_week(filled)
    await ask(api, arabic, "/weekly on", language="ar")
    await ask(api, english, "/weekly on")
    await ask(api, stopped, "/weekly on")
    await ask(api, stopped, "/weekly off")
    await ask(api, daily, "/subscribe")
    assert FRIDAY.date().weekday() == WEEKLY_DAY
    before = {chat: len(api.messages_to(chat)) for chat in (arabic, english, stopped, daily)}
    services = app.bot_data.services

    clock.now = FRIDAY - timedelta(days=1)  # Thursday: daily digests only
    await send_due(services)
    assert not [s for s in api.sent if s.method == "sendPhoto"]

    clock.now = FRIDAY
    job = app.job_queue.get_jobs_by_name(slot_name(("Asia/Baghdad", time(8, 0))))[0]  # type: ignore[union-attr]
    await job.run(app)  # the slot's job, as at 08:00
    ar, en = api.messages_to(arabic)[-1], api.messages_to(english)[-1]
    assert_drawn(picture(ar))
    assert_drawn(picture(en))
    # the seven whole days before Friday: the 20th's drone attack and the 21st's clash, not the 18th's rockets
    assert "الأسبوع من 19 يناير 2024 إلى 25 يناير 2024" in ar.plain and "حادثتان" in ar.plain
    assert "The week from 19 January 2024 to 25 January 2024" in en.plain and "2 incidents: 2 killed" in en.plain
    assert len(api.messages_to(stopped)) == before[stopped]
    assert [s.method for s in api.messages_to(daily)[before[daily]:]] == ["sendMessage", "sendMessage"]  # Thu, Fri

    await job.run(app)  # a rerun of the slot
    await send_due(services)  # and the catch-up of a restart, the same day
    assert len(api.messages_to(arabic)) == before[arabic] + 1 and len(api.messages_to(english)) == before[english] + 1
    async with services.sessionmaker() as session:
        assert await queries.delivery_status(arabic, FRIDAY.date(), session=session, kind="weekly") == "sent"

    clock.now = FRIDAY + timedelta(days=1)  # Saturday: no weekly digest
    await send_due(services)
    assert len([s for s in api.sent if s.method == "sendPhoto"]) == 2


async def test_an_interrupted_weekly_digest_is_resumed_after_a_crash(app: NashraApp, api: FakeBotApi,
                                                                     filled: Maker, clock: Clock) -> None:
    await ask(api, CHAT, "/weekly on")
    services = app.bot_data.services
    key, today = (CHAT, FRIDAY.date(), "weekly"), (CHAT + 1, datetime.now(UTC).date(), "weekly")
    async with services.sessionmaker() as session, session.begin():  # claimed as its photo left, then a crash
        assert await queries.claim_deliveries([key, today], session=session) == {key, today}
    # at the restart, today's weekly row is kept to be resumed, as a daily one is; Friday's is long past
    assert await services.delivery.close_stale(datetime.now(UTC) + timedelta(seconds=1)) == (1, 1)
    async with services.sessionmaker() as session, session.begin():
        await queries.record_deliveries([(key, "sending", 0, None)], session=session)  # as the crash left it
    clock.now = FRIDAY + timedelta(hours=1)
    await send_due(services)
    picture(api.messages_to(CHAT)[-1])
    async with services.sessionmaker() as session:
        assert await queries.delivery_status(CHAT, FRIDAY.date(), session=session, kind="weekly") == "sent"


async def test_a_weekly_digest_of_a_quiet_week_is_its_summary_alone(app: NashraApp, api: FakeBotApi,
                                                                   clock: Clock) -> None:
    await ask(api, CHAT, "/weekly on")
    clock.now = FRIDAY + timedelta(days=28)
    await send_due(app.bot_data.services)
    sent = api.messages_to(CHAT)[-1]
    assert sent.method == "sendMessage" and "0 incidents" in sent.plain and "0 statements" in sent.plain


async def test_the_shell_says_a_picture_was_sent_and_where_it_was_saved(filled: Maker, tmp_path: Path) -> None:
    out = io.StringIO()
    shell = ShellRequest(out, files=tmp_path)
    app = build_application(load_settings(), filled, request=shell, updates_request=ShellRequest(io.StringIO()),
                            clock=lambda: NOW)
    assert await run_shell(app, shell, stdin=io.StringIO("/chart\n")) == 0
    text = out.getvalue()
    saved = tmp_path / "nashra.png"
    assert f"[photo nashra.png, {saved.stat().st_size:,} bytes, saved to {saved}]" in text
    assert saved.read_bytes().startswith(PNG_MAGIC) and "1 incident:" in text

