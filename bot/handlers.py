"""Command handlers: parse the update, call a service, reply in the chat's language; no handler opens a session."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Coroutine
from datetime import timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatMemberStatus, ChatType, ParseMode

from bot.context import Chat, Context, Services
from bot.i18n import html, plain, plural, t
from bot.jobs import digest_chunks, schedule_slot, window_items
from bot.parse import parse_language, parse_time, parse_zone
from bot.render import actor_name, esc, item_list, place_name, split_html
from bot.services import Store
from storage.items import ActorInfo, Item, Subscriber

log = logging.getLogger(__name__)

NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
PAGE = 5  # items per page in lookups: one screen on a phone
MAX_LATEST = 20
MAX_DAYS = 30
MAX_NAME = 100  # longer than any actor's name in either script with its titles
CLEAR_SCORE = 90.0  # a match this good needs no question...
CLEAR_MARGIN = 8.0  # ...when the next one trails it by this much (storage scores are 0..100)
# Bidi controls and the Arabic letter mark: a pasted name often carries them, and they only
# get in the way of matching (the Python normalizers in use keep them).
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_SPACES = re.compile(r"\s+")
_CALLBACK = re.compile(r"([lap]):(\d{1,10}):(\d{1,6})\Z")
_LANG_CALLBACK = re.compile(r"lang:(ar|en|both)\Z")
# Ids are INTEGER columns: PostgreSQL refuses a larger number outright, so a forged button
# carrying one would reach the error handler instead of a polite answer.
MAX_ID = 2**31 - 1


# --- helpers ---------------------------------------------------------------------------------
def argument(context: Context) -> str:
    """The command's argument as one clean line."""
    return _SPACES.sub(" ", _BIDI.sub("", " ".join(context.args or []))).strip()


def services(context: Context) -> Services:
    """The bot's services."""
    return context.services


async def resolve_chat(update: Update, context: Context) -> None:
    """Before any handler (group -1): read the chat's preferences once; handlers find them in the context."""
    chat, user = update.effective_chat, update.effective_user
    subscriber = await store(context).chat(chat.id) if chat else None
    context.chat = Chat(subscriber=subscriber, telegram_language=user.language_code if user else None)


def store(context: Context) -> Store:
    """The handlers' reads and writes, a transaction each."""
    return context.services.store


async def save(update: Update, context: Context, **fields: Any) -> Subscriber:
    """Create or update this chat's preferences, keeping the language it reads now; one transaction."""
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    return context.remember(await store(context).save(chat_id, reads=context.language, **fields))


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Send HTML in as many messages as it takes; buttons go under the last one."""
    chunks = split_html(text)
    query = update.callback_query
    for index, chunk in enumerate(chunks):
        buttons = markup if index == len(chunks) - 1 else None
        if query and query.message and index == 0:
            await query.edit_message_text(chunk, parse_mode=ParseMode.HTML, reply_markup=buttons,
                                          link_preview_options=NO_PREVIEW)
        elif update.effective_chat:
            await update.get_bot().send_message(update.effective_chat.id, chunk, parse_mode=ParseMode.HTML,
                                                reply_markup=buttons, link_preview_options=NO_PREVIEW)


async def say(update: Update, context: Context, key: str, **values: object) -> None:
    """Reply with one catalog string."""
    await reply(update, t(context.language, key, **values))


def pager(kind: str, ident: int, offset: int, size: int, more: bool, lang: str) -> InlineKeyboardMarkup | None:
    """Previous/next buttons; callback data carries ids and offsets only (64 bytes at most)."""
    row = []
    if offset > 0:
        row.append(InlineKeyboardButton(plain(lang, "prev"), callback_data=f"{kind}:{ident}:{max(0, offset - size)}"))
    if more:
        row.append(InlineKeyboardButton(plain(lang, "next"), callback_data=f"{kind}:{ident}:{offset + size}"))
    return InlineKeyboardMarkup([row]) if row else None


def is_admin(update: Update, context: Context) -> bool:
    """Whether the user is listed in NASHRA_ADMIN_IDS."""
    user = update.effective_user
    return bool(user and user.id in services(context).settings.admins)


def settings_time(sub: Subscriber | None, context: Context) -> tuple[str, str]:
    """The digest time and zone a chat has, or would have after /subscribe."""
    if sub:
        return sub.digest_time.strftime("%H:%M"), sub.timezone
    s = services(context).settings
    return s.default_digest_time, s.default_timezone


# --- the commands ------------------------------------------------------------------------------
async def start(update: Update, context: Context) -> None:
    """/start: what the bot does and how to subscribe."""
    at, tz = settings_time(context.chat.subscriber, context)
    await say(update, context, "start", time=at, tz=tz)


async def help_command(update: Update, context: Context) -> None:
    """/help: every command."""
    await say(update, context, "help")


async def subscribe(update: Update, context: Context) -> None:
    """/subscribe: the daily digest at the chat's hour."""
    before = context.chat.subscriber
    sub = await save(update, context, subscribed=True, active=True)
    if context.job_queue:
        schedule_slot(context.job_queue, (sub.timezone, sub.digest_time))
    key = "already_subscribed" if before and before.subscribed else "subscribed"
    await say(update, context, key, time=sub.digest_time.strftime("%H:%M"), tz=sub.timezone)


