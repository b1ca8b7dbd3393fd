-- 0002 glossary: each server's own entries (new ones, overrides and hidden built-ins), their
-- edit history, member suggestions, lookup counts, the word-of-the-day cycle and its hour.
-- Why: built-in entries ship in data/glossary.toml and data/models.toml and are never copied
-- here, so a new release improves them everywhere. A server row whose key (the normalised
-- headword) equals a built-in's key replaces it for that server only; `hidden` removes it there.

CREATE TABLE glossary_entries (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
    key        TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 80),
    hidden     INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    entry      TEXT CHECK (entry IS NULL OR json_valid(entry)),
    updated_by INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (guild_id, key),
    CHECK ((hidden = 1) = (entry IS NULL))
) STRICT;

-- Who changed which entry when; before/after are the entry as JSON (NULL: absent or hidden).
CREATE TABLE glossary_history (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('add', 'edit', 'remove', 'import', 'restore')),
    actor_id INTEGER NOT NULL,
    at       INTEGER NOT NULL,
    before   TEXT CHECK (before IS NULL OR json_valid(before)),
    after    TEXT CHECK (after IS NULL OR json_valid(after))
) STRICT;
CREATE INDEX glossary_history_entry ON glossary_history (guild_id, key, at);

-- member_id becomes NULL when a member asks to be forgotten; the suggestion itself stays.
CREATE TABLE glossary_suggestions (
    id         INTEGER PRIMARY KEY,
    guild_id   INTEGER NOT NULL,
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
CREATE INDEX glossary_suggestions_pending ON glossary_suggestions (guild_id, status, created_at);

-- Counts only: which terms are looked up, never who looked.
CREATE TABLE glossary_lookups (
    guild_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    count    INTEGER NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (guild_id, key)
) STRICT;

-- Terms shown as word of the day in the current cycle; a cycle ends when every term was shown.
-- shown_on is the server's local date (YYYY-MM-DD), so the same day always shows the same term.
CREATE TABLE glossary_daily_shown (
    guild_id INTEGER NOT NULL,
    key      TEXT NOT NULL,
    shown_on TEXT NOT NULL,
    PRIMARY KEY (guild_id, key)
) STRICT;
CREATE UNIQUE INDEX glossary_daily_one_per_day ON glossary_daily_shown (guild_id, shown_on);

ALTER TABLE guild_settings ADD COLUMN daily_word_hour INTEGER NOT NULL DEFAULT 9
    CHECK (daily_word_hour BETWEEN 0 AND 23);
