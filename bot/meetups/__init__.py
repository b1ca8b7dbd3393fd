"""Meetups: one-off or repeating, the occurrences members answer for, and RSVP with capacity."""

from bot.meetups.members import MemberSettings
from bot.meetups.model import (
    Answer,
    Change,
    Changed,
    Counts,
    Created,
    Meetup,
    MeetupDraft,
    Occurrence,
    Party,
    Status,
)
from bot.meetups.notices import (
    CHANGED_DM_JOB,
    CHANGED_POST_JOB,
    ChangeNotice,
    MeetupNotices,
    discussion_post,
)
from bot.meetups.rsvp import (
    PROMOTED_JOB,
    MeetupRsvps,
    PromotionNotice,
)
from bot.meetups.schedule import MeetupSchedule
from bot.meetups.service import (
    MeetupService,
    MeetupSubscriber,
)
from bot.meetups.values import (
    CAPACITY_MAX,
    DESCRIPTION_MAX,
    GUESTS_MAX,
    LOCATION_MAX,
    REASON_MAX,
    REGION_MAX,
    TITLE_MAX,
    TRUCK_MAX,
    describe_cutoff,
    parse_cutoff,
)

__all__ = [
    "CAPACITY_MAX",
    "CHANGED_DM_JOB",
    "CHANGED_POST_JOB",
    "DESCRIPTION_MAX",
    "GUESTS_MAX",
    "LOCATION_MAX",
    "PROMOTED_JOB",
    "REASON_MAX",
    "REGION_MAX",
    "TITLE_MAX",
    "TRUCK_MAX",
    "Answer",
    "Change",
    "ChangeNotice",
    "Changed",
    "Counts",
    "Created",
    "Meetup",
    "MeetupDraft",
    "MeetupNotices",
    "MeetupRsvps",
    "MeetupSchedule",
    "MeetupService",
    "MeetupSubscriber",
    "MemberSettings",
    "Occurrence",
    "Party",
    "PromotionNotice",
    "Status",
    "describe_cutoff",
    "discussion_post",
    "parse_cutoff",
]
