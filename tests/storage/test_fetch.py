"""Fetching against a local server: limits, redirects, conditional GET, retries, safe feeds."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest

from briefings.errors import FetchError
from storage.feeds import UnsafeFeed, parse_feed
from storage.fetch import Fetcher, FetchLimits, Refused, host_port, is_public
from tests.fakes.feed_server import BOMB, MALFORMED, FeedServer, Route, atom, drip, gzip_bomb, huge, rss

FAST = FetchLimits(timeout=0.5, deadline=2.0, max_bytes=1_000_000, max_redirects=3, retries=2, backoff=0.01)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    with FeedServer() as s:
        yield s


def here(server: FeedServer) -> frozenset[str]:
    """The server's host:port, as a source marked local allows it."""
    return frozenset({host_port(server.base)})


async def _get(server: FeedServer, path: str, **kw: object) -> object:
    async with Fetcher(FAST) as fetcher:
        return await fetcher.get(server.url(path), local=here(server), **kw)  # type: ignore[arg-type]


async def test_conditional_get_answers_not_modified(server: FeedServer) -> None:
    server.routes["/feed"] = Route(body=b"<rss/>", etag='"v1"')
    async with Fetcher(FAST) as fetcher:
        first = await fetcher.get(server.url("/feed"), local=here(server))
        second = await fetcher.get(server.url("/feed"), local=here(server), etag=first.etag)
    assert (first.status, first.body, first.etag) == (200, b"<rss/>", '"v1"')
    assert second.not_modified and second.body == b""


async def test_loopback_is_refused_unless_the_source_is_local(server: FeedServer) -> None:
    server.routes["/feed"] = Route(body=b"<rss/>")
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(Refused, match="non-public address 127.0.0.1"):
            await fetcher.get(server.url("/feed"))
    assert server.hits["/feed"] == 0


async def test_a_redirect_to_a_private_address_is_refused_on_that_hop() -> None:
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": "http://10.0.0.5/admin"})

    async def public(host: str, port: int) -> list[str]:
        return ["93.184.216.34"] if host == "news.example" else ["10.0.0.5"]

    async with Fetcher(FAST, transport=httpx.MockTransport(handler), resolver=public) as fetcher:
        with pytest.raises(Refused, match="10.0.0.5"):
            await fetcher.get("http://news.example/feed")


@pytest.mark.parametrize("target", ["other port", "other name"])
async def test_a_local_source_reaches_its_own_host_only(server: FeedServer, target: str) -> None:
    with FeedServer() as inside:  # another service on the same machine
        inside.routes["/admin"] = Route(body=b"<rss/>")
        same_port_by_name = server.base.replace("127.0.0.1", "localhost") + "/admin"
        elsewhere = inside.url("/admin") if target == "other port" else same_port_by_name
        server.routes["/admin"] = Route(body=b"<rss/>")
        server.routes["/feed"] = Route(status=302, headers={"Location": elsewhere})
        with pytest.raises(Refused, match="non-public address"):
            await _get(server, "/feed")
        assert inside.hits["/admin"] == server.hits["/admin"] == 0
    assert server.hits["/feed"] == 1


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://news.example/x", "javascript:alert(1)", "/etc/hosts"])
async def test_only_http_urls(url: str) -> None:
    async with Fetcher(FAST) as fetcher:
        with pytest.raises(Refused, match="only http"):
            await fetcher.get(url)


def test_address_classes() -> None:
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "0.0.0.0",
                    "::ffff:127.0.0.1", "100.64.0.1", "224.0.0.1"):
        assert not is_public(address), address


async def test_redirect_loop_is_capped(server: FeedServer) -> None:
    server.routes["/a"] = Route(status=302, headers={"Location": "/b"})
    server.routes["/b"] = Route(status=302, headers={"Location": "/a"})
    with pytest.raises(Refused, match="more than 3 redirects"):
        await _get(server, "/a")
    assert server.hits["/a"] + server.hits["/b"] == 4


