"""The feed fetcher against real HTTP servers on 127.0.0.1, and the SSRF guard (no traffic
leaves the machine: names resolve through an injected resolver)."""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import socket
import time
from collections.abc import AsyncIterator

import httpcore
import httpx
import pytest

from bot.feeds import FeedError, FeedFetcher, FeedGone, Validators
from bot.feeds.fetcher import USER_AGENT, check_url, max_age_of
from bot.feeds.guard import refusal_reason
from tests.feed_server import FeedServer, Item, rss

PUBLIC_ADDRESS = "93.184.216.34"  # stands for "somewhere on the internet"; never dialled


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    running = await FeedServer().start()
    yield running
    await running.stop()


class LoopbackInternet(httpcore.AsyncNetworkBackend):
    """Dials PUBLIC_ADDRESS on 127.0.0.1 instead, so a "public" server can run locally; records
    every address the guard let through."""

    def __init__(self) -> None:
        self.dialled: list[str] = []
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):  # type: ignore[no-untyped-def]  # noqa: ASYNC109
        self.dialled.append(host)
        target = "127.0.0.1" if host == PUBLIC_ADDRESS else host
        return await self._inner.connect_tcp(target, port, timeout, local_address, socket_options)

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):  # type: ignore[no-untyped-def]  # noqa: ASYNC109
        raise AssertionError("no unix sockets")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


def names(mapping: dict[str, str]):  # type: ignore[no-untyped-def]
    async def resolve(host: str, port: int) -> list[str]:
        if host not in mapping:
            raise OSError(f"unknown host {host}")
        return [mapping[host]]

    return resolve


def fetcher(**options) -> FeedFetcher:  # type: ignore[no-untyped-def]
    options.setdefault("min_host_gap", 0.0)
    options.setdefault("total_timeout", 3.0)
    return FeedFetcher(**options)


# -- SSRF guard ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "::1",
        "::ffff:127.0.0.1",
        "169.254.169.254",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",
        "0.0.0.0",
        "::",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "fe80::1",
        "fc00::1",
        "ff02::1",
        "2002:7f00:1::",  # 6to4 wrapping 127.0.0.1
        "64:ff9b::a00:1",  # NAT64 wrapping 10.0.0.1
        "::ffff:169.254.169.254",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", [PUBLIC_ADDRESS, "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal_reason(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/feed",
        "http://[::1]/feed",
        "http://[::ffff:127.0.0.1]/feed",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/feed",
        "http://0.0.0.0/feed",
        "file:///etc/passwd",
        "gopher://kei.example/feed",
        "ftp://kei.example/feed.xml",
        "http://user:pw@kei.example/feed",
    ],
)
async def test_private_and_non_http_urls_are_refused_without_dialling(url: str) -> None:
    network = LoopbackInternet()
    async with fetcher(network=network, resolver=names({})) as client:
        with pytest.raises(FeedError):
            await client.fetch(url)
    assert network.dialled == []


async def test_a_name_resolving_to_loopback_is_refused_where_it_connects(
    server: FeedServer,
) -> None:
    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")])
    network = LoopbackInternet()
    resolve = names({"feeds.kei.example": "127.0.0.1"})
    async with fetcher(network=network, resolver=resolve) as client:
        with pytest.raises(FeedError, match="loopback"):
            await client.fetch(server.url("/feed", host="feeds.kei.example"))
    assert network.dialled == []
    assert server.requests == []


async def test_a_public_url_redirecting_to_loopback_is_refused(server: FeedServer) -> None:
    server.serve_feed("/private", [Item("Secret", "https://kei.example/s")])
    server.redirect("/feed", server.url("/private"))
    network = LoopbackInternet()
    resolve = names({"feeds.kei.example": PUBLIC_ADDRESS})
    async with fetcher(network=network, resolver=resolve) as client:
        with pytest.raises(FeedError, match="loopback"):
            await client.fetch(server.url("/feed", host="feeds.kei.example"))
    assert network.dialled == [PUBLIC_ADDRESS]  # the redirect target was never dialled
    assert [seen.path for seen in server.requests] == ["/feed"]


async def test_a_public_url_redirecting_to_a_name_that_rebinds_to_loopback_is_refused(
    server: FeedServer,
) -> None:
    server.redirect("/feed", server.url("/private", host="rebind.kei.example"))
    network = LoopbackInternet()
    resolve = names({"feeds.kei.example": PUBLIC_ADDRESS, "rebind.kei.example": "127.0.0.1"})
    async with fetcher(network=network, resolver=resolve) as client:
        with pytest.raises(FeedError, match="loopback"):
            await client.fetch(server.url("/feed", host="feeds.kei.example"))
    assert network.dialled == [PUBLIC_ADDRESS]


