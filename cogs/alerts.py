"""/alerts: words (and arrival fields) a member wants a DM about."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.alerts import MAX_ALERTS, MAX_QUERY, YEAR_FIELDS, AlertService, reading
from bot.alerts.amounts import price_said
from bot.alerts.spellings import MAX_PHRASE
from bot.client import KeitoraBot, respond
from bot.errors import UserError
from bot.limits import CHOICE_NAME, EMBED_DESCRIPTION, MESSAGE_CONTENT, fit, join_within, listed
from cogs._text import echo, quoted
from cogs.checks import READ_ONLY, guild_id_of


def alerts_of(interaction: discord.Interaction) -> AlertService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.alerts


async def alert_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    mine = await alerts_of(interaction).mine(guild_id_of(interaction), interaction.user.id)
    wanted = current.casefold()
    return [
        app_commands.Choice(name=fit(alert.typed, CHOICE_NAME), value=str(alert.id))
        for alert in mine
        if wanted in alert.typed.casefold()
    ]


# How an alert reads what is typed, by example: what members trip over (a bare number, a price,
# quotes) in a few lines; the README has the whole of it.
HELP = (
    'Every word must appear; -dump leaves a word out, "dump bed" is a phrase. For example:\n'
    "`hijet 4wd under $5k`: a 4WD Hijet up to $5,000 (`hijet 4500` is up to $4,500; prices are "
    "in US dollars)\n"
    "`carry 1995-1999 grade>=4 state:TX`: model years, and an arrival card's fields: year, age, "
    "price, mileage, grade, model, make, drive, state, code\n"
    '`hijet "1995"`: a number in quotes is the word itself, not a year or a price'
)


@app_commands.guild_only()
class AlertsCog(
    commands.GroupCog,
    group_name="alerts",
    group_description="DMs about arrivals",
    group_extras={"help": HELP},
):
    def __init__(self, bot: KeitoraBot) -> None:
        self.alerts = bot.services.alerts

    @app_commands.command(name="add", description="Get a DM when an announcement matches")
    @app_commands.describe(
        keywords='Every word must appear (-word leaves one out, "a phrase"), plus fields: '
        "hijet grade>=4 price<=9000"
    )
    async def add(
        self, interaction: discord.Interaction, keywords: app_commands.Range[str, 1, MAX_QUERY]
    ) -> None:
        alert = await self.alerts.add(guild_id_of(interaction), interaction.user.id, keywords)
        # Only arrival cards carry a price, grade or state: say so, or a member waits in vain
        # for the feed item that says "$4,500". A model year is also met by one an item's words
        # name ("1995 Hijet"), or by a span of them holding it ("Hijets 1990-1999"); an age too.
        if any(condition.field not in YEAR_FIELDS for condition in alert.conditions):
            where = "an arrival card (only those give a price, grade, state…)"
        elif alert.conditions:
            where = (
                "an announcement (an arrival card by its year, any other by a year, or a span "
                "of years, its title or text names)"
            )
        else:
            where = "an announcement"
        # A bare number is a guess at a model year (it could have been a price): say how to
        # get the number itself.
        years = await self.alerts.bare_years(alert)
        read = "is read as a model year" if len(years) == 1 else "are read as model years"
        guessed = (
            f" {listed(years)} {read}: to watch for the number itself, put it in quotes, "
            f'as "{years[0]}".'
            if years
            else ""
        )
        # As is a range of two-digit numbers (`12-16`): they could have been others.
        guessed += "".join(
            f" {span} is read as model years {first}–{last}: to watch for the numbers "
            f'themselves, put them in quotes, as "{span}".'
            for span, first, last in await self.alerts.year_ranges(alert)
        )
        # A bare amount (`$5k`, `4500`) is read as a price up to it: say so, with the other
        # ways to say it.
        guessed += "".join(
            f" {typed} is read as a price up to {price}: for one of at least {price}, say "
            f'over {price}; to watch for the words, put them in quotes, as "{typed}".'
            for typed in await self.alerts.bare_prices(alert)
            for price in [price_said(typed)]
        )
        # A word or bound another says already is left out (`4x4 4wd`, `price<=5k price<=4k`).
        guessed += "".join(
            f" {quoted(merged.left_out)} is left out: it means what {quoted(merged.kept)} does."
            if merged.is_word
            else f" {echo(merged.left_out)} is left out: {echo(merged.kept)} says more."
            for merged in self.alerts.merged(alert)
        )
        # Commas list choices as members write them; an alert takes none: say all must appear.
        commas = self.alerts.comma_words(alert)
        guessed += (
            f" Every word must appear, commas or not: for any one of "
            f"{listed([quoted(word) for word in commas])}, add an alert for each."
            if commas
            else ""
        )
        # Small words are left out, or kept as the phrase they make: say which.
        small = await self.alerts.small_words(alert)
        if small.left_out:
            one = len(small.left_out) == 1
            guessed += (
                f" {listed([quoted(word) for word in small.left_out])} "
                f"{'is' if one else 'are'} left out, as {'a small word' if one else 'small words'} "
                f"an item need not hold: to keep {'it' if one else 'them'}, put the words in "
                "quotes, as a phrase."
            )
        guessed += "".join(
            f" {quoted(phrase)} is read as one phrase, as an item writes it: "
            f"{quoted(phrase.split()[-1])} alone says nothing of a truck, and many items hold it "
            "in another sense."
            for phrase in small.phrases
        )
        guessed += "".join(
            f" {quoted(lead)} is left out of {quoted(f'{lead} {phrase}')}: a phrase is at most "
            f"{MAX_PHRASE} words, and an item holding it holds {quoted(phrase)}."
            for lead, phrase in small.no_room
        )
        # An age moves with the calendar: say which model years it means now.
        if ages := await self.alerts.ages_now(alert):
            guessed += f" {ages}"
        await respond(
            interaction,
            fit(
                f"Saved. I will DM you when {where} matches {quoted(alert.typed)}, read "
                f"as: {echo(reading(alert))} (at most {MAX_ALERTS} alerts; /alerts list shows "
                f"them).{guessed}",
                MESSAGE_CONTENT,
            ),
        )

    @app_commands.command(name="list", description="Your alerts", extras=READ_ONLY)
    async def list_alerts(self, interaction: discord.Interaction) -> None:
        mine = await self.alerts.mine(guild_id_of(interaction), interaction.user.id)
        if not mine:
            await respond(interaction, "You have no alerts; add one with /alerts add.")
            return
        heading = f"Your alerts ({len(mine)} of {MAX_ALERTS})"
        lines = [f"• {echo(alert.typed)}" for alert in mine]
        whole = "\n".join([f"{heading}:", *lines])
        if len(whole) <= MESSAGE_CONTENT:
            await respond(interaction, whole)
            return
        # Ten alerts of 200 characters, their Markdown shown as typed, pass the 2,000
        # characters a message takes; an embed's description holds them.
        embed = discord.Embed(title=heading, description=join_within(lines, EMBED_DESCRIPTION))
        await respond(interaction, embed=embed)

    @app_commands.command(name="remove", description="Stop an alert")
    @app_commands.describe(alert="The alert")
    @app_commands.autocomplete(alert=alert_autocomplete)
    async def remove(self, interaction: discord.Interaction, alert: str) -> None:
        if not alert.isascii() or not alert.isdigit() or len(alert) > 19:
            raise UserError("Pick the alert from the list as you type.")
        removed = await self.alerts.remove(
            guild_id_of(interaction), interaction.user.id, int(alert)
        )
        await respond(interaction, f"Removed the alert {quoted(removed.typed)}.")


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(AlertsCog(bot))
