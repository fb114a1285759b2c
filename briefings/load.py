"""Stage 1a: turn bytes or text the caller has read into an `Article`.

    load(raw)  ─ decode ─┬─ looks like HTML ─► load_html: trafilatura text, title, date
                         │                       (a page too deep for libxml2: its text read tag by tag)
                         └─ plain text ──────► load_text: first line is the headline
                                                   │
                         clean.clean_paragraphs ◄──┘  then the Arabic-share check

No I/O: trafilatura and htmldate get a parsed tree, never a string they could take for a
URL or a path, so neither reaches the network or the disk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from copy import deepcopy
from datetime import date
from html.parser import HTMLParser

import lxml.html
import trafilatura
from lxml import etree
from trafilatura.settings import Document

from briefings.charset import BOMS, detect
from briefings.clean import clean_paragraphs, is_furniture, tidy
from briefings.errors import BinaryInput, EmptyInput, NotArabic, TooLarge
from briefings.model import Article

# About a hundred times the longest news article (a 5,000-word piece is ~60 KB of UTF-8
# Arabic, its page with markup a few hundred KB). A real page this size is mostly scripts
# and loads in a tenth of a second; the worst case, 15,000 paragraphs, takes about 1.5 s.
# Anything larger is refused by its length, before it is decoded or parsed.
MAX_INPUT_BYTES = 5_000_000
# An article is Arabic when at least this share of its letters are Arabic script. The
# sample articles, English names and agency names included, score 0.99 and up; an English
# page quoting one Arabic word scores under 0.05. Half is the plain line between the two:
# more Arabic letters than all others together.
MIN_ARABIC_SHARE = 0.5
# Control characters tolerated in decoded text; text has none, random bytes ~12%.
MAX_CONTROL_SHARE = 0.01
# trafilatura costs about 100 µs per page element, 70 µs without its fallback extractors
# (readability, justext). A news page has 1,000–5,000 elements; past the first number
# the fallbacks are skipped, past the second trafilatura (a second or more) is not run
# at all and the page's <p> text is read directly.
FAST_EXTRACTION_ELEMENTS = 5_000
MAX_EXTRACTION_ELEMENTS = 15_000
# htmldate's upper bound on a page date, which it reads from the clock when not given.
# Stages never read the clock, and htmldate turns a later date into the bound itself
# rather than rejecting it, so the bound is set past any real page; the caller judges
# the date against its own clock.
_LATEST_DATE = date(2099, 12, 31)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_ARABIC_LETTERS = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+")
_HTML_SNIFF = re.compile(r"<(?:!doctype\s+html|html|head|body|article|div|p|meta|title)\b", re.IGNORECASE)
_SNIFF_CHARS = 2048
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
# Elements whose text is never the story, removed before the <p> fallback.
_NOT_STORY = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "figcaption")
# For a page read as a stream of tags: elements that never hold visible text (menus and
# footers do, and an unclosed one would hide the rest of the page; clean drops their lines),
# and elements that end a line.
_NEVER_TEXT = frozenset({"script", "style", "noscript", "template", "svg"})
_BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "article", "section", "main", "blockquote",
                     "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "nav", "aside", "ul", "ol", "table"})


def _size_check(size: int, name: str, unit: str = "bytes") -> None:
    """TooLarge before any work on an input over the cap."""
    if size > MAX_INPUT_BYTES:
        raise TooLarge(f"{name}: {size:,} {unit} is over the {MAX_INPUT_BYTES:,}-byte limit")


def decode(raw: bytes, *, name: str, charset: str | None = None) -> str:
    """Text from bytes in the encoding `charset.detect` picks; `charset` is what the server said."""
    _size_check(len(raw), name)
    if not raw.strip():
        raise EmptyInput(f"{name}: the file is empty")
    if b"\x00" in raw and not raw.startswith(tuple(bom for bom, _ in BOMS)):
        raise BinaryInput(f"{name}: holds NUL bytes, so it is not a text or HTML file")
    text = raw.decode(detect(raw, header=charset), errors="replace")
    if len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text):
        raise BinaryInput(f"{name}: mostly control bytes, so it is not a text or HTML file")
    if not text.strip():
        raise EmptyInput(f"{name}: holds only whitespace")
    return text


_SHARE_SAMPLE = 4_000  # characters read to judge the script: an article's first screen says which it is
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]+")


def _arabic_share(texts: Sequence[str]) -> float:
    """The share of letters that are Arabic script (counted by regex: a per-character loop costs ~10%)."""
    text = "\n".join(texts)[:_SHARE_SAMPLE]
    # letters counted in runs, not one match per letter; simple classes: the Unicode letter class
    # costs ~0.1 ms an article
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    return arabic / (arabic + latin) if arabic + latin else 0.0


def _article(
    key: str, title: str, lines: Sequence[str], published: date | None, url: str | None
) -> Article:
    """The checked Article: some story text, mostly in Arabic."""
    paragraphs = clean_paragraphs(lines, title=title)
    if not title and not paragraphs:
        raise EmptyInput(f"{key}: nothing but whitespace and page furniture")
    share = _arabic_share((title, *paragraphs))
    if share < MIN_ARABIC_SHARE:
        raise NotArabic(
            f"{key}: only {share:.0%} of its letters are Arabic (at least {MIN_ARABIC_SHARE:.0%} needed)"
        )
    return Article(key=key, title=title, paragraphs=paragraphs, published=published, url=url)


def _split_headline(lines: Sequence[str]) -> tuple[str, Sequence[str]]:
    """The first line that is not furniture, and the lines after it."""
    for i, line in enumerate(lines):
        headline = tidy(line)
        if headline and not is_furniture(headline):
            return headline, lines[i + 1 :]
    return "", ()


def load_text(text: str, *, key: str, published: date | None) -> Article:
    """An article from plain text: the first non-empty line is the headline."""
    _size_check(len(text), key, "characters")
    title, body = _split_headline(text.splitlines())
    return _article(key, title, body, published, None)


def _parse(html: str, key: str) -> tuple[lxml.html.HtmlElement, bool]:
    """The page's element tree and whether libxml2 cut it short; EmptyInput when there is no markup."""
    # A parser per page: its error log is the only place libxml2 says it stopped, and a
    # shared parser's log belongs to whichever thread parsed last.
    parser = lxml.html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    try:
        # bytes, so lxml accepts a page that still declares its encoding
        tree = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise EmptyInput(f"{key}: the HTML page has no content") from exc
    return tree, any(e.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for e in parser.error_log)


