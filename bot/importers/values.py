"""The values of importer announcements: a draft and how it is checked, an announcement as
stored, and what a repeat is known by."""

from __future__ import annotations

import re
import secrets
import unicodedata
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import astuple, dataclass, fields
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.clock import from_unix
from bot.delivery import Outgoing
from bot.errors import UserError
from bot.feeds.links import link_key
from bot.feeds.parsing import item_words
from bot.importers.arrivals import Arrival, ArrivalEligibility, eligibility_of
from bot.importers.problems import Problems
from bot.importers.profile_fields import parse_https
from bot.importers.profiles import Importer
from bot.invisible import require_seen, shown_text
from bot.limits import EMBED_DESCRIPTION, EMBED_TITLE, one_line, refuse_mention
from bot.numbers import counted

MAX_BODY = 4000
REPEAT_WINDOW = timedelta(days=7)  # the same title again within it is a repeat
_IMAGE_PATH = re.compile(r"\.(?:png|jpe?g|gif|webp)$", re.IGNORECASE)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class AnnouncementDraft:
    title: str
    body: str = ""
    link: str | None = None
    image_url: str | None = None


@dataclass(frozen=True)
class Announcement:
    id: int
    guild_id: int
    importer_id: int | None  # None once its importer was removed: a former importer's
    importer_name: str  # as it is now, or as it was when its importer was removed
    source: str  # member, feed or arrival
    title: str
    body: str
    link: str | None
    image_url: str | None
    status: str  # queued, posting, rejected
    created_at: datetime
    arrival: Arrival | None = None
    eligibility: ArrivalEligibility | None = None
    importer_suspended: bool = False  # as the importer is now, not as it was when announced
    importer_member_id: int | None = None  # the member who speaks for the importer
    # Once its importer was removed, the key its post and publish jobs have (by the id the
    # importer had); None also for one removed before that was kept, its post job long gone.
    former_post_key: str | None = None
    # Toward its importer's daily limit: what was typed or sent as an arrival, and the item a
    # new feed address posts (the rest of a feed's items never count).
    counts_toward_limit: bool = True


@dataclass(frozen=True)
class RemovedImporter:
    importer: Importer  # as it was
    withdrawn: tuple[int, ...]  # its announcements that waited for moderators, gone with it
    waited_titles: tuple[str, ...] = ()  # their titles
    unsent_titles: tuple[str, ...] = ()  # approved (or trusted) but not sent yet: never shown
    kept: int = 0  # posted, staying up as a former importer's
    dm_key: str = ""  # the IMPORTER_REMOVED_JOB telling its member; "": not told (a forget)


@dataclass(frozen=True)
class Announced:
    announcement: Announcement
    queued: bool  # waiting for a moderator instead of posting


class PublishLater(Exception):
    """Discord refused to publish now (429); try again after `retry_after` seconds."""

    def __init__(self, retry_after: float) -> None:
        super().__init__(f"publish again in {retry_after:.0f} s")
        self.retry_after = retry_after


class Publisher(Protocol):
    async def publish(self, channel_id: int, message_id: int) -> bool:
        """Crosspost the message; False when the channel is not an announcement channel.
        Raises `PublishLater` on a rate limit; anything else means try again later."""
        ...


AnnouncementCard = Callable[[Announcement, int], Outgoing]  # announcement, channel id
# Told of the announcements that go out together: one, or a feed poll's new items.
AnnouncementSubscriber = Callable[[Sequence[Announcement]], Awaitable[None]]


def title_key(title: str) -> str:
    """Titles compared for repeats: NFKC, casefolded, punctuation and spacing ignored."""
    folded = unicodedata.normalize("NFKC", title).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def repeat_key(draft: AnnouncementDraft, arrival: Arrival | None) -> str:
    """What a repeat is known by: the title; for an arrival, every field of the truck and the
    listing its link names (`link_key`), since an importer may well bring in two trucks of one
    model (its title) in a week, each with its own listing. The same listing typed again, its
    notes reworded, is the same truck; without a link, the notes are all that tells two trucks
    alike in every field apart, so they count. The photo does not: the same photo uploaded
    again has a new address."""
    if arrival is None:
        return title_key(draft.title)
    truck = [title_key(str(value)) for value in astuple(arrival)]
    listing = f"link {link_key(draft.link)}" if draft.link else f"notes {title_key(draft.body)}"
    return "|".join([*truck, listing])


def repeat_keys(key: str, *, arrival: bool) -> tuple[str, ...]:
    """The `repeat_key` `key` and the keys stored alike before it: for an arrival, the truck's
    fields alone, as the release before stored them (no part of one holds a `|`), so an arrival
    announced just before the upgrade is still a repeat. None is stored by the releases since:
    this can go 7 days (`REPEAT_WINDOW`) after the upgrade."""
    if not arrival:
        return (key,)
    return key, "|".join(key.split("|")[: len(fields(Arrival))])


