-- 0037 take-downs of feed items are recorded, and take-downs are kept for 60 days.
-- Why: the record of who took an announcement back or down (0035) was written only for what
-- counts toward its importer's daily limit, so a moderator's take-down of a feed item named
-- nobody, and every record was let go of after a day, so a member's export showed who took
-- their announcements down for a day only. A record now says whether it counts toward the
-- limit (feed items do not); the limit counts those of the last day, and a daily chore lets go
-- of records older than 60 days. Every record from before counts: only those were written.
ALTER TABLE announcement_withdrawals ADD COLUMN counts INTEGER NOT NULL DEFAULT 1
    CHECK (counts IN (0, 1));
CREATE INDEX announcement_withdrawals_by_time ON announcement_withdrawals (withdrawn_at);
