"""Importers: verified profiles and their feeds, announcements and structured arrivals."""

from bot.importers.announcements import AnnouncementService
from bot.importers.arrivals import Arrival, ArrivalDraft, ArrivalEligibility
from bot.importers.profile_feeds import FeedRemoved, FeedSaved
from bot.importers.profiles import Importer, ImporterService
from bot.importers.sending import IMPORTER_POST_JOB, IMPORTER_PUBLISH_JOB, PUBLISH_TIMEOUT
from bot.importers.values import (
    Announced,
    Announcement,
    AnnouncementCard,
    AnnouncementDraft,
    Publisher,
    PublishLater,
    RemovedImporter,
    change_key,
)

__all__ = [
    "IMPORTER_POST_JOB",
    "IMPORTER_PUBLISH_JOB",
    "PUBLISH_TIMEOUT",
    "Announced",
    "Announcement",
    "AnnouncementCard",
    "AnnouncementDraft",
    "AnnouncementService",
    "Arrival",
    "ArrivalDraft",
    "ArrivalEligibility",
    "FeedRemoved",
    "FeedSaved",
    "Importer",
    "ImporterService",
    "PublishLater",
    "Publisher",
    "RemovedImporter",
    "change_key",
]
