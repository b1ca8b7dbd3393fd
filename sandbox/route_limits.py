"""Discord's per-route rate limits: a bucket of so many requests a window for each top-level
resource of a route (the channel of `POST /channels/{channel_id}/messages`), told in the
X-RateLimit-* headers of every answer and enforced with a 429 once spent.

Discord's windows are real time: discord.py sleeps what X-RateLimit-Reset-After says before it
sends again, so a window runs on the monotonic clock, not on the world's (manual) clock.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from sandbox.api import RateLimitedError
from sandbox.core import Options


@dataclass(frozen=True, slots=True)
class Quota:
    limit: int
    window: float  # seconds from a bucket's first request until it is full again


@dataclass(slots=True)
class _Window:
    used: int
    resets_at: float  # time.monotonic()


# The routes with a bucket of their own, by (method, template): the path parameter that keys
# the bucket (Discord's top-level resource) and the quota the options give it. Sending messages
# is about 5 a channel every 5 seconds: bots' logs show "Limit: 5" for /channels/:id/messages
# and waits of 4 to 5 seconds once it is spent.
ROUTE_QUOTAS: dict[tuple[str, str], tuple[str, Callable[[Options], Quota]]] = {
    ("POST", "/channels/{channel_id}/messages"): (
        "channel_id",
        lambda options: Quota(options.channel_sends, options.channel_send_window),
    ),
}


def _seconds(value: float) -> str:
    # Rounded up: a client that sleeps exactly this long must find the bucket full again.
    return f"{math.ceil(value * 1000) / 1000:.3f}"


class RouteLimits:
    """The buckets of the routes in ROUTE_QUOTAS, one for each top-level resource."""

    def __init__(self) -> None:
        self._windows: dict[tuple[str, str, str], _Window] = {}

    def take(self, method: str, template: str, params: Mapping[str, str], options: Options) -> None:
        """Spend one request of its route's bucket, if it has one; raise RateLimitedError,
        spending nothing, when the bucket is empty."""
        found = self._window(method, template, params, options)
        if found is None:
            return
        quota, window, reset_after = found
        if window.used >= quota.limit:
            raise RateLimitedError(
                reset_after, scope="user", headers=_bucket_headers(quota, 0, reset_after)
            )
        window.used += 1

    def headers(
        self, method: str, template: str, params: Mapping[str, str], options: Options
    ) -> dict[str, str]:
        """The bucket's X-RateLimit-* headers, which Discord sends with every answer of the
        route, whatever its status ({} for a route without a bucket)."""
        found = self._window(method, template, params, options)
        if found is None:
            return {}
        quota, window, reset_after = found
        return _bucket_headers(quota, quota.limit - window.used, reset_after)

    def _window(
        self, method: str, template: str, params: Mapping[str, str], options: Options
    ) -> tuple[Quota, _Window, float] | None:
        """The route's quota, its current window for this resource (a new one once the last
        has run out) and the seconds until that resets."""
        entry = ROUTE_QUOTAS.get((method, template))
        if entry is None:
            return None
        parameter, quota_of = entry
        quota = quota_of(options)
        now = time.monotonic()
        key = (method, template, params[parameter])
        window = self._windows.get(key)
        if window is None or window.resets_at <= now:
            window = self._windows[key] = _Window(0, now + quota.window)
        return quota, window, window.resets_at - now


def _bucket_headers(quota: Quota, remaining: int, reset_after: float) -> dict[str, str]:
    return {
        "X-RateLimit-Limit": str(quota.limit),
        "X-RateLimit-Remaining": str(remaining),
        "X-RateLimit-Reset": _seconds(time.time() + reset_after),
        "X-RateLimit-Reset-After": _seconds(reset_after),
    }
