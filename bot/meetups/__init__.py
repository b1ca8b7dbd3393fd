"""Meetups: one-off or repeating, the occurrences members answer for, and RSVP with capacity.

`MeetupService` is one service built in layers, each a module over the one before:
- `schedule`: `MeetupSchedule` reads meetups and the dates they fall on (worked out by
  `occurrences`, pure);
- `typed_dates`: `MeetupDates`, the dates a member names in an option, read back and checked;
- `rsvp`: `MeetupRsvps`, members' answers with capacity, the waitlist and promotion (the places
  taken and the waitlist's line in `places`; what a party going may add in `growth`, pure);
- `notices`: `MeetupNotices`, the DMs and thread posts that tell members of a change;
- `twins`: `MeetupTwins`, a meetup refused whose title and start another live one has (on
  create, edit and restore);
- `cancels`: `MeetupCancels`, meetups and dates cancelled and restored, and the subscribers of
  every change;
- `new_times`: `MeetupNewTimes`, a new time or rule typed, read and checked;
- `retimes`: `MeetupRetimes`, a series re-timed from its next date on (its answers carried over
  by the rules in `series`);
- `moves`: `MeetupMoves`, a date moved, and a new place for a meetup's dates;
- `service`: `MeetupService`, creating and editing meetups.
Beside it:
- `model`: the frozen values a meetup is made of, and a row read back as a `Meetup`;
- `values`: the limits on what an organizer types, and the checks that read it;
- `counted_weekday`: a start on a counted weekday ("the first saturday") repeated monthly;
- `moderated`: the DM telling an organizer what a moderator changed;
- `threads`: the name a meetup's thread carries, and when it is archived;
- `series_answers`: how many members a whole series' cancel tells, asked before it;
- `members`: `MemberSettings`, each member's zone and reminder choices (`meetups.members`);
- `privacy`: `MeetupMemberData`, what meetups keep about a member, for /privacy.
"""

from bot.meetups.cancels import MeetupSubscriber
from bot.meetups.members import MemberSettings
from bot.meetups.model import (
    LATER_DATES_OFF,
    Answer,
    Change,
    Changed,
    Counts,
    Created,
    EarlierRule,
    Edited,
    Meetup,
    MeetupDraft,
    Occurrence,
    Party,
    Room,
    Status,
    card_link,
)
from bot.meetups.notices import (
    CARD_JOB,
    CHANGED_DM_JOB,
    CHANGED_POST_JOB,
    ChangeNotice,
    discussion_post,
)
from bot.meetups.occurrences import local_text
from bot.meetups.rsvp import (
    PROMOTED_JOB,
    TOO_LARGE_JOB,
    PromotionNotice,
    TooLargeNotice,
)
from bot.meetups.schedule import StartedAlready, refuse_cancelled
from bot.meetups.service import MeetupService
from bot.meetups.threads import MEETUP_THREAD_NAME_JOB
from bot.meetups.values import (
    CAPACITY_MAX,
    DESCRIPTION_MAX,
    GUESTS_MAX,
    LOCATION_MAX,
    NO_LIMIT,
    REASON_MAX,
    REGION_MAX,
    TITLE_MAX,
    TRUCK_MAX,
    parse_cutoff,
)

__all__ = [
    "CAPACITY_MAX",
    "CARD_JOB",
    "CHANGED_DM_JOB",
    "CHANGED_POST_JOB",
    "DESCRIPTION_MAX",
    "GUESTS_MAX",
    "LATER_DATES_OFF",
    "LOCATION_MAX",
    "MEETUP_THREAD_NAME_JOB",
    "NO_LIMIT",
    "PROMOTED_JOB",
    "REASON_MAX",
    "REGION_MAX",
    "TITLE_MAX",
    "TOO_LARGE_JOB",
    "TRUCK_MAX",
    "Answer",
    "Change",
    "ChangeNotice",
    "Changed",
    "Counts",
    "Created",
    "EarlierRule",
    "Edited",
    "Meetup",
    "MeetupDraft",
    "MeetupService",
    "MeetupSubscriber",
    "MemberSettings",
    "Occurrence",
    "Party",
    "PromotionNotice",
    "Room",
    "StartedAlready",
    "Status",
    "TooLargeNotice",
    "card_link",
    "discussion_post",
    "local_text",
    "parse_cutoff",
    "refuse_cancelled",
]
