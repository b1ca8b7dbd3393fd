"""How importer announcements, arrivals, feed previews and feed trouble look in Discord, and
what the importer commands answer."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, date, datetime, time

import discord

from bot.alerts import AlertMatch
from bot.alerts.taken_down import Gone, ShownMatch
from bot.delivery import Channel, DirectMessage, Outgoing
from bot.feeds import FeedItem, FeedState, ParsedFeed, PollOutcome
from bot.importers import (
    Announced,
    Announcement,
    Arrival,
    ArrivalEligibility,
    Importer,
)
from bot.importers.arrivals import ELIGIBILITY
from bot.importers.profile_feeds import FeedRemoved, FeedSaved, FeedTrouble
from bot.importers.profiles import suspension_words
from bot.importers.takedowns import TakenDownNews
from bot.jobs import JobQueue
from bot.limits import EMBED_DESCRIPTION, EMBED_FIELD_VALUE, EMBED_TITLE, fit, join_within
from cogs._text import counted, echo, quoted

# Who took down an alert DM's match (None: not recorded), in its list and said whole.
TAKEN_DOWN: dict[bool | None, str] = {
    True: "*taken down by a moderator*",
    False: "*taken down by its importer*",
    None: "*taken down*",
}
TAKEN_DOWN_SAID: dict[bool | None, str] = {
    True: "that a moderator has since taken down",
    False: "that its importer has since taken down",
    None: "that has since been taken down",
}
# A DM to an importer (a suspension's, a take-down's) goes out through the outbox at once; the
# moderator's reply says how it went when that is known within a second or two (the
# interaction is deferred).
DM_WAIT_STEP, DM_WAIT_STEPS = 0.1, 25
SOURCES = {"member": "", "feed": "From their feed", "arrival": "Arrival"}
ANNOUNCEMENT_COLOUR = 0x2E7D32


def announcement_embed(announcement: Announcement) -> discord.Embed:
    """The card members see: the importer's verified name, the text, a link and a photo."""
    embed = discord.Embed(
        title=fit(echo(announcement.title), EMBED_TITLE),
        url=announcement.link,
        description=fit(echo(announcement.body), EMBED_DESCRIPTION) or None,
        colour=ANNOUNCEMENT_COLOUR,
        timestamp=announcement.created_at,
    )
    embed.set_author(name=fit(f"{announcement.importer_name} · {_standing(announcement)}", 256))
    if announcement.image_url:
        embed.set_image(url=announcement.image_url)
    if announcement.arrival is not None:
        add_arrival_fields(embed, announcement.arrival, announcement.eligibility)
    if SOURCES.get(announcement.source):
        embed.set_footer(text=SOURCES[announcement.source])
    return embed


def _standing(announcement: Announcement) -> str:
    """What the card vouches for its importer as it stands now: a removed importer's card
    stays posted but no longer vouches for it, nor does a suspended one's while it lasts."""
    if announcement.importer_id is None:
        return "former importer"
    return "suspended importer" if announcement.importer_suspended else "verified importer"


def card_length(text: str) -> int:
    """How many characters `text` takes on an announcement's card: its Markdown characters are
    escaped to show as typed, which may double it past the card's room."""
    return len(echo(text))


def add_arrival_fields(
    embed: discord.Embed, arrival: Arrival, eligibility: ArrivalEligibility | None
) -> None:
    for name, value in arrival.card_fields(eligibility, _day_shown):
        # The importer's words are shown as typed; the eligibility's date is Discord's markup.
        shown = value if name == ELIGIBILITY else fit(echo(value), EMBED_FIELD_VALUE)
        embed.add_field(name=name, value=shown, inline=True)


def _day_shown(day: date) -> str:
    """`day` in each member's own form of a date. Noon UTC is the same calendar day in every US
    zone, so the date shows as counted."""
    return discord.utils.format_dt(datetime.combine(day, time(12), UTC), "D")


