"""The bot's UI strings in Arabic and English: Telegram HTML templates, filled with escaped values."""

from __future__ import annotations

import gettext
from functools import cache
from html import escape
from io import BytesIO
from pathlib import Path
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LANGUAGES: Final = ("ar", "en", "both")

# (command, Arabic description, English description): the menu set with setMyCommands.
MENU: Final[tuple[tuple[str, str, str], ...]] = (
    ("start", "ما يفعله البوت وكيف تشترك", "What the bot does and how to subscribe"),
    ("latest", "أحدث الحوادث والتصريحات", "Newest incidents and statements"),
    ("actor", "جهة أو شخصية: تصريحاتها وحوادثها", "An actor's statements and incidents"),
    ("place", "ما جرى في مكان", "What happened in a place"),
    ("incidents", "حوادث الأيام الأخيرة", "Incidents of the last days"),
    ("statements", "أحدث التصريحات", "Latest statements"),
    ("search", "بحث في الحوادث والتصريحات", "Search incidents and statements"),
    ("export", "ملف CSV بحوادث الأيام الأخيرة", "A CSV file of recent incidents"),
    ("chart", "رسم لحوادث الأيام الأخيرة", "A chart of recent incidents"),
    ("digest", "موجز اليوم الآن", "Today's digest now"),
    ("subscribe", "الاشتراك في الموجز اليومي", "Subscribe to the daily digest"),
    ("unsubscribe", "إيقاف الموجز اليومي", "Stop the daily digest"),
    ("weekly", "النشرة الأسبوعية برسم: on أو off", "Weekly digest with a chart: on or off"),
    ("follow", "تنبيه عند ذكر جهة", "Alert me about an actor"),
    ("unfollow", "إيقاف تنبيه جهة", "Stop alerts about an actor"),
    ("lang", "اللغة: ar أو en أو both", "Language: ar, en or both"),
    ("time", "ساعة الموجز HH:MM", "Digest time HH:MM"),
    ("tz", "المنطقة الزمنية", "Time zone"),
    ("settings", "إعداداتك", "Your settings"),
    ("help", "المساعدة", "Help"),
)

