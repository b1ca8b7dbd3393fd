"""`/eligibility`: when a kei truck turns 25 for the US import exemption, as Discord timestamps."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import KeitoraBot, respond
from bot.clock import Clock
from bot.eligibility import (
    MAX_INPUT,
    Eligibility,
    check_eligibility,
    parse_manufactured,
    us_today,
)
from bot.errors import UserError
from bot.limits import AUTOCOMPLETE_CHOICES, CHOICE_NAME, EMBED_FIELD_VALUE, fit
from bot.models import TruckModel, find_model, search_models
from cogs._text import echo
from cogs.checks import READ_ONLY

# When the import and registration facts in bot/eligibility.py were last checked; update it
# together with them. Members are told, because these rules change.
FACTS_AS_OF = "2026-07"
DISCLAIMER = (
    f"Import and registration rules change; this is not legal advice. Facts as of {FACTS_AS_OF}."
)
UNVERIFIED_MODEL = "⚠️ This code or its years are unconfirmed: check them against your papers."


def model_choices(current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete for `model`: "DA63T — Suzuki Carry (2002–2013)", the code as the value."""
    return [
        app_commands.Choice(
            name=fit(f"{model.code} — {model.name} ({model.years})", CHOICE_NAME),
            value=model.code,
        )
        for model in search_models(current, AUTOCOMPLETE_CHOICES)
    ]


async def model_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    return model_choices(current)


def resolve_model(code: str | None) -> TruckModel | None:
    """The model the member picked; a typed code we don't know is refused, not ignored."""
    if code is None or not code.strip():
        return None
    model = find_model(code)
    if model is None:
        raise UserError(
            f"I don't know the model code “{echo(fit(code.strip(), 40))}”. Pick one of the "
            "suggestions, or leave `model` out."
        )
    return model


def day_timestamp(day: date, style: discord.utils.TimestampStyle) -> str:
    """A calendar date as a Discord timestamp that shows that same date to every reader."""
    # Discord renders an instant in each reader's zone. Noon UTC is the same calendar day from
    # UTC−11 to UTC+11, which covers every US state and territory; midnight would show the
    # day before to everyone in the Americas.
    return discord.utils.format_dt(datetime.combine(day, time(12), tzinfo=UTC), style)


def render_eligibility(result: Eligibility) -> discord.Embed:
    """The 25-year date, how it was counted, the EPA date, caveats and a dated disclaimer."""
    built = result.manufactured.text
    suffix = f" ({result.model.code})" if result.model else ""
    embed = discord.Embed(
        title=f"US 25-year import date: built {built}{suffix}",
        description=_headline(result)
        + "\n\n**How the date was counted**\n"
        + "\n".join(result.explanation),
        colour=discord.Colour.green() if result.eligible_now else discord.Colour.orange(),
    )
    if result.model is not None:
        embed.add_field(name="Model", value=_model_text(result.model), inline=False)
    if result.warnings:
        embed.add_field(name="⚠️ Check this", value=_bullets(result.warnings), inline=False)
    if result.alternative:
        embed.add_field(
            name="Another reading", value=fit(result.alternative, EMBED_FIELD_VALUE), inline=False
        )
    embed.add_field(name="EPA emissions (21 years)", value=_epa_text(result), inline=False)
    embed.add_field(name="Good to know", value=_bullets(result.notes), inline=False)
    embed.set_footer(text=DISCLAIMER)
    return embed


def _headline(result: Eligibility) -> str:
    on = f"{day_timestamp(result.eligible_on, 'D')} ({day_timestamp(result.eligible_on, 'R')})"
    if result.eligible_now or result.until is None:
        return f"✅ **Eligible now** — since {on}"
    return f"⏳ **Eligible in {result.until.text}** — on {on}"


def _model_text(model: TruckModel) -> str:
    lines = [f"**{model.code}** — {model.name} ({model.years}), {model.drive}", model.note]
    if model.unverified:
        lines.append(UNVERIFIED_MODEL)
    return fit("\n".join(lines), EMBED_FIELD_VALUE)


def _epa_text(result: Eligibility) -> str:
    start = day_timestamp(result.epa_from, "D")
    if result.epa_eligible_now:
        return f"✅ Met: imports from {start} qualify (details below)."
    return f"⏳ Imports from {start} ({day_timestamp(result.epa_from, 'R')}) qualify."


def _bullets(lines: tuple[str, ...]) -> str:
    return fit("\n".join(f"• {line}" for line in lines), EMBED_FIELD_VALUE)


class EligibilityCog(commands.Cog):
    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    @app_commands.command(
        name="eligibility",
        description="When a kei truck reaches 25 years for US import",
        extras=READ_ONLY,
    )
    @app_commands.describe(
        manufactured="Build date: 1998-05-12, 1998-05, 1998, H10.5 or 平成10年5月",
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
        truck = resolve_model(model)
        result = check_eligibility(built, us_today(self.clock.now()), truck)
        await respond(interaction, embed=render_eligibility(result), ephemeral=not public)


async def setup(bot: KeitoraBot) -> None:
    await bot.add_cog(EligibilityCog(bot.clock))