async def test_the_name_is_resolved_once_per_connection_and_the_judged_address_dialled(
    server: FeedServer,
) -> None:
    # A rebinding resolver answers public first and loopback after; the guard dials what it
    # judged, so the second answer is never used for this connection.
    answers = [PUBLIC_ADDRESS, "127.0.0.1"]

    async def rebinding(host: str, port: int) -> list[str]:
        return [answers.pop(0)]

    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")])
    network = LoopbackInternet()
    async with fetcher(network=network, resolver=rebinding) as client:
        fetched = await client.fetch(server.url("/feed", host="feeds.kei.example"))
    assert fetched.body is not None
    assert network.dialled == [PUBLIC_ADDRESS]
    assert answers == ["127.0.0.1"]


async def test_private_addresses_are_allowed_with_feed_allow_private(server: FeedServer) -> None:
    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")])
    async with fetcher(allow_private=True) as client:
        fetched = await client.fetch(server.url("/feed"))
    assert fetched.body == rss([Item("Hijet", "https://kei.example/1")])


# -- bounded fetching ---------------------------------------------------------------------------


async def test_every_request_names_the_bot(server: FeedServer) -> None:
    server.serve_feed("/feed", [])
    async with fetcher(allow_private=True) as client:
        await client.fetch(server.url("/feed"))
    assert server.requests[0].headers["User-Agent"] == USER_AGENT


async def test_a_50_mb_body_is_cut_off_at_2_mb(server: FeedServer) -> None:
    server.stream("/huge", 50 * 1024 * 1024)
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError, match="larger than 2 MB"):
            await client.fetch(server.url("/huge"))


async def test_a_declared_huge_body_is_refused_before_reading(server: FeedServer) -> None:
    server.serve("/huge", b"x" * (3 * 1024 * 1024), content_type="application/rss+xml")
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError, match="larger than 2 MB"):
            await client.fetch(server.url("/huge"))


async def test_a_gzip_bomb_is_cut_off_by_its_inflated_size(server: FeedServer) -> None:
    bomb = gzip.compress(b" " * (40 * 1024 * 1024))
    assert len(bomb) < 100 * 1024
    server.serve("/bomb", bomb, **{"Content-Encoding": "gzip"})
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError, match="larger than 2 MB"):
            await client.fetch(server.url("/bomb"))


async def test_a_server_that_never_answers_is_given_up_on(server: FeedServer) -> None:
    server.hang("/silent")
    started = time.monotonic()
    async with fetcher(allow_private=True, total_timeout=0.5) as client:
        with pytest.raises(FeedError, match=r"did not answer|too slow"):
            await client.fetch(server.url("/silent"))
    assert time.monotonic() - started < 3


async def test_a_slow_feed_does_not_hold_up_a_feed_on_another_host(server: FeedServer) -> None:
    server.hang("/silent")
    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")])
    resolve = names({"slow.kei.example": "127.0.0.1", "quick.kei.example": "127.0.0.1"})
    async with fetcher(allow_private=True, resolver=resolve, total_timeout=2.0) as client:
        slow = asyncio.ensure_future(client.fetch(server.url("/silent", "slow.kei.example")))
        quick = await client.fetch(server.url("/feed", "quick.kei.example"))
        assert quick.body is not None
        assert not slow.done()
        with pytest.raises(FeedError):
            await slow


async def test_one_host_gets_one_request_at_a_time_with_a_gap(server: FeedServer) -> None:
    server.serve_feed("/a", [])
    server.serve_feed("/b", [])
    async with fetcher(allow_private=True, min_host_gap=0.3) as client:
        await asyncio.gather(client.fetch(server.url("/a")), client.fetch(server.url("/b")))
    first, second = sorted(seen.at for seen in server.requests)
    assert second - first >= 0.25


@pytest.mark.parametrize(("status", "error"), [(404, FeedError), (500, FeedError), (410, FeedGone)])
async def test_error_statuses_are_failures(server: FeedServer, status: int, error: type) -> None:
    server.serve("/feed", b"nope", status=status)
    async with fetcher(allow_private=True) as client:
        with pytest.raises(error):
            await client.fetch(server.url("/feed"))


async def test_three_redirects_are_followed_and_a_fourth_refused(server: FeedServer) -> None:
    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")])
    for hop in range(1, 5):
        server.redirect(f"/r{hop}", server.url("/feed" if hop == 1 else f"/r{hop - 1}"))
    async with fetcher(allow_private=True) as client:
        fetched = await client.fetch(server.url("/r3"))
        assert fetched.url == server.url("/feed")
        with pytest.raises(FeedError, match="more than 3 times"):
            await client.fetch(server.url("/r4"))


