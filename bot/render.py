"""Telegram HTML for items, lists and digests, and splitting it into messages Telegram accepts."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from html import escape, unescape
from itertools import groupby

from bot.i18n import plural, t
from storage.items import ActorInfo, Item, PlaceInfo, SourceLink

MAX_MESSAGE = 4096  # Telegram's limit, in UTF-16 code units of the parsed text
MAX_CAPTION = 1024  # the same for a photo's or a document's caption
MAX_LINKS = 3  # more links than this turn an item into a wall of outlet names
RLM = "\u200f"  # right-to-left mark: an Arabic line that starts with a digit or a bullet still reads right

# A tag, an entity, or one character: the atoms a split may fall between.
_ATOM = re.compile(r"<[^<>]*>|&[#a-zA-Z0-9]+;|.", re.S)
_OPEN_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_CLOSE_TAG = re.compile(r"</([a-zA-Z][a-zA-Z0-9-]*)\s*>")
# Where a long line may break, best first: a line end, then Arabic and Latin sentence
# punctuation (، ؛ ؟ as well as . ! ?), then any space.
_PUNCT = frozenset("،؛؟.!?;:")
_SAFE_URL = re.compile(r"https?://[^\s<>\"']+\Z")


def esc(text: str | None) -> str:
    """Escape outside text for Telegram HTML (quotes too, so it is safe inside attributes)."""
    return escape(text or "", quote=True)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def link(source: SourceLink) -> str:
    """A source as a link when its URL is plain http(s), else its name as text."""
    label = esc(source.outlet or source.title or source.url or "?")
    if source.url and _SAFE_URL.match(source.url):
        return f'<a href="{esc(source.url)}">{label}</a>'
    return label


def sources_text(item: Item, language: str) -> str:
    """Up to three links, and how many outlets reported it when it is more than one."""
    comma = "، " if language == "ar" else ", "
    links = comma.join(link(s) for s in item.sources[:MAX_LINKS])
    if len(item.sources) > 1:
        count = plural(language, "sources_n", len(item.sources))
        return f"{links} ({count})" if links else count
    return links


def _label(item: Item, language: str) -> str:
    """Place for an incident, speaker for a statement, in the line's language."""
    ar = language == "ar"
    if item.kind == "statement":
        return esc((item.actor_ar if ar else item.actor_en) or item.actor_en or item.actor_ar)
    return esc((item.place_ar if ar else item.place_en) or item.place_en or item.place_ar)


def item_line(item: Item, language: str, *, with_date: bool = True) -> str:
    """One item as one line in "ar" or "en": date, place or speaker, digest, links."""
    digest = item.digest_ar if language == "ar" else item.digest_en
    parts = [f"<b>{esc(item.date_text or (item.day.isoformat() if item.day else t(language, 'undated')))}</b>"
             ] if with_date else []
    label = _label(item, language)
    if label:
        parts.append(label)
    head = " · ".join(parts)
    line = f"• {head} — {esc(digest)}" if head else f"• {esc(digest)}"
    sources = sources_text(item, language)
    if sources:
        line += f" · {sources}"
    return RLM + line if language == "ar" else line


def item_block(item: Item, language: str, *, with_date: bool = True) -> str:
    """An item in the reader's language; "both" gives the Arabic line, then the English one."""
    if language == "both":
        return item_line(item, "ar", with_date=with_date) + "\n" + item_line(item, "en", with_date=with_date)
    return item_line(item, language, with_date=with_date)


def item_list(title: str, items: Sequence[Item], language: str) -> str:
    """A titled list of items, one block each."""
    sep = "\n\n" if language == "both" else "\n"
    return title + "\n\n" + sep.join(item_block(i, language) for i in items)


