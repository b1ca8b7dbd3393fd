"""A closed Build of the Month ballot: its result's post (once, by the outbox), the ballot
saying that voting is closed with a link to it, and a ballot message a stopped bot never
recorded, found again by its buttons."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import replace
from typing import Any

import discord

from bot.client import KeitoraBot
from bot.errors import UserError
from bot.limits import EMBED_DESCRIPTION, MESSAGE_CONTENT, fit, join_within, listed
from bot.showcase import Ballot, Tally
from bot.showcase.ballot_news import BallotNews
from bot.showcase.ballots import BallotService
from bot.showcase.values import Recovered, given_back_unless_found, month_named
from cogs._setup_access import EmbedsNotShown
from cogs._showcase_posts import kept_unless_refused, message_aside, own_message
from cogs._text import counted, echo, quoted


async def closed_in_words(
    ballot: discord.PartialMessage, headline: str, lacking: EmbedsNotShown
) -> str:
    """A ballot closed where Keitora may not show embeds (Embed Links taken since it was
    posted): Discord would drop them from the ballot's edit, and the result's post shows its
    headline without its counts. The close stands, since the moderators decided it and the
    votes are counted; the ballot loses its buttons and says the result in words above its
    "vote!". Returns what the moderator is told."""
    with contextlib.suppress(discord.NotFound):  # the ballot deleted by hand
        await ballot.edit(
            content=fit(f"**Voting is closed.** {headline}", MESSAGE_CONTENT),
            view=None,
            allowed_mentions=discord.AllowedMentions.none(),
        )
    return (
        f"The ballot is closed; its result is posted in <#{lacking.channel_id}> in words only: "
        "I need Embed Links there to show the counts (a server admin can allow that for the "
        "Keitora role). The ballot now says that voting is closed, and the result in words."
    )


def result_headline(tally: Tally, names: Mapping[int, str]) -> str:
    """The closed ballot's winner, or tie, in a sentence; without a vote left, how many went
    with withdrawn builds and with voters since forgotten, or that nobody voted. A ballot from
    before those were counted says where votes may have gone, not that nobody voted."""
    if not tally.winners:
        return votes_gone(tally.ballot)
    of_month = for_month(tally.ballot)
    if len(tally.winners) == 1:
        winner = tally.winners[0]
        return f"The Build of the Month{of_month} is **#{winner} {echo(names[winner])}**!"
    tied = listed([f"**#{b} {echo(names[b])}**" for b in tally.winners])
    if of_month:
        return f"It's a tie for the Build of the Month{of_month} between {tied}!"
    return f"It's a tie between {tied}!"


def for_month(ballot: Ballot) -> str:
    """` for December 2026`: the month the ballot is for, to follow "Build of the Month"
    (nothing on a ballot from before its month was kept)."""
    return f" for {month_named(ballot.month)}" if ballot.month else ""


def votes_gone(ballot: Ballot) -> str:
    """Why a closed ballot has no vote to count."""
    withdrawn, forgotten = ballot.votes_withdrawn, ballot.votes_forgotten
    the_builds = "the withdrawn build" if len(ballot.withdrawn) == 1 else "withdrawn builds"
    if withdrawn is None or forgotten is None:  # not counted
        if ballot.withdrawn:
            went = "build went with it" if len(ballot.withdrawn) == 1 else "builds went"
            return (
                f"No votes are left to count: any for the withdrawn {went}, and any of voters "
                "who since asked to be forgotten went with them."
            )
        return (
            "No votes are left to count: nobody voted, or only members who since asked to be "
            "forgotten, whose votes went with them."
        )
    if not withdrawn and not forgotten:
        return "Nobody voted this time."
    with_builds = f"{counted(withdrawn, 'vote')} went with {the_builds}"
    with_voters = (
        f"with {'a voter' if forgotten == 1 else 'voters'} who since asked to be forgotten"
    )
    if withdrawn and forgotten:
        gone = f"{with_builds}, and {forgotten:,} {with_voters}"
    else:
        gone = with_builds if withdrawn else f"{counted(forgotten, 'vote')} went {with_voters}"
    return f"No votes are left to count: {gone}."


def ballot_notice(news: BallotNews) -> str:
    """The DM telling a voter their build left the ballot (their vote free while it is open),
    a member that the ballot was called off, or an owner that their build won."""
    ballot = news.ballot
    link = message_aside(ballot.guild_id, ballot.channel_id, ballot.message_id)[2:-1]
    named = f"{quoted(news.title)} (#{news.build_id})" if news.title else f"#{news.build_id}"
    server = f"**{echo(news.server)}**"
    if news.called_off:
        called_off = (
            f"The Build of the Month ballot of {server}{linked(ballot)} is called off: "
            f"{why_called_off(ballot)}."
        )
        if news.build_id is None:
            return (
                f"{called_off} No votes are counted, yours included; the moderators may start "
                "a new ballot."
            )
        return (
            f"{called_off} Your build {named} was the one left; no votes are counted, and the "
            "moderators may start a new ballot."
        )
    if news.won:
        won = "tied for Build of the Month" if news.tied else "is the Build of the Month"
        won += for_month(ballot)
        return f"Your build {named} {won} of {server}! The ballot: {link}".rstrip(": ")
    left = (
        f"The build you voted for on the Build of the Month ballot of {server}, {named}, left "
        "the ballot"
    )
    if ballot.closed:
        return f"{left} before it closed, so your vote was not counted."
    return f"{left}: your vote is free. Vote again for another build: {link}".rstrip(": ")


def why_called_off(ballot: Ballot) -> str:
    """`builds #1 and #2 were withdrawn, leaving only build #3, …`: the called-off ballot's
    story in a clause."""
    gone = [f"#{build_id}" for build_id in ballot.withdrawn]
    withdrawn = (
        f"build {gone[0]} was withdrawn"
        if len(gone) == 1
        else f"builds {listed(gone)} were withdrawn"
    )
    left = f"only build #{ballot.candidates[0]}" if ballot.candidates else "no build"
    return f"{withdrawn}, leaving {left}, and a ballot needs at least two"


def linked(ballot: Ballot) -> str:
    """The ballot's link, to follow its name once its message is posted; nothing before."""
    return message_aside(ballot.guild_id, ballot.channel_id, ballot.message_id)