async def test_a_redirect_to_another_scheme_is_refused(server: FeedServer) -> None:
    server.redirect("/feed", "file:///etc/passwd")
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError, match="http or https only"):
            await client.fetch(server.url("/feed"))


@pytest.mark.parametrize(
    ("typed", "refusal"),
    [
        ("not a url", "That is not a web address: a feed URL starts with https://."),
        ("kei.example/feed.xml", "That is not a web address: a feed URL starts with https://."),
        ("ftp://kei.example/feed", "Feeds are fetched over http or https only, not ftp."),
    ],
)
def test_what_is_not_a_feed_url_is_refused_in_plain_words(typed: str, refusal: str) -> None:
    with pytest.raises(FeedError) as refused:
        check_url(typed)
    assert str(refused.value) == refusal


async def test_an_address_where_nothing_listens_is_said_in_words() -> None:
    with socket.socket() as probe:  # a port nothing listens on once it is closed
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError) as failed:
            await client.fetch(f"http://127.0.0.1:{port}/feed.xml")
    assert str(failed.value) == (
        "Nothing answered at that address: no web server takes connections there. Check the "
        "address (and its port, if it has one)."
    )


async def test_https_to_a_server_speaking_plain_http_is_said_in_words(
    server: FeedServer,
) -> None:
    server.serve_feed("/feed", [])
    async with fetcher(allow_private=True) as client:
        with pytest.raises(FeedError) as failed:
            await client.fetch(server.url("/feed").replace("http://", "https://"))
    assert str(failed.value) == (
        "The server at that address does not speak https; if it serves the feed over plain "
        "http, give the address with http://."
    )


async def test_a_host_name_that_does_not_exist_is_said_in_words() -> None:
    async def nowhere(host: str, port: int) -> list[str]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    async with fetcher(resolver=nowhere) as client:
        with pytest.raises(FeedError) as failed:
            await client.fetch("https://nosuch.kei.example/feed.xml")
    assert str(failed.value) == (
        "There is no such host as “nosuch.kei.example”: its name was not found. Check the address."
    )


async def test_conditional_requests_get_304(server: FeedServer) -> None:
    server.serve_feed("/feed", [Item("Hijet", "https://kei.example/1")], etag='"v1"')
    async with fetcher(allow_private=True) as client:
        first = await client.fetch(server.url("/feed"))
        second = await client.fetch(server.url("/feed"), first.validators)
    assert first.validators == Validators('"v1"', None)
    assert server.requests[1].headers["If-None-Match"] == '"v1"'
    assert second.not_modified
    assert second.validators.etag == '"v1"'


async def test_last_modified_is_sent_back(server: FeedServer) -> None:
    stamp = "Wed, 25 Nov 2026 12:00:00 GMT"
    server.serve("/feed", rss([]), **{"Last-Modified": stamp, "Cache-Control": "max-age=3600"})
    async with fetcher(allow_private=True) as client:
        first = await client.fetch(server.url("/feed"))
        await client.fetch(server.url("/feed"), first.validators)
    assert first.max_age == 3600
    assert server.requests[1].headers["If-Modified-Since"] == stamp


@pytest.mark.parametrize(
    ("header", "seconds"),
    [
        ("max-age=600", 600),
        ('public, max-age="120"', 120),
        ("no-cache, max-age=600", None),
        ("s-maxage=5", None),
        (None, None),
    ],
)
def test_max_age_is_read_from_cache_control(header: str | None, seconds: int | None) -> None:
    assert max_age_of(header) == seconds


def test_the_client_ignores_proxies_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://10.0.0.1:3128")
    client = fetcher()
    assert client._client._mounts == {}  # no proxy transport would bypass the guard
    assert isinstance(client._client._transport, httpx.AsyncHTTPTransport)


@pytest.mark.parametrize(
    "url",
    [
        "http://localhost/feed",
        "http://2130706433/feed",  # 127.0.0.1 as one number
        "http://127.1/feed",
        "http://0x7f.0.0.1/feed",
        "http://[0:0:0:0:0:ffff:7f00:1]/feed",
    ],
)
async def test_other_spellings_of_loopback_are_refused_by_what_they_resolve_to(url: str) -> None:
    # The operating system's resolver reads these without asking any DNS server.
    network = LoopbackInternet()
    async with fetcher(network=network) as client:
        with pytest.raises(FeedError, match="Refused"):
            await client.fetch(url)
    assert network.dialled == []
