-- 0001 core: per-server settings, the job schedule/outbox, and bot-wide state.
-- Why: every feature reads the server's channels, roles and zone, and everything sent later
-- (reminders, feed posts, word of the day, DMs, retried posts) is a claimed row in `jobs`.

CREATE TABLE guild_settings (
    guild_id         INTEGER PRIMARY KEY,
    timezone         TEXT,
    reminder_offsets TEXT NOT NULL DEFAULT '24h,1h',
    updated_at       INTEGER NOT NULL
) STRICT;

CREATE TABLE guild_channels (
    guild_id   INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN
                   ('meetups', 'builds', 'showcase', 'announcements', 'glossary', 'modqueue')),
    channel_id INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
) STRICT;

CREATE TABLE guild_roles (
    guild_id INTEGER NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('moderator', 'organizer', 'importer')),
    role_id  INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind)
) STRICT;

-- guild_id is NULL only for bot-wide work (none yet); `key` is unique per kind so the same
-- piece of work can never be scheduled twice.
CREATE TABLE jobs (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER,
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

CREATE INDEX jobs_pending_due ON jobs (due_at) WHERE state = 'pending';
CREATE INDEX jobs_claimed_lease ON jobs (lease_until) WHERE state = 'claimed';
CREATE INDEX jobs_guild ON jobs (guild_id);

-- Bot-wide facts with no server behind them, such as the hash of the last synced command tree.
CREATE TABLE bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