def announcement_card(announcement: Announcement, channel_id: int) -> Outgoing:
    """The outbox's message for an announcement going to the announcements channel."""
    return Outgoing(Channel(channel_id), embeds=(announcement_embed(announcement).to_dict(),))


def alert_notice(matches: Sequence[AlertMatch], member_id: int) -> Outgoing:
    """The DM a member's alerts send: for one item, which alerts matched and the card itself;
    for a burst, one list of the items with the alerts each matched."""
    return alert_dm_as_now(matches, member_id)


def alert_dm_as_now(matches: Sequence[ShownMatch], member_id: int) -> Outgoing:
    """An alert DM as it reads now: an item taken down since is said to be, and by whom, and
    its card goes, since its words were its importer's to take back; a list keeps the rest."""
    up = [item for item, _ in matches if isinstance(item, Announcement)]
    source = _source(up)
    if len(matches) > 1:
        lines = [f"• {_match_line(item)} · {_queries(queries)}" for item, queries in matches]
        from_whom = f" from {source}" if up else ""
        return Outgoing(
            DirectMessage(member_id),
            content=f"Your alerts matched {len(matches)} new announcements{from_whom}:",
            embeds=(
                discord.Embed(
                    description=join_within(lines, EMBED_DESCRIPTION), colour=ANNOUNCEMENT_COLOUR
                ).to_dict(),
            ),
        )
    [(announcement, queries)] = matches
    matched = "alert" if len(queries) == 1 else "alerts"
    if isinstance(announcement, Gone):
        said = TAKEN_DOWN_SAID[announcement.by_moderator]
        return Outgoing(
            DirectMessage(member_id),
            content=f"Your {matched} {_queries(queries, last='and')} matched an announcement "
            f"{said}.",
        )
    return Outgoing(
        DirectMessage(member_id),
        content=f"Your {matched} {_queries(queries, last='and')} matched this from {source}:",
        embeds=(announcement_embed(announcement).to_dict(),),
    )


def _source(announcements: Sequence[Announcement]) -> str:
    """Whom an alert DM's announcements are from; one whose importer was removed since (or
    forgotten) is a former importer's, and one suspended no verified importer's, which the DM
    no longer vouches for."""
    importers = {(item.importer_name, item.importer_id is None) for item in announcements}
    if len(importers) == 1:
        [(name, former)] = importers
        return f"**{echo(name)}**" + (", a former importer" if former else "")
    vouched = not any(item.importer_id is None or item.importer_suspended for item in announcements)
    return "verified importers" if vouched else "importers"


def _match_line(item: Announcement | Gone) -> str:
    if isinstance(item, Gone):
        return TAKEN_DOWN[item.by_moderator]
    return _linked_title(item)


def _queries(queries: Sequence[str], *, last: str = ",") -> str:
    """`hijet`, `🛻` as code (a backtick in a query cannot close it)."""
    shown = [f"`{fit(query, 100).replace('`', 'ˋ')}`" for query in queries]
    if len(shown) == 1:
        return shown[0]
    joiner = ", " if last == "," else f" {last} "
    return f"{', '.join(shown[:-1])}{joiner}{shown[-1]}"


def _linked_title(announcement: Announcement) -> str:
    title = fit(echo(announcement.title), 120).replace("]", "\\]")
    if announcement.link is None:
        return f"**{title}**"
    return f"[{title}]({announcement.link.replace(')', '%29')})"


def feed_trouble_notice(trouble: FeedTrouble) -> str:
    name, url, error = echo(trouble.importer_name), echo(trouble.url), echo(trouble.error)
    if trouble.trouble == "gone":
        return (
            f"The feed of **{name}** (<{url}>) is gone: its server answered 410. Polling "
            f"stopped; the importer can set a new one with `/importer feed url`."
        )
    return (
        f"The feed of **{name}** (<{url}>) failed {trouble.failures} times in a row; last: "
        f"{error}. I keep trying, less and less often (at most daily), and say nothing more "
        "until it recovers."
    )


