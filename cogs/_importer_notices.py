"""The DMs telling an importer's member of what the moderators did to the importer: suspended or
the suspension lifted, its feed changed, renamed or its trust changed, removed. Each says only
what is so: what was held back, what will never be posted, what stays up."""

from __future__ import annotations

from collections.abc import Sequence

from bot.importers.suspensions import FeedNews, ProfileNews, RemovalNews, SuspensionNews
from cogs._text import counted, echo, quoted

# Titles a DM names one by one; past these, it counts the rest.
NAMED_TITLES = 5


def suspension_notice(news: SuspensionNews) -> str:
    """The DM telling an importer's member of a suspension (with its reason) or its lifting,
    with what it held back: waiting for a moderator again, or on its way now."""
    name, where = echo(news.importer_name), echo(news.server)
    if not news.suspended:
        released = ""
        if news.on_the_way:
            one = news.on_the_way == 1
            released += (
                f" {counted(news.on_the_way, 'announcement')} it held back "
                f"{'is on its' if one else 'are on their'} way."
            )
        if news.waiting:
            one = news.waiting == 1
            released += (
                f" {counted(news.waiting, 'announcement')} {'waits' if one else 'wait'} for a "
                "moderator again."
            )
        return (
            f"The suspension of **{name}** in **{where}** was lifted: you can announce again."
            f"{released}"
        )
    return (
        f"**{name}** is suspended in **{where}** by its moderators: "
        f"{echo(news.reason or 'no reason was given')}\n"
        "While it lasts you cannot announce, your feed is not read, and what was not sent yet "
        "is held back. You can still take back what waits for moderators with /importer "
        "withdraw, and take down what is held back with /importer delete; what is posted "
        "stays up while the moderators look at it. A moderator can lift the suspension."
    )


def feed_news_notice(news: FeedNews) -> str:
    """The DM telling an importer's member of a moderator's change to its feed, and of what
    else the same edit changed."""
    also = ""
    if news.also is not None:
        also = f" The same moderator changed {_profile_changes(news.also)}."
    return _feed_change(news) + also


def _feed_change(news: FeedNews) -> str:
    name, where = echo(news.importer_name), echo(news.server)
    if news.feed_url is None:
        return (
            f"A moderator of **{where}** removed the feed of **{name}** "
            f"({quoted(news.old_feed_url or '')}): it is no longer read, and nothing more comes "
            "from it. What it brought already stays: an item waiting for a moderator still "
            "waits, and a posted one stays up. Ask a moderator if you think this is a mistake."
        )
    return (
        f"A moderator of **{where}** set the feed of **{name}** to {quoted(news.feed_url)}: it "
        "is read from now on, and of the items it holds now only the newest is announced. What "
        "it brought already stays."
    )


def profile_news_notice(news: ProfileNews) -> str:
    """The DM telling an importer's member of a new name, or of trust given or taken away."""
    return (
        f"A moderator of **{echo(news.server)}** changed {_profile_changes(news)}. Ask a "
        "moderator if you think this is a mistake."
    )


def _profile_changes(news: ProfileNews) -> str:
    """`**Kei Imports**: it is now named **Kei West**; …`."""
    changes = []
    if news.new_name is not None:
        changes.append(f"it is now named **{echo(news.new_name)}**, on its posted cards too")
    if news.trusted is True:
        changes.append(
            "its announcements and feed items are now posted without review (what waits for "
            "a moderator already still does)"
        )
    elif news.trusted is False:
        changes.append(
            "its announcements and feed items now wait for a moderator before they are posted"
        )
    return f"**{echo(news.importer_name)}**: {'; '.join(changes)}"


def removal_notice(news: RemovalNews) -> str:
    """The DM telling a removed importer's member what went, what will never be posted, and
    what stays up."""
    lost = ""
    if news.waited:
        lost += f", and {_titles(news.waited)}, which waited for a moderator, will not be posted"
    lost += "."
    if news.on_the_way:
        one = len(news.on_the_way) == 1
        lost += (
            f" {_titles(news.on_the_way)}, {'which was' if one else 'which were'} not posted "
            f"yet, will not be posted{' either' if news.waited else ''}."
        )
    if news.kept:
        one = news.kept == 1
        lost += (
            f" Your {counted(news.kept, 'posted announcement')} "
            f"{'stays up, its card' if one else 'stay up, their cards'} naming a former importer."
        )
    return (
        f"**{echo(news.importer_name)}** was removed from **{echo(news.server)}** by its "
        f"moderators: your importer profile and feed are gone{lost} Ask the moderators if you "
        "want to know why."
    )


def _titles(titles: Sequence[str]) -> str:
    """`“A”`, `“A” and “B”`, `“A”, “B”, … and 3 more`: the first few quoted, the rest counted."""
    named = [quoted(title) for title in titles[:NAMED_TITLES]]
    if len(titles) > NAMED_TITLES:
        named.append(f"{len(titles) - NAMED_TITLES} more")
    if len(named) == 1:
        return named[0]
    return f"{', '.join(named[:-1])} and {named[-1]}"
