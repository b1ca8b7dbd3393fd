"""Every hook a service offers and every daily chore it keeps is connected when the bot is
built: a feature whose hook or chore was written and tested but never wired in composition
would pass its own tests and still do nothing in the running bot."""

from __future__ import annotations

import collections.abc
import functools
import importlib
import inspect
import pkgutil
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

import bot as bot_package
from bot.client import create_bot
from bot.clock import ManualClock
from bot.config import Settings
from bot.jobs import JobQueue
from bot.store import Store

# The names a once-a-day sweep of what outlived its use goes by.
CHORE_PREFIXES = ("drop_", "let_go_of_", "give_back_", "sweep", "purge_")
# The runner's own daily purge calls it before the registered chores.
RUNNER_CHORES = {JobQueue.purge_finished}


def bot_classes() -> Iterator[type]:
    """Each class defined in a module under bot/."""
    for module in pkgutil.walk_packages(bot_package.__path__, "bot."):
        loaded = importlib.import_module(module.name)
        for value in vars(loaded).values():
            if inspect.isclass(value) and value.__module__ == loaded.__name__:
                yield value


def takes_a_callback(function: Callable[..., Any]) -> bool:
    """Whether `function` is a registration: it keeps the one callable it is given and
    returns nothing (a handler factory, which takes a renderer, returns the handler)."""
    signature = inspect.signature(function)
    parameters = [name for name in signature.parameters if name != "self"]
    if len(parameters) != 1 or signature.return_annotation not in (None, "None"):
        return False
    hint = typing.get_type_hints(function).get(parameters[0])
    return typing.get_origin(hint) is collections.abc.Callable


def hook_registrations() -> set[Callable[..., Any]]:
    """Every `when_*` method of a class under bot/, and every other method that registers a
    callback (`subscribe`, `before_purge`, `hide_while`, …)."""
    found: set[Callable[..., Any]] = set()
    for cls in bot_classes():
        for name, value in vars(cls).items():
            if name.startswith("_") or not inspect.isfunction(value):
                continue
            if inspect.iscoroutinefunction(value):
                continue
            if name.startswith("when_") or takes_a_callback(value):
                found.add(value)
    return found


def daily_chores() -> set[Callable[..., Any]]:
    """Every async method of a class under bot/ that takes nothing and is named as a sweep."""
    return {
        value
        for cls in bot_classes()
        for name, value in vars(cls).items()
        if name.startswith(CHORE_PREFIXES)
        and inspect.iscoroutinefunction(value)
        and list(inspect.signature(value).parameters) == ["self"]
    }


def subscribers() -> set[Callable[..., Any]]:
    """Every async `on_*` method of a service: what one service does when another changes
    (the client's own `on_*` are discord.py's events, not a service's)."""
    return {
        value
        for cls in bot_classes()
        if not cls.__module__.startswith("bot.client")
        for name, value in vars(cls).items()
        if name.startswith("on_") and inspect.iscoroutinefunction(value)
    }


def test_discovery_finds_the_hooks_and_chores_wired_today() -> None:
    hooks = {function.__qualname__ for function in hook_registrations()}
    chores = {function.__qualname__ for function in daily_chores()}
    assert {"BuildService.when_lock_changes", "SetupService.subscribe"} <= hooks
    assert {"ServerRetention.before_purge", "PublicCalendarService.hide_while"} <= hooks
    assert {"AlertDms.let_go_of_old", "PrivacyService.drop_expired_requests"} <= chores
    assert {"AlertDms.on_taken_down", "MeetupEvents.on_meetup_changed"} <= {
        function.__qualname__ for function in subscribers()
    }
    assert "JobRunner.register" not in hooks  # a job kind's handler: test_jobs_registered


async def test_every_hook_and_daily_chore_is_registered_when_the_bot_is_built(
    store: Store, clock: ManualClock, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    called: set[Callable[..., Any]] = set()
    given: set[object] = set()  # what was registered: hooks, subscribers, chores
    hooks = hook_registrations()

    def recording(original: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(original)
        def registration(self: object, *args: Any) -> Any:
            called.add(original)
            given.update(getattr(arg, "__func__", arg) for arg in args)
            return original(self, *args)

        return registration

    for function in hooks:
        owner = inspect.getmodule(function)
        cls = getattr(owner, function.__qualname__.split(".")[0])
        monkeypatch.setattr(cls, function.__name__, recording(function))
    built = create_bot(Settings.from_env({"DATABASE_PATH": str(db_path)}), store, clock)
    try:
        unwired = {function.__qualname__ for function in hooks - called}
        assert unwired == set()
        unheard = {function.__qualname__ for function in subscribers() - given}
        assert unheard == set()
        unswept = {function.__qualname__ for function in daily_chores() - given - RUNNER_CHORES}
        assert unswept == set()
    finally:
        await built.close()