def importer_embed(
    importer: Importer,
    for_moderator: bool,
    feed: FeedState | None,
    queued: int,
    waiting_to_publish: int,
) -> discord.Embed:
    """An importer's profile; `for_moderator`, with who suspended it, when and why."""
    embed = discord.Embed(title=fit(echo(importer.name), EMBED_TITLE), url=importer.website)
    status = "trusted" if importer.trusted else "verified"
    if importer.suspended:
        status = (
            suspension_words(importer, lambda reason: fit(echo(reason), 900))
            if for_moderator
            else "suspended"
        )
    embed.add_field(name="Member", value=f"<@{importer.member_id}>")
    embed.add_field(name="Status", value=status)
    if importer.state:
        embed.add_field(name="State", value=importer.state)
    embed.add_field(name="Feed", value=fit(feed_text(feed), EMBED_FIELD_VALUE), inline=False)
    embed.add_field(name="Waiting for moderators", value=str(queued))
    embed.add_field(name="Waiting to be published", value=str(waiting_to_publish))
    return embed


def feed_text(feed: FeedState | None) -> str:
    if feed is None:
        return "none"
    lines = [f"<{echo(feed.url)}>"]
    if feed.gone:
        lines.append("Gone (410): polling stopped.")
    elif feed.next_poll_at is not None:
        lines.append(f"Next poll <t:{feed.next_poll_at}:R>.")
    if feed.failures:
        failed = counted(feed.failures, "time")
        lines.append(f"Failed {failed} in a row: {echo(feed.last_error or '')}")
    return "\n".join(lines)


def preview_embed(feed: ParsedFeed, outcome: PollOutcome, *, to_moderators: bool) -> discord.Embed:
    """What a poll would post now (or, `to_moderators`, send to the moderation queue), and why
    each other item would not be."""
    posted = [f"• {_item_line(item)}" for item in outcome.handed_on] or ["nothing"]
    held = [f"• {_item_line(item)} — {why}" for item, why in outcome.held_back]
    if feed.nameless:
        held.append(f"• {counted(feed.nameless, 'entry', 'entries')} with no title, link or id")
    description = "\n".join(
        [
            "**Would send to the moderators**" if to_moderators else "**Would post**",
            join_within(posted, 1500),
            "**Would not post**",
            join_within(held, 2000) if held else "nothing",
        ]
    )
    return discord.Embed(
        title=fit(echo(feed.title) or "Feed", EMBED_TITLE),
        description=fit(description, EMBED_DESCRIPTION),
    ).set_footer(text=f"{counted(len(feed.items) + feed.nameless, 'entry', 'entries')} in the feed")


def _item_line(item: FeedItem) -> str:
    return fit(echo(item.title), 120)


def importer_lines(importers: Sequence[Importer]) -> str:
    if not importers:
        return "No importers are registered here yet."
    lines = []
    for importer in importers:
        flags = " (suspended)" if importer.suspended else (" ✓" if importer.trusted else "")
        lines.append(f"• **{fit(echo(importer.name), 80)}**{flags} — <@{importer.member_id}>")
    return join_within(lines, EMBED_DESCRIPTION)


def announced_reply(announced: Announced) -> str:
    title = quoted(announced.announcement.title)
    if announced.queued:
        return f"Thanks! {title} waits for a moderator; you will hear if it is not approved."
    return f"{title} is on its way to the announcements channel."


def changed_reply(announcement: Announcement) -> str:
    return f"Saved: {quoted(announcement.title)} still waits for a moderator, as changed."


def withdrawn_reply(title: str) -> str:
    return (
        f"Withdrawn: {quoted(title)} will not be posted, and it left the moderation queue. "
        "To change it, announce it again."
    )


