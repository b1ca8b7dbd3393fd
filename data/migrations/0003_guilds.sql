-- 0003 guilds: one parent row per server that every server-scoped row hangs from, and the
-- checksums of applied migrations.
-- Why: forgetting a server (or, through their own parents, a member's rows) must be one DELETE
-- that cascades, not a hand-kept list of tables that a new feature can miss. SQLite cannot add a
-- foreign key to an existing table, so each table is rebuilt with one and its rows copied over.
-- A trigger per table inserts the parent on first use, so a service writing a server's first row
-- needs no extra step and can never orphan it.

CREATE TABLE guilds (
    guild_id   INTEGER PRIMARY KEY,
    created_at INTEGER NOT NULL DEFAULT (unixepoch())
) STRICT;

INSERT INTO guilds (guild_id)
    SELECT guild_id FROM guild_settings
    UNION SELECT guild_id FROM guild_channels
    UNION SELECT guild_id FROM guild_roles
    UNION SELECT guild_id FROM jobs WHERE guild_id IS NOT NULL
    UNION SELECT guild_id FROM glossary_entries
    UNION SELECT guild_id FROM glossary_history
    UNION SELECT guild_id FROM glossary_suggestions
    UNION SELECT guild_id FROM glossary_lookups
    UNION SELECT guild_id FROM glossary_daily_shown;

-- Store.migrate records each applied migration's checksum here and refuses to open a database
-- whose landed migration files were edited afterwards.
CREATE TABLE schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    sha256     TEXT NOT NULL CHECK (length(sha256) = 64),
    applied_at INTEGER NOT NULL
) STRICT;

CREATE TABLE guild_settings_new (
    guild_id         INTEGER PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    timezone         TEXT,
    reminder_offsets TEXT NOT NULL DEFAULT '24h,1h',
    updated_at       INTEGER NOT NULL,
    daily_word_hour  INTEGER NOT NULL DEFAULT 9 CHECK (daily_word_hour BETWEEN 0 AND 23)
) STRICT;
INSERT INTO guild_settings_new (guild_id, timezone, reminder_offsets, updated_at, daily_word_hour)
    SELECT guild_id, timezone, reminder_offsets, updated_at, daily_word_hour FROM guild_settings;
DROP TABLE guild_settings;
ALTER TABLE guild_settings_new RENAME TO guild_settings;

CREATE TABLE guild_channels_new (
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN
                   ('meetups', 'builds', 'showcase', 'announcements', 'glossary', 'modqueue')),
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
) STRICT;
INSERT INTO guild_channels_new SELECT guild_id, kind, channel_id FROM guild_channels;
DROP TABLE guild_channels;
ALTER TABLE guild_channels_new RENAME TO guild_channels;

CREATE TABLE guild_roles_new (
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('moderator', 'organizer', 'importer')),
    role_id  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
) STRICT;
INSERT INTO guild_roles_new SELECT guild_id, kind, role_id FROM guild_roles;
DROP TABLE guild_roles;
ALTER TABLE guild_roles_new RENAME TO guild_roles;

-- guild_id is NULL only for bot-wide work.
CREATE TABLE jobs_new (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind        TEXT NOT NULL,
    key         TEXT NOT NULL,
    payload     TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(payload)),
    due_at      INTEGER NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'claimed', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    claimed_by  TEXT,
    lease_until INTEGER,
    last_error  TEXT,
    created_at  INTEGER NOT NULL,
    finished_at INTEGER,
    UNIQUE (kind, key),
    CHECK ((state = 'claimed') = (lease_until IS NOT NULL))
) STRICT;
INSERT INTO jobs_new
    SELECT id, guild_id, kind, key, payload, due_at, state, attempts, claimed_by, lease_until,
           last_error, created_at, finished_at
    FROM jobs;
DROP TABLE jobs;
ALTER TABLE jobs_new RENAME TO jobs;
CREATE INDEX jobs_pending_due ON jobs (due_at) WHERE state = 'pending';
CREATE INDEX jobs_claimed_lease ON jobs (lease_until) WHERE state = 'claimed';
CREATE INDEX jobs_guild ON jobs (guild_id);

CREATE TABLE glossary_entries_new (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    key        TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 80),
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    entry      TEXT CHECK (entry IS NULL OR json_valid(entry)),
    updated_by INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (guild_id, key),
    CHECK ((hidden = 1) = (entry IS NULL))
) STRICT;
INSERT INTO glossary_entries_new
    SELECT id, guild_id, key, hidden, entry, updated_by, updated_at FROM glossary_entries;
DROP TABLE glossary_entries;
ALTER TABLE glossary_entries_new RENAME TO glossary_entries;

CREATE TABLE glossary_history_new (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'import', 'restore')),
    actor_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    before   TEXT CHECK (before IS NULL OR json_valid(before)),
    after    TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
INSERT INTO glossary_history_new
    SELECT id, guild_id, key, action, actor_id, at, before, after FROM glossary_history;
DROP TABLE glossary_history;
ALTER TABLE glossary_history_new RENAME TO glossary_history;
CREATE INDEX glossary_history_entry ON glossary_history (guild_id, key, at);

CREATE TABLE glossary_suggestions_new (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    member_id  INTEGER,
    term       TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 100),
    meaning    TEXT NOT NULL CHECK (length(meaning) BETWEEN 1 AND 1024),
    kana       TEXT NOT NULL DEFAULT '',
    kanji      TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'approved', 'rejected')),
    created_at INTEGER NOT NULL,
    decided_by INTEGER,
    decided_at INTEGER,
    CHECK ((status = 'pending') = (decided_at IS NULL))
) STRICT;
INSERT INTO glossary_suggestions_new
    SELECT id, guild_id, member_id, term, meaning, kana, kanji, status, created_at, decided_by,
           decided_at
    FROM glossary_suggestions;
DROP TABLE glossary_suggestions;
ALTER TABLE glossary_suggestions_new RENAME TO glossary_suggestions;
CREATE INDEX glossary_suggestions_pending ON glossary_suggestions (guild_id, status, created_at);

CREATE TABLE glossary_lookups_new (
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    count    INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (guild_id, key)
) STRICT;
INSERT INTO glossary_lookups_new SELECT guild_id, key, count FROM glossary_lookups;
DROP TABLE glossary_lookups;
ALTER TABLE glossary_lookups_new RENAME TO glossary_lookups;

CREATE TABLE glossary_daily_shown_new (
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    key      TEXT NOT NULL,
    shown_on TEXT NOT NULL,
    PRIMARY KEY (guild_id, key)
) STRICT;
INSERT INTO glossary_daily_shown_new SELECT guild_id, key, shown_on FROM glossary_daily_shown;
DROP TABLE glossary_daily_shown;
ALTER TABLE glossary_daily_shown_new RENAME TO glossary_daily_shown;
CREATE UNIQUE INDEX glossary_daily_one_per_day ON glossary_daily_shown (guild_id, shown_on);

CREATE TRIGGER guild_settings_parent BEFORE INSERT ON guild_settings
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER guild_channels_parent BEFORE INSERT ON guild_channels
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER guild_roles_parent BEFORE INSERT ON guild_roles
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER jobs_parent BEFORE INSERT ON jobs WHEN NEW.guild_id IS NOT NULL
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER glossary_entries_parent BEFORE INSERT ON glossary_entries
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER glossary_history_parent BEFORE INSERT ON glossary_history
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER glossary_suggestions_parent BEFORE INSERT ON glossary_suggestions
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER glossary_lookups_parent BEFORE INSERT ON glossary_lookups
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER glossary_daily_shown_parent BEFORE INSERT ON glossary_daily_shown
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
