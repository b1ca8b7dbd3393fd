"""Fetching a feed safely: one HTTP client, bounded in time, size, redirects and pace.

The poller is the bot's only outbound client besides Discord and it fetches URLs members
typed, so everything here assumes the far end is hostile or broken: it may never answer, send
50 MB, redirect into the private network or forever, or answer HTML.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

import httpcore
import httpx

from bot.feeds.guard import ALLOWED_SCHEMES, BlockedAddress, GuardedBackend, Resolver
from bot.feeds.guard import system_resolver as system_resolver

log = logging.getLogger(__name__)

USER_AGENT = "Keitora/1.0 (Discord bot for kei truck communities; feed reader)"
MAX_FEED_BYTES = 2 * 1024 * 1024
MAX_REDIRECTS = 3
TIMEOUTS = httpx.Timeout(connect=5.0, read=10.0, write=5.0, pool=5.0)
TOTAL_TIMEOUT = 20.0  # seconds for one fetch, redirects included: a trickling server is cut off
MIN_HOST_GAP = 2.0  # seconds between two requests to one host, so a shared host is not hammered
MAX_PARALLEL = 16  # fetches in flight at once, so a poll round's memory stays bounded
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
_MAX_AGE = re.compile(r"(?:^|,)\s*max-age\s*=\s*\"?(\d{1,9})", re.IGNORECASE)


@cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS settings, built once: loading the certificate authorities takes tens
    of milliseconds, and each bot a process starts (the tests, the benches) makes a fetcher."""
    return httpx.create_ssl_context()


class FeedError(Exception):
    """A fetch or parse that failed; the message says why in words a member can act on."""


class FeedGone(FeedError):
    """The server says the feed was removed for good (410): polling stops."""


@dataclass(frozen=True)
class Validators:
    """What the server said identifies this version, sent back so it can answer 304."""

    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class Fetched:
    """A feed body (None when the server answered 304 Not Modified)."""

    body: bytes | None
    validators: Validators
    max_age: int | None  # seconds the server says the answer stays fresh
    url: str  # after redirects

    @property
    def not_modified(self) -> bool:
        return self.body is None


def check_url(url: str) -> httpx.URL:
    """`url` parsed, when it is an http(s) URL with a host; `FeedError` otherwise."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise FeedError("That is not a URL.") from None
    if not parsed.scheme:  # "not a url" parses, as a path
        raise FeedError("That is not a web address: a feed URL starts with https://.")
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FeedError(f"Feeds are fetched over http or https only, not {parsed.scheme}.")
    if not parsed.host:
        raise FeedError("The feed URL has no host name.")
    if parsed.userinfo:
        raise FeedError("Feed URLs may not carry a user name or password.")
    return parsed


def max_age_of(cache_control: str | None) -> int | None:
    if not cache_control or "no-cache" in cache_control.lower():
        return None
    match = _MAX_AGE.search(cache_control)
    return int(match[1]) if match else None


class FeedFetcher:
    """The poller's one HTTP client. Close it with `aclose` (or `async with`)."""

    def __init__(
        self,
        *,
        allow_private: bool = False,
        resolver: Resolver = system_resolver,
        network: httpcore.AsyncNetworkBackend | None = None,
        min_host_gap: float = MIN_HOST_GAP,
        total_timeout: float = TOTAL_TIMEOUT,
        timeouts: httpx.Timeout = TIMEOUTS,
        max_bytes: int = MAX_FEED_BYTES,
    ) -> None:
        transport = httpx.AsyncHTTPTransport(verify=_tls(), trust_env=False, retries=0)
        # httpx (pinned) builds its pool without a way to pass a network backend; the guard must
        # sit where sockets open, so the pool is rebuilt around it with the same TLS settings.
        pool: httpcore.AsyncConnectionPool = transport._pool  # type: ignore[assignment]
        transport._pool = httpcore.AsyncConnectionPool(
            ssl_context=pool._ssl_context,
            max_connections=MAX_PARALLEL * 2,
            max_keepalive_connections=MAX_PARALLEL,
            keepalive_expiry=30.0,
            network_backend=GuardedBackend(
                resolver=resolver, allow_private=allow_private, inner=network
            ),
        )
        self._client = httpx.AsyncClient(
            transport=transport,
            timeout=timeouts,
            follow_redirects=False,  # followed by hand, so each hop is checked and counted
            trust_env=False,  # a proxy from the environment would connect past the guard
            headers={"User-Agent": USER_AGENT, "Accept": _ACCEPT},
        )
        self._min_host_gap = min_host_gap
        self._total_timeout = total_timeout
        self._max_bytes = max_bytes
        self._hosts: dict[str, _HostTurn] = {}
        self._parallel = asyncio.Semaphore(MAX_PARALLEL)

    async def __aenter__(self) -> FeedFetcher:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def fetch(self, url: str, validators: Validators = Validators()) -> Fetched:
        """The feed at `url`, or `FeedError` saying why not."""
        current = check_url(url)
        async with self._parallel:
            try:
                async with asyncio.timeout(self._total_timeout):
                    for _ in range(MAX_REDIRECTS + 1):
                        async with self._turn(current.host):
                            outcome = await self._request(current, validators)
                        if isinstance(outcome, Fetched):
                            return outcome
                        current = outcome
            except TimeoutError:
                raise FeedError(
                    f"The feed server did not answer within {self._total_timeout:.0f} seconds."
                ) from None
        raise FeedError(f"The feed redirected more than {MAX_REDIRECTS} times.")

    async def _request(self, url: httpx.URL, validators: Validators) -> Fetched | httpx.URL:
        headers = {}
        if validators.etag:
            headers["If-None-Match"] = validators.etag
        if validators.last_modified:
            headers["If-Modified-Since"] = validators.last_modified
        try:
            async with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code in REDIRECT_STATUSES:
                    return self._redirect_target(response)
                fresh = Validators(
                    response.headers.get("ETag") or validators.etag,
                    response.headers.get("Last-Modified") or validators.last_modified,
                )
                max_age = max_age_of(response.headers.get("Cache-Control"))
                if response.status_code == 304:
                    return Fetched(None, fresh, max_age, str(url))
                _raise_for_status(response.status_code)
                body = await self._read_capped(response)
                return Fetched(body, fresh, max_age, str(url))
        except BlockedAddress as blocked:
            raise FeedError(f"Refused: {blocked}.") from None
        except httpx.TimeoutException:
            raise FeedError("The feed server is too slow to answer.") from None
        except httpx.HTTPError as error:
            raise FeedError(_in_words(error, url.host)) from None

    def _redirect_target(self, response: httpx.Response) -> httpx.URL:
        location = response.headers.get("Location")
        if not location:
            raise FeedError(f"The feed server redirected ({response.status_code}) to nowhere.")
        try:
            target = response.url.join(location)
        except (httpx.InvalidURL, ValueError):
            raise FeedError("The feed server redirected to something that is not a URL.") from None
        return check_url(str(target))

    async def _read_capped(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > self._max_bytes:
            raise FeedError(_too_big(self._max_bytes))
        chunks: list[bytes] = []
        size = 0
        # Decoded bytes are counted, so a small gzip that inflates to gigabytes stops too.
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self._max_bytes:
                raise FeedError(_too_big(self._max_bytes))
            chunks.append(chunk)
        return b"".join(chunks)

    @contextlib.asynccontextmanager
    async def _turn(self, host: str):  # type: ignore[no-untyped-def]
        turn = self._hosts.setdefault(host, _HostTurn())
        async with turn.lock:
            loop = asyncio.get_running_loop()
            wait = turn.last_done + self._min_host_gap - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                yield
            finally:
                turn.last_done = loop.time()


class _HostTurn:
    """One request at a time per host, at least the minimum gap apart."""

    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.last_done = float("-inf")


_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"
)


