"""One moderation queue for the whole bot, made of sources that plug in.

Each kind of thing that waits for a moderator (an importer's announcement, a glossary
suggestion, a showcase nomination) stays in its own table, owned by its own service, which
implements `QueueSource`: list what is pending, describe one item, approve it, reject it. Each
source decides an item at most once (its own conditional update), and the queue lets one
moderator at a time decide each item, so two moderators clicking at once get one decision, and
the second is told who took it and how. The queue itself only routes, posts each
new item to the mod-queue channel through the outbox (an item sent in while the server has none
waits for one), and keeps where each post is while the item waits (`modqueue_posts`), for a
forget to delete or edit it however long it waited. Once the item is decided, the post's row keeps
the words that say how, what became of it as data (`outcome`, and `taken_down_by` once taken down
since), and the moderator they name, for as long as they name them: a decision
taken away from the post has the post edited through the outbox from those words, and a forget
edits exactly the posts naming its member.
"""

from bot.modqueue.decisions import Changed, NotWaiting
from bot.modqueue.items import (
    KIND_PATTERN,
    Decision,
    QueueCard,
    QueueItem,
    QueuePostEditor,
    QueueSource,
    RejectedBefore,
    RejectionNotice,
    headcount,
    mentioned,
)
from bot.modqueue.pages import QueueMark, QueuePage, mark_of
from bot.modqueue.posts import (
    Outcome,
    TakenDownBy,
    approval_words,
    decider_named,
    decision_buttons,
    decision_id,
    unnamed_decision,
    waiting_posts,
    withdrawn_posts,
)
from bot.modqueue.queue import CHANNEL_RECHECK, LET_GO_AFTER, ModQueue
from bot.modqueue.refresh import (
    MODQUEUE_POST_JOB,
    MODQUEUE_REFRESH_JOB,
    MODQUEUE_REJECTED_JOB,
    REFRESH_AFTER,
    TOLD_EDIT,
)

__all__ = [
    "CHANNEL_RECHECK",
    "KIND_PATTERN",
    "LET_GO_AFTER",
    "MODQUEUE_POST_JOB",
    "MODQUEUE_REFRESH_JOB",
    "MODQUEUE_REJECTED_JOB",
    "REFRESH_AFTER",
    "TOLD_EDIT",
    "Changed",
    "Decision",
    "ModQueue",
    "NotWaiting",
    "Outcome",
    "QueueCard",
    "QueueItem",
    "QueueMark",
    "QueuePage",
    "QueuePostEditor",
    "QueueSource",
    "RejectedBefore",
    "RejectionNotice",
    "TakenDownBy",
    "approval_words",
    "decider_named",
    "decision_buttons",
    "decision_id",
    "headcount",
    "mark_of",
    "mentioned",
    "unnamed_decision",
    "waiting_posts",
    "withdrawn_posts",
]
