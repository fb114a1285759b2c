"""What users ask of the archive: /search; each handler parses, calls a storage service, replies."""

from __future__ import annotations

import re

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.context import Context
from bot.handlers import argument, reply, say
from bot.i18n import plain, t
from bot.render import item_list
from storage.search import SearchPage

MAX_SEARCH = 100  # characters: a few words, as long as any name the bot knows
MAX_ID = 2**31 - 1  # ids are INTEGER columns
MAX_PAGE = 9999
# "s:<saved search>:<page>": all a page button carries; anything else is refused before SQL
SEARCH_BUTTON = re.compile(r"s:(\d{1,10}):(\d{1,4})\Z")
SEARCH_PATTERN = r"^s:"  # the buttons this module answers


def search_pager(page: SearchPage, lang: str) -> InlineKeyboardMarkup | None:
    """Previous and next page buttons, as far as there are pages."""
    row = []
    if page.page > 1:
        row.append(InlineKeyboardButton(plain(lang, "prev"), callback_data=f"s:{page.query_id}:{page.page - 1}"))
    if page.page < page.pages:
        row.append(InlineKeyboardButton(plain(lang, "next"), callback_data=f"s:{page.query_id}:{page.page + 1}"))
    return InlineKeyboardMarkup([row]) if row else None


async def show_results(update: Update, lang: str, page: SearchPage) -> None:
    """A page of results under its heading, or a note that nothing matched."""
    if not page.items:
        await reply(update, t(lang, "search_none", query=page.shown))
        return
    head = t(lang, "search_head", query=page.shown, page=page.page, pages=page.pages, total=page.total)
    await reply(update, item_list(head, page.items, lang), search_pager(page, lang))


async def search(update: Update, context: Context) -> None:
    """/search WORDS: incidents and statements with every word, newest first, in pages."""
    query = argument(context)
    if len(query) > MAX_SEARCH:
        await say(update, context, "too_long")
        return
    found = await context.services.store.search(query) if query else None
    if found is None:
        await say(update, context, "usage_search")
        return
    await show_results(update, context.language, found)


def search_button_data(data: str | None) -> tuple[int, int] | None:
    """(saved search, page) from a page button, or None when it is not one the bot writes."""
    m = SEARCH_BUTTON.match(data or "")
    if not m or not 1 <= int(m.group(1)) <= MAX_ID or not 1 <= int(m.group(2)) <= MAX_PAGE:
        return None
    return int(m.group(1)), int(m.group(2))


async def search_button(update: Update, context: Context) -> None:
    """A results page button: the same search, another page."""
    query = update.callback_query
    assert query is not None
    lang = context.language
    parsed = search_button_data(query.data)
    found = await context.services.store.search_page(*parsed) if parsed else None
    if found is None:  # forged, or a search no longer kept
        await query.answer(plain(lang, "stale_button"))
        return
    await query.answer()
    await show_results(update, lang, found)