async def unsubscribe(update: Update, context: Context) -> None:
    """/unsubscribe: stop the daily digest."""
    sub = context.chat.subscriber
    if sub is None or not sub.subscribed:
        await say(update, context, "not_subscribed")
        return
    await save(update, context, subscribed=False)
    await say(update, context, "unsubscribed")


async def latest(update: Update, context: Context) -> None:
    """/latest [n]: the newest incidents and statements."""
    arg = argument(context)
    if arg and not (arg.isascii() and arg.isdigit() and 1 <= int(arg) <= MAX_LATEST):
        await say(update, context, "usage_latest", max=MAX_LATEST)
        return
    await latest_page(update, context, int(arg or PAGE), 0)


async def latest_page(update: Update, context: Context, size: int, offset: int) -> None:
    """One page of the newest items."""
    lang = context.language
    items = await store(context).latest(limit=size + 1, offset=offset)  # one more: is there a next page?
    if not items:
        await reply(update, t(lang, "nothing_yet"))
        return
    more = len(items) > size
    await reply(update, item_list(t(lang, "latest_title"), items[:size], lang),
                pager("l", size, offset, size, more, lang))


async def actor(update: Update, context: Context) -> None:
    """/actor NAME: an actor in any spelling, with their recent statements and incidents."""
    await lookup(update, context, argument(context), usage="usage_actor")


async def text_message(update: Update, context: Context) -> None:
    """A name sent without a command is looked up as /actor does."""
    text = update.effective_message.text if update.effective_message else ""
    await lookup(update, context, _SPACES.sub(" ", _BIDI.sub("", text or "")).strip(), usage="help")


async def lookup(update: Update, context: Context, name: str, *, usage: str) -> None:
    """Resolve a name to one actor, a choice of actors, or suggestions."""
    if not name:
        await say(update, context, usage)
        return
    if len(name) > MAX_NAME:
        await say(update, context, "too_long")
        return
    lang = context.language
    found, suggestions = await find_actor(context, name)
    if len(found) == 1:
        await actor_page(update, context, found[0].id, 0)
    elif found:
        buttons = [[InlineKeyboardButton(_button_name(a, lang), callback_data=f"a:{a.id}:0")] for a in found]
        await reply(update, t(lang, "choose", name=name), InlineKeyboardMarkup(buttons))
    else:
        await reply(update, no_match(lang, "no_actor", name, [_button_name(a, lang) for a in suggestions]))


def _button_name(a: ActorInfo, lang: str) -> str:
    return (a.name_ar if lang == "ar" else a.name_en)[:60]


def no_match(lang: str, key: str, name: str, suggestions: list[str]) -> str:
    """"Nothing called X", and close names when there are some."""
    text = t(lang, key, name=name)
    if suggestions:
        text += "\n" + t(lang, "did_you_mean", names="، ".join(suggestions) if lang == "ar" else ", ".join(suggestions))
    return text


async def find_actor(context: Context, name: str) -> tuple[list[ActorInfo], list[ActorInfo]]:
    """One clear match, several to choose from, or none and some suggestions."""
    matches, suggestions = await store(context).find_actors(name)
    if not matches:
        return [], suggestions
    best, score = matches[0]
    if score >= CLEAR_SCORE and (len(matches) == 1 or score - matches[1][1] >= CLEAR_MARGIN):
        return [best], []
    return [a for a, s in matches if score - s < CLEAR_MARGIN * 2], []


async def actor_page(update: Update, context: Context, actor_id: int, offset: int) -> None:
    """An actor's name and role, then a page of their items."""
    lang = context.language
    info, items = await store(context).actor_page(actor_id, limit=PAGE + 1, offset=offset)
    if info is None:
        await say(update, context, "no_items")
        return
    await reply(update, page_text(t(lang, "actor_head", name=html(actor_name(info, lang))), items, lang),
                pager("a", actor_id, offset, PAGE, len(items) > PAGE, lang))


def page_text(head: str, items: list[Item], lang: str) -> str:
    """A heading and up to a page of items, or a note that there are none."""
    return item_list(head, items[:PAGE], lang) if items else head + "\n\n" + t(lang, "no_items")


