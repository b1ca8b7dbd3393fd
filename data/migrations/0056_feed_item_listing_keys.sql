-- 0056 a feed item without an id is known by its listing, not by its link as written.
-- Why: a feed that rewrites an item's link (tracking parameters, http to https, a trailing
-- slash) posted the item again, since its seen key was the hash of the raw link. The key is now
-- the hash of the link's listing key (`bot.feeds.links.link_key`), which is computed in Python
-- and cannot be here. The keys stored before are marked instead: the first poll that sees an
-- item matching a marked key by its raw link takes it for seen, as before, and keys it anew
-- (unmarked), so no feed posts its items again after the upgrade. Keys of items known by an id
-- or a title are unchanged; they stay marked, matched as they always were.
ALTER TABLE feed_items ADD COLUMN before_0056 INTEGER NOT NULL DEFAULT 0
    CHECK (before_0056 IN (0, 1));
UPDATE feed_items SET before_0056 = 1;
