-- 0058 an announcement keeps where its card was posted (its only message: channel_id and
-- message_id).
-- Why: where a post went was found only in the outbox's record of its job, which is purged 60
-- days after the post; a suspended, renamed or removed importer's older cards were then left
-- as they read (a suspended importer still "verified"), and a moderator could not take one
-- down. Announcements posted before are given it from the records still kept.
ALTER TABLE announcements ADD COLUMN channel_id INTEGER;
ALTER TABLE announcements ADD COLUMN message_id INTEGER
    CHECK ((message_id IS NULL) = (channel_id IS NULL));

UPDATE announcements SET (channel_id, message_id) = (
    SELECT deliveries.channel_id, deliveries.message_id FROM jobs
    JOIN deliveries ON deliveries.job_id = jobs.id
    WHERE jobs.kind = 'importer.post' AND jobs.guild_id = announcements.guild_id
        AND jobs.key = coalesce(
            announcements.former_post_key,
            CAST(announcements.importer_id AS TEXT) || ':' || CAST(announcements.id AS TEXT)
        )
        AND deliveries.channel_id IS NOT NULL AND deliveries.message_id IS NOT NULL
)
WHERE status = 'posting';

-- And the seen keys of feed items stored so far are marked as kept by an earlier rule.
-- Why: 0056 dropped a `ref` of lowercase letters from a listing (`?ref=hijet-jumbo`), which
-- dealers name their stock by, and a web-address id's fragment (`news#1`, `news#2`), so two
-- items had one key and the second was never posted. The rule now keeps any `ref` but a few
-- sources' names, and an id's fragment; the key an item had by the earlier
-- rule is computed in Python (`bot.feeds.parsing.old_keys`) and matched only against marked
-- keys: the first poll that finds an item by one takes it for seen, keys it anew (unmarked)
-- and lets the old key go, unless it is an item's key by the rule now too, when it is
-- unmarked, as that item's. An unmarked key is never taken for another item's old key.
ALTER TABLE feed_items ADD COLUMN keyed_before_0058 INTEGER NOT NULL DEFAULT 0
    CHECK (keyed_before_0058 IN (0, 1));
UPDATE feed_items SET keyed_before_0058 = 1;