def result_card(tally: Tally, names: Mapping[int, str]) -> tuple[str, dict[str, Any]]:
    """The result post (a `ResultCard`): the winner (or tie) in its text, read also where
    Keitora may not show embeds, and the tally in its embed, within Discord's limits however
    many builds tie."""
    lines = [f"#{b} {echo(names[b])}: {counted(votes, 'vote')}" for b, votes in tally.counts]
    month = tally.ballot.month
    embed = discord.Embed(
        title=f"Build of the Month · {month_named(month)}" if month else "Build of the Month",
        description=join_within(lines, 3500),
        colour=discord.Colour.gold(),
    )
    return fit(result_headline(tally, names), MESSAGE_CONTENT), dict(embed.to_dict())


def closed_message(
    tally: Tally, names: Mapping[int, str], result: tuple[int, int] | None
) -> discord.Embed:
    """The closed ballot: no buttons, its winner, and a link to its result's post (the counts
    are there, not repeated here) once that is out."""
    ballot = tally.ballot
    where = (
        f"The votes are counted in the result's post{message_aside(ballot.guild_id, *result)}."
        if result is not None
        else "The votes are counted in the result's post, in this channel."
    )
    return discord.Embed(
        title="Build of the Month: voting closed",
        # The headline cut, if need be, rather than the link after it.
        description=fit(result_headline(tally, names), EMBED_DESCRIPTION - len(where) - 2)
        + f"\n\n{where}",
        colour=discord.Colour.light_grey(),
    )


async def ballot_found(bot: KeitoraBot, ballot: Ballot) -> Ballot:
    """The ballot with its message, which a bot that stopped between sending and recording it
    left unrecorded: looked for, by its buttons, where it was sent, and recorded once found."""
    if ballot.message_id is not None:
        return ballot
    found = await _looked_for(bot, ballot)
    return ballot if isinstance(found, Recovered) else found


async def make_way(bot: KeitoraBot, guild_id: int) -> None:
    """Before a new ballot opens: an open one whose message was never recorded is discarded at
    once when it was never sent and no command is opening it (the bot stopped first); one sent
    (its send unanswered) is looked for where it was sent, once no command can still be
    sending it, and discarded when it is surely not there; found, it is recorded, and stays
    open. Refused, with why, while it may still be on its way or when it cannot be looked
    for."""
    ballots = bot.services.showcase.ballots
    unrecorded = await ballots.unrecorded(guild_id)
    if unrecorded is None:
        return
    ballot, sending_until = unrecorded
    if ballots.starting(ballot):
        raise UserError("Another moderator is opening a ballot right now.")
    if ballot.sent_to is None:
        await ballots.discard_ballot(ballot)
        return
    where = f" in <#{ballot.sent_to}>"
    if sending_until is not None:
        raise UserError(
            f"A ballot is open already, but Discord did not confirm its message{where}. If it is "
            f"not there, try again {discord.utils.format_dt(sending_until, 'R')}, when I can be "
            "sure it was not posted; if it is, members can vote on it."
        )
    await given_back_unless_found(
        await _looked_for(bot, ballot),
        lambda: ballots.discard_ballot(ballot),
        f"A ballot is open already, but Discord did not confirm its message{where}",
    )


@contextlib.asynccontextmanager
async def opening(ballots: BallotService, ballot: Ballot) -> AsyncIterator[None]:
    """Around sending a ballot `start_ballot` opened. As a feature's claim: a ballot whose
    message Discord did not answer for may be out (votes on it count, and a click records it),
    and is looked for before another opens; one never sent is surely not, and goes at once.
    Until it is done, another moderator's start is told this one is under way."""
    try:
        async with kept_unless_refused(
            lambda: ballots.discard_ballot(ballot),
            unanswered=lambda: ballots.discard_ballot(ballot, unless_sent=True),
        ):
            yield
    finally:
        ballots.done_starting(ballot)


async def _looked_for(bot: KeitoraBot, ballot: Ballot) -> Ballot | Recovered:
    """An unrecorded ballot's message, found by its buttons where it was sent (and recorded),
    or what the look found instead."""
    if ballot.sent_to is None or ballot.opened_at is None:
        return Recovered.NOT_POSTED  # never sent: nowhere to look
    prefix = f"showcase:vote:{ballot.id}:"

    def voted_on(message: discord.Message) -> bool:
        return any(
            (getattr(item, "custom_id", None) or "").startswith(prefix)
            for row in message.components
            for item in getattr(row, "children", ())
        )

    found = await own_message(bot, ballot.sent_to, ballot.opened_at, voted_on)
    if isinstance(found, Recovered):
        return found
    await bot.services.showcase.ballots.ballot_posted(ballot, ballot.sent_to, found.id)
    return replace(ballot, channel_id=ballot.sent_to, message_id=found.id)
