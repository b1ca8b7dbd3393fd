-- rebuilds tables: announcement_withdrawals, to outlive the importer whose announcement it was
-- 0040 a moderator's take-down is kept when its importer goes.
-- Why: a take-down record was deleted with its importer's profile (ON DELETE CASCADE), so a
-- moderator who took down an importer's announcement lost the record from their /privacy export
-- as soon as the importer was removed or forgot itself, and a take-down of a removed importer's
-- announcement could not be recorded at all (it names no profile). A record now outlives the
-- profile, unlinked (importer_id NULL); the profile's own take-backs still go with it (the
-- service deletes them: they are the importer's, and count toward a limit that is gone).
CREATE TABLE announcement_withdrawals_new (
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    importer_id  INTEGER REFERENCES importers (id) ON DELETE SET NULL,
    announced_at INTEGER NOT NULL,  -- when it was announced: the day it counts toward
    withdrawn_at INTEGER NOT NULL,
    withdrawn_by INTEGER,
    counts       INTEGER NOT NULL DEFAULT 1 CHECK (counts IN (0, 1))
) STRICT;
INSERT INTO announcement_withdrawals_new (guild_id, importer_id, announced_at, withdrawn_at,
    withdrawn_by, counts)
SELECT guild_id, importer_id, announced_at, withdrawn_at, withdrawn_by, counts
FROM announcement_withdrawals;
DROP TABLE announcement_withdrawals;
ALTER TABLE announcement_withdrawals_new RENAME TO announcement_withdrawals;
CREATE INDEX announcement_withdrawals_by_importer
    ON announcement_withdrawals (importer_id, announced_at);
CREATE INDEX announcement_withdrawals_by_time ON announcement_withdrawals (withdrawn_at);
CREATE TRIGGER announcement_withdrawals_parent BEFORE INSERT ON announcement_withdrawals
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