def actor_name(actor: ActorInfo, language: str) -> str:
    """An actor's full name (and role) in the reader's language, escaped."""
    def one(lang: str) -> str:
        name = actor.name_ar if lang == "ar" else actor.name_en
        role = actor.role_ar if lang == "ar" else actor.role_en
        return esc(name) + (t(lang, "role_sep") + esc(role) if role else "")
    return one("ar") + " / " + one("en") if language == "both" else one(language)


def place_name(place: PlaceInfo, language: str) -> str:
    """A place's name in the reader's language, escaped."""
    if language == "both":
        return esc(place.name_ar) + " / " + esc(place.name_en)
    return esc(place.name_ar if language == "ar" else place.name_en)


def _day_of(item: Item) -> date:
    return item.day or item.first_seen.date()


def _by_day(items: Iterable[Item], language: str) -> list[str]:
    """Items grouped under their day, newest day first."""
    out: list[str] = []
    ordered = sorted(items, key=lambda i: (_day_of(i), i.first_seen), reverse=True)
    for day, group in groupby(ordered, key=_day_of):
        out.append(f"<i>{day.isoformat()}</i>")
        out.extend(item_block(i, language, with_date=False) for i in group)
    return out


def digest_text(items: Sequence[Item], language: str, day: date) -> str:
    """The daily digest: incidents first, then statements, each grouped by day."""
    lines = [t(language, "digest_title", day=day.isoformat())]
    incidents = [i for i in items if i.kind == "incident"]
    statements = [i for i in items if i.kind == "statement"]
    if not incidents and not statements:
        return lines[0] + "\n\n" + t(language, "digest_empty")
    for key, group in (("incidents", incidents), ("statements", statements)):
        if group:
            lines += ["", t(language, key), *_by_day(group, language)]
    return "\n".join(lines)


def split_html(text: str, limit: int = MAX_MESSAGE) -> list[str]:
    """Chunks under `limit` split at line ends, then punctuation, then spaces; tags closed and reopened."""
    chunks: list[str] = []
    atoms = _ATOM.findall(text)
    carry: list[str] = []  # opening tags to repeat at the top of the next chunk
    while atoms:
        work = carry + atoms
        n, open_at = _fit(work, limit)
        n = max(n, len(carry) + 1)
        head = ("".join(work[:n]) + "".join(f"</{name}>" for name, _ in reversed(open_at))).strip()
        if _TAGS.sub("", head).strip():
            chunks.append(head)
        carry = [tag for _, tag in open_at]
        atoms = work[n:]
        while atoms and atoms[0].isspace():
            del atoms[0]
    return chunks


_TAGS = re.compile(r"<[^<>]*>")


def _fit(atoms: Sequence[str], limit: int) -> tuple[int, list[tuple[str, str]]]:
    """How many atoms make the next chunk, cut at the best break, and the tags open at the cut."""
    size = 0
    stack: list[tuple[str, str]] = []
    last: dict[int, tuple[int, list[tuple[str, str]]]] = {}  # rank -> (atoms before it, open tags)
    for i, atom in enumerate(atoms):
        width = _utf16(atom)
        if size + width + sum(len(name) + 3 for name, _ in stack) > limit:
            break
        size += width
        if m := _CLOSE_TAG.fullmatch(atom):
            if stack and stack[-1][0] == m.group(1).lower():
                stack.pop()
        elif m := _OPEN_TAG.fullmatch(atom):
            stack.append((m.group(1).lower(), atom))
        rank = 3 if atom == "\n" else 2 if atom in _PUNCT else 1 if atom.isspace() else 0
        if rank:
            last[rank] = (i + 1, list(stack))
    else:
        return len(atoms), stack
    # the best kind of break in the second half of what fits; a hard cut only when there is none
    for rank in (3, 2, 1):
        if rank in last and last[rank][0] >= i // 2:
            return last[rank]
    return i, stack


def fits_caption(text: str) -> bool:
    """Whether HTML is short enough, once parsed, to be a photo's caption."""
    return _utf16(unescape(_TAGS.sub("", text))) <= MAX_CAPTION
