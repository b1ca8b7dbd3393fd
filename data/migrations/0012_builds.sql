-- 0012 builds: build logs (one thread per truck), their tags, dated updates with photos, a parts
-- ledger, and the showcase: nominations, featured posts and Build of the Month ballots.
-- Why: a build's story must survive Discord deleting or archiving its thread, so the card is
-- rendered from these rows. Money is integer cents so totals are exact. A showcase post is
-- unique per build by constraint, so two moderators featuring one build at once make one post.
-- Nominations keep their own table with member columns named for what they are, so the
-- moderation queue and the privacy export can find them.

CREATE TABLE builds (
    id                 INTEGER PRIMARY KEY,
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
CREATE INDEX builds_guild_recent ON builds (guild_id, id);
CREATE INDEX builds_owner_recent ON builds (guild_id, owner_id, id);
CREATE INDEX builds_by_model_code ON builds (guild_id, model_code, id);
CREATE INDEX builds_by_make ON builds (guild_id, make, id);
CREATE INDEX builds_by_state ON builds (guild_id, state, id);
CREATE INDEX builds_by_drive ON builds (guild_id, drive, id);
CREATE UNIQUE INDEX builds_by_thread ON builds (thread_id) WHERE thread_id IS NOT NULL;

-- Per server: whether members were told once that the forum lacks tags the bot may not add.
CREATE TABLE build_settings (
    guild_id             INTEGER PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    tag_refusal_said_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE build_tags (
    guild_id INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    build_id INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    tag      TEXT NOT NULL CHECK (tag IN ('off-road', 'camper', 'show', 'work', 'mobile-business',
                 'restoration', 'ev-conversion', 'daily', 'in-progress', 'complete')),
    PRIMARY KEY (build_id, tag)
) STRICT;
CREATE INDEX build_tags_by_tag ON build_tags (guild_id, tag, build_id);

CREATE TABLE build_updates (
    id             INTEGER PRIMARY KEY,
    guild_id       INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    build_id       INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    author_id      INTEGER NOT NULL,
    text           TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
    cost_cents     INTEGER CHECK (cost_cents IS NULL OR cost_cents BETWEEN 0 AND 100000000),
    odometer_miles INTEGER CHECK (odometer_miles IS NULL OR odometer_miles BETWEEN 0 AND 9999999),
    photo_source   TEXT,  -- the attachment the member sent, fetched when the update is posted
    photo_name     TEXT,
    photo_type     TEXT,
    photo_url      TEXT,  -- the photo as posted in the build's thread
    state          TEXT NOT NULL DEFAULT 'recorded' CHECK (state IN ('pending', 'recorded')),
    message_id     INTEGER,
    created_at     INTEGER NOT NULL,
    CHECK ((photo_source IS NULL) = (photo_name IS NULL))
) STRICT;
CREATE INDEX build_updates_of_build ON build_updates (build_id, state, id);
CREATE INDEX build_updates_photos ON build_updates (build_id, id) WHERE photo_url IS NOT NULL;

CREATE TABLE build_parts (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    build_id   INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    category   TEXT NOT NULL CHECK (category IN ('suspension', 'wheels-tires', 'lighting', 'bed',
                   'engine', 'interior', 'electrical', 'camper', 'other')),
    cost_cents INTEGER NOT NULL CHECK (cost_cents BETWEEN 0 AND 100000000),
    added_by   INTEGER NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX build_parts_of_build ON build_parts (build_id, category, id);

CREATE TABLE showcase_nominations (
    id           INTEGER PRIMARY KEY,
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
CREATE INDEX showcase_nominations_pending ON showcase_nominations (guild_id, status, id);

CREATE TABLE showcase_posts (
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    build_id    INTEGER PRIMARY KEY REFERENCES builds (id) ON DELETE CASCADE,
    featured_by INTEGER NOT NULL,
    note        TEXT CHECK (note IS NULL OR length(note) <= 500),
    channel_id  INTEGER,
    message_id  INTEGER,
    pinned      INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at  INTEGER NOT NULL,
    CHECK ((channel_id IS NULL) = (message_id IS NULL))
) STRICT;
CREATE INDEX showcase_posts_pinned ON showcase_posts (guild_id, pinned, created_at);

CREATE TABLE showcase_ballots (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    opened_by  INTEGER NOT NULL,
    channel_id INTEGER,
    message_id INTEGER,
    opened_at  INTEGER NOT NULL,
    closed_at  INTEGER
) STRICT;
-- One open ballot per server, by constraint.
CREATE UNIQUE INDEX showcase_ballots_one_open ON showcase_ballots (guild_id) WHERE closed_at IS NULL;

CREATE TABLE showcase_candidates (
    guild_id  INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    ballot_id INTEGER NOT NULL REFERENCES showcase_ballots (id) ON DELETE CASCADE,
    build_id  INTEGER NOT NULL REFERENCES builds (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position BETWEEN 1 AND 25),
    PRIMARY KEY (ballot_id, build_id),
    UNIQUE (ballot_id, position)
) STRICT;

CREATE TABLE showcase_votes (
    guild_id  INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    ballot_id INTEGER NOT NULL REFERENCES showcase_ballots (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL,  -- the voter
    build_id  INTEGER NOT NULL,
    voted_at  INTEGER NOT NULL,
    PRIMARY KEY (ballot_id, member_id),
    FOREIGN KEY (ballot_id, build_id) REFERENCES showcase_candidates (ballot_id, build_id)
) STRICT;

CREATE TRIGGER builds_parent BEFORE INSERT ON builds
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER build_settings_parent BEFORE INSERT ON build_settings
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER build_tags_parent BEFORE INSERT ON build_tags
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER build_updates_parent BEFORE INSERT ON build_updates
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER build_parts_parent BEFORE INSERT ON build_parts
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER showcase_nominations_parent BEFORE INSERT ON showcase_nominations
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER showcase_posts_parent BEFORE INSERT ON showcase_posts
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER showcase_ballots_parent BEFORE INSERT ON showcase_ballots
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER showcase_candidates_parent BEFORE INSERT ON showcase_candidates
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER showcase_votes_parent BEFORE INSERT ON showcase_votes
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
