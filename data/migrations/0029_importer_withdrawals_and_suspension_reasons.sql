-- 0029 importer withdrawals and suspension reasons.
-- Why: an importer may take back an announcement, waiting or posted; its row is deleted (the
-- words are theirs to take back), but it was announced, so it still counts toward the day's
-- limit: otherwise taking back and announcing again would post, queue and DM without end.
-- A moderator suspending an importer gives a reason, which the importer is told and is shown
-- again whenever a command is refused them while the suspension lasts.
ALTER TABLE importers ADD COLUMN suspension_reason TEXT
    CHECK (suspension_reason IS NULL OR length(suspension_reason) BETWEEN 1 AND 500);

CREATE TABLE announcement_withdrawals (
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    importer_id  INTEGER NOT NULL REFERENCES importers (id) ON DELETE CASCADE,
    announced_at INTEGER NOT NULL,  -- when it was announced: the day it counts toward
    withdrawn_at INTEGER NOT NULL
) STRICT;
CREATE INDEX announcement_withdrawals_by_importer
    ON announcement_withdrawals (importer_id, announced_at);
CREATE TRIGGER announcement_withdrawals_parent BEFORE INSERT ON announcement_withdrawals
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