def _raise_for_status(status: int) -> None:
    if status == 410:
        raise FeedGone("The feed server says the feed is gone for good (410).")
    if status == 404:
        raise FeedError("The feed server says there is no feed at that address (404).")
    if status in (401, 403):
        raise FeedError(f"The feed server refuses to serve the feed ({status}).")
    if status == 429 or status >= 500:
        raise FeedError(f"The feed server is busy or failing ({status}); trying again later.")
    if status != 200:
        raise FeedError(f"The feed server answered {status} instead of a feed.")


def _too_big(limit: int) -> str:
    return f"The feed is larger than {limit // (1024 * 1024)} MB; only smaller feeds are read."


# What TLS says when the far end answered in something else than TLS: no https spoken there.
_NOT_TLS = ("WRONG_VERSION_NUMBER", "RECORD_LAYER_FAILURE", "UNKNOWN_PROTOCOL", "HTTP_REQUEST")


def _in_words(error: httpx.HTTPError, host: str) -> str:
    """Why the fetch failed, in words a member can act on: the library's own text ("All
    connection attempts failed.", "[SSL: WRONG_VERSION_NUMBER] …") says it to a programmer.
    The cause is found down the chain of errors the transport raised from."""
    causes = list(_causes(error))
    if any(isinstance(cause, socket.gaierror) for cause in causes):
        return f"There is no such host as “{host}”: its name was not found. Check the address."
    if any(isinstance(cause, ConnectionRefusedError) for cause in causes):
        return (
            "Nothing answered at that address: no web server takes connections there. Check "
            "the address (and its port, if it has one)."
        )
    tls = next((cause for cause in causes if isinstance(cause, ssl.SSLError)), None)
    if isinstance(tls, ssl.SSLCertVerificationError):
        return f"The server's https certificate is not valid: {tls.verify_message}."
    if tls is not None and tls.reason in _NOT_TLS:
        return (
            "The server at that address does not speak https; if it serves the feed over plain "
            "http, give the address with http://."
        )
    if tls is not None:
        return "The secure (https) connection to the server failed."
    if isinstance(error, httpx.RemoteProtocolError):
        return "The feed server closed the connection without a proper answer."
    if isinstance(error, httpx.NetworkError):
        return "The connection to the feed server broke off."
    text = str(error) or type(error).__name__
    return f"Could not fetch the feed: {text[:200]}."


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: BaseException | None = error
    while seen is not None:
        yield seen
        seen = seen.__cause__ or seen.__context__
