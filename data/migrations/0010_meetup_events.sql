-- 0010 meetup events: each meetup's mirror in the server's Events tab (a Discord scheduled event).
-- Why: the mirror is kept in step by jobs that may be retried or re-run after a crash, so the
-- event's id and the fields the bot last gave it are stored: a retry edits the event it made
-- instead of making a second one, and an update echoed back by Discord is told apart from an
-- edit someone made in the Events tab. `sending` holds the fields of a call in flight (or
-- "delete"), written before the call, because Discord's echo may arrive before its answer.

CREATE TABLE meetup_events (
    meetup_id      INTEGER PRIMARY KEY REFERENCES meetups (id) ON DELETE CASCADE,
    guild_id       INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    event_id       INTEGER UNIQUE,  -- the scheduled event showing the meetup now, if any
    original_start INTEGER,  -- the occurrence it shows (a series shows its next one)
    shown          TEXT CHECK (shown IS NULL OR json_valid(shown)),  -- its fields, as last seen
    sending        TEXT CHECK (sending IS NULL OR json_valid(sending)),
    stopped_at     INTEGER,  -- someone deleted the event in Discord: it is not made again
    updated_at     INTEGER NOT NULL,
    CHECK ((event_id IS NULL) = (original_start IS NULL)),
    CHECK ((event_id IS NULL) = (shown IS NULL))
) STRICT;
CREATE INDEX meetup_events_guild ON meetup_events (guild_id);

CREATE TRIGGER meetup_events_parent BEFORE INSERT ON meetup_events
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
