"""The vocabulary REST handlers share: a parsed request, an answer, Discord-style errors, routes.

Handlers register themselves with `@route(method, template)`, where the template is spelled
exactly as in Discord's OpenAPI spec, so the server can validate each call by its template.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sandbox.core import Core

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class File:
    """A file: one a test attaches to a command, or one the bot uploads as `files[n]`."""

    filename: str
    data: bytes
    content_type: str = "application/octet-stream"


@dataclass(slots=True)
class Call:
    """One REST request, parsed: the JSON body (or multipart `payload_json`) and its files."""

    method: str
    template: str
    path: str
    params: Mapping[str, str]
    query: Mapping[str, str]
    body: Any = None
    files: dict[int, File] = field(default_factory=dict)
    # When the request arrived (time.monotonic()): Discord times an interaction's answer by its
    # arrival, before our own validation of the body adds anything.
    received_at: float = 0.0

    def json(self) -> Json:
        """The body as an object; handlers that need one get `{}` for an empty request."""
        return self.body if isinstance(self.body, dict) else {}


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    body: Any = None


class ApiError(Exception):
    """An error answer shaped like Discord's: HTTP status, JSON error code and message."""

    def __init__(self, status: int, code: int, message: str, errors: Json | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> Json:
        body: Json = {"message": self.message, "code": self.code}
        return body | ({"errors": self.errors} if self.errors else {})


class RateLimitedError(Exception):
    """A 429 a rule of Discord's answers (not a planned fault): retry after `retry_after` s.
    A resource's own rule (`scope` "shared": shared by everyone's calls), a bucket of the bot's
    ("user", with the bucket's `headers`), or with `is_global` the bot's global one."""

    def __init__(
        self,
        retry_after: float,
        *,
        is_global: bool = False,
        scope: str = "shared",
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"rate limited for {retry_after:.3f} s")
        self.retry_after = retry_after
        self.is_global = is_global
        self.scope = "global" if is_global else scope
        self.headers = dict(headers or {})


def missing_access() -> ApiError:
    """What Discord answers about a server (or its channels) the bot is not in."""
    return ApiError(403, 50001, "Missing Access")


def missing_permissions() -> ApiError:
    return ApiError(403, 50013, "Missing Permissions")


def invalid_form(reason: str) -> ApiError:
    return ApiError(400, 50035, f"Invalid Form Body: {reason}")


Handler = Callable[["Core", Call], Awaitable[Json | list[Any] | Answer | None]]
ROUTES: list[tuple[str, str, Handler]] = []


def route(method: str, template: str) -> Callable[[Handler], Handler]:
    """Register a handler for a method and spec path template."""

    def register(handler: Handler) -> Handler:
        ROUTES.append((method, template, handler))
        return handler

    return register
