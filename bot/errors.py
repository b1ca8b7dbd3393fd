"""Errors whose message a member may read."""

from __future__ import annotations


class UserError(Exception):
    """A refusal the member can act on: shown to them as an ephemeral reply, changes nothing."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(UserError):
    """The member named something (a meetup, an entry, a build) that does not exist here."""
