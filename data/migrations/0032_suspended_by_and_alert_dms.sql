-- 0032 who suspended an importer; where alert DMs went.
-- Why: a moderator refused a suspension ("already suspended") was told the reason but not
-- whose it was or since when, so they could not ask the moderator who made it; the importer's
-- profile shows moderators the same. A suspension from before names nobody.
ALTER TABLE importers ADD COLUMN suspended_by INTEGER;

-- Where each alert DM went and what it listed, recorded when the outbox sent it.
-- Why: an announcement its importer takes down left the alert DMs about it pointing at nothing;
-- with this, each such DM is edited once (a job keyed by the DM and the announcement) to say
-- so. No foreign key to announcements: a row must outlive its announcement, which is the point.
-- Rows are let go of after 60 days, as the jobs that sent them are.
CREATE TABLE alert_dm_matches (
    guild_id        INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    member_id       INTEGER NOT NULL,
    channel_id      INTEGER NOT NULL,  -- the member's DM channel
    message_id      INTEGER NOT NULL,
    position        INTEGER NOT NULL CHECK (position >= 0),  -- in the DM's list
    announcement_id INTEGER NOT NULL,
    queries         TEXT NOT NULL,  -- JSON: the alerts it met, as the DM names them
    sent_at         INTEGER NOT NULL,
    PRIMARY KEY (message_id, announcement_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX alert_dm_matches_by_announcement ON alert_dm_matches (announcement_id);
CREATE INDEX alert_dm_matches_by_member ON alert_dm_matches (member_id);
CREATE INDEX alert_dm_matches_sent ON alert_dm_matches (sent_at);
CREATE TRIGGER alert_dm_matches_parent BEFORE INSERT ON alert_dm_matches
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