class _StreamText(HTMLParser):
    """A page's text read tag by tag: no tree, so no depth limit and no need for closing tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.lines: list[list[str]] = [[]]
        self._hidden = 0  # inside <script>, <style> …
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _NEVER_TEXT:
            self._hidden += 1
        elif tag == "title":
            self._in_title = True
        elif tag in _BLOCKS and self.lines[-1]:
            self.lines.append([])

    def handle_endtag(self, tag: str) -> None:
        if tag in _NEVER_TEXT:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in _BLOCKS and self.lines[-1]:
            self.lines.append([])

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        (self.title if self._in_title else self.lines[-1]).append(data)


def _stream_text(html: str) -> tuple[str, list[str]]:
    """The <title> and the text lines of a page libxml2 could not build a whole tree of."""
    reader = _StreamText()
    reader.feed(html)
    reader.close()
    return "".join(reader.title), ["".join(parts) for parts in reader.lines if parts]


def _page_date(found: str | None) -> date | None:
    """A day from trafilatura's YYYY-MM-DD date, or None."""
    match = _ISO_DAY.match(found or "")
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _meta_title(tree: lxml.html.HtmlElement) -> str:
    """og:title, <title> or the first <h1>, for pages trafilatura found nothing in."""
    for xpath in ('//meta[@property="og:title"]/@content', "//title/text()", "//h1//text()"):
        found = " ".join(str(t) for t in tree.xpath(xpath)).strip()
        if found:
            return found
    return ""


def _visible_paragraphs(tree: lxml.html.HtmlElement) -> list[str]:
    """The text of every <p> outside scripts, menus, headers, footers and forms."""
    for element in list(tree.iter(*_NOT_STORY)):
        element.drop_tree()
    return [p.text_content() for p in tree.iter("p")]


def _extract(tree: lxml.html.HtmlElement, url: str | None, elements: int) -> Document | None:
    """trafilatura's reading of the page: main text without comments, title and date."""
    doc = trafilatura.bare_extraction(
        deepcopy(tree),  # trafilatura prunes the tree it is given; the fallback needs it whole
        url=url,
        fast=elements > FAST_EXTRACTION_ELEMENTS,
        with_metadata=True,
        include_comments=False,
        include_tables=False,  # layout tables hold menus; a table of figures is not a story
        favor_precision=True,
        date_extraction_params={
            "original_date": True,
            "extensive_search": False,  # the page's metadata, not a date guessed from its text
            "max_date": _LATEST_DATE.isoformat(),
        },
    )
    return doc if isinstance(doc, Document) else None


def load_html(html: str, *, key: str, published: date | None, url: str | None = None) -> Article:
    """An article from an HTML page: trafilatura's main text, title and date (the caller's wins)."""
    _size_check(len(html), key, "characters")
    tree, cut_short = _parse(html, key)
    if cut_short:  # past 256 levels libxml2 drops the rest of the page, and with it the story
        heading, text = _stream_text(html)
        return _lines_article(key, tidy(heading or _meta_title(tree)), text, published, url)
    elements = sum(1 for _ in tree.iter())
    doc = None if elements > MAX_EXTRACTION_ELEMENTS else _extract(tree, url, elements)
    title = tidy((doc.title if doc else None) or _meta_title(tree))
    lines: Sequence[str] = doc.text.splitlines() if doc and doc.text else _visible_paragraphs(tree)
    day = published or _page_date(doc.date if doc else None)
    return _lines_article(key, title, lines, day, url)


def _lines_article(key: str, title: str, lines: Sequence[str], published: date | None,
                   url: str | None) -> Article:
    """The article of a page's text lines; the first line is the headline when the page names none."""
    if not title:
        title, lines = _split_headline(lines)
    return _article(key, title, lines, published, url)


def _looks_like_html(text: str) -> bool:
    """Whether a text opens like an HTML page or fragment."""
    return bool(_HTML_SNIFF.search(text[:_SNIFF_CHARS]))


def load(raw: bytes, *, key: str, published: date | None, url: str | None = None,
         charset: str | None = None) -> Article:
    """An article from bytes the caller has read: HTML or plain text, told apart by sniffing.

    `charset` is the one a server named in its Content-Type header, if any.
    """
    text = decode(raw, name=key, charset=charset)
    if _looks_like_html(text):
        return load_html(text, key=key, published=published, url=url)
    return load_text(text, key=key, published=published)
