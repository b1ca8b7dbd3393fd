"""What each kind of DM told a member, as their export names it: the job kinds are Keitora's
codes. The job queue cannot import them (every service imports the queue), so the composition
root hands these words to it."""

from __future__ import annotations

from bot.alerts import ALERT_DM_JOB
from bot.builds import BUILD_LOCK_JOB
from bot.builds.moderated import BUILD_MODERATED_JOB
from bot.importers.suspensions import (
    IMPORTER_FEED_CHANGED_JOB,
    IMPORTER_PROFILE_CHANGED_JOB,
    IMPORTER_REMOVED_JOB,
    IMPORTER_SUSPENSION_JOB,
)
from bot.importers.takedowns import IMPORTER_TAKEN_DOWN_JOB
from bot.jobs import JobQueue
from bot.meetup_events import EVENT_NOTE_JOB
from bot.meetups import CHANGED_DM_JOB, PROMOTED_JOB, TOO_LARGE_JOB
from bot.meetups.moderated import MEETUP_MODERATED_JOB
from bot.modqueue import MODQUEUE_REJECTED_JOB
from bot.reminders import REMINDER_DM_JOB
from bot.showcase import SHOWCASE_FEATURED_JOB
from bot.showcase.ballot_news import (
    SHOWCASE_BALLOT_CALLED_OFF_DM_JOB,
    SHOWCASE_BALLOT_WON_JOB,
    SHOWCASE_VOTE_FREED_JOB,
)

DIRECT_MESSAGES = {
    ALERT_DM_JOB: "a keyword alert",
    BUILD_LOCK_JOB: "your build locked or unlocked",
    BUILD_MODERATED_JOB: "a moderator's change to your build",
    IMPORTER_SUSPENSION_JOB: "your importer suspension, or its end",
    IMPORTER_FEED_CHANGED_JOB: "a moderator's change to your importer feed",
    IMPORTER_PROFILE_CHANGED_JOB: "a moderator's change to your importer's name or trust",
    IMPORTER_REMOVED_JOB: "your importer removed by the moderators",
    IMPORTER_TAKEN_DOWN_JOB: "your announcement taken down",
    EVENT_NOTE_JOB: "a note about your meetup's Discord event",
    CHANGED_DM_JOB: "a change to a meetup you answered",
    PROMOTED_JOB: "a place at a meetup, off the waitlist",
    TOO_LARGE_JOB: "a meetup place your party was too large for",
    MEETUP_MODERATED_JOB: "someone else's change to your meetup",
    MODQUEUE_REJECTED_JOB: "a rejection of something you submitted",
    REMINDER_DM_JOB: "a meetup reminder",
    SHOWCASE_FEATURED_JOB: "a build featured in the showcase",
    SHOWCASE_VOTE_FREED_JOB: (
        "a Build of the Month vote of yours freed, its build having left the ballot"
    ),
    SHOWCASE_BALLOT_CALLED_OFF_DM_JOB: (
        "a Build of the Month ballot you voted in or your build was on, called off"
    ),
    SHOWCASE_BALLOT_WON_JOB: "your build's Build of the Month win",
}


def name_direct_messages(jobs: JobQueue) -> None:
    for kind, words in DIRECT_MESSAGES.items():
        jobs.tells_members_as(kind, words)
