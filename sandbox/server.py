"""The loopback's HTTP side: an aiohttp app serving `/api/v10`, the gateway and attachments.

Every API call passes one pipeline: authenticate, parse (JSON or multipart with `payload_json`),
validate the request against the spec (when the Loopback was given one), apply planned faults,
run the handler, validate the response, log it, and answer with Discord's headers (rate-limit
headers and `Via`, without which discord.py takes a 429 for a Cloudflare ban).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import math
import re
import socket
import time
from collections import deque
from collections.abc import Iterable
from typing import Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, web

from sandbox import (  # noqa: F401
    application,
    channels,
    guilds,
    interactions,
    messages,
    pins,
    reactions,
)
from sandbox.api import ROUTES, Answer, ApiError, Call, File, Handler, RateLimitedError
from sandbox.core import Core, RequestRecord
from sandbox.faults import Failure
from sandbox.route_limits import RouteLimits
from sandbox.spec import Violation

API_PREFIX = "/api/v10"
# Interaction callbacks and webhooks authenticate by the token in their path, not a header.
_TOKEN_IN_PATH = ("/interactions/", "/webhooks/")
_FILE_FIELD = re.compile(r"files\[(\d+)\]")
_MAX_BODY = 64 * 1024 * 1024


def _literal_first(entry: tuple[str, str, Handler]) -> tuple[int, ...]:
    # `/messages/@original` must win over `/messages/{message_id}`: at the first segment where
    # two templates differ, a literal sorts before a parameter.
    return tuple(segment.startswith("{") for segment in entry[1].split("/"))


def _headers(template: str) -> dict[str, str]:
    bucket = hashlib.sha1(template.encode()).hexdigest()[:16]
    return {
        "Via": "1.1 google",
        "X-RateLimit-Bucket": bucket,
        "X-RateLimit-Limit": "50",
        "X-RateLimit-Remaining": "49",
        "X-RateLimit-Reset": f"{time.time() + 1:.3f}",
        "X-RateLimit-Reset-After": "1.000",
    }


def _failure_headers(template: str, failure: Failure) -> dict[str, str]:
    headers = _headers(template)
    if failure.status != 429:
        return headers
    headers |= {
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + failure.retry_after:.3f}",
        "X-RateLimit-Reset-After": f"{failure.retry_after:.3f}",
        "X-RateLimit-Scope": "global" if failure.is_global else "user",
        "Retry-After": str(math.ceil(failure.retry_after)),
    }
    if failure.is_global:
        headers["X-RateLimit-Global"] = "true"
    return headers


def _failure_body(failure: Failure) -> dict[str, Any]:
    if failure.status == 429:
        return {
            "message": "You are being rate limited.",
            "retry_after": failure.retry_after,
            "global": failure.is_global,
            "code": 0,
        }
    return {"message": f"{failure.status}: Internal Server Error", "code": 0}


def json_response(status: int, body: Any, headers: dict[str, str]) -> web.Response:
    if status == 204:
        return web.Response(status=204, headers=headers)
    # Exactly "application/json": discord.py parses a body as JSON only for that exact value,
    # and aiohttp's json_response would add "; charset=utf-8".
    headers = {**headers, "Content-Type": "application/json"}
    return web.Response(status=status, body=json.dumps(body).encode(), headers=headers)


def _form_errors(violations: Iterable[Violation]) -> dict[str, Any]:
    """Discord's nested `errors` object for an Invalid Form Body answer."""
    errors: dict[str, Any] = {}
    for violation in violations:
        node = errors
        for part in violation.pointer.split("/")[1:]:
            node = node.setdefault(part.replace("~1", "/").replace("~0", "~"), {})
        node.setdefault("_errors", []).append(
            {"code": "SPEC_VIOLATION", "message": violation.message}
        )
    return errors


async def _parse(request: web.Request, template: str) -> Call:
    call = Call(
        method=request.method,
        template=template,
        path=request.path.removeprefix(API_PREFIX),
        params=dict(request.match_info),
        query=dict(request.query),
    )
    if request.content_type == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or part.name is None:
                continue
            if part.name == "payload_json":
                call.body = json.loads(await part.text())
            elif match := _FILE_FIELD.fullmatch(part.name):
                content_type = part.headers.get("Content-Type", "application/octet-stream")
                call.files[int(match[1])] = File(
                    part.filename or "file", await part.read(), content_type
                )
    elif request.can_read_body:
        text = await request.text()
        call.body = json.loads(text) if text else None
    return call


class GlobalLimit:
    """Discord's global rate limit: so many requests in any second, then a global 429."""

    def __init__(self) -> None:
        self._recent: deque[float] = deque()  # monotonic times of the last second's requests

    def take(self, per_second: int) -> None:
        """Count a request, or refuse it when the last second already had its share."""
        now = time.monotonic()
        while self._recent and self._recent[0] <= now - 1.0:
            self._recent.popleft()
        if len(self._recent) >= per_second:
            wait = self._recent[0] + 1.0 - now if self._recent else 1.0
            raise RateLimitedError(wait, is_global=True)
        self._recent.append(now)