AR: Final[dict[str, str]] = {
    "start": (
        "<b>نشرة</b>: موجز قصير بالعربية والإنجليزية عن الحوادث الأمنية والتصريحات السياسية "
        "في العراق، من الأخبار العربية.\n\n"
        "• /subscribe لتصلك نشرة يومية في الساعة {time} ({tz}).\n"
        "• /latest لأحدث ما ورد، و/actor ثم اسم جهة أو شخصية.\n"
        "• /help لكل الأوامر."
    ),
    "help": (
        "<b>الأوامر</b>\n"
        "/latest [عدد] أحدث الحوادث والتصريحات\n"
        "/actor اسم — جهة أو شخصية بأي تهجئة، مثل السوداني أو Sudani\n"
        "/place اسم — ما جرى في مكان\n"
        "/incidents [أيام] — الحوادث، و/statements [اسم] — التصريحات\n"
        "/search كلمات — بحث في الحوادث والتصريحات، مثل: /search طائرة مسيرة\n"
        "/export [أيام] — ملف CSV بحوادث الأيام الأخيرة (7 إن لم تحدد)\n"
        "/chart [أيام] — رسم لحوادث الأيام الأخيرة: كل يوم بحسب النوع، وأكثر الأماكن والجهات\n"
        "/digest موجز اليوم الآن\n"
        "/subscribe و/unsubscribe — النشرة اليومية\n"
        "/weekly on|off — النشرة الأسبوعية، برسم الأسبوع وملخصه، كل جمعة\n"
        "/follow اسم و/unfollow اسم — تنبيه عند ذكر جهة\n"
        "/lang ar|en|both و/time 08:00 و/tz Asia/Baghdad و/settings\n\n"
        "اكتب أي اسم بلا أمر وسأبحث عنه كما في /actor."
    ),
    "subscribed": "تم الاشتراك. ستصلك النشرة يوميًا في الساعة {time} ({tz}).",
    "already_subscribed": "أنت مشترك بالفعل. النشرة تصلك في الساعة {time} ({tz}).",
    "unsubscribed": "أُوقفت النشرة اليومية. يمكنك العودة في أي وقت بـ /subscribe.",
    "not_subscribed": "لست مشتركًا في النشرة اليومية. اشترك بـ /subscribe.",
    "latest_title": "<b>أحدث ما ورد</b>",
    "nothing_yet": "لا شيء بعد. تُحدَّث الأخبار كل بضع دقائق.",
    "usage_actor": "اكتب اسمًا بعد الأمر، مثل: /actor السوداني",
    "usage_place": "اكتب اسم مكان بعد الأمر، مثل: /place بغداد",
    "usage_follow": "اكتب اسم جهة بعد الأمر، مثل: /follow كتائب حزب الله",
    "usage_latest": "العدد بين 1 و{max}، مثل: /latest 5",
    "usage_days": "عدد الأيام بين 1 و{max}، مثل: /incidents 7",
    "usage_lang": "اختر لغة، أو اكتب: /lang عربي أو /lang English أو /lang both",
    "lang_current": "اللغة الآن: {name}. اختر لغة:",
    "lang_ar": "العربية",
    "lang_en": "English",
    "lang_both": "العربية + English",
    "usage_time": "اكتب الساعة مثل: /time 07:30 أو /time 7pm أو /time ٧:٣٠",
    "usage_tz": "اكتب مدينة أو منطقة زمنية مثل: /tz بغداد أو /tz Asia/Baghdad",
    "too_long": "النص طويل جدًا؛ اكتب اسمًا قصيرًا.",
    "choose": "وجدت أكثر من جهة باسم «{name}». اختر:",
    "no_actor": "لم أجد جهة باسم «{name}».",
    "no_place": "لم أجد مكانًا باسم «{name}».",
    "did_you_mean": "هل تقصد: {names}؟",
    "actor_head": "<b>{name}</b>",
    "no_items": "لا حوادث ولا تصريحات مسجلة بعد.",
    "place_head": "<b>{name}</b>",
    "statements_title": "<b>أحدث التصريحات</b>",
    "lang_set": "اللغة الآن: العربية.",
    "lang_set_both": "اللغة الآن: العربية والإنجليزية.",
    "time_set": "ستصلك النشرة في الساعة {time} ({tz}).",
    "tz_set": "المنطقة الزمنية الآن {tz}؛ النشرة في الساعة {time}.",
    "followed": "ستصلك تنبيهات عن {name}.",
    "unfollowed": "أوقفت تنبيهات {name}.",
    "not_following": "أنت لا تتابع {name}، فلا تنبيهات لإيقافها. للمتابعة: /follow",
    "settings": (
        "<b>إعداداتك</b>\nاللغة: {chosen}\nالنشرة اليومية: {subscribed}\nالنشرة الأسبوعية: {weekly}\n"
        "الساعة: {time}\n"
        "المنطقة الزمنية: {tz}\nتتابع: {followed}"
    ),
    "yes": "مفعّلة",
    "no": "متوقفة",
    "none": "لا أحد",
    "digest_title": "<b>نشرة {day}</b>",
    "digest_empty": "لا حوادث ولا تصريحات جديدة في آخر 24 ساعة.",
    "incidents": "<b>الحوادث</b>",
    "statements": "<b>التصريحات</b>",
    "killed": "{n} قتيل",
    "injured": "{n} جريح",
    "alert": "🔔 <b>{name}</b>",
    "next": "التالي ›",
    "prev": "‹ السابق",
    "stale_button": "هذا الزر لم يعد يعمل. أعد الأمر من جديد.",
    "admin_only": "هذا الأمر للمشرفين فقط.",
    "admin_private": "أوامر المشرفين لا تعمل إلا في محادثة خاصة معي.",
    "stats": "<b>الإحصاءات</b>\n{lines}",
    "sources_title": "<b>المصادر</b>",
    "ingest_started": "بدأ جلب المصادر…",
    "ingest_done": "انتهى الجلب: {summary}",
    "ingest_unavailable": "الجلب غير متاح في هذه النسخة.",
    "unknown_command": "لا أعرف هذا الأمر. جرّب /help.",
    "error": "حدث خطأ من جهتنا. حاول بعد قليل.",
    "undated": "بلا تاريخ",
    "role_sep": " — ",
    "usage_search": "اكتب ما تبحث عنه بعد الأمر، مثل: /search هجوم بطائرة مسيرة",
    "search_head": "<b>نتائج البحث عن «{query}»</b> — الصفحة {page} من {pages}",
    "search_none": "لا نتائج عن «{query}». جرّب كلمة أخرى أو اسمًا أقصر.",
    "usage_export": "اكتب عدد الأيام بعد الأمر، من 1 إلى {max}، مثل: /export 7",
    "export_none": "لا حوادث من {since} إلى {until}، فلا ملف لإرساله. جرّب مدة أطول، مثل: /export 30",
    "export_caption": "الحوادث من {since} إلى {until}: {count}. ملف CSV بترميز UTF-8، صف لكل حادثة.",
    "usage_chart": "عدد الأيام بين 1 و{max}، مثل: /chart 7",
    "chart_none": "لا حوادث من {since} إلى {until}، فلا شيء يُرسم. جرّب مدة أطول، مثل: /chart 30",
    "chart_title": "الحوادث من {since} إلى {until}",
    "chart_places": "أكثر الأماكن حوادث",
    "chart_actors": "الأكثر نشاطًا (حوادث وتصريحات)",
    "chart_nobody": "لا أحد",
    "chart_head": "<b>من {since} إلى {until}</b>",
    "weekly_head": "<b>الأسبوع من {since} إلى {until}</b>",
    "chart_top_types": "الأكثر تكرارًا: {names}",
    "chart_top_places": "أكثر الأماكن حوادث: {names}",
    "chart_top_actors": "الأكثر نشاطًا: {names}",
    "weekly_on": "النشرة الأسبوعية مفعّلة: تصلك كل جمعة في الساعة {time} ({tz})، رسمًا لحوادث الأسبوع "
                 "وملخصًا له.",
    "weekly_off": "النشرة الأسبوعية متوقفة.",
    "usage_weekly": "/weekly on لتفعيلها، و/weekly off لإيقافها.",
}

