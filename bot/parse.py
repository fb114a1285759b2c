"""Forgiving readings of what users type: a time of day, a time zone, a language, on or off."""

from __future__ import annotations

import functools
import re
import zoneinfo
from datetime import time

from babel.core import get_global
from babel.dates import get_timezone_location

from briefings.normalize import normalize

# "07:30", "7.30", "7", "7pm", "7:30 p.m.", "٧:٣٠ م" (normalize has made the digits ASCII)
_TIME = re.compile(r"(\d{1,2})(?:\s*[:.٫]\s*(\d{2}))?\s*(am|pm|a\.m\.?|p\.m\.?|ص|صباحا|م|مساء)?\Z")
_PM = frozenset({"pm", "p.m", "p.m.", "م", "مساء"})
# what a reader calls each language, normalized: "English", "عربي", "الإنجليزية"
LANGUAGE_WORDS = {
    "ar": ("ar", "arabic", "عربي", "عربيه", "العربيه", "بالعربي", "بالعربيه"),
    "en": ("en", "english", "انجليزي", "انجليزيه", "الانجليزيه", "انكليزي", "الانكليزيه", "بالانجليزي"),
    "both": ("both", "ar+en", "en+ar", "كلاهما", "الاثنين", "الاثنتين", "كلتاهما"),
}
_LANGUAGES = {word: code for code, words in LANGUAGE_WORDS.items() for word in words}
# how a reader says on or off, normalized: "/weekly on", "/weekly تشغيل", "/weekly إيقاف"
SWITCH_WORDS = {
    True: ("on", "yes", "start", "تشغيل", "تفعيل", "فعل", "نعم", "شغل"),
    False: ("off", "no", "stop", "ايقاف", "اوقف", "الغاء", "لا", "توقف"),
}
_SWITCHES = {word: on for on, words in SWITCH_WORDS.items() for word in words}
ZONE_LOCALES = ("en", "ar")  # the languages a zone's city is known by


def parse_count(text: str) -> int | None:
    """A whole number in Western or Arabic digits ("7", "٧"); None when it is not one."""
    digits = normalize(text).strip()
    return int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= 9 else None


def parse_time(text: str) -> time | None:
    """A time of day in 24-hour or 12-hour form, in Western or Arabic digits; None when it is not one."""
    m = _TIME.match(normalize(text).strip())
    if not m:
        return None
    hour, minute, half = int(m.group(1)), int(m.group(2) or 0), m.group(3)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half in _PM else 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def parse_language(text: str) -> str | None:
    """"ar", "en" or "both" from a code or a language's name in either language."""
    return _LANGUAGES.get(normalize(text).strip())


def parse_switch(text: str) -> bool | None:
    """True for on, False for off, in either language; None when it is neither."""
    return _SWITCHES.get(normalize(text).strip())


_ZONE_ID = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}")


def _key(name: str) -> str:
    return normalize(name).replace("_", " ").strip()


@functools.cache
def _zone_names() -> dict[str, str]:
    """Normalized name -> IANA zone: the zone itself, its city as written in it, and its city in each locale."""
    names: dict[str, str] = {}
    aliases = get_global("zone_aliases")  # old names such as Europe/Belfast: their cities belong to the zone now
    for zone in sorted(zoneinfo.available_timezones(), key=lambda z: (z in aliases, z)):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/")):
            continue
        city = zone.rsplit("/", 1)[1]
        spellings = [zone, city] + [get_timezone_location(zone, locale=loc, return_city=True) for loc in ZONE_LOCALES]
        for spelling in spellings:
            names.setdefault(_key(spelling), zone)
    return names


def _exact_zone(name: str) -> str | None:
    """An IANA zone name as the database spells it ("UTC", "Etc/GMT-3"), or None."""
    if not _ZONE_ID.fullmatch(name):
        return None
    try:
        return zoneinfo.ZoneInfo(name).key
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def parse_zone(text: str) -> str | None:
    """An IANA zone from its name ("Asia/Baghdad") or its city in English or Arabic ("baghdad", "بغداد")."""
    name = text.strip()
    return (_exact_zone(name) or _zone_names().get(_key(name))) if name else None
