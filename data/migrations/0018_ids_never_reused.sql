-- rebuilds tables: ids that are never given out again
-- 0018 ids never reused. Why: a table whose key is a plain INTEGER PRIMARY KEY gives a new row
-- the largest id plus one, so when a forget deletes the newest importer, announcement, build or
-- showcase nomination, the next one gets its id. Jobs are keyed by those ids and kept 60 days
-- after they ran: the first feed poll of a new importer (key "<importer id>:1") was taken for
-- done and never ran, a new nomination's queue post was never sent. Buttons on messages still in
-- Discord carry the ids too. AUTOINCREMENT never gives an id out twice; SQLite adds it only
-- when a table is created, so each table is made again under its own name with the same
-- columns, rows, indexes and triggers (foreign keys off meanwhile, checked before commit).

CREATE TABLE builds_new (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id           INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    owner_id           INTEGER NOT NULL,
    title              TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    truck              TEXT NOT NULL CHECK (length(truck) BETWEEN 1 AND 100),
    make               TEXT CHECK (make IS NULL OR length(make) BETWEEN 1 AND 40),
    model              TEXT CHECK (model IS NULL OR length(model) BETWEEN 1 AND 40),
    model_code         TEXT CHECK (model_code IS NULL OR length(model_code) BETWEEN 1 AND 12),
    year               INTEGER CHECK (year IS NULL OR year BETWEEN 1960 AND 2100),
    drive              TEXT CHECK (drive IS NULL OR drive IN ('2WD', '4WD')),
    diff_lock          INTEGER CHECK (diff_lock IS NULL OR diff_lock IN (0, 1)),
    hi_lo              INTEGER CHECK (hi_lo IS NULL OR hi_lo IN (0, 1)),
    lift               TEXT CHECK (lift IS NULL OR length(lift) BETWEEN 1 AND 60),
    tyres              TEXT CHECK (tyres IS NULL OR length(tyres) BETWEEN 1 AND 60),
    engine             TEXT CHECK (engine IS NULL OR length(engine) BETWEEN 1 AND 60),
    import_route       TEXT CHECK (import_route IS NULL OR length(import_route) BETWEEN 1 AND 60),
    state              TEXT CHECK (state IS NULL OR length(state) = 2),
    plate_status       TEXT CHECK (plate_status IS NULL OR plate_status IN
                           ('street-legal', 'off-road-only', 'farm-use', 'pending', 'unregistered')),
    channel_id         INTEGER,  -- where the card is: the forum, or the text channel
    thread_id          INTEGER,  -- the forum post, or the thread started on the card
    starter_id         INTEGER,  -- the card message (in a forum, the post's own id)
    created_at         INTEGER NOT NULL,
    last_activity_at   INTEGER NOT NULL,
    closed_at          INTEGER,
    locked_at          INTEGER,
    locked_by          INTEGER,
    lock_reason        TEXT CHECK (lock_reason IS NULL OR length(lock_reason) <= 200),
    thread_deleted_at  INTEGER,  -- deleted in Discord: the build stays, its thread is gone
    starter_deleted_at INTEGER,  -- the card was deleted; said on the next update
    featured           INTEGER NOT NULL DEFAULT 0 CHECK (featured IN (0, 1)),
    CHECK ((locked_at IS NULL) = (locked_by IS NULL))
) STRICT;
INSERT INTO builds_new SELECT * FROM builds;
DROP TABLE builds;
ALTER TABLE builds_new RENAME TO builds;
CREATE INDEX builds_by_drive ON builds (guild_id, drive, id);
CREATE INDEX builds_by_make ON builds (guild_id, make, id);
CREATE INDEX builds_by_model_code ON builds (guild_id, model_code, id);
CREATE INDEX builds_by_state ON builds (guild_id, state, id);
CREATE UNIQUE INDEX builds_by_thread ON builds (thread_id) WHERE thread_id IS NOT NULL;
CREATE INDEX builds_guild_recent ON builds (guild_id, id);
CREATE INDEX builds_owner_recent ON builds (guild_id, owner_id, id);
CREATE TRIGGER builds_parent BEFORE INSERT ON builds
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

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
    decided_at   INTEGER,
    UNIQUE (build_id, nominated_by)
) STRICT;
INSERT INTO showcase_nominations_new SELECT * FROM showcase_nominations;
DROP TABLE showcase_nominations;
ALTER TABLE showcase_nominations_new RENAME TO showcase_nominations;
CREATE INDEX showcase_nominations_pending ON showcase_nominations (guild_id, status, id);
CREATE TRIGGER showcase_nominations_parent BEFORE INSERT ON showcase_nominations
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

CREATE TABLE importers_new (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    name_key     TEXT NOT NULL,  -- casefolded, spaces collapsed: one name per server
    member_id    INTEGER NOT NULL,
    website      TEXT CHECK (website IS NULL OR length(website) BETWEEN 8 AND 512),
    state        TEXT CHECK (state IS NULL OR length(state) = 2),
    trusted      INTEGER NOT NULL DEFAULT 0 CHECK (trusted IN (0, 1)),
    suspended_at INTEGER,
    created_at   INTEGER NOT NULL,
    UNIQUE (guild_id, name_key),
    UNIQUE (guild_id, member_id)
) STRICT;
INSERT INTO importers_new SELECT * FROM importers;
DROP TABLE importers;
ALTER TABLE importers_new RENAME TO importers;
CREATE TRIGGER importers_parent BEFORE INSERT ON importers
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

CREATE TABLE announcements_new (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    importer_id INTEGER NOT NULL REFERENCES importers (id) ON DELETE CASCADE,
    source      TEXT NOT NULL CHECK (source IN ('member', 'feed', 'arrival')),
    title       TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 256),
    title_key   TEXT NOT NULL,  -- normalised title: a repeat within 7 days is refused
    body        TEXT NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    link        TEXT CHECK (link IS NULL OR length(link) <= 2048),
    image_url   TEXT CHECK (image_url IS NULL OR length(image_url) <= 2048),
    status      TEXT NOT NULL CHECK (status IN ('queued', 'posting', 'rejected')),
    created_at  INTEGER NOT NULL,
    decided_by  INTEGER,
    decided_at  INTEGER,
    reason      TEXT CHECK (reason IS NULL OR length(reason) <= 500)
) STRICT;
INSERT INTO announcements_new SELECT * FROM announcements;
DROP TABLE announcements;
ALTER TABLE announcements_new RENAME TO announcements;
CREATE INDEX announcements_by_importer ON announcements (importer_id, created_at);
CREATE INDEX announcements_by_title ON announcements (guild_id, importer_id, title_key);
CREATE TRIGGER announcements_parent BEFORE INSERT ON announcements
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