async def told_by_dm(
    jobs: JobQueue, kind: str, key: str, member_id: int, *, with_what: str = ""
) -> str:
    """What the moderator is told of the DM (job `kind`, `key`) to the member who speaks for
    an importer: the outbox sends it (once, also across a restart), and its outcome is waited
    for a moment."""
    member = f"<@{member_id}>"
    for _ in range(DM_WAIT_STEPS):
        state = await jobs.state(kind, key)
        if state == "done":
            return f"Told {member} by DM{with_what}."
        if state == "failed":
            return f"I could not DM {member} (Discord refused it); tell them another way."
        await asyncio.sleep(DM_WAIT_STEP)
    return f"A DM to {member} is on its way."


def taken_down_reply(
    announcement: Announcement, *, posted: bool, limit: int, told: str | None
) -> str:
    """What taking down a posted announcement (or one on its way) did; a moderator taking down
    another importer's is told whose it was and (`told`, from `told_by_dm`) whether its
    importer heard of it (a former importer's is not told)."""
    title = quoted(announcement.title)
    if told is not None:
        former = ", a former importer," if announcement.importer_id is None else ""
        whose = f"{title} from **{echo(announcement.importer_name)}**{former}"
        done = (
            f"Taken down by you, as a moderator: {whose} left the announcements channel and is "
            "deleted."
            if posted
            else f"Taken down by you, as a moderator (never posted): {whose} is deleted, and "
            "will not be posted."
        )
        return f"{done} {told}"
    done = (
        f"Taken down: {title} left the announcements channel and is deleted."
        if posted
        else f"Taken down (never posted): {title} is deleted, and will not be posted."
    )
    if not announcement.counts_toward_limit:  # a feed's polled items
        return done
    return (
        f"{done} It still counts toward the limit of {counted(limit, 'announcement')} in 24 hours."
    )


def takedown_question(announcement: Announcement, *, unposted: str | None) -> str:
    """What a moderator's take-down of another importer's announcement does, asked first: a
    posted one leaves the announcements channel, one not posted (`unposted`, how its post
    stands: `post_stage`) is never posted."""
    whose = f"{quoted(announcement.title)} from **{echo(announcement.importer_name)}**"
    posted = unposted is None
    if posted:
        done = "It leaves the announcements channel and is deleted"
        dms = "the alert DMs about it say a moderator took it down"
    else:
        done = f"{_UNPOSTED[unposted]}: it will not be posted, and is deleted;"
        dms = "any alert DM about it says a moderator took it down"
    if announcement.importer_member_id is None:
        return f"Take down {whose}, a former importer? {done}, and {dms}. This cannot be undone."
    return (
        f"Take down {whose}? {done}{',' if posted else ''} {dms}, and "
        f"<@{announcement.importer_member_id}> is told by DM. This cannot be undone."
    )


# An approved announcement not posted, as `post_stage` finds it, asking a moderator.
_UNPOSTED = {
    "on its way": "It is still on its way to the announcements channel",
    "held": "It is held back by the suspension, never posted",
    "failed": "Discord refused to post it",
}


def taken_down_notice(news: TakenDownNews) -> str:
    """The DM telling an importer's member that a moderator took their announcement down
    (posted, or still on its way, so never shown), and until when the same is refused."""
    until = discord.utils.format_dt(news.repeats_refused_until, "f")
    after = (
        f" The same item of your feed is not announced again until {until}."
        if not news.counts_toward_limit
        else " It still counts toward the limit of announcements in 24 hours, and the same "
        f"announcement cannot be announced again until {until}."
    )
    shown = (
        "members no longer see it in the announcements channel"
        if news.posted
        else "it will not be posted"
    )
    return (
        f"A moderator of **{echo(news.server)}** took down your announcement "
        f"{quoted(news.title)} (**{echo(news.importer_name)}**): it is deleted, "
        f"and {shown}.{after} Ask the moderators if you want to know why."
    )


