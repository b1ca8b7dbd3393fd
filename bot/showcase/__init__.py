"""The showcase: members nominate builds, moderators feature them (one post per build, by
constraint) and run "Build of the Month" ballots where each member's last click counts.

Nominations wait in the moderation queue as one item per build (`NominationQueue`): the build's
first pending nomination stands for all of them, so several members nominating one build never
give moderators several items that could each feature it.
"""

from bot.showcase.queue import NominationQueue
from bot.showcase.service import ShowcaseService
from bot.showcase.values import (
    MAX_CANDIDATES,
    NOMINATION_KIND,
    SHOWCASE_BALLOT_JOB,
    SHOWCASE_CALLED_OFF_JOB,
    SHOWCASE_FEATURED_JOB,
    SHOWCASE_RESULT_JOB,
    Ballot,
    CalledOffNotice,
    Feature,
    FeaturedNews,
    FeaturedNotice,
    Nomination,
    ResultCard,
    Tally,
    Vote,
)

__all__ = [
    "MAX_CANDIDATES",
    "NOMINATION_KIND",
    "SHOWCASE_BALLOT_JOB",
    "SHOWCASE_CALLED_OFF_JOB",
    "SHOWCASE_FEATURED_JOB",
    "SHOWCASE_RESULT_JOB",
    "Ballot",
    "CalledOffNotice",
    "Feature",
    "FeaturedNews",
    "FeaturedNotice",
    "Nomination",
    "NominationQueue",
    "ResultCard",
    "ShowcaseService",
    "Tally",
    "Vote",
]
