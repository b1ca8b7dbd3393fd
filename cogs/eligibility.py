"""`/eligibility`: when a kei truck turns 25 for the US import exemption."""

from __future__ import annotations

from datetime import date

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.clock import Clock
from bot.eligibility import (
    MAX_INPUT,
    CalendarSpan,
    Eligibility,
    begun_everywhere_in_us,
    check_eligibility,
    parse_manufactured,
    us_date,
    us_dates,
    us_today,
    which_code,
)
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, EMBED_FIELD_VALUE, EMBED_TITLE, fit
from bot.models import TruckModel, find_model, line_named, search_models
from cogs._cooldown import ChannelCooldown
from cogs.checks import READ_ONLY

# When the import and registration facts in bot/eligibility.py were last checked; update it
# together with them. Members are told, because these rules change.
FACTS_AS_OF = date(2026, 7, 1)
DISCLAIMER = (
    "Import and registration rules change; this is not legal advice. "
    f"Facts as of {FACTS_AS_OF:%B %Y}."
)
NO_TIME = CalendarSpan(0, 0, 0)
UNVERIFIED_MODEL = "⚠️ This code or its years are unconfirmed: check them against your papers."


def model_choices(current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for a model code, here and on the arrival form: "DA63T — Suzuki Carry
    (2002–2013)", the code as the value. An unverified code's years are a guess, and its choice
    says so: "S200P — Daihatsu Hijet (1999–2007?, unconfirmed)"."""
    return [
        app_commands.Choice(
            name=fit(
                f"{model.code} — {model.name} "
                f"({model.years}{'?, unconfirmed' if model.unverified else ''})",
                CHOICE_NAME,
            ),
            value=model.code,
        )
        for model in search_models(current, AUTOCOMPLETE_CHOICES)
    ]


async def model_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return model_choices(current)


def resolve_model(code: str | None, year: int | None = None) -> TruckModel | None:
    """The model the member picked; a typed code we don't know is refused, not ignored, and a
    model line's name (hijet) is asked which of its codes, marking those built in `year`."""
    if code is None or not code.strip():
        return None
    model = find_model(code)
    if model is None and (line := line_named(code)) is not None:
        raise which_code(line, fit(code.strip(), 40), year)
    if model is None:
        # Quoted plainly: the one error path makes what a refusal quotes inert.
        raise UserError(
            f"I don't know the model code “{fit(code.strip(), 40)}”. Pick one of the "
            "suggestions, or leave `model` out."
        )
    return model


# Dates are written out ("November 30, 2026"), not sent as Discord timestamps: a timestamp is an
# instant, which each reader's zone can move to another day, and its relative form counts hours
# from that instant, not the days this answer is counted in.


def render_eligibility(result: Eligibility, elsewhere: Eligibility | None = None) -> discord.Embed:
    """The 25-year date, how it was counted, the EPA date, caveats and a dated disclaimer.

    `elsewhere`: the same answer counted from the other date the US is on, if it is on two.
    Each span is given for the members on each date, named: a reader's calendar must add up
    to the day shown, whichever US zone they read it in."""
    model = result.model
    if model is not None and result.outside_model_years:
        # The answer may be about another truck, so that comes first, not below a green verdict.
        title = f"⚠️ Check the date: {model.code} {model.built}"
        # An unverified code's title already calls its years unconfirmed; once is enough.
        headline = (
            f"Built {result.manufactured.text}, outside those years: check the model code or "
            f"the date. If the date is right:\n{_verdict(result, elsewhere)}"
        )
        colour = discord.Colour.orange()
    else:
        suffix = f" ({model.code})" if model else ""
        title = f"US 25-year import date: built {result.manufactured.text}{suffix}"
        headline = _verdict(result, elsewhere)
        colour = discord.Colour.green() if result.eligible_now else discord.Colour.orange()
    embed = discord.Embed(
        title=fit(title, EMBED_TITLE),
        description=headline + "\n\n**How the date was counted**\n" + "\n".join(result.explanation),
        colour=colour,
    )
    if result.alternative:  # the other way to count, read straight after the count
        embed.add_field(
            name="Another reading", value=fit(result.alternative, EMBED_FIELD_VALUE), inline=False
        )
    if result.model is not None:
        embed.add_field(name="Model", value=_model_text(result.model), inline=False)
    if result.warnings:
        embed.add_field(name="⚠️ Check this", value=_bullets(result.warnings), inline=False)
    embed.add_field(
        name="EPA emissions (21 years)", value=_epa_text(result, elsewhere), inline=False
    )
    embed.add_field(name="Good to know", value=_bullets(result.notes), inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def _verdict(result: Eligibility, elsewhere: Eligibility | None) -> str:
    on = us_date(result.eligible_on)
    if result.days_until == 1:
        # The day has begun for most members already, or soon will: "in 1 day" would say
        # tomorrow to those for whom it is today.
        return f"⏳ **Eligible from {on}**, {_once_begun(result.eligible_on)}"
    if result.until is not None:
        also = _elsewhere(result, elsewhere, elsewhere and elsewhere.until)
        return f"⏳ **Eligible in {result.until.text}** — on {on}{_aside(also)}"
    assert result.since is not None  # the service sets exactly one of until and since
    also = _elsewhere(result, elsewhere, elsewhere and elsewhere.since, ago=True)
    return f"✅ **Eligible now** — since {on} ({'; '.join([_ago(result.since), *also])})"


def _once_begun(day: date) -> str:
    """When `day` has begun everywhere in the US, with a countdown to that instant that is true
    for every reader: their Discord counts it from their own clock ("in 5 hours")."""
    begun = begun_everywhere_in_us(day)
    return (
        "once that day has begun everywhere in the US (midnight in American Samoa, "
        f"{begun:%H:%M} UTC), {discord.utils.format_dt(begun, 'R')}"
    )


def _ago(span: CalendarSpan) -> str:
    return f"{span.text} ago" if span.years or span.months or span.days else "today"


def _elsewhere(
    result: Eligibility,
    elsewhere: Eligibility | None,
    span: CalendarSpan | None,
    *,
    ago: bool = False,
) -> list[str]:
    """`span`, counted from the other date the US is on, for the members on it ("1 month, 5 days
    where it is still November 25, 2026"); nothing when the whole US is on one date."""
    if elsewhere is None or span is None:
        return []
    still = "still" if elsewhere.counted_from < result.counted_from else "already"
    # 0 days to go: the day has begun there, and counts once it has everywhere, later that day.
    told = _ago(span) if ago else span.text if span != NO_TIME else "later today"
    return [f"{told} where it is {still} {us_date(elsewhere.counted_from)}"]


def _aside(also: list[str]) -> str:
    return f" ({'; '.join(also)})" if also else ""


def _model_text(model: TruckModel) -> str:
    lines = [f"**{model.code}** — {model.name} ({model.years}), {model.drive}", model.note]
    if model.unverified:
        lines.append(UNVERIFIED_MODEL)
    return fit("\n".join(lines), EMBED_FIELD_VALUE)


def _epa_text(result: Eligibility, elsewhere: Eligibility | None) -> str:
    start = us_date(result.epa_from)
    if result.epa_until is None:
        return f"✅ Met: imports from {start} qualify (details below)."
    if result.epa_until == NO_TIME:
        # Begun where most members are, not yet everywhere: "in 0 days" would read as a slip.
        return f"⏳ Imports from {start} qualify, {_once_begun(result.epa_from)}."
    also = _elsewhere(result, elsewhere, elsewhere and elsewhere.epa_until)
    return f"⏳ Imports from {start} (in {'; '.join([result.epa_until.text, *also])}) qualify."


def _bullets(lines: tuple[str, ...]) -> str:
    return fit("\n".join(f"• {line}" for line in lines), EMBED_FIELD_VALUE)


class EligibilityCog(commands.Cog):
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.cooldown = ChannelCooldown(clock, "25-year answer")

    @app_commands.command(
        name="eligibility",
        description="When a kei truck reaches 25 years for US import",
        extras=READ_ONLY,
    )
    @app_commands.describe(
        manufactured="Build date: 5/12/1998, May 1998, 1998-05-12, 1998, H10.5 or 平成10年5月",
        model="Chassis code such as DA63T, to check the date against its years",
        public="Show the answer to everyone in the channel (default: only you)",
    )
    @app_commands.autocomplete(model=model_autocomplete)
    async def eligibility(
        self,
        interaction: discord.Interaction,
        manufactured: app_commands.Range[str, 1, MAX_INPUT],
        model: str | None = None,
        public: bool = False,
    ) -> None:
        built = parse_manufactured(manufactured)
        truck = resolve_model(model, built.year)
        now = self.clock.now()
        counts = [
            check_eligibility(built, us_today(now), truck, counted_from=day)
            for day in us_dates(now)
        ]

        async def send() -> bool:
            await respond(interaction, embed=render_eligibility(*counts), ephemeral=not public)
            return public

        await self.cooldown.answer(interaction.channel_id or 0, public, send)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(EligibilityCog(bot.clock))
