"""Pages of builds (/build list, /garage), of a build's parts and of its photos, and the buttons
that turn them (their meaning in custom_id, so they work after restarts)."""

from __future__ import annotations

import re
from typing import Any, ClassVar, Self

import discord

from bot.builds import COUNT_UP_TO, Build, BuildFilter, Ledger, Part, dollars_text
from bot.client import guarded, in_time, respond, stateless_view
from bot.limits import EMBED_TITLE, fit, join_within
from cogs._build_gone import shown_build
from cogs._text import counted, echo
from cogs.builds_views import LINE_PART_NAME, build_line, echo_within, service_of
from cogs.checks import guild_id_of

LIST_PAGE = 10  # builds per page of /build list and /garage (one embed each in /garage)
PARTS_PAGE = 20
# An empty list says how to fill it, unless it is filtered, or another member's garage.
START_ONE = "start one with `/build start`"
NO_BUILDS = f"No builds yet: {START_ONE}."
NO_MATCH = "No builds match."


def page_count(total: int, per_page: int) -> int:
    return max((min(total, COUNT_UP_TO) + per_page - 1) // per_page, 1)


def builds_counted(total: int) -> str:
    """`12 builds`, or `500+ builds` past what a list counts."""
    return f"{COUNT_UP_TO}+ builds" if total > COUNT_UP_TO else counted(total, "build")


def render_list(
    builds: list[Build], total: int, page: int, heading: str, *, filtered: bool
) -> discord.Embed:
    """A page of builds; none at all says how to start one, or, `filtered`, that none match
    (without a page count of nothing)."""
    if not total:
        return discord.Embed(title=heading, description=NO_BUILDS if not filtered else NO_MATCH)
    pages = page_count(total, LIST_PAGE)
    lines = [build_line(build) for build in builds] or [NO_MATCH]
    embed = discord.Embed(title=heading, description=join_within(lines, 4000))
    embed.set_footer(text=f"Page {page + 1} of {pages} · {builds_counted(total)}")
    return embed


def parts_pages(ledger: Ledger) -> int:
    return max((ledger.part_count + PARTS_PAGE - 1) // PARTS_PAGE, 1)


def render_parts(
    build: Build, parts: list[Part], ledger: Ledger, page: int, spent_cents: int
) -> discord.Embed:
    """A page of the ledger, its totals by category, and what the card's Spent adds to them
    (the costs given with updates), so the two figures never disagree unexplained."""
    pages = parts_pages(ledger)
    lines = [
        f"`{part.id}` {echo_within(part.name, LINE_PART_NAME)} — {part.category} — "
        f"{dollars_text(part.cost_cents)}"
        for part in parts
    ] or ["No parts yet. Add one with `/build part add`."]
    embed = discord.Embed(
        title=fit(f"Parts of #{build.id} · {echo(build.title)}", EMBED_TITLE),
        description=join_within(lines, 4000),
    )
    for category, count, cents in ledger.by_category:
        embed.add_field(name=category, value=f"{dollars_text(cents)} ({counted(count, 'part')})")
    embed.add_field(name="Total", value=dollars_text(ledger.total_cents), inline=False)
    if spent_cents != ledger.total_cents:
        updates = dollars_text(spent_cents - ledger.total_cents)
        spent = f"{dollars_text(spent_cents)} (updates: {updates})"
        embed.add_field(name="Spent, with updates' costs", value=spent, inline=False)
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
    embed = render_list(builds, total, page, "Builds", filtered=where != BuildFilter())
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
    if not builds and owner_id == interaction.user.id:
        header = f"You have no builds yet: {START_ONE}."
    elif not builds:
        header = f"<@{owner_id}> has no builds yet."
    view = pager(GaragePageButton, page, pages, owner_id)
    await show_page(interaction, view, edit=edit, content=header, embeds=embeds)


# -- pages of one build: its parts, its photos ---------------------------------------------


def _build_page(kind: str, page: str) -> str:
    return rf"build:{kind}:(?P<build>\d{{1,18}}):(?P<page>{page}):(?P<way>Previous|Next)"


class BuildPageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    # The shape of every kind's custom_id; discord.py matches a click against the template of
    # each registered class, so each kind is a subclass (with its own template), never this.
    template=_build_page("[a-z]+", r"\d{1,5}"),
):
    """Turns a page about one build: a subclass names its `kind` (and how many digits its pages
    take) and draws its page."""

    kind: ClassVar[str]

    def __init_subclass__(cls, *, kind: str, page_digits: int) -> None:
        super().__init_subclass__(template=_build_page(kind, rf"\d{{1,{page_digits}}}"))
        cls.kind = kind

    def __init__(self, build_id: int, page: int, way: str) -> None:
        custom_id = f"build:{self.kind}:{build_id}:{page}:{way}"
        super().__init__(discord.ui.Button(label=way, custom_id=custom_id))
        self.build_id, self.page = build_id, page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str]
    ) -> Self:
        return cls(int(match["build"]), int(match["page"]), match["way"])

    async def callback(self, interaction: discord.Interaction) -> None:
        async def turn() -> None:
            await self.draw(interaction, await shown_build(interaction, self.build_id), self.page)

        await guarded(interaction, turn())

    async def draw(self, interaction: discord.Interaction, build: Build, page: int) -> None:
        raise NotImplementedError


# -- /build part list ---------------------------------------------------------------------------


class PartsPageButton(BuildPageButton, kind="parts", page_digits=4):
    async def draw(self, interaction: discord.Interaction, build: Build, page: int) -> None:
        await show_parts(interaction, build, page, edit=True)


async def show_parts(
    interaction: discord.Interaction, build: Build, page: int, *, edit: bool = False
) -> None:
    service = service_of(interaction)
    ledger = await service.ledger(build)
    parts = await service.parts(build, page * PARTS_PAGE, PARTS_PAGE)
    pages = parts_pages(ledger)
    spent = (await service.totals(build)).total_cents
    embed = render_parts(build, parts, ledger, page, spent)
    view = pager(PartsPageButton, page, pages, build.id)
    await show_page(interaction, view, edit=edit, embed=embed)


# -- /build gallery -----------------------------------------------------------------------------


class GalleryButton(BuildPageButton, kind="gallery", page_digits=5):
    async def draw(self, interaction: discord.Interaction, build: Build, page: int) -> None:
        await show_gallery(interaction, build, page, edit=True)


async def show_gallery(
    interaction: discord.Interaction, build: Build, index: int, *, edit: bool = False
) -> None:
    update, count = await service_of(interaction).photos(build, index)
    if update is None:
        await respond(interaction, f"Build #{build.id} has no photos yet.")
        return
    embed = discord.Embed(
        title=fit(f"#{build.id} · {echo(build.title)}", EMBED_TITLE),
        description=fit(echo(update.text), 1000),
        timestamp=update.created_at,
    )
    embed.set_image(url=update.photo_url)
    embed.set_footer(text=f"Photo {index + 1} of {count}")
    view = pager(GalleryButton, index, count, build.id)
    await show_page(interaction, view, edit=edit, embed=embed)
