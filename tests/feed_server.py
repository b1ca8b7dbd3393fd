"""A real HTTP server on 127.0.0.1 that serves whatever feeds a test or benchmark describes."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(frozen=True)
class Item:
    title: str
    link: str | None = None
    guid: str | None = None
    published: datetime | None = None


def rss(items: Iterable[Item], *, title: str = "Kei Imports") -> bytes:
    """An RSS 2.0 document of `items`, newest first as given."""
    parts = [
        f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{escape(title)}</title><link>https://kei.example/</link>"
        "<description>arrivals</description>"
    ]
    for item in items:
        parts.append("<item>")
        parts.append(f"<title>{escape(item.title)}</title>")
        if item.link:
            parts.append(f"<link>{escape(item.link)}</link>")
        if item.guid:
            parts.append(f"<guid isPermaLink='false'>{escape(item.guid)}</guid>")
        if item.published:
            parts.append(f"<pubDate>{format_datetime(item.published)}</pubDate>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() on arrival


@dataclass
class FeedServer:
    """Routes by path; every request is recorded with its headers and arrival time."""

    routes: dict[str, Handler] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def hits(self, path: str) -> list[Seen]:
        return [seen for seen in self.requests if seen.path == path]

    def serve(self, path: str, body: bytes, *, status: int = 200, **headers: str) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(body=body, status=status, headers=headers)

        self.routes[path] = handler

    def serve_feed(self, path: str, items: Iterable[Item], *, etag: str | None = None) -> None:
        """An RSS feed that answers 304 when asked with its current ETag."""
        body = rss(items)

        async def handler(request: web.Request) -> web.StreamResponse:
            if etag is not None and request.headers.get("If-None-Match") == etag:
                return web.Response(status=304, headers={"ETag": etag})
            headers = {"Content-Type": "application/rss+xml"}
            if etag is not None:
                headers["ETag"] = etag
            return web.Response(body=body, headers=headers)

        self.routes[path] = handler

    def redirect(self, path: str, to: str, status: int = 302) -> None:
        async def handler(request: web.Request) -> web.StreamResponse:
            return web.Response(status=status, headers={"Location": to})

        self.routes[path] = handler

    def hang(self, path: str) -> None:
        """Accept the request and never answer."""

        async def handler(request: web.Request) -> web.StreamResponse:
            await asyncio.Event().wait()
            raise AssertionError("unreachable")

        self.routes[path] = handler

    def stream(self, path: str, total: int, *, chunk: int = 64 * 1024) -> None:
        """`total` bytes of XML-ish filler, chunked, without a Content-Length."""

        async def handler(request: web.Request) -> web.StreamResponse:
            response = web.StreamResponse(headers={"Content-Type": "application/rss+xml"})
            await response.prepare(request)
            sent = 0
            block = b"<!-- " + b"x" * (chunk - 9) + b" -->"
            try:
                while sent < total:
                    await response.write(block)
                    sent += len(block)
            except (ConnectionResetError, RuntimeError):
                return response
            await response.write_eof()
            return response

        self.routes[path] = handler

    async def _dispatch(self, request: web.Request) -> web.StreamResponse:
        self.requests.append(Seen(request.path, dict(request.headers), time.monotonic()))
        handler = self.routes.get(request.path)
        if handler is None:
            return web.Response(status=404)
        return await handler(request)

    async def start(self) -> FeedServer:
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._dispatch)
        self._runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=0.1)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
