"""Fetching source URLs safely: http(s) only, public addresses, bounded time, size and redirects.

Nothing else in the project opens a URL: feedparser and trafilatura only ever see bytes
fetched here (feedparser alone would read `file:` URLs and local paths, with no timeout
or size cap).
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx

from briefings.errors import FetchError

USER_AGENT = "Nashra/0.1 (news briefing bot)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


class Refused(FetchError):
    """A URL the fetcher will not open: bad scheme, private address, too large, too many hops."""

    kind = "refused"


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchLimits:
    """How far one fetch may go."""

    timeout: float = 20.0  # seconds for connect and for each read
    # Seconds for the whole fetch, retries and redirects included: a server that sends a byte
    # now and then never trips the read timeout, and would otherwise hold its source for
    # (1 + retries) times as long as it likes.
    deadline: float = 60.0
    max_bytes: int = 5_000_000  # after decompression; feeds and article pages are far smaller
    max_redirects: int = 5
    retries: int = 2  # extra attempts after a timeout, a dropped connection or a 5xx/429
    backoff: float = 1.0  # seconds before the first retry, doubled each time


@dataclass(frozen=True, slots=True, kw_only=True)
class Fetched:
    """A response body and the validators for the next conditional GET."""

    url: str  # after redirects
    status: int  # 200 or 304
    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    charset: str | None = None  # as the Content-Type header names it; the body may say otherwise

    @property
    def not_modified(self) -> bool:
        """True for a 304: nothing new since the validators were taken."""
        return self.status == 304


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    """Every address a host name resolves to."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


def host_port(url: str) -> str:
    """`host:port` of an http(s) URL, the port spelled out: what a local source is allowed to reach."""
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return f"{(parts.hostname or '').lower()}:{port}"


def is_public(address: str) -> bool:
    """False for private, loopback, link-local, reserved, multicast and unspecified addresses."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _Inflater:
    """Content-Encoding decoding with an output bound.

    Hand-written because httpx's decoders inflate each network chunk without a limit, so
    a small gzip bomb would be expanded in memory before any size check could see it.
    """

    def __init__(self, encoding: str, limit: int) -> None:
        self.limit, self.size = limit, 0
        wbits = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}
        if encoding in ("", "identity"):
            self.zlib = None
        elif encoding in wbits:
            self.zlib = zlib.decompressobj(wbits[encoding])
        else:
            raise Refused(f"unsupported content encoding {encoding!r}")

    def feed(self, chunk: bytes) -> bytes:
        if self.zlib is None:
            return self._count(chunk)
        out = []
        data = chunk
        while data:
            try:
                piece = self.zlib.decompress(data, self.limit - self.size + 1)
            except zlib.error as exc:
                raise FetchError(f"corrupt compressed body ({exc})") from None
            out.append(self._count(piece))
            data = self.zlib.unconsumed_tail
        return b"".join(out)

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self.limit:
            raise Refused(f"body over {self.limit:,} bytes")
        return piece


class Fetcher:
    """One shared HTTP client with the project's limits; use as an async context manager."""

    def __init__(self, limits: FetchLimits | None = None, *, transport: httpx.AsyncBaseTransport | None = None,
                 resolver: Resolver = system_resolver, sleep: Callable[[float], Awaitable[None]] = asyncio.sleep):
        self.limits = limits or FetchLimits()
        self._resolve, self._sleep = resolver, sleep
        timeout = httpx.Timeout(self.limits.timeout)
        self._client = httpx.AsyncClient(timeout=timeout, follow_redirects=False, transport=transport,
                                         headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
                                         trust_env=False)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def get(self, url: str, *, local: frozenset[str] = frozenset(), etag: str | None = None,
                  last_modified: str | None = None) -> Fetched:
        """GET a URL with retries, all within the deadline; a 304 comes back as `not_modified`.

        `local` names the `host:port`s that may be private (a source marked local); any
        other address, a redirect's included, must be public. Raises FetchError with one line.
        """
        try:
            async with asyncio.timeout(self.limits.deadline):
                return await self._attempts(url, local=local, etag=etag, last_modified=last_modified)
        except TimeoutError:
            raise FetchError(f"no complete answer within {self.limits.deadline:g} s", kind="deadline") from None

    async def _attempts(self, url: str, *, local: frozenset[str], etag: str | None,
                        last_modified: str | None) -> Fetched:
        attempt = 0
        while True:
            try:
                return await self._follow(url, local=local, etag=etag, last_modified=last_modified)
            except Refused:
                raise
            except (_Retryable, httpx.TransportError) as exc:
                if attempt >= self.limits.retries:
                    raise FetchError(f"{_describe(exc)} after {attempt + 1} attempts",
                                     kind="http" if isinstance(exc, _Retryable) else "network") from None
            await self._sleep(self.limits.backoff * 2**attempt)
            attempt += 1

    async def _follow(self, url: str, *, local: frozenset[str], etag: str | None, last_modified: str | None) -> Fetched:
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        for _hop in range(self.limits.max_redirects + 1):
            await self._check(url, local=local)
            async with self._client.stream("GET", url, headers=headers) as response:
                if response.is_redirect and "location" in response.headers:
                    url = str(response.url.join(response.headers["location"]))
                    continue
                return await self._read(response)
        raise Refused(f"more than {self.limits.max_redirects} redirects")

    async def _check(self, url: str, *, local: frozenset[str]) -> None:
        """Refuse anything but http(s) to a public address, or to a host:port the source marks local."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise Refused(f"only http(s) URLs are fetched, not {url[:80]!r}")
        if host_port(url) in local:
            return
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = await self._resolve(parts.hostname, port)
        except OSError as exc:
            raise FetchError(f"cannot resolve {parts.hostname} ({exc.strerror or exc})") from None
        # Every address must be public; httpx resolves again when it connects, which leaves a
        # DNS-rebinding window this check narrows but cannot close without pinning the address.
        for address in addresses:
            if not is_public(address):
                raise Refused(f"{parts.hostname} resolves to non-public address {address}")

    async def _read(self, response: httpx.Response) -> Fetched:
        if response.status_code == 304:
            return _fetched(response, b"")
        if response.status_code in RETRY_STATUSES:
            raise _Retryable(f"HTTP {response.status_code}")
        if response.status_code != 200:
            raise FetchError(f"HTTP {response.status_code}", kind="http")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.limits.max_bytes:
            raise Refused(f"body of {int(declared):,} bytes is over {self.limits.max_bytes:,}")
        inflater = _Inflater(response.headers.get("content-encoding", "").strip().lower(), self.limits.max_bytes)
        return _fetched(response, b"".join([inflater.feed(c) async for c in _raw(response)]))


class _Retryable(FetchError):
    """A server-side failure worth another attempt."""


async def _raw(response: httpx.Response) -> AsyncIterator[bytes]:
    async for chunk in response.aiter_raw():
        yield chunk


def _fetched(response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(url=str(response.url), status=response.status_code, body=body,
                   etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                   content_type=response.headers.get("content-type"), charset=response.charset_encoding)


def _describe(exc: BaseException) -> str:
    """One line for an admin: what went wrong, without a traceback."""
    if isinstance(exc, TimeoutError | httpx.TimeoutException):
        return "timed out"
    if isinstance(exc, httpx.TransportError):
        return f"connection failed ({type(exc).__name__})"
    return str(exc)
