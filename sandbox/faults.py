"""REST fault injection: make the next calls to a route fail (429 or 500) or answer slowly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Failure:
    status: int  # 429 or 5xx
    remaining: int  # how many more calls it applies to
    retry_after: float = 0.05
    is_global: bool = False


class Faults:
    """Planned failures, keyed by method and spec path template; "*" matches any."""

    def __init__(self) -> None:
        self._failures: dict[tuple[str, str], Failure] = {}
        self._delays: dict[tuple[str, str], float] = {}

    def rate_limit(
        self,
        method: str = "*",
        template: str = "*",
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
    ) -> None:
        """The next `times` matching calls answer 429 (a global one with `is_global`)."""
        key = (method.upper(), template)
        self._failures[key] = Failure(429, times, retry_after, is_global)

    def server_error(
        self, method: str = "*", template: str = "*", *, times: int = 1, status: int = 500
    ) -> None:
        """The next `times` calls answer a 5xx (discord.py retries these after 1 s, 3 s, ...)."""
        self._failures[(method.upper(), template)] = Failure(status, times)

    def slow(self, method: str, template: str, seconds: float) -> None:
        """Every call to the route waits `seconds` before it is handled (0 removes the delay)."""
        if seconds > 0:
            self._delays[(method.upper(), template)] = seconds
        else:
            self._delays.pop((method.upper(), template), None)

    def clear(self) -> None:
        self._failures.clear()
        self._delays.clear()

    def delay_for(self, method: str, template: str) -> float:
        return self._delays.get((method, template), 0.0)

    def take(self, method: str, template: str) -> Failure | None:
        """The failure planned for this call, if any, counting it as used."""
        for key in ((method, template), (method, "*"), ("*", template), ("*", "*")):
            failure = self._failures.get(key)
            if failure is not None:
                failure.remaining -= 1
                if failure.remaining <= 0:
                    del self._failures[key]
                return failure
        return None
