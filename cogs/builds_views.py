"""How builds look in Discord: the card, update posts, pages of builds, parts and photos, and
the buttons that turn those pages (their meaning in custom_id, so they work after restarts)."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Any

import discord
from discord import app_commands

from bot.builds import (
    COUNT_UP_TO,
    TAGS,
    Build,
    BuildFilter,
    BuildService,
    BuildUpdate,
    Ledger,
    LockNews,
    Part,
    Totals,
    dollars_text,
    kilometres,
)
from bot.client import KeitoraBot, guarded, in_time, respond, stateless_view
from bot.limits import (
    AUTOCOMPLETE_CHOICES,
    CHOICE_NAME,
    EMBED_DESCRIPTION,
    EMBED_FIELD_VALUE,
    EMBED_TITLE,
    fit,
    join_within,
)
from cogs._text import counted, echo, member_mention, quoted
from cogs.checks import guild_id_of

log = logging.getLogger(__name__)

LIST_PAGE = 10  # builds per page of /build list and /garage (one embed each in /garage)
PARTS_PAGE = 20
SPEC_LABELS = (
    ("year", "Year"),
    ("make", "Make"),
    ("model", "Model"),
    ("model_code", "Model code"),
    ("drive", "Drive"),
    ("diff_lock", "Diff lock"),
    ("hi_lo", "Hi-lo"),
    ("lift", "Lift"),
    ("tyres", "Tyres"),
    ("engine", "Engine"),
    ("import_route", "Import route"),
    ("state", "State"),
    ("plate_status", "Plates"),
)
FEATURED_COLOUR = discord.Colour.gold()
OPEN_COLOUR = discord.Colour.dark_teal()
CLOSED_COLOUR = discord.Colour.light_grey()


def service_of(interaction: discord.Interaction) -> BuildService:
    bot: KeitoraBot = interaction.client  # type: ignore[assignment]
    return bot.services.builds


def build_name(build: Build) -> str:
    """`#12 Camper Carry`, as plain text (autocomplete choices, thread names)."""
    return f"#{build.id} {build.title}"


def lock_notice(news: LockNews) -> str:
    """The DM telling a build's owner that a moderator locked or unlocked it."""
    build = f"your build {quoted(news.title)} (#{news.build_id})"
    if not news.locked:
        then = (
            "It is still closed; `/build reopen` opens it for updates again."
            if news.closed
            else "You can post updates to it again."
        )
        return f"A moderator unlocked {build}. {then}"
    reason = f" The reason given: “{echo(news.reason)}”." if news.reason else ""
    return (
        f"A moderator locked {build}.{reason} It can still be seen, but nobody can post "
        "updates to it or change it until a moderator unlocks it."
    )


def started_text(build: Build) -> str:
    """What the member who started `build` is told: where it is, how the truck was read, and
    what to do next."""
    read = ", ".join(
        f"{label} {value}"
        for label, value in (
            ("year", build.spec.year),
            ("make", build.spec.make),
            ("model", build.spec.model),
            ("code", build.spec.model_code),
        )
        if value is not None
    )
    understood = f" I read the truck as {read}." if read else ""
    return (
        f"Build #{build.id} started in <#{build.thread_id}>.{understood} "
        "Add the spec with `/build spec`, then post updates with `/build update`."
    )


def status_text(build: Build) -> str:
    if build.locked:
        reason = f": {echo(build.lock_reason)}" if build.lock_reason else ""
        return f"🔒 Locked by a moderator{reason}"
    if build.closed:
        return "Closed"
    return "Open"