# How many characters a text takes on its card (its Markdown characters escaped to show as
# typed, which may double it); the discord layer knows, and passes it to the checks.
ShownLength = Callable[[str], int]


def check_draft(
    draft: AnnouncementDraft, *, kept_link: str | None = None, shown: ShownLength = len
) -> AnnouncementDraft:
    """The draft with each field checked; `UserError` naming every field that is wrong, so a
    form is fixed in one round. A link left as `kept_link` (what a change keeps from the
    announcement) passes as it is: a feed item's link may be plain http://, refused only when a
    member types it. A title or text its card could not show whole (`shown` past the card's
    room) is refused with the rest, never cut."""
    problems = Problems("announcement")
    title = problems.check(lambda: _title(draft.title, shown), draft.title)
    body = problems.check(lambda: _body(draft.body, shown), draft.body)
    typed = (draft.link or "").strip()
    link = problems.check(
        lambda: kept_link if kept_link and typed == kept_link else parse_https("The link", typed),
        None,
    )
    image = problems.check(lambda: _image(draft.image_url), None)
    problems.refuse()
    return AnnouncementDraft(title, body, link, image)


def _title(typed: str, shown: ShownLength) -> str:
    title = require_seen("title", one_line("The title", typed, EMBED_TITLE))
    refuse_mention("The title", title)
    if not title_key(title):
        raise UserError("The title needs some words, not only symbols.")
    _require_card_room("the title", title, shown, EMBED_TITLE)
    return title


def _body(typed: str, shown: ShownLength) -> str:
    """The text without what shows nothing (pasted from listing sites, it often holds zero-width
    spaces and soft hyphens, which would part words alerts look for), but a zero-width space
    between words, which is a space (`item_words`); refused where a character would turn round
    what follows it, since dropping it would change what the importer sees."""
    body = shown_text("text", item_words(typed))
    if len(body) > MAX_BODY:
        raise UserError(f"The text is {len(body):,} characters; the limit is {MAX_BODY:,}.")
    _require_card_room("the text", body, shown, EMBED_DESCRIPTION)
    return body


def _require_card_room(label: str, text: str, shown: ShownLength, room: int) -> None:
    taken = shown(text)
    if taken > room:
        raise UserError(
            f"With its formatting characters (_ * ~ ` | >) shown as typed, {label} takes "
            f"{taken:,} characters, and a card shows {room:,}. Shorten it by about "
            f"{counted(taken - room, 'character')}."
        )


def _image(typed: str | None) -> str | None:
    image = parse_https("The image URL", typed)
    if image is not None and not _IMAGE_PATH.search(image.split("?", 1)[0].split("#", 1)[0]):
        raise UserError("The image URL must end in .png, .jpg, .jpeg, .gif or .webp.")
    return image


# An announcement with its importer's name and state (a former importer's name as it was) and
# its arrival's fields, as
# `announcement_from_row` reads it.
SELECT_ANNOUNCEMENTS = (
    "SELECT announcements.*, "
    "coalesce(importers.name, announcements.former_importer) AS importer_name, "
    "importers.member_id, "
    "importers.suspended_at AS importer_suspended_at, "
    "arrivals.make, arrivals.model, arrivals.model_code, arrivals.year, arrivals.drive, "
    "arrivals.grade, arrivals.mileage_km, arrivals.price_usd, arrivals.state AS arrival_state "
    "FROM announcements LEFT JOIN importers ON importers.id = announcements.importer_id "
    "LEFT JOIN arrivals ON arrivals.announcement_id = announcements.id"
)


def announcement_from_row(row: Any, now: datetime) -> Announcement:
    """An announcement as `SELECT_ANNOUNCEMENTS` reads it; its eligibility as of `now`."""
    arrival = None
    if row["make"] is not None:
        arrival = Arrival(
            make=row["make"],
            model=row["model"],
            year=row["year"],
            model_code=row["model_code"],
            drive=row["drive"],
            grade=row["grade"],
            mileage_km=row["mileage_km"],
            price_usd=row["price_usd"],
            state=row["arrival_state"],
        )
    return Announcement(
        id=row["id"],
        guild_id=row["guild_id"],
        importer_id=row["importer_id"],
        importer_name=row["importer_name"],
        source=row["source"],
        title=row["title"],
        body=row["body"],
        link=row["link"],
        image_url=row["image_url"],
        status=row["status"],
        created_at=from_unix(row["created_at"]),
        arrival=arrival,
        eligibility=None if arrival is None else eligibility_of(arrival, now),
        importer_suspended=row["importer_suspended_at"] is not None,
        importer_member_id=row["member_id"],
        former_post_key=row["former_post_key"],
        counts_toward_limit=bool(row["counts_toward_limit"]),
    )


def change_key(what: str) -> str:
    """`what` changed (`edited`, `suspension`), as a job key no other change shares: keyed by
    the time, two changes in one second shared a key, and a finished job keeps its key, so the
    second change's edit was dropped as done already."""
    return f"{what}:{secrets.token_hex(6)}"