class LoopbackServer:
    """Serves one `Core` on 127.0.0.1; `start()` picks a free port."""

    def __init__(self, core: Core) -> None:
        self.core = core
        self.origin = ""
        self._runner: web.AppRunner | None = None
        self._global_limit = GlobalLimit()
        self._route_limits = RouteLimits()

    def _app(self) -> web.Application:
        app = web.Application(client_max_size=_MAX_BODY)
        for method, template, handler in sorted(ROUTES, key=_literal_first):
            app.router.add_route(method, API_PREFIX + template, self._endpoint(template, handler))
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._unknown_route)
        app.router.add_get("/gateway", self.core.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._file)
        return app

    async def start(self, host: str = "127.0.0.1") -> str:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, 0))
        self._runner = web.AppRunner(self._app(), handle_signals=False, access_log=None)
        await self._runner.setup()
        await web.SockSite(self._runner, listener).start()
        port = listener.getsockname()[1]
        self.origin = f"http://{host}:{port}"
        self.core.world.origin = self.origin
        self.core.gateway.url = f"ws://{host}:{port}/gateway"
        return self.origin

    async def stop(self) -> None:
        if self._runner is not None:
            await self.core.gateway.close_all()
            await self._runner.cleanup()
            self._runner = None

    # -- handlers -----------------------------------------------------------------------------

    def _endpoint(self, template: str, handler: Handler) -> Any:
        async def endpoint(request: web.Request) -> web.Response:
            self.core.in_flight += 1
            try:
                return await self._serve(request, template, handler)
            finally:
                self.core.in_flight -= 1

        return endpoint

    async def _serve(self, request: web.Request, template: str, handler: Handler) -> web.Response:
        core = self.core
        path = request.path.removeprefix(API_PREFIX)
        record = RequestRecord(request.method, path, template, started=time.monotonic())
        if (reason := request.headers.get("X-Audit-Log-Reason")) is not None:
            record.audit_reason = unquote(reason)  # discord.py URL-encodes it
        core.requests.append(record)
        core.changed.fire()  # a test may wait for a call to be in flight (a slow one, say)
        headers = _headers(template)
        try:
            self._authenticate(request, path)
            if not path.startswith(_TOKEN_IN_PATH):
                self._global_limit.take(core.options.global_limit)
            call = await _parse(request, template)
            call.received_at = record.started
            record.request = call.body
            self._check_request(call)
            await self._apply_faults(call)
            # Spent by a request Discord takes up, not by one a planned fault answered.
            self._route_limits.take(request.method, template, call.params, core.options)
            status, body = self._answer(await handler(core, call))
            lost = core.faults.take_lost_answer(call.method, call.template, call.path, call.body)
            if lost is not None and lost.status is None:
                return self._dropped(request, record)
            if lost is not None:
                failure = Failure(lost.status, 0)
                raise _Injected(
                    lost.status, _failure_body(failure), _failure_headers(template, failure)
                )
        except ApiError as error:
            status, body = error.status, error.body()
        except RateLimitedError as limited:
            failure = Failure(429, 0, limited.retry_after, limited.is_global)
            status, body = 429, _failure_body(failure)
            headers = _failure_headers(template, failure) | limited.headers
            headers["X-RateLimit-Scope"] = limited.scope
        except _Injected as injected:
            status, body, headers = injected.status, injected.body, injected.headers
        if status != 429:
            headers |= self._route_limits.headers(
                request.method, template, request.match_info, core.options
            )
        if core.validator is not None:
            core.violations.extend(
                core.validator.check_response(request.method, template, path, status, body)
            )
        record.status, record.response, record.finished = status, body, time.monotonic()
        core.changed.fire()
        return json_response(status, body, headers)

    def _dropped(self, request: web.Request, record: RequestRecord) -> web.Response:
        """The call was handled, and its connection drops before any answer (no status)."""
        record.finished = time.monotonic()
        self.core.changed.fire()
        if request.transport is not None:
            request.transport.abort()
        return web.Response()  # written nowhere: the caller is gone

    def _authenticate(self, request: web.Request, path: str) -> None:
        if path.startswith(_TOKEN_IN_PATH):
            return
        if request.headers.get("Authorization") != f"Bot {self.core.world.bot_token}":
            raise ApiError(401, 0, "401: Unauthorized")

    def _check_request(self, call: Call) -> None:
        validator = self.core.validator
        if validator is None:
            return
        found = validator.check_request(call.method, call.template, call.path, call.body)
        found += validator.check_query(call.method, call.template, call.path, call.query)
        self.core.violations.extend(found)
        if found and self.core.options.reject_invalid:
            raise ApiError(400, 50035, "Invalid Form Body", _form_errors(found))

    async def _apply_faults(self, call: Call) -> None:
        hold = self.core.faults.take_hold(call.method, call.template, call.path)
        if hold is not None:
            await hold.wait(call.path)
        delay = self.core.faults.delay_for(call.method, call.template)
        if delay:
            await asyncio.sleep(delay)
        failure = self.core.faults.take(call.method, call.template, call.path)
        if failure is not None:
            raise _Injected(
                failure.status, _failure_body(failure), _failure_headers(call.template, failure)
            )

    @staticmethod
    def _answer(result: Any) -> tuple[int, Any]:
        if isinstance(result, Answer):
            return result.status, result.body
        return (204, None) if result is None else (200, result)

    async def _unknown_route(self, request: web.Request) -> web.Response:
        path = request.path.removeprefix(API_PREFIX)
        self.core.unknown_routes.append(f"{request.method} {path}")
        body = {"message": "404: Not Found", "code": 0}
        record = RequestRecord(request.method, path, None, time.monotonic(), None)
        record.finished, record.status, record.response = record.started, 404, body
        self.core.requests.append(record)
        self.core.changed.fire()
        return json_response(404, body, {})

    async def _file(self, request: web.Request) -> web.Response:
        stored = self.core.world.files.get(request.match_info["attachment_id"])
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored.data, headers={"Content-Type": stored.content_type})


class _Injected(Exception):
    def __init__(self, status: int, body: Any, headers: dict[str, str]) -> None:
        super().__init__(status)
        self.status, self.body, self.headers = status, body, headers
