-- 0030 announcement revisions.
-- Why: an importer may change an announcement while it waits for a moderator. Each change
-- counts up its revision; a moderator's Approve carries the revision they saw, and is refused
-- once it changed, so what is approved is what was read. Rows from before count as 0, as do
-- buttons without a revision.
ALTER TABLE announcements ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);
