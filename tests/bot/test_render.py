"""Rendering: escaped, split under Telegram's limit at the right places, accepted by a strict parser."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.render import MAX_MESSAGE, RLM, digest_text, item_line, split_html
from storage.items import Item, SourceLink
from tests.fakes.bot_api import parse_html, utf16_len


def item(n: int, *, kind: str = "incident", sources: int = 1, text: str = "هجوم") -> Item:
    links = tuple(SourceLink(title=f"t{i}", url=f"https://x.example/{n}/{i}?a=1&b=2", outlet=f"Outlet {i}")
                  for i in range(sources))
    return Item(kind=kind, id=n, day=date(2024, 1, 20 - n % 3), date_text=None, type=None, acts=(),
                actor_id=None, actor_en="Sudani", actor_ar="السوداني", place_id=None, place_en="Baghdad <1>",
                place_ar="بغداد", killed=None, injured=None, digest_ar=f"{text} {n}", digest_en=f"Attack & {n}",
                sources=links, first_seen=datetime(2024, 1, 21, tzinfo=UTC))


def test_item_lines_escape_and_read_right_to_left() -> None:
    en = item_line(item(1, sources=3), "en")
    assert "Baghdad &lt;1&gt;" in en and "Attack &amp; 1" in en and "a=1&amp;b=2" in en
    assert "reported by 3 sources" in parse_html(en)
    ar = item_line(item(1), "ar")
    assert ar.startswith(RLM) and "بغداد" in ar


def test_unsafe_links_are_shown_as_text() -> None:
    bad = Item(**{**{f: getattr(item(2), f) for f in Item.__slots__},  # type: ignore[arg-type]
                  "sources": (SourceLink(title="t", url="javascript:alert(1)", outlet="Evil\"><b>"),)})
    line = item_line(bad, "en")
    assert "href" not in line and parse_html(line).endswith('Evil"><b>')


def test_digest_puts_incidents_before_statements_grouped_by_day() -> None:
    text = digest_text([item(1, kind="statement"), item(2), item(3)], "en", date(2024, 1, 21))
    plain = parse_html(text)
    assert plain.index("Incidents") < plain.index("Statements")
    assert plain.index("2024-01-20") < plain.index("2024-01-18") < plain.index("2024-01-19")  # newest first


@pytest.mark.parametrize("language", ["ar", "en", "both"])
def test_long_digest_splits_into_valid_messages(language: str) -> None:
    items = [item(n, text="نص طويل، فيه فواصل؛ وسؤال؟ " * 8) for n in range(400)]
    chunks = split_html(digest_text(items, language, date(2024, 1, 21)))
    assert len(chunks) > 1
    for chunk in chunks:
        assert utf16_len(parse_html(chunk)) <= MAX_MESSAGE  # a strict parser accepts every chunk
        assert not chunk.startswith("\n") and not chunk.endswith("\n")


def test_a_single_long_line_breaks_at_arabic_punctuation_keeping_tags() -> None:
    line = "<b>" + "كلمة كلمة كلمة؛ " * 600 + "</b>"
    chunks = split_html(line, limit=1000)
    assert all(len(c) <= 1000 for c in chunks)
    assert all(c.startswith("<b>") and c.endswith("</b>") for c in chunks)
    assert all(parse_html(c).rstrip().endswith("؛") for c in chunks[:-1])
    assert "".join(parse_html(c) for c in chunks).replace(" ", "") == parse_html(line).replace(" ", "")


def test_arabic_line_lists_its_sources_with_the_arabic_comma() -> None:
    ar = parse_html(item_line(item(4, sources=2), "ar"))
    assert "Outlet 0، Outlet 1" in ar
    assert "Outlet 0, Outlet 1" in parse_html(item_line(item(4, sources=2), "en"))
