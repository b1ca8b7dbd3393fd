-- 0013 importers: importer profiles, their feeds and the items seen in them, announcements
-- (typed, from a feed, or a structured arrival), and what was published where.
-- Why: an importer's announcement is a row before it is a message, so the outbox posts it once
-- and a refusal is retried; a feed item is known by its key forever, so neither a restart nor a
-- feed that re-stamps its dates posts it twice; publishing spends a per-channel hourly budget
-- counted from rows, so a restart does not forget what was spent.

CREATE TABLE importers (
    id           INTEGER PRIMARY KEY,
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

CREATE TABLE importer_feeds (
    importer_id     INTEGER PRIMARY KEY REFERENCES importers (id) ON DELETE CASCADE,
    guild_id        INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    url             TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2048),
    etag            TEXT CHECK (etag IS NULL OR length(etag) <= 512),
    last_modified   TEXT CHECK (last_modified IS NULL OR length(last_modified) <= 128),
    primed          INTEGER NOT NULL DEFAULT 0 CHECK (primed IN (0, 1)),  -- backlog recorded
    poll_no         INTEGER NOT NULL DEFAULT 0 CHECK (poll_no >= 0),  -- names the next poll job
    failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),  -- in a row
    failing_told    INTEGER NOT NULL DEFAULT 0 CHECK (failing_told IN (0, 1)),
    last_error      TEXT,
    last_polled_at  INTEGER,
    next_poll_at    INTEGER,
    gone_at         INTEGER  -- the server answered 410 Gone: polling stopped
) STRICT;

CREATE TABLE feed_items (
    importer_id   INTEGER NOT NULL REFERENCES importer_feeds (importer_id) ON DELETE CASCADE,
    guild_id      INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    item_key      TEXT NOT NULL CHECK (length(item_key) = 64),  -- sha256 of id, link or title
    first_seen_at INTEGER NOT NULL,
    PRIMARY KEY (importer_id, item_key)
) STRICT, WITHOUT ROWID;

CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY,
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
CREATE INDEX announcements_by_importer ON announcements (importer_id, created_at);
CREATE INDEX announcements_by_title ON announcements (guild_id, importer_id, title_key);

CREATE TABLE arrivals (
    announcement_id INTEGER PRIMARY KEY REFERENCES announcements (id) ON DELETE CASCADE,
    guild_id        INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    make            TEXT NOT NULL CHECK (length(make) BETWEEN 1 AND 40),
    model           TEXT NOT NULL CHECK (length(model) BETWEEN 1 AND 60),
    model_code      TEXT CHECK (model_code IS NULL OR length(model_code) BETWEEN 1 AND 20),
    year            INTEGER NOT NULL CHECK (year BETWEEN 1950 AND 2100),
    drive           TEXT CHECK (drive IS NULL OR drive IN ('2wd', '4wd')),
    grade           TEXT CHECK (grade IS NULL OR length(grade) BETWEEN 1 AND 3),
    mileage_km      INTEGER CHECK (mileage_km IS NULL OR mileage_km BETWEEN 0 AND 2000000),
    price_usd       INTEGER CHECK (price_usd IS NULL OR price_usd BETWEEN 0 AND 10000000),
    state           TEXT CHECK (state IS NULL OR length(state) = 2)
) STRICT;

CREATE TABLE importer_publishes (
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    channel_id   INTEGER NOT NULL,
    message_id   INTEGER NOT NULL,
    published_at INTEGER NOT NULL,
    PRIMARY KEY (channel_id, message_id)
) STRICT;
CREATE INDEX importer_publishes_recent ON importer_publishes (channel_id, published_at);

CREATE TRIGGER importers_parent BEFORE INSERT ON importers
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER importer_feeds_parent BEFORE INSERT ON importer_feeds
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER feed_items_parent BEFORE INSERT ON feed_items
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER announcements_parent BEFORE INSERT ON announcements
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER arrivals_parent BEFORE INSERT ON arrivals
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER importer_publishes_parent BEFORE INSERT ON importer_publishes
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
ALTER TABLE guild_settings ADD COLUMN importer_daily_limit INTEGER NOT NULL DEFAULT 3
    CHECK (importer_daily_limit BETWEEN 1 AND 50);

CREATE TABLE alerts (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    member_id  INTEGER NOT NULL,
    query      TEXT NOT NULL CHECK (length(query) BETWEEN 1 AND 200),
    created_at INTEGER NOT NULL,
    UNIQUE (guild_id, member_id, query)
) STRICT;
CREATE TRIGGER alerts_parent BEFORE INSERT ON alerts
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
