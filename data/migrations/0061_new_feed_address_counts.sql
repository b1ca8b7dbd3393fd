-- 0061 the item a new feed address posts counts toward its importer's daily limit.
-- Why: setting a feed address posts its newest item at once, held to the limit (so changing the
-- address again and again cannot post past it), but feed items counted toward no limit: an
-- importer at `daily:1` set an address, its newest item went out, and a hand post went out
-- after it, two in a day. That item is now marked as counting; the rest of a feed's items are
-- brought by its polls and never count. Feed items posted before are not known to be such an
-- item, and are left uncounted.
ALTER TABLE announcements ADD COLUMN counts_toward_limit INTEGER NOT NULL DEFAULT 0
    CHECK (counts_toward_limit IN (0, 1));
UPDATE announcements SET counts_toward_limit = 1 WHERE source != 'feed';