EN: Final[dict[str, str]] = {
    "start": (
        "<b>Nashra</b>: short briefings in Arabic and English on security incidents and "
        "political statements in Iraq, from Arabic news.\n\n"
        "• /subscribe to get a daily digest at {time} ({tz}).\n"
        "• /latest for the newest items, /actor followed by a name.\n"
        "• /help for every command."
    ),
    "help": (
        "<b>Commands</b>\n"
        "/latest [n] newest incidents and statements\n"
        "/actor NAME — an actor in any spelling, e.g. Sudani or السوداني\n"
        "/place NAME — what happened in a place\n"
        "/incidents [days] — incidents, /statements [NAME] — statements\n"
        "/search WORDS — search incidents and statements, e.g. /search drone attack\n"
        "/export [days] — a CSV file of the incidents of the last days (7 unless you say)\n"
        "/chart [days] — a chart of the incidents of the last days: each day by type, the busiest places and actors\n"
        "/digest today's digest now\n"
        "/subscribe and /unsubscribe — the daily digest\n"
        "/weekly on|off — the weekly digest, a chart and a summary of the week, every Friday\n"
        "/follow NAME and /unfollow NAME — alerts about an actor\n"
        "/lang ar|en|both, /time 08:00, /tz Asia/Baghdad, /settings\n\n"
        "Send any name without a command and I look it up as /actor does."
    ),
    "subscribed": "Subscribed. Your digest arrives every day at {time} ({tz}).",
    "already_subscribed": "You are already subscribed. Your digest arrives at {time} ({tz}).",
    "unsubscribed": "The daily digest is stopped. Come back any time with /subscribe.",
    "not_subscribed": "You are not subscribed to the daily digest. Subscribe with /subscribe.",
    "latest_title": "<b>Latest</b>",
    "nothing_yet": "Nothing yet. News is fetched every few minutes.",
    "usage_actor": "Add a name after the command, e.g. /actor Sudani",
    "usage_place": "Add a place after the command, e.g. /place Baghdad",
    "usage_follow": "Add an actor after the command, e.g. /follow Kataib Hezbollah",
    "usage_latest": "A number from 1 to {max}, e.g. /latest 5",
    "usage_days": "A number of days from 1 to {max}, e.g. /incidents 7",
    "usage_lang": "Choose a language, or type /lang English, /lang عربي or /lang both",
    "lang_current": "Language is now {name}. Choose one:",
    "lang_ar": "العربية",
    "lang_en": "English",
    "lang_both": "العربية + English",
    "usage_time": "Give the time such as /time 07:30, /time 7pm or /time ٠٧:٣٠",
    "usage_tz": "Give a city or a time zone such as /tz Baghdad or /tz Asia/Baghdad",
    "too_long": "That is too long; send a short name.",
    "choose": "Several actors match “{name}”. Choose one:",
    "no_actor": "No actor called “{name}”.",
    "no_place": "No place called “{name}”.",
    "did_you_mean": "Did you mean: {names}?",
    "actor_head": "<b>{name}</b>",
    "no_items": "No incidents or statements recorded yet.",
    "place_head": "<b>{name}</b>",
    "statements_title": "<b>Latest statements</b>",
    "lang_set": "Language is now English.",
    "lang_set_both": "Language is now Arabic and English.",
    "time_set": "Your digest arrives at {time} ({tz}).",
    "tz_set": "Time zone is now {tz}; your digest arrives at {time}.",
    "followed": "You will get alerts about {name}.",
    "unfollowed": "Alerts about {name} are stopped.",
    "not_following": "You are not following {name}, so there are no alerts to stop. To follow: /follow",
    "settings": (
        "<b>Your settings</b>\nLanguage: {chosen}\nDaily digest: {subscribed}\nWeekly digest: {weekly}\n"
        "Time: {time}\n"
        "Time zone: {tz}\nFollowing: {followed}"
    ),
    "yes": "on",
    "no": "off",
    "none": "nobody",
    "digest_title": "<b>Digest for {day}</b>",
    "digest_empty": "No new incidents or statements in the last 24 hours.",
    "incidents": "<b>Incidents</b>",
    "statements": "<b>Statements</b>",
    "killed": "{n} killed",
    "injured": "{n} injured",
    "alert": "🔔 <b>{name}</b>",
    "next": "Next ›",
    "prev": "‹ Previous",
    "stale_button": "This button no longer works. Send the command again.",
    "admin_only": "That command is for administrators only.",
    "admin_private": "Admin commands work only in a private chat with me.",
    "stats": "<b>Statistics</b>\n{lines}",
    "sources_title": "<b>Sources</b>",
    "ingest_started": "Fetching sources…",
    "ingest_done": "Fetching finished: {summary}",
    "ingest_unavailable": "Fetching is not available in this build.",
    "unknown_command": "I don't know that command. Try /help.",
    "error": "Something went wrong on our side. Please try again shortly.",
    "undated": "undated",
    "role_sep": " — ",
    "usage_search": "Add what you are looking for after the command, e.g. /search drone attack",
    "search_head": "<b>Results for “{query}”</b> — page {page} of {pages}",
    "search_none": "Nothing found for “{query}”. Try another word or a shorter name.",
    "usage_export": "Add a number of days from 1 to {max} after the command, e.g. /export 7",
    "export_none": "No incidents from {since} to {until}, so there is no file to send. Try a longer span, "
                   "e.g. /export 30",
    "export_caption": "Incidents from {since} to {until}: {count}. CSV in UTF-8, one row per incident.",
    "usage_chart": "A number of days from 1 to {max}, e.g. /chart 7",
    "chart_none": "No incidents from {since} to {until}, so there is nothing to draw. Try a longer span, "
                  "e.g. /chart 30",
    "chart_title": "Incidents from {since} to {until}",
    "chart_places": "Busiest places",
    "chart_actors": "Most active (incidents and statements)",
    "chart_nobody": "nobody named",
    "chart_head": "<b>From {since} to {until}</b>",
    "weekly_head": "<b>The week from {since} to {until}</b>",
    "chart_top_types": "Most frequent: {names}",
    "chart_top_places": "Busiest places: {names}",
    "chart_top_actors": "Most active: {names}",
    "weekly_on": "The weekly digest is on: every Friday at {time} ({tz}), a chart of the week's incidents "
                 "and a summary.",
    "weekly_off": "The weekly digest is off.",
    "usage_weekly": "/weekly on to turn it on, /weekly off to stop it.",
}