def feed_saved_reply(saved: FeedSaved, url: str) -> str:
    """What the first poll of a feed just saved does, as it will happen."""
    where = (
        "is on its way to the announcements channel"
        if saved.posted
        else "waits for a moderator in the moderation queue"
    )
    if saved.repeated_title is not None:
        first = (
            f"Its newest item, {quoted(saved.repeated_title)}, was announced this week, so it "
            "is not announced again."
        )
    elif saved.day_full is not None:
        title, why = saved.day_full
        first = (
            f"Its newest item, {quoted(title)}, is not announced: {echo(why)}, and a new "
            "address's newest item counts toward that (what the feed brings later does not). "
            "It is recorded, as the older items are."
        )
    elif saved.newest_title is None:
        first = "It has no new item now."
    else:
        first = f"Its newest item, {quoted(saved.newest_title)}, {where}."
    older = (
        f" {counted(saved.older, 'older item')} {'is' if saved.older == 1 else 'are'} "
        "recorded, not posted."
        if saved.older
        else ""
    )
    if saved.read_before:  # the same feed saved again: what it held then was handled then
        one = saved.read_before == 1
        older += (
            f" {counted(saved.read_before, 'item')} {'was' if one else 'were'} read before, "
            f"and {'is' if one else 'are'} not announced again."
        )
    after = "is posted once" if saved.posted else "waits for a moderator as well"
    return (
        f"Saved. I read {quoted(saved.importer.feed_url or url)} from now on. {first}{older} "
        f"Each new item after that {after}."
    )


def feed_removed_reply(removed: FeedRemoved) -> str:
    """What an importer is told of removing their own feed."""
    return (
        f"Removed: I no longer read {quoted(removed.url)}, and nothing more comes from it. "
        "What it brought already stays: an item waiting for a moderator still waits (take one "
        "back with /importer withdraw), and a posted one stays up (/importer delete takes it "
        "down)."
    )


def feed_changed_note(importer: Importer) -> str:
    """What a moderator is told of giving an importer another feed, or removing it."""
    if importer.feed_url is not None:
        return (
            f"I read its feed {quoted(importer.feed_url)} from now on; of the items it holds "
            "now, only the newest is announced, and only within the importer's daily limit."
        )
    return (
        "Its feed is no longer read, and nothing more comes from it. What it brought already "
        "stays: an item in the moderation queue still waits for a decision, and a posted one "
        "stays up (/importer delete takes it down)."
    )


def waiting_note(waiting: int) -> str:
    """What becomes of a suspended importer's announcements that wait for a moderator."""
    one = waiting == 1
    return (
        f" {counted(waiting, 'announcement')} {'waits' if one else 'wait'} in the moderation "
        f"queue; {'it' if one else 'they'} cannot be approved until the suspension is lifted, "
        "but can be rejected."
    )


def held_note(held: int) -> str:
    """What becomes of a suspended importer's announcements still on their way out."""
    one = held == 1
    return (
        f" {counted(held, 'announcement')} not sent yet {'is' if one else 'are'} held back, "
        "and posted once the suspension is lifted."
    )


def withdrawn_note(withdrawn: int) -> str:
    """What became of a removed importer's announcements that waited for a moderator."""
    if not withdrawn:
        return ""
    one = withdrawn == 1
    return (
        f" {counted(withdrawn, 'announcement')} that waited in the moderation queue "
        f"{'leaves' if one else 'leave'} it unposted."
    )


def removal_question(name: str, waiting: int, unsent: int, member_id: int) -> str:
    """What removing an importer does, asked before it is done."""
    lost = [
        f"{counted(count, 'announcement')} {where}"
        for count, where in ((waiting, "waiting in the moderation queue"), (unsent, "not sent yet"))
        if count
    ]
    unposted = f", and {' and '.join(lost)} will never be posted" if lost else ""
    return (
        f"Remove {quoted(name)} for good? This cannot be undone: its profile and feed are "
        f"deleted{unposted}. What it posted stays, its card naming a former importer. "
        f"<@{member_id}> is told by DM. To stop it for a while instead, use "
        "`/importer-mod suspend`."
    )