def spec_value(value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return echo(str(value))


def render_card(build: Build, totals: Totals, now: datetime) -> discord.Embed:
    """The build's starter card: truck, spec, tags and running figures."""
    star = "★ " if build.featured else ""
    embed = discord.Embed(
        title=fit(f"{star}#{build.id} · {build.title}", EMBED_TITLE),
        description=f"**{echo(build.truck)}** — by {member_mention(build.owner_id)}",
        colour=FEATURED_COLOUR if build.featured else OPEN_COLOUR if build.open else CLOSED_COLOUR,
    )
    for name, label in SPEC_LABELS:
        value = getattr(build.spec, name)
        if value is not None:
            embed.add_field(name=label, value=fit(spec_value(value), EMBED_FIELD_VALUE))
    embed.add_field(name="Tags", value=", ".join(build.tags) or "none")
    embed.add_field(name="Spent", value=dollars_text(totals.total_cents))
    embed.add_field(name="Updates", value=str(totals.update_count))
    days = max((now - build.created_at).days, 0)
    embed.add_field(name="Days since start", value=str(days))
    if totals.last_odometer is not None:
        embed.add_field(name="Odometer", value=odometer_text(totals.last_odometer))
    if totals.photo_count:
        embed.add_field(name="Photos", value=f"{totals.photo_count:,} · `/build gallery`")
    embed.add_field(name="Status", value=status_text(build) + (" · Featured" if star else ""))
    if totals.first_photo_url:
        embed.set_thumbnail(url=totals.first_photo_url)
    embed.set_footer(text=f"Build #{build.id}")
    return embed


def odometer_text(miles: int) -> str:
    return f"{miles:,} mi ({kilometres(miles):,} km)"


def render_update(build: Build, update: BuildUpdate, image: str | None) -> discord.Embed:
    """An update as posted in the build's thread, with its photo at `image`."""
    embed = discord.Embed(
        title=fit(f"Update on #{build.id} · {build.title}", EMBED_TITLE),
        # Escaping can double the text (`_` → `\_`); the update itself keeps every character.
        description=fit(echo(update.text), EMBED_DESCRIPTION),
        colour=OPEN_COLOUR,
        timestamp=update.created_at,
    )
    embed.add_field(name="By", value=member_mention(update.author_id))
    if update.cost_cents is not None:
        embed.add_field(name="Cost", value=dollars_text(update.cost_cents))
    if update.odometer_miles is not None:
        embed.add_field(name="Odometer", value=odometer_text(update.odometer_miles))
    if image is not None:
        embed.set_image(url=image)
    return embed


def update_choice(update: BuildUpdate) -> app_commands.Choice[str]:
    """An update as the list to pick one shows it: `2026-12-04 · New tyres · $300.00 · photo`."""
    cost = f" · {dollars_text(update.cost_cents)}" if update.cost_cents is not None else ""
    photo = " · photo" if update.photo is not None else ""
    text = " ".join(update.text.split())
    name = f"{update.created_at:%Y-%m-%d} · {fit(text, 50)}{cost}{photo}"
    return app_commands.Choice(name=fit(name, CHOICE_NAME), value=str(update.id))


def photo_filename(update: BuildUpdate) -> str:
    """A safe name for the re-uploaded photo: Discord's attachment:// needs plain characters."""
    assert update.photo is not None
    extension = update.photo.content_type.rsplit("/", 1)[-1].replace("jpeg", "jpg")
    return f"build-update-{update.id}.{extension}"


def build_line(build: Build) -> str:
    tags = f" · {', '.join(build.tags)}" if build.tags else ""
    where = f" · <#{build.thread_id}>" if build.thread_id and not build.thread_deleted else ""
    state = "" if build.open else f" · {'locked' if build.locked else 'closed'}"
    who = f"by {member_mention(build.owner_id)}"
    return f"**#{build.id}** {echo(build.title)} — {echo(build.truck)} {who}{tags}{state}{where}"


def page_count(total: int, per_page: int) -> int:
    return max((min(total, COUNT_UP_TO) + per_page - 1) // per_page, 1)


def builds_counted(total: int) -> str:
    """`12 builds`, or `500+ builds` past what a list counts."""
    return f"{COUNT_UP_TO}+ builds" if total > COUNT_UP_TO else counted(total, "build")


def render_list(builds: list[Build], total: int, page: int, heading: str) -> discord.Embed:
    pages = page_count(total, LIST_PAGE)
    lines = [build_line(build) for build in builds] or ["No builds match."]
    embed = discord.Embed(title=heading, description=join_within(lines, 4000))
    embed.set_footer(text=f"Page {page + 1} of {pages} · {builds_counted(total)}")
    return embed


def parts_pages(ledger: Ledger) -> int:
    return max((ledger.part_count + PARTS_PAGE - 1) // PARTS_PAGE, 1)


def render_parts(build: Build, parts: list[Part], ledger: Ledger, page: int) -> discord.Embed:
    pages = parts_pages(ledger)
    lines = [
        f"`{part.id}` {echo(part.name)} — {part.category} — {dollars_text(part.cost_cents)}"
        for part in parts
    ] or ["No parts yet. Add one with `/build part add`."]
    embed = discord.Embed(
        title=fit(f"Parts of #{build.id} · {build.title}", EMBED_TITLE),
        description=join_within(lines, 4000),
    )
    for category, count, cents in ledger.by_category:
        embed.add_field(name=category, value=f"{dollars_text(cents)} ({counted(count, 'part')})")
    embed.add_field(name="Total", value=dollars_text(ledger.total_cents), inline=False)
    embed.set_footer(text=f"Page {page + 1} of {pages} · {counted(ledger.part_count, 'part')}")
    return embed


def pager(
    kind: type[discord.ui.DynamicItem[Any]], page: int, pages: int, *args: Any
) -> discord.ui.View | None:
    """Previous / Next buttons, or none for a single page."""
    if pages <= 1:
        return None
    previous = [kind(*args, page - 1, "Previous")] if page > 0 else []
    following = [kind(*args, page + 1, "Next")] if page + 1 < pages else []
    return stateless_view(previous + following)


# -- /build list --------------------------------------------------------------------------------


def _field(text: str) -> str | None:
    return text or None


class ListPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=(
        r"build:list:(?P<page>\d{1,4}):(?P<tag>[a-z-]{0,20}):(?P<owner>\d{0,19}):"
        r"(?P<make>[A-Za-z]{0,20}):(?P<code>[A-Z0-9]{0,12}):(?P<drive>(?:2WD|4WD)?):"
        r"(?P<state>[A-Z]{0,2}):(?P<way>Previous|Next)"
    ),
):
    """Turns a page of /build list, with its filters in the custom_id."""

    def __init__(self, where: BuildFilter, page: int, way: str) -> None:
        parts = [
            str(page),
            where.tag or "",
            str(where.owner_id or ""),
            where.make or "",
            where.model_code or "",
            where.drive or "",
            where.state or "",
            way,
        ]
        super().__init__(discord.ui.Button(label=way, custom_id="build:list:" + ":".join(parts)))
        self.where, self.page = where, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> ListPageButton:
        where = BuildFilter(
            tag=_field(match["tag"]),
            owner_id=int(match["owner"]) if match["owner"] else None,
            make=_field(match["make"]),
            model_code=_field(match["code"]),
            drive=_field(match["drive"]),
            state=_field(match["state"]),
        )
        return cls(where, int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, show_list(interaction, self.where, self.page, edit=True))


async def show_page(
    interaction: discord.Interaction, view: discord.ui.View | None, *, edit: bool, **page: Any
) -> None:
    """One page of a paged answer: a first page is a new answer; a page turn replaces the
    message clicked, also when the turn had to be deferred."""
    if not edit:
        await respond(interaction, **page, **({"view": view} if view else {}))
    elif interaction.response.is_done():
        await interaction.edit_original_response(view=view, **page)
    else:
        await interaction.response.edit_message(view=view, **page)


async def show_list(
    interaction: discord.Interaction, where: BuildFilter, page: int, *, edit: bool = False
) -> None:
    builds, total = await in_time(
        interaction,
        service_of(interaction).search(
            guild_id_of(interaction), where, page * LIST_PAGE, LIST_PAGE
        ),
        editing=edit,
    )
    pages = page_count(total, LIST_PAGE)
    embed = render_list(builds, total, page, "Builds")
    view = pager(ListPageButton, page, pages, where)
    await show_page(interaction, view, edit=edit, embed=embed)


# -- /garage ------------------------------------------------------------------------------------


class GaragePageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"build:garage:(?P<owner>\d{1,19}):(?P<page>\d{1,4}):(?P<way>Previous|Next)",
):
    def __init__(self, owner_id: int, page: int, way: str) -> None:
        super().__init__(
            discord.ui.Button(label=way, custom_id=f"build:garage:{owner_id}:{page}:{way}")
        )
        self.owner_id, self.page = owner_id, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> GaragePageButton:
        return cls(int(match["owner"]), int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        await guarded(interaction, show_garage(interaction, self.owner_id, self.page, edit=True))


async def show_garage(
    interaction: discord.Interaction, owner_id: int, page: int, *, edit: bool = False
) -> None:
    """A member's builds, newest first, each with its first photo."""
    service = service_of(interaction)
    where = BuildFilter(owner_id=owner_id)
    builds, total = await service.search(
        guild_id_of(interaction), where, page * LIST_PAGE, LIST_PAGE
    )
    pages = page_count(total, LIST_PAGE)
    photos = await service.first_photos(builds)
    embeds = []
    for build in builds:
        embed = discord.Embed(description=build_line(build))
        if build.id in photos:
            embed.set_thumbnail(url=photos[build.id])
        embeds.append(embed)
    header = f"<@{owner_id}>'s garage: {builds_counted(total)} (page {page + 1} of {pages})"
    if not builds:
        header = f"<@{owner_id}> has no builds yet."
    view = pager(GaragePageButton, page, pages, owner_id)
    await show_page(interaction, view, edit=edit, content=header, embeds=embeds)


# -- /build part list ---------------------------------------------------------------------------


class PartsPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"build:parts:(?P<build>\d{1,18}):(?P<page>\d{1,4}):(?P<way>Previous|Next)",
):
    def __init__(self, build_id: int, page: int, way: str) -> None:
        super().__init__(
            discord.ui.Button(label=way, custom_id=f"build:parts:{build_id}:{page}:{way}")
        )
        self.build_id, self.page = build_id, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> PartsPageButton:
        return cls(int(match["build"]), int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def turn() -> None:
            build = await service_of(interaction).get(guild_id_of(interaction), self.build_id)
            await show_parts(interaction, build, self.page, edit=True)

        await guarded(interaction, turn())


async def show_parts(
    interaction: discord.Interaction, build: Build, page: int, *, edit: bool = False
) -> None:
    service = service_of(interaction)
    ledger = await service.ledger(build)
    parts = await service.parts(build, page * PARTS_PAGE, PARTS_PAGE)
    pages = parts_pages(ledger)
    embed = render_parts(build, parts, ledger, page)
    view = pager(PartsPageButton, page, pages, build.id)
    await show_page(interaction, view, edit=edit, embed=embed)


# -- /build gallery -----------------------------------------------------------------------------


class GalleryButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=r"build:gallery:(?P<build>\d{1,18}):(?P<page>\d{1,5}):(?P<way>Previous|Next)",
):
    def __init__(self, build_id: int, page: int, way: str) -> None:
        super().__init__(
            discord.ui.Button(label=way, custom_id=f"build:gallery:{build_id}:{page}:{way}")
        )
        self.build_id, self.page = build_id, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> GalleryButton:
        return cls(int(match["build"]), int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def turn() -> None:
            build = await service_of(interaction).get(guild_id_of(interaction), self.build_id)
            await show_gallery(interaction, build, self.page, edit=True)

        await guarded(interaction, turn())


async def show_gallery(
    interaction: discord.Interaction, build: Build, index: int, *, edit: bool = False
) -> None:
    update, count = await service_of(interaction).photos(build, index)
    if update is None:
        await respond(interaction, f"Build #{build.id} has no photos yet.")
        return
    embed = discord.Embed(
        title=fit(f"#{build.id} · {build.title}", EMBED_TITLE),
        description=fit(echo(update.text), 1000),
        timestamp=update.created_at,
    )
    embed.set_image(url=update.photo_url)
    embed.set_footer(text=f"Photo {index + 1} of {count}")
    view = pager(GalleryButton, index, count, build.id)
    await show_page(interaction, view, edit=edit, embed=embed)


# -- autocomplete and options -----------------------------------------------------------------


async def build_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Builds of the server whose title or truck holds what was typed, newest first."""
    try:
        found = await service_of(interaction).suggest(
            guild_id_of(interaction), current, AUTOCOMPLETE_CHOICES
        )
        return [
            app_commands.Choice(
                name=fit(f"{build_name(b)} — {b.truck}", CHOICE_NAME), value=str(b.id)
            )
            for b in found
        ]
    except Exception:
        log.warning("build autocomplete failed for %r", current[:100], exc_info=True)
        return []


async def tags_autocomplete(
    interaction: discord.Interaction, current: str
) -> list[app_commands.Choice[str]]:
    """Completes the last of the comma-separated tags typed so far."""
    done, _, last = current.rpartition(",")
    chosen = [t.strip() for t in done.split(",") if t.strip()]
    prefix = ", ".join(chosen) + (", " if chosen else "")
    return [
        app_commands.Choice(name=fit(prefix + tag, CHOICE_NAME), value=fit(prefix + tag, 100))
        for tag in TAGS
        if tag.startswith(last.strip().casefold()) and tag not in chosen
    ][:AUTOCOMPLETE_CHOICES]