CATALOGS: Final[dict[str, dict[str, str]]] = {"ar": AR, "en": EN}

# UI strings that carry a count: key (the msgctxt in the .po files) -> English singular and plural msgids.
# Their translations, with every plural form a language has, are in locale/<lang>/LC_MESSAGES/nashra.po.
COUNTED: Final[dict[str, tuple[str, str]]] = {
    "incidents_title": ("<b>Incidents in the last {n} day</b>", "<b>Incidents in the last {n} days</b>"),
    "sources_n": ("reported by {n} source", "reported by {n} sources"),
    "export_capped_days": ("The longest span is {n} day, so this file covers the last {n} day only.",
                           "The longest span is {n} days, so this file covers the last {n} days only."),
    "export_capped_rows": ("The file holds the newest {n} incident only; choose a shorter span for the rest.",
                           "The file holds the newest {n} incidents only; choose a shorter span for the rest."),
    "chart_per_day": ("{n} incident, by day and type", "{n} incidents, by day and type"),
    "chart_incidents": ("{n} incident", "{n} incidents"),
    "chart_statements": ("{n} statement", "{n} statements"),
    "chart_killed": ("{n} killed", "{n} killed"),
    "chart_injured": ("{n} injured", "{n} injured"),
}
LOCALE_DIR: Final = Path(__file__).with_name("locale")
DOMAIN: Final = "nashra"


