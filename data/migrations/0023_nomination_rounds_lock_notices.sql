-- rebuilds tables
-- 0023 nomination rounds: a member may nominate a build again once their nomination was
-- decided (rejected, or featured and the build unfeatured since).
-- Why: UNIQUE (build_id, nominated_by) kept one nomination per member and build for good, so a
-- member could never nominate it again. Opening the old row again would reuse its id, and the
-- job that posts a nomination to the moderation queue is keyed by that id and already spent, so
-- each round is a row (and an id) of its own; the earlier rounds stay as the record of what was
-- decided. A member still has at most one pending nomination per build, by a partial unique
-- index. The id sequence is carried over as it was: an id is never given out twice (0018, 0021).
-- And builds count their locks and unlocks: the DM telling the owner of each is a job keyed by
-- that count, so a lock after an unlock is told again, however soon it comes.

CREATE TABLE showcase_nominations_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    build_id     INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    nominated_by INTEGER NOT NULL,  -- the member who nominated
    reason       TEXT CHECK (reason IS NULL OR length(reason) <= 200),
    status       TEXT NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'featured', 'dismissed')),
    created_at   INTEGER NOT NULL,
    decided_by   INTEGER,
    decided_at   INTEGER
) STRICT;
INSERT INTO showcase_nominations_new SELECT * FROM showcase_nominations;
-- The new table's sequence starts where the old one stood, not at its largest row left.
DELETE FROM sqlite_sequence WHERE name = 'showcase_nominations_new';
INSERT INTO sqlite_sequence (name, seq)
    SELECT 'showcase_nominations_new', max(
        coalesce((SELECT max(seq) FROM sqlite_sequence WHERE name = 'showcase_nominations'), 0),
        coalesce((SELECT max(id) FROM showcase_nominations_new), 0));
DROP TABLE showcase_nominations;
ALTER TABLE showcase_nominations_new RENAME TO showcase_nominations;
CREATE INDEX showcase_nominations_pending ON showcase_nominations (guild_id, status, id);
CREATE INDEX showcase_nominations_of_build ON showcase_nominations (build_id, status);
CREATE UNIQUE INDEX showcase_nominations_one_open ON showcase_nominations (build_id, nominated_by)
    WHERE status = 'pending';
CREATE TRIGGER showcase_nominations_parent BEFORE INSERT ON showcase_nominations
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

ALTER TABLE builds ADD COLUMN lock_changes INTEGER NOT NULL DEFAULT 0;
