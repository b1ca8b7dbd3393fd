"""What a whole series cancelled would take with it, as its organizer is asked before: the
members whose answers for its dates left (the one under way, and those ahead) go."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.meetups.cancels import AFFECTED_MAX
from bot.meetups.model import Meetup
from bot.meetups.notices import TOLD_STATUSES

if TYPE_CHECKING:  # the service's layers import this package
    from bot.meetups.service import MeetupService


async def answering_left(service: MeetupService, meetup: Meetup, *, besides: int) -> int | None:
    """How many members but `besides` (who would cancel it) answered for the dates the series
    has left (going, waiting or maybe: those a cancel tells); None when no date is left, which
    a cancel refuses anyway."""
    under_way = await service.date_under_way(meetup)
    dates = [under_way] if under_way is not None else []
    dates += await service.occurrences(meetup, limit=AFFECTED_MAX)
    if not dates:
        return None
    members = {
        party.member_id
        for date in dates
        for party in await service.parties(date)
        if party.status in TOLD_STATUSES and party.member_id != besides
    }
    return len(members)
