"""What the organizer reads of `/meetup edit`: what changed, and for a series, one date moved
or every date re-timed."""

from __future__ import annotations

from dataclasses import dataclass

import discord

from bot.limits import listed
from bot.meetups import Changed, Edited, Meetup
from cogs._text import counted, quoted
from cogs.meetups_views import promoted_text, read_as, told_text


@dataclass(frozen=True)
class EditAsked:
    """Which of `/meetup edit`'s options the organizer gave, as its reply tells them."""

    description: bool  # a new description (one cleared is said apart)
    limits: bool  # a capacity of people or trucks
    duration: bool
    time: bool  # `when`
    new_title: str | None = None  # as stored, when a title was given


def edit_reply(before: Meetup, edited: Edited, asked: EditAsked) -> list[str]:
    """What the organizer is told of `/meetup edit`: what changed, how a new time was read,
    and who is told."""
    changed = edited.changed
    series = before.rrule is not None
    lengthened = changed is not None and changed.meetup.duration != before.duration
    relocated = changed is not None and changed.meetup.location != before.location
    details = edited.details
    typed = (details.capacity, details.truck_capacity)
    # 0 lifts a limit, and `none` clears a detail: said as gone, since "changed" reads as a
    # new value.
    lifted = [what for what, limit in zip(("people", "trucks"), typed, strict=True) if limit == 0]
    gone = [f"no limit on {' or '.join(lifted)}"] if lifted else []
    cleared = (("no region", details.region), ("no signup cutoff", details.cutoff))
    gone += [name for name, value in cleared if value == ""]
    done = [
        name
        for name, did in (
            ("the description", asked.description),
            ("the region", bool(details.region)),
            ("the signup cutoff", bool(details.cutoff)),
            ("the place", relocated),
            (_new_capacity(typed), asked.limits and any(typed)),  # a new number, not only a 0
            # Given as duration, or as a range typed in when.
            ("the length", asked.duration or lengthened),
            ("the time", asked.time and not series),  # a series' new times are told below
        )
        if did
    ]
    title = quoted(asked.new_title or before.title)  # as it is called now
    said = []
    if asked.new_title not in (None, before.title):
        said.append(f"Renamed {quoted(before.title)} to {title}.")
    if done:
        said.append(f"Changed {listed(done)} of {title}.")
    if details.description == "":
        said.append(f"Removed the description of {title}.")
    if gone:
        said.append(f"{title} has {listed(gone)} now.")
    if asked.new_title == before.title:
        # Given again only to rename a thread left behind (else refused as no change).
        said.append(f"{quoted(before.title)} has that title already; its thread is renamed to it.")
    if changed is not None:
        if changed.series is not None:
            said.append(series_retimed_text(changed))
        elif series and changed.moved_from is not None:
            said.append(series_move_text(changed))
        if changed.when is not None:
            said += [read_as(changed.when), *changed.when.notes]
        said.append(told_text(len(changed.told), len(changed.declined), len(changed.unmoved)))
    if edited.promoted:
        said.append(promoted_text(len(edited.promoted)))
    return said


def _new_capacity(typed: tuple[int | None, int | None]) -> str:
    """A capacity changed, with what it is now: `the capacity (now 5 people and 2 trucks)`."""
    people, trucks = typed
    now = ([counted(people, "person", "people")] if people else []) + (
        [counted(trucks, "truck")] if trucks else []
    )
    return f"the capacity (now {' and '.join(now)})" if now else "the capacity"


def series_move_text(moved: Changed) -> str:
    """What a move of one date of a series did: that date only, from when to when, naming the
    series by its title after the edit (which may have renamed it)."""
    occurrence = moved.occurrences[0]  # the moved date comes first, before any given a new place
    before = moved.moved_from or occurrence.original_start
    return (
        f"Moved the {discord.utils.format_dt(before, 'F')} date of {quoted(moved.meetup.title)} to "
        f"{discord.utils.format_dt(occurrence.starts_at, 'F')}; only that date moved, the "
        "series' other dates keep their time."
    )


def series_retimed_text(retimed: Changed) -> str:
    """What re-timing a series did: its new schedule, and its next date before and after,
    naming the series by its title after the edit (which may have renamed it)."""
    assert retimed.series is not None
    assert retimed.moved_from is not None
    first = retimed.occurrences[0].starts_at  # the series' new next date comes first
    # The next date may be one moved on its own: told here, once, not again below.
    next_alone = (retimed.moved_from, first) in {(was, to) for was, _, to in retimed.moved_alone}
    if first == retimed.moved_from:
        next_date = f"stays at {discord.utils.format_dt(first, 'F')}"
    elif next_alone:
        next_date = (
            f", moved on its own to {discord.utils.format_dt(retimed.moved_from, 'F')} before, "
            f"is now at {discord.utils.format_dt(first, 'F')}"
        )
    elif retimed.moved_from in retimed.kept_alone:
        next_date = f"is now {discord.utils.format_dt(first, 'F')}"
    else:
        next_date = (
            f"moved from {discord.utils.format_dt(retimed.moved_from, 'F')} to "
            f"{discord.utils.format_dt(first, 'F')}"
        )
    said = (
        f"From now on {quoted(retimed.meetup.title)} meets {retimed.series}: its next date"
        f"{'' if next_alone else ' '}{next_date}, and every later date follows the new "
        "schedule; past dates stay as they were, and answers moved with their dates."
    )
    for before, _, now_at in retimed.moved_alone:
        if next_alone and (before, now_at) == (retimed.moved_from, first):
            continue
        # Moved there on purpose once: the organizer reads that the re-time moved it too.
        said += (
            f" The {discord.utils.format_dt(before, 'F')} date had been moved on its own: it "
            f"follows the new schedule too, now at {discord.utils.format_dt(now_at, 'F')}, and "
            "anyone answering for it is told."
        )
    for kept in retimed.kept_alone:
        said += (
            f" The {discord.utils.format_dt(kept, 'F')} date had been moved on its own and "
            "stays where it is: nobody answering for it is told."
        )
    named = None if retimed.when is None else retimed.when.instant_utc
    for before, now_at in retimed.moved_off:
        was, now_text = discord.utils.format_dt(before, "F"), discord.utils.format_dt(now_at, "F")
        if now_at == named:
            said += (
                f" The date you named, {now_text}, is the {was} date, cancelled on its own: it "
                "moved there with the series and stays cancelled."
            )
        else:
            said += (
                f" The {was} date, cancelled on its own, moved to {now_text} with the series "
                "and stays cancelled."
            )
    # Where the new rule falls for a date moved or cancelled on its own: not a date off.
    held_elsewhere = {now_at for _, now_at in retimed.moved_off} | {
        on_rule for _, on_rule, _ in retimed.moved_alone
    }
    if named is not None and named < first and named not in held_elsewhere:
        # The rule falls on the time typed, so a date before the next one held there is off.
        said += (
            f" The date you named, {discord.utils.format_dt(named, 'F')}, was cancelled on its "
            "own and stays so."
        )
    return said
