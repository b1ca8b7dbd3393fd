"""The DM telling a meetup's organizer what someone else (a moderator) changed: the server, the
meetup, what and who, as a build's owner is told (cogs/builds_views.py `moderated_notice`)."""

from __future__ import annotations

from datetime import datetime

import discord

from bot.errors import UserError
from bot.limits import listed
from bot.meetups.model import LATER_DATES_OFF, Meetup
from bot.meetups.moderated import Acting, MeetupModerated
from bot.meetups.service import MeetupService
from cogs._text import echo, member_mention, quoted, server_name
from cogs.builds_views import moderator_of
from cogs.checks import is_moderator
from cogs.meetups_views import clock_of

# What each change (bot.meetups.moderated.CHANGES) of `/meetup edit` is called in the DM, as
# in "changed the capacity of your meetup"; a new title is told apart, with the old one.
_EDITED = {
    "description": "the description",
    "capacity": "the capacity",
    "trucks": "the truck spots",
    "length": "the length",
    "region": "the region",
    "cutoff": "the signup cutoff",
    "time": "the time of the next date",
    "start": "the time",
    "dates": "the time of every date ahead",
    "place": "the place",
}


def moderated_meetup_notice(news: MeetupModerated) -> str:
    """What a moderator of which server did to the organizer's meetup, who, why if they said,
    a new time or place, and the card's link."""
    who = f"{moderator_of(news.server)} ({member_mention(news.moderator_id)})"
    meetup = _your_meetup(news.title, news.meetup_id)
    date = "" if news.date is None else f"<t:{news.date}:F>"
    first = news.changes[0]
    if first == "cancelled":
        did = f"cancelled {meetup}"
    elif first == "date_cancelled":
        did = f"cancelled the date {date} of {meetup}"
    elif first == "cancelled_under_way":
        did = f"called off {meetup}, under way since {date}{_undo_until(news)}"
    elif first == "series_cancelled_under_way":
        did = f"called off {meetup}, under way since {date}; its later dates will not take place"
    elif first == "date_cancelled_under_way":
        did = f"called off the date {date} of {meetup}, under way{_undo_until(news)}"
    elif first == "restored":
        did = f"undid the cancel of {meetup}: it is on again"
    elif first == "date_restored":
        did = f"undid the cancel of the date {date} of {meetup}: it is held again"
    elif first == "title":
        # Named as it was: the organizer knows it by that, and the new one comes after.
        was = _your_meetup(news.title_from, news.meetup_id)
        rest = [_EDITED[change] for change in news.changes[1:]]
        did = f"changed the title of {was} to {quoted(news.title)}"
        if rest:
            did += f", and {listed(rest)}"
    else:
        did = f"changed {listed([_EDITED[change] for change in news.changes])} of {meetup}"
    reason = f" The reason given: “{echo(news.reason)}”." if news.reason else ""
    # This is the organizer's one DM of it, going or not: none as an attendee tells them.
    # A one-off has one date: no "next" one.
    its = "It is now at" if "start" in news.changes else "Its next date is now"
    moved = f" {its} <t:{news.moved[1]}:F> (it was <t:{news.moved[0]}:F>)." if news.moved else ""
    place = f" The meetup is now at **{echo(news.place)}**." if news.place else ""
    card = f" Its card: {news.card_url}" if news.card_url else ""
    return f"{who} {did}.{reason}{moved}{place}{card}"


def _undo_until(news: MeetupModerated) -> str:
    return f": `/meetup restore` can undo this until <t:{news.until}:t>, when it ends"


def _your_meetup(title: str | None, meetup_id: int) -> str:
    """The meetup as its organizer's DM names it: by a title unless a DM scheduled before its
    old title was kept has none to give, and by number."""
    named = "" if title is None else f" {quoted(title)}"
    return f"your meetup{named} (#{meetup_id})"


def acting_of(interaction: discord.Interaction) -> Acting:
    """Who changes a meetup, so its organizer is told when it is someone else (a moderator)."""
    return Acting(interaction.user.id, str(interaction.id), server_name(interaction))


async def refuse_undoing_others_cancel(
    service: MeetupService,
    meetup: Meetup,
    original_start: datetime | None,
    *,
    moderator: bool,
) -> None:
    """A moderator's cancel is a moderator's to undo: the organizer is told who made it, why,
    and whom to ask."""
    if moderator or (original_start is None and meetup.cancelled_at is None):
        return
    cancel = await service.cancelled_by_other(meetup, original_start)
    if cancel is None:
        return
    which = (
        quoted(meetup.title) if original_start is None else f"that date of {quoted(meetup.title)}"
    )
    reason = f", for this reason: {quoted(cancel.reason)}" if cancel.reason else ""
    again = "be on again" if original_start is None else "be held again"
    raise UserError(
        f"A moderator cancelled {which}{reason}. A moderator can restore it: ask one if you "
        f"think it should {again}."
    )


async def refuse_changing_cancelled(
    interaction: discord.Interaction, service: MeetupService, meetup: Meetup, *, again: bool
) -> None:
    """A cancelled meetup is neither edited nor cancelled `again`: whoever tries reads that it
    was cancelled (called off, when one of its dates was under way, as those there were told)
    and whether it can be on again, and how (only a one-off not yet over can)."""
    if meetup.cancelled_at is None:
        return
    reason = f": {quoted(meetup.cancel_reason)}" if meetup.cancel_reason else ""
    called_off = await service.called_off(meetup)
    done = "called off" if called_off else "cancelled"
    said = f"{quoted(meetup.title)} was {'already ' if again else ''}{done}{reason}."
    if meetup.rrule is not None and called_off:
        raise UserError(
            f"{said} {LATER_DATES_OFF} It cannot be restored: create it again with "
            "`/meetup create`."
        )
    if meetup.rrule is not None:
        raise UserError(
            f"{said} A whole series cancelled cannot be restored: create it again with "
            "`/meetup create`."
        )
    if meetup.starts_at + meetup.duration <= clock_of(interaction).now():
        raise UserError(f"{said} Its date is over, so it cannot be restored.")
    moderator = await is_moderator(interaction)
    await refuse_undoing_others_cancel(service, meetup, None, moderator=moderator)
    how = (
        "To hold it again, use `/meetup restore`."
        if again
        else "To edit it, restore it first with `/meetup restore`."
    )
    raise UserError(f"{said} {how}")