async def test_redirect_is_followed(server: FeedServer) -> None:
    server.routes["/old"] = Route(status=301, headers={"Location": "/new"})
    server.routes["/new"] = Route(body=b"moved")
    fetched = await _get(server, "/old")
    assert fetched.body == b"moved" and fetched.url.endswith("/new")  # type: ignore[attr-defined]


async def test_a_huge_body_is_cut_off(server: FeedServer) -> None:
    server.routes["/huge"] = Route(body=huge(50_000_000))
    with pytest.raises(Refused, match="over 1,000,000 bytes"):
        await _get(server, "/huge")


async def test_a_declared_huge_body_is_refused_before_reading(server: FeedServer) -> None:
    server.routes["/declared"] = Route(body=b"x" * 2_000_000)
    with pytest.raises(Refused, match="2,000,000 bytes"):
        await _get(server, "/declared")


async def test_a_gzip_bomb_is_cut_off_while_inflating(server: FeedServer) -> None:
    server.routes["/bomb.gz"] = Route(body=gzip_bomb(200_000_000), headers={"Content-Encoding": "gzip"})
    with pytest.raises(Refused, match="over 1,000,000 bytes"):
        await _get(server, "/bomb.gz")


async def test_gzip_is_decoded(server: FeedServer) -> None:
    import gzip

    server.routes["/z"] = Route(body=gzip.compress(b"<rss/>"), headers={"Content-Encoding": "gzip"})
    assert (await _get(server, "/z")).body == b"<rss/>"  # type: ignore[attr-defined]


async def test_a_slow_server_times_out_after_retries(server: FeedServer) -> None:
    server.routes["/slow"] = Route(body=b"late", delay=1.5)
    with pytest.raises(FetchError, match="timed out after 3 attempts"):
        await _get(server, "/slow")
    assert server.hits["/slow"] == 3


async def test_a_dripping_server_is_given_up_on_at_the_deadline(server: FeedServer) -> None:
    server.routes["/drip"] = Route(body=drip(b"<rss/>" * 50, interval=0.2))
    limits = FetchLimits(timeout=5.0, deadline=1.0, retries=2, backoff=0.01)  # each byte beats the read timeout
    started = time.monotonic()
    async with Fetcher(limits) as fetcher:
        with pytest.raises(FetchError, match=r"^no complete answer within 1 s$"):
            await fetcher.get(server.url("/drip"), local=here(server))
    assert time.monotonic() - started < 1.5


async def test_a_500_is_retried_then_reported(server: FeedServer) -> None:
    server.routes["/err"] = Route(status=500, body=b"oops")
    with pytest.raises(FetchError, match="HTTP 500 after 3 attempts"):
        await _get(server, "/err")
    assert server.hits["/err"] == 3


async def test_a_404_is_not_retried(server: FeedServer) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        await _get(server, "/missing")
    assert server.hits["/missing"] == 1


def test_rss_and_atom_entries() -> None:
    from datetime import date

    items = [("/a", "خبر أول", date(2024, 1, 20)), ("/b", "خبر ثان", date(2024, 1, 21))]
    for feed in (rss("http://x", items), atom("http://x", items)):
        entries = parse_feed(feed)
        assert [(e.url, e.title, e.published) for e in entries] == [
            ("http://x/a", "خبر أول", date(2024, 1, 20)), ("http://x/b", "خبر ثان", date(2024, 1, 21))]


def test_an_xml_bomb_is_refused_before_parsing() -> None:
    with pytest.raises(UnsafeFeed, match="DOCTYPE or ENTITY"):
        parse_feed(BOMB)


def test_a_malformed_feed_says_so() -> None:
    with pytest.raises(FetchError, match="malformed feed|not an RSS"):
        parse_feed(MALFORMED)


def test_bytes_that_name_a_file_are_not_opened() -> None:
    with pytest.raises(FetchError):
        parse_feed(b"/etc/passwd")
