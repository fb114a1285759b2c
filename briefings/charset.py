"""Which text encoding a page or feed is in, from what it says and, failing that, from its bytes.

    a byte-order mark
    valid UTF-8                     what almost every page is; no other Arabic encoding yields it by chance
    the declared charset            the Content-Type header, then <meta charset> or <?xml encoding?>,
                                    each only when the bytes decode under it
    UTF-8 with a cut character      a page truncated mid-character
    charset-normalizer's guess      windows-1256 or ISO-8859-6 served with no charset at all
    windows-1256                    when nothing else fits: the Arabic web's legacy default

Valid UTF-8 comes before a declaration because mislabelled pages (a UTF-8 site whose server
still says ISO-8859-1) are common, while legacy Arabic bytes that happen to form valid UTF-8
are not.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Undecodable bytes (U+FFFD after UTF-8 decoding) tolerated as "UTF-8 cut mid-character",
# as a share of the non-ASCII characters: such a page has one or two among thousands, while
# nearly every non-ASCII byte of legacy Arabic is undecodable. Counted against the whole
# page, the share would let through a legacy page that is mostly ASCII script.
MAX_UTF8_ERROR_SHARE = 0.01
FALLBACK = "cp1256"
# Bytes searched for a declaration. Browsers look at the first 1,024; pages that put a long
# script or style block before their <meta> are common enough to look further.
_DECLARATION_BYTES = 8192
_META = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML = re.compile(rb"""<\?xml\b[^>]*?\bencoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)


def codec(label: str | None) -> str | None:
    """Python's name for a charset label (windows-1256 -> cp1256), or None for an unknown one."""
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().strip("\"'")).name
    except LookupError:
        return None


def declared(raw: bytes) -> str | None:
    """The charset the document names in a <meta> tag or its XML declaration."""
    head = raw[:_DECLARATION_BYTES]
    match = _META.search(head) or _XML.search(head)
    return codec(match.group(1).decode("ascii")) if match else None


def _decodes(raw: bytes, encoding: str) -> bool:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _nearly_utf8(raw: bytes) -> bool:
    text = raw.decode("utf-8", errors="replace")
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    return text.count("\ufffd") <= MAX_UTF8_ERROR_SHARE * non_ascii


def _guess(raw: bytes) -> str | None:
    best = charset_normalizer.from_bytes(raw).best()
    return codec(best.encoding) if best else None


def detect(raw: bytes, *, header: str | None = None) -> str:
    """The encoding to decode `raw` with; `header` is the charset of the Content-Type header."""
    for bom, encoding in BOMS:
        if raw.startswith(bom):
            return encoding
    if _decodes(raw, "utf-8"):
        return "utf-8"
    for candidate in (codec(header), declared(raw)):
        if candidate and _decodes(raw, candidate):
            return candidate
    if _nearly_utf8(raw):
        return "utf-8"
    return _guess(raw) or FALLBACK
