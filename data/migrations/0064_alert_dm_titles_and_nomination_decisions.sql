-- 0064 an alert DM's record keeps its announcement's title; a nomination's rejection its reason
-- and the build as judged; a moderator's nomination decisions outlive their nominations.

-- An alert DM's record names the announcement it listed by its title as the DM showed it, for
-- the member's /privacy export: the announcement id alone says nothing to them. NULL for DMs
-- recorded before, for one whose announcement was gone as it was recorded, and once it is taken
-- down (its words were its importer's to take back, and the DM is edited to drop them too).
ALTER TABLE alert_dm_matches ADD COLUMN title TEXT;

-- A nomination's rejection keeps the moderator's reason and the build as they rejected it
-- (`build_fingerprint`): a later nomination of the build reading the same says on its queue card
-- that it repeats the rejected one, who rejected it, when and why, as a repeated announcement's
-- does. NULL for rejections before.
ALTER TABLE showcase_nominations ADD COLUMN rejection_reason TEXT
    CHECK (rejection_reason IS NULL OR length(rejection_reason) <= 500);
ALTER TABLE showcase_nominations ADD COLUMN build_rejected TEXT;

-- A moderator's decision on nominations outlives them: once the last nomination it decided goes
-- (its member forgotten, its build deleted), the decision is kept here for the moderator's
-- /privacy export, as the queue keeps its words, with nothing of the build nor of who nominated
-- it: what was decided, when, and by whom. The moderator's forget deletes their rows.
CREATE TABLE showcase_nomination_decisions (
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    decided_by INTEGER NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('featured', 'dismissed')),
    decided_at INTEGER NOT NULL
) STRICT;
CREATE INDEX showcase_nomination_decisions_by ON showcase_nomination_decisions (decided_by);
CREATE TRIGGER showcase_nomination_decisions_parent BEFORE INSERT ON showcase_nomination_decisions
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
