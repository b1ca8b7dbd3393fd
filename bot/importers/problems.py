"""A form's problems gathered field by field, so that all are told in one round, not one per
round of typing the form again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from bot.errors import UserError

T = TypeVar("T")


class Problems:
    def __init__(self, what: str) -> None:
        self._what = what  # "announcement": what the form makes, as the reply names it
        self._found: list[str] = []

    def check(self, check: Callable[[], T], failed: T) -> T:
        """What `check` gives, or `failed` with its refusal added."""
        try:
            return check()
        except UserError as refused:
            self._found.append(refused.message)
            return failed

    def add(self, problem: str | None) -> None:
        if problem is not None:
            self._found.append(problem)

    def refuse(self) -> None:
        """`UserError` telling every problem found: one as it is, several as a list."""
        if len(self._found) > 1:
            listed = "\n".join(f"• {problem}" for problem in self._found)
            raise UserError(f"The {self._what} has {len(self._found)} problems:\n{listed}")
        if self._found:
            raise UserError(self._found[0])