def ui_language(language: str) -> str:
    """The single catalog for a user's language; "both" users read the interface in Arabic first."""
    return language if language in CATALOGS else "ar"


def pick_language(stored: str | None, telegram_code: str | None) -> str:
    """A stored choice wins; otherwise Telegram's language code, English unless it is Arabic."""
    if stored in LANGUAGES:
        return stored
    return "ar" if (telegram_code or "").lower().startswith("ar") else "en"


def t(language: str, key: str, **values: object) -> str:
    """One UI string in HTML; values are escaped, and "both" gives Arabic then English."""
    safe = _escaped(values)
    if language == "both":
        return AR[key].format(**safe) + "\n\n" + EN[key].format(**safe)
    return CATALOGS[ui_language(language)][key].format(**safe)


def plural(language: str, key: str, n: int, **values: object) -> str:
    """A UI string with a count `n` in the form the language wants for it ("آخر يومين", "آخر 3 أيام")."""
    singular, many = COUNTED[key]
    safe = _escaped(values) | {"n": n}
    if language == "both":
        return plural("ar", key, n, **values) + "\n\n" + plural("en", key, n, **values)
    return translations(ui_language(language)).npgettext(key, singular, many, n).format(**safe)


@cache
def translations(language: str) -> gettext.GNUTranslations:
    """A language's .po catalog, compiled in memory by Babel once, so no .mo file is kept."""
    with (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    mo = BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return gettext.GNUTranslations(mo)


def plain(language: str, key: str, **values: object) -> str:
    """One UI string for a place without markup: a button label."""
    return CATALOGS[ui_language(language)][key].format(**values)


def _escaped(values: dict[str, object]) -> dict[str, object]:
    return {k: v if isinstance(v, _Html) else escape(str(v), quote=False) for k, v in values.items()}


class _Html(str):
    """A value already rendered to safe HTML: `t` inserts it as is."""


def html(value: str) -> str:
    """Mark a string as already-safe HTML for `t`."""
    return _Html(value)
