"""`/meetup cancel` of a whole series (cogs/_meetup_changes.py) asks first, with Cancel the
series / Keep it buttons: a series cancelled whole is gone for good (its dates ahead and their
answers are not kept), while the likeliest wish, one week off, is one `occurrence:` away. The
reason typed waits in the question's footer, where the button reads it back after a restart
too (its custom id holds the meetup's number alone)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import discord

from bot.client import (
    ConfirmButton,
    KeepItButton,
    answer_in_place,
    respond,
    stateless_view,
)
from bot.meetups import Meetup, MeetupService
from bot.meetups.series_answers import answering_left
from bot.meetups.values import checked_reason
from cogs._meetup_moderated import refuse_changing_cancelled
from cogs._text import counted, quoted
from cogs.checks import guild_id_of, require_own_meetup
from cogs.meetups_views import MEETUP_COG, service_of

REASON_LEAD = "The reason those going read: "


class SeriesCanceller(Protocol):
    """The `/meetup` cog, which cancels as the command does once the question is answered."""

    async def cancel_now(
        self,
        interaction: discord.Interaction,
        chosen: Meetup,
        reason: str | None,
        start: datetime | None,
        *,
        editing: bool = False,
    ) -> str: ...


async def asked_to_cancel_series(
    interaction: discord.Interaction, service: MeetupService, meetup: Meetup, reason: str | None
) -> bool:
    """Ask before a whole series is cancelled, naming what goes; False when nothing is asked
    (a series with no date left, which the cancel itself refuses)."""
    why = checked_reason(reason)  # refused now, not once confirmed
    members = await answering_left(service, meetup, besides=interaction.user.id)
    if members is None:
        return False
    told = "who is told" if members == 1 else "who are told"
    answers = f", with the answers of {counted(members, 'member')}, {told}" if members else ""
    question = (
        f"Cancel the whole series {quoted(meetup.title)} for good? Every date ahead goes"
        f"{answers}; a series cancelled cannot be restored. To cancel one date only, use "
        "`/meetup cancel` with `occurrence:`."
    )
    kept = {"embed": discord.Embed().set_footer(text=REASON_LEAD + why)} if why else {}
    view = stateless_view([CancelSeriesButton(meetup.id), KeepItButton("cancelled")])
    await respond(interaction, question, view=view, **kept)
    return True


def reason_asked(message: discord.Message | None) -> str | None:
    """The reason the question kept, if one was given."""
    footers = [embed.footer.text or "" for embed in message.embeds] if message else []
    return next(
        (text[len(REASON_LEAD) :] for text in footers if text.startswith(REASON_LEAD)), None
    )


class CancelSeriesButton(ConfirmButton, prefix="meetup:cancel-series", label="Cancel the series"):
    """Cancels the whole series, for its organizer or a moderator who asked to and confirms."""

    async def confirmed(self, interaction: discord.Interaction) -> None:
        service = service_of(interaction)
        meetup = await service.get(guild_id_of(interaction), self.target_id)
        # Asked again: the question may outlive a moderator's role.
        await require_own_meetup(interaction, meetup.organizer_id, "cancel this meetup")
        await refuse_changing_cancelled(interaction, service, meetup, again=True)
        cog: SeriesCanceller | None = interaction.client.get_cog(MEETUP_COG)  # type: ignore[attr-defined]
        if cog is None:  # the meetup cog is loaded with this one; a click during start-up
            raise RuntimeError("the meetup cog is not loaded")
        reason = reason_asked(interaction.message)
        said = await cog.cancel_now(interaction, meetup, reason, None, editing=True)
        await answer_in_place(interaction, said)
