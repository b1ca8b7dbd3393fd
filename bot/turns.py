"""One task at a time for each key (an item a moderator decides, a thread being renamed)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


class Turns(Generic[K]):
    """Tasks with the same key take turns; tasks with different keys never wait on each
    other. A key's lock is dropped once nobody holds or waits for it, so a long-lived process
    keeps none for keys it is done with."""

    def __init__(self) -> None:
        self._locks: dict[K, tuple[asyncio.Lock, int]] = {}

    @asynccontextmanager
    async def turn(self, key: K) -> AsyncIterator[None]:
        lock, waiting = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, waiting + 1)
        try:
            async with lock:
                yield
        finally:
            lock, waiting = self._locks[key]
            if waiting == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, waiting - 1)

    def waiting(self, key: K) -> int:
        """How many tasks wait for the key's turn, besides the one holding it."""
        lock, asked = self._locks.get(key, (None, 0))
        return asked - 1 if lock is not None and lock.locked() else asked

    def __len__(self) -> int:
        """Keys held or waited for now."""
        return len(self._locks)
