-- 0050 the record of an announcement taken back or down says which it was.
-- Why: an importer's withdrawal from the moderation queue (never shown to members) and their
-- take-down of an announcement already approved (posted, or on its way) landed in one table, so
-- a moderator, the importer's /privacy export and a form opened before could only say "taken
-- back", of a post members saw as of one they never did. `how` now says which:
-- 'withdrawn' (it left the queue) or 'taken_down' (approved, then deleted). NULL: not recorded.
-- Records from before are 'taken_down' where that can be known: one a moderator made (moderators
-- take down, never withdraw; a record kept unlinked from its importer is a moderator's, since
-- the importer's own go with its profile), or one whose announcement has a post job still kept
-- (a post is planned only once it is approved; a withdrawn one never had one). The importer's
-- own without a kept post job stay NULL: a withdrawal, or a take-down of one whose post job was
-- called off (on its way) or let go of, and nothing left tells which.
ALTER TABLE announcement_withdrawals ADD COLUMN how TEXT
    CHECK (how IS NULL OR how IN ('withdrawn', 'taken_down'));
UPDATE announcement_withdrawals SET how = 'taken_down'
WHERE importer_id IS NULL
    OR withdrawn_by != (
        SELECT importers.member_id FROM importers
        WHERE importers.id = announcement_withdrawals.importer_id
    )
    OR (
        announcement_id IS NOT NULL AND EXISTS (
            SELECT 1 FROM jobs WHERE jobs.kind = 'importer.post'
                AND jobs.key = announcement_withdrawals.importer_id || ':'
                    || announcement_withdrawals.announcement_id
        )
    );