async def place(update: Update, context: Context) -> None:
    """/place NAME: what happened in a place."""
    name, lang = argument(context), context.language
    if not name or len(name) > MAX_NAME:
        await say(update, context, "usage_place" if not name else "too_long")
        return
    matches = await store(context).find_places(name)
    if not matches:
        await reply(update, no_match(lang, "no_place", name, []))
        return
    await place_page(update, context, matches[0][0].id, 0)


async def place_page(update: Update, context: Context, place_id: int, offset: int) -> None:
    """A place's name, then a page of what happened there."""
    lang = context.language
    info, items = await store(context).place_page(place_id, limit=PAGE + 1, offset=offset)
    head = t(lang, "place_head", name=html(place_name(info, lang))) if info else ""
    await reply(update, page_text(head, items, lang), pager("p", place_id, offset, PAGE, len(items) > PAGE, lang))


async def incidents(update: Update, context: Context) -> None:
    """/incidents [days]: incidents that happened in the last days, newest first."""
    arg, lang = argument(context), context.language
    if arg and not (arg.isascii() and arg.isdigit() and 1 <= int(arg) <= MAX_DAYS):
        await say(update, context, "usage_days", max=MAX_DAYS)
        return
    days, now = int(arg or 7), services(context).clock()
    items = await store(context).since((now - timedelta(days=days)).date(), kind="incident", limit=PAGE)
    await reply(update, page_text(plural(lang, "incidents_title", days), items, lang))


async def statements(update: Update, context: Context) -> None:
    """/statements [NAME]: the latest statements, or one actor's."""
    name, lang = argument(context), context.language
    if len(name) > MAX_NAME:
        await say(update, context, "too_long")
        return
    items = await store(context).statements(name, limit=PAGE)
    if items is None:
        await reply(update, no_match(lang, "no_actor", name, []))
        return
    await reply(update, page_text(t(lang, "statements_title"), items, lang))


async def lang_command(update: Update, context: Context) -> None:
    """/lang ar|en|both (or a language's name): the language of replies and digests; alone, the choice."""
    arg, lang = argument(context), context.language
    choice = parse_language(arg) if arg else None
    if choice is None:
        head = t(lang, "lang_current", name=plain(lang, f"lang_{lang}")) if not arg else t(lang, "usage_lang")
        await reply(update, head, language_buttons(lang))
        return
    await set_language(update, context, choice)


