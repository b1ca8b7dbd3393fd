-- rebuilds tables: announcements, to outlive a removed importer
-- 0032 who suspended an importer; where alert DMs went; a removed importer's posted announcements.
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

-- A removed importer's posted announcements stay, unlinked (importer_id NULL) and under the
-- name it had (former_importer). Why: what was posted is public record in the channel; its card
-- is edited to say "former importer" rather than go on vouching for a business moderators
-- removed, and the record of what was posted outlives the profile. What waited for moderators,
-- was rejected, or was not sent yet is still deleted with the profile: it was never shown.
CREATE TABLE announcements_new (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id        INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    importer_id     INTEGER REFERENCES importers (id) ON DELETE SET NULL,
    source          TEXT NOT NULL CHECK (source IN ('member', 'feed', 'arrival')),
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 256),
    title_key       TEXT NOT NULL,  -- normalised title: a repeat within 7 days is refused
    body            TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    link            TEXT CHECK (link IS NULL OR length(link) <= 2048),
    image_url       TEXT CHECK (image_url IS NULL OR length(image_url) <= 2048),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'posting', 'rejected')),
    created_at      INTEGER NOT NULL,
    decided_by      INTEGER,
    decided_at      INTEGER,
    reason          TEXT CHECK (reason IS NULL OR length(reason) <= 500),
    revision        INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    former_importer TEXT CHECK (former_importer IS NULL OR length(former_importer) BETWEEN 1 AND 80),
    CHECK (importer_id IS NOT NULL OR former_importer IS NOT NULL)
) STRICT;
INSERT INTO announcements_new (id, guild_id, importer_id, source, title, title_key, body, link,
    image_url, status, created_at, decided_by, decided_at, reason, revision)
SELECT id, guild_id, importer_id, source, title, title_key, body, link, image_url, status,
    created_at, decided_by, decided_at, reason, revision FROM announcements;
-- The ids given out so far, deleted ones too, are never given out again (0018).
DELETE FROM sqlite_sequence WHERE name = 'announcements_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'announcements_new', seq FROM sqlite_sequence WHERE name = 'announcements';
DROP TABLE announcements;
ALTER TABLE announcements_new RENAME TO announcements;
CREATE INDEX announcements_by_importer ON announcements (importer_id, created_at);
CREATE INDEX announcements_by_title ON announcements (guild_id, importer_id, title_key);
CREATE TRIGGER announcements_parent BEFORE INSERT ON announcements
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
