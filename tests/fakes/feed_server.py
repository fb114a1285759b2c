"""A local news site on 127.0.0.1: RSS and Atom feeds and article pages built from the seeds,
plus the failures a real site can throw (malformed XML, an XML bomb, a huge or gzip-bomb body,
a slow answer, a body dripped a byte at a time, a 500, redirect loops).
"""

from __future__ import annotations

import contextlib
import gzip
import html
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>x</title><link>http://127.0.0.1/x</link></item></channel></rss>"""

MALFORMED = b"<rss version='2.0'><channel><title>broken<item><title>x</ti"


@dataclass(slots=True, kw_only=True)
class Route:
    """What one path answers."""

    body: bytes | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    content_type: str = "application/xml; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # answer 304 to a matching If-None-Match


def seed_articles(folder: Path = SEEDS) -> list[tuple[str, str, list[str]]]:
    """(file stem, headline, paragraphs) of each seed."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]
        out.append((path.stem, lines[0], lines[1:]))
    return out


def article_page(headline: str, paragraphs: list[str]) -> bytes:
    """A news page with furniture around the story."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'>"
            f"<title>{html.escape(headline)}</title></head><body><nav><a href='/'>الرئيسية</a></nav>"
            f"<article><h1>{html.escape(headline)}</h1>{body}</article>"
            f"<footer>جميع الحقوق محفوظة</footer></body></html>").encode()


def rss(base: str, items: list[tuple[str, str, date]]) -> bytes:
    """An RSS 2.0 feed of (path, title, day) items."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{base}{p}</link>"
        f"<pubDate>{format_datetime(datetime(d.year, d.month, d.day, 9, tzinfo=UTC))}</pubDate></item>"
        for p, t, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>أخبار</title>"
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>").encode()


def atom(base: str, items: list[tuple[str, str, date]]) -> bytes:
    """An Atom feed of (path, title, day) items."""
    entries = "".join(
        f"<entry><title>{html.escape(t)}</title><link href='{base}{p}'/><id>{base}{p}</id>"
        f"<updated>{d.isoformat()}T09:00:00Z</updated></entry>" for p, t, d in items)
    return (f"<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
            f"<title>أخبار</title><id>{base}/</id><updated>2024-01-22T00:00:00Z</updated>{entries}</feed>").encode()


def huge(size: int, chunk: int = 1 << 20) -> Callable[[], Iterator[bytes]]:
    """A body of `size` bytes produced a chunk at a time."""
    def produce() -> Iterator[bytes]:
        sent = 0
        while sent < size:
            n = min(chunk, size - sent)
            sent += n
            yield b"<" * n
    return produce


def drip(body: bytes, interval: float) -> Callable[[], Iterator[bytes]]:
    """A body sent one byte every `interval` seconds: never slow enough for a read timeout."""
    def produce() -> Iterator[bytes]:
        for byte in body:
            time.sleep(interval)
            yield bytes([byte])
    return produce


def gzip_bomb(size: int) -> bytes:
    """A small gzip body that inflates to `size` bytes."""
    return gzip.compress(b"\0" * size, compresslevel=9)


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 with editable routes and per-path hit counts."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server._serve(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def base(self) -> str:
        """http://127.0.0.1:<port>"""
        return f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        """The full URL of a path."""
        return self.base + path

    def add_seeds(self, day: date = date(2024, 1, 21)) -> list[tuple[str, str, date]]:
        """Serve every seed as a page under /news/; returns (path, title, day) for feeds."""
        items = []
        for stem, headline, paragraphs in seed_articles():
            path = f"/news/{stem}.html"
            self.routes[path] = Route(body=article_page(headline, paragraphs), content_type="text/html; charset=utf-8")
            items.append((path, headline, day))
        return items

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def _serve(self, request: BaseHTTPRequestHandler) -> None:
        path = request.path.split("?", 1)[0]
        with self._lock:
            self.hits[path] += 1
        route = self.routes.get(path)
        if route is None:
            request.send_error(404)
            return
        if route.delay:
            time.sleep(route.delay)
        if route.etag and request.headers.get("If-None-Match") == route.etag:
            request.send_response(304)
            request.send_header("ETag", route.etag)
            request.end_headers()
            return
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up on a huge body
            self._send(request, route)

    def _send(self, request: BaseHTTPRequestHandler, route: Route) -> None:
        request.send_response(route.status)
        request.send_header("Content-Type", route.content_type)
        if route.etag:
            request.send_header("ETag", route.etag)
        for key, value in route.headers.items():
            request.send_header(key, value)
        if callable(route.body):
            request.end_headers()  # no length: the client must count as it reads
            for chunk in route.body():
                request.wfile.write(chunk)
            return
        request.send_header("Content-Length", str(len(route.body)))
        request.end_headers()
        request.wfile.write(route.body)
