"""RSS and Atom feeds, parsed from fetched bytes with entity declarations refused first."""

from __future__ import annotations

import io
import re
from calendar import timegm
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import feedparser
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from briefings.charset import detect
from briefings.errors import FetchError

# A DTD can only sit in the prolog; for a feed the strict parser cannot read, look for one
# anywhere, erring towards refusal.
_DECLARATION = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeFeed(FetchError):
    """A feed with DOCTYPE or ENTITY declarations: the shape of an entity-expansion bomb."""

    kind = "refused"


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedEntry:
    """One entry of a feed: where its article is and when it was published."""

    url: str | None
    title: str
    published: date | None
    summary: str


def check_safe(body: bytes) -> None:
    """Raise UnsafeFeed when the XML declares a DTD or entities, before any parser expands them."""
    try:
        SafeET.fromstring(body, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise UnsafeFeed("refused: feed declares a DOCTYPE or ENTITY (possible XML bomb)") from None
    except SafeET.ParseError:
        if _DECLARATION.search(body):
            raise UnsafeFeed("refused: malformed feed with a DOCTYPE or ENTITY declaration") from None


def _day(entry: Any) -> date | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return datetime.fromtimestamp(timegm(parsed), UTC).date() if parsed else None


def parse_feed(body: bytes, *, charset: str | None = None) -> tuple[FeedEntry, ...]:
    """The entries of an RSS or Atom feed; `charset` is the Content-Type header's. Raises UnsafeFeed or FetchError."""
    check_safe(body)
    # feedparser reads only the XML declaration and takes anything else for windows-1252;
    # the encoding picked here (header, declaration, then the bytes) reaches it as a header.
    headers = {"content-type": f"application/xml; charset={detect(body, header=charset)}"}
    # A file object, never bytes or str: feedparser would take a string for a URL or a path.
    parsed = feedparser.parse(io.BytesIO(body), sanitize_html=True, resolve_relative_uris=False,
                              response_headers=headers)
    if parsed.get("bozo") and not parsed.entries:
        reason = str(parsed.get("bozo_exception", "unreadable")).splitlines()[0][:120]
        raise FetchError(f"malformed feed ({reason})", kind="malformed")
    if not parsed.get("version") and not parsed.entries:
        raise FetchError("not an RSS or Atom feed", kind="malformed")
    return tuple(FeedEntry(url=e.get("link") or None, title=e.get("title", ""), published=_day(e),
                           summary=e.get("summary", "")) for e in parsed.entries)
