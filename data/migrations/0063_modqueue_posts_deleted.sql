-- 0063 a decided queue post deleted for what it showed keeps its decision.
-- Why: a forget (or a build's deletion) deletes the decided queue posts that quote the member or
-- name the build, and deleted their rows with them, so the moderator who decided lost every
-- trace of the decision in their /privacy export, while the privacy section promises that what
-- one decided as a moderator stays. The row now stays, its words cut to who decided and their
-- reason (nothing of the item), marked here: its post is gone, so nothing edits it again, and
-- the export says so instead of linking to it.
ALTER TABLE modqueue_posts ADD COLUMN post_deleted INTEGER NOT NULL DEFAULT 0
    CHECK (post_deleted IN (0, 1));

-- The same release keys a feed item whose web-address id has a fragment without a digit (`#top`)
-- by its listing alone: a site adding such an anchor to an item posted it again, even one the
-- first read held back. Items seen before by their key with the anchor are matched by that key
-- (`bot.feeds.parsing.anchored_key`), so feed_items needs no change.