def language_buttons(lang: str) -> InlineKeyboardMarkup:
    """One button per language, each named in the reader's language."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(plain(lang, f"lang_{code}"), callback_data=f"lang:{code}")
                                  for code in ("ar", "en", "both")]])


async def set_language(update: Update, context: Context, choice: str) -> None:
    """Store a language and confirm it in that language."""
    await save(update, context, language=choice)
    await say(update, context, "lang_set_both" if choice == "both" else "lang_set")


async def time_command(update: Update, context: Context) -> None:
    """/time HH:MM (or 7pm, ٠٧:٣٠): when the daily digest arrives."""
    at = parse_time(argument(context))
    if at is None:
        await say(update, context, "usage_time")
        return
    sub = await save(update, context, digest_time=at)
    if context.job_queue:
        schedule_slot(context.job_queue, (sub.timezone, sub.digest_time))
    await say(update, context, "time_set", time=sub.digest_time.strftime("%H:%M"), tz=sub.timezone)


async def tz_command(update: Update, context: Context) -> None:
    """/tz Area/City (or a city, in English or Arabic): the time zone of the digest hour."""
    zone = parse_zone(argument(context))
    if zone is None:
        await say(update, context, "usage_tz")
        return
    sub = await save(update, context, timezone=zone)
    if context.job_queue:
        schedule_slot(context.job_queue, (sub.timezone, sub.digest_time))
    await say(update, context, "tz_set", time=sub.digest_time.strftime("%H:%M"), tz=sub.timezone)


async def follow(update: Update, context: Context) -> None:
    """/follow NAME: alerts about an actor."""
    await follow_change(update, context, on=True)


async def unfollow(update: Update, context: Context) -> None:
    """/unfollow NAME: stop alerts about an actor."""
    await follow_change(update, context, on=False)


async def follow_change(update: Update, context: Context, *, on: bool) -> None:
    """Follow or unfollow the one actor a name matches."""
    name, lang = argument(context), context.language
    if not name or len(name) > MAX_NAME:
        await say(update, context, "usage_follow" if not name else "too_long")
        return
    found, suggestions = await find_actor(context, name)
    if not found:
        await reply(update, no_match(lang, "no_actor", name, [_button_name(a, lang) for a in suggestions]))
        return
    chat_id = update.effective_chat.id  # type: ignore[union-attr]
    changed = await store(context).follow(chat_id, found[0].id, reads=lang, on=on)
    key = "followed" if on else "unfollowed" if changed else "not_following"
    await reply(update, t(lang, key, name=html(actor_name(found[0], lang))))


async def settings_command(update: Update, context: Context) -> None:
    """/settings: everything the chat has chosen."""
    lang, sub = context.language, context.chat.subscriber
    at, tz = settings_time(sub, context)
    names = await store(context).actors(sub.followed if sub else ())
    followed = ", ".join(a.name_ar if lang == "ar" else a.name_en for a in names) or plain(lang, "none")
    on = plain(lang, "yes" if sub and sub.subscribed else "no")
    weekly = plain(lang, "yes" if sub and sub.weekly else "no")
    await say(update, context, "settings", chosen=lang, subscribed=on, weekly=weekly, time=at, tz=tz,
              followed=followed)


async def digest(update: Update, context: Context) -> None:
    """/digest: the last 24 hours now, as the daily digest would read."""
    lang, sub = context.language, context.chat.subscriber
    now = services(context).clock()
    zone = ZoneInfo(sub.timezone if sub else services(context).settings.default_timezone)
    items = await window_items(services(context), now)
    await reply(update, "\n\n".join(digest_chunks(items, lang, now.astimezone(zone).date())))


# --- admin -----------------------------------------------------------------------------------
Handler = Callable[[Update, Context], Coroutine[Any, Any, None]]


def admin_only(handler: Handler) -> Handler:
    """Refuse a command politely outside a private chat, and to everyone but the configured admins."""

    @functools.wraps(handler)
    async def guarded(update: Update, context: Context) -> None:
        if update.effective_chat is None or update.effective_chat.type != ChatType.PRIVATE:
            await say(update, context, "admin_private")  # what it shows is for the admin's eyes only
            return
        if not is_admin(update, context):
            await say(update, context, "admin_only")
            return
        await handler(update, context)

    return guarded


@admin_only
async def stats(update: Update, context: Context) -> None:
    """/stats: counts of what is stored (admins)."""
    counts = await store(context).stats()
    await say(update, context, "stats", lines="\n".join(f"{k}: {v}" for k, v in counts.items()))


@admin_only
async def sources(update: Update, context: Context) -> None:
    """/sources: how each source has fared (admins)."""
    rows = await store(context).source_statuses()
    lines = [f"• {esc(s.name)} ({esc(s.kind)}): {s.articles}, ok {s.last_ok:%Y-%m-%d %H:%M}" if s.last_ok
             else f"• {esc(s.name)} ({esc(s.kind)}): {s.articles}, errors {s.error_count}" for s in rows]
    await reply(update, t(context.language, "sources_title") + "\n" + "\n".join(lines))


@admin_only
async def ingest(update: Update, context: Context) -> None:
    """/ingest: poll every source once now (admins)."""
    run = services(context).ingest
    if run is None:
        await say(update, context, "ingest_unavailable")
        return
    await say(update, context, "ingest_started")
    await say(update, context, "ingest_done", summary=await run())


# --- buttons, membership, the rest ----------------------------------------------------------
def callback_data(data: str | None) -> tuple[str, int, int] | None:
    """(kind, id, offset) from a button's "kind:id:offset", or None when it is not one the bot writes."""
    m = _CALLBACK.match(data or "")
    if not m or not 1 <= int(m.group(2)) <= MAX_ID:
        return None
    return m.group(1), int(m.group(2)), int(m.group(3))


async def button(update: Update, context: Context) -> None:
    """A pager or a choice: data is "kind:id:offset" and nothing else."""
    query = update.callback_query
    assert query is not None
    if chosen := _LANG_CALLBACK.match(query.data or ""):
        await query.answer()
        await set_language(update, context, chosen.group(1))
        return
    parsed = callback_data(query.data)
    if parsed is None:  # forged, or from a version of the bot that wrote other data
        await query.answer(plain(context.language, "stale_button"))
        return
    await query.answer()
    kind, ident, offset = parsed
    if kind == "l":
        await latest_page(update, context, min(max(ident, 1), MAX_LATEST), offset)
    else:
        await (actor_page if kind == "a" else place_page)(update, context, ident, offset)


async def membership(update: Update, context: Context) -> None:
    """A user blocked or unblocked the bot: stop or resume their deliveries."""
    change = update.my_chat_member
    if change is None or context.chat.subscriber is None:
        return
    active = change.new_chat_member.status not in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    await store(context).set_active(change.chat.id, active=active)


async def unknown(update: Update, context: Context) -> None:
    """A command the bot does not have."""
    await say(update, context, "unknown_command")


async def on_error(update: object, context: Context) -> None:
    """Log the failure and tell the user something went wrong, without details."""
    log.error("update failed: %s", type(context.error).__name__, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        try:
            await resolve_chat(update, context)  # PTB gives the error handler a context of its own
            await reply(update, t(context.language, "error"))
        except Exception:  # the error reply itself failed: logging it once is all we can do
            log.exception("could not send the error reply")
