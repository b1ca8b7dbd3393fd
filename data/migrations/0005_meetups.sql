-- 0005 meetups: meetups (one-off or a repeating series), the occurrences members answer for,
-- their RSVPs, and each member's own time zone.
-- Why: a series is stored once, as its RRULE expanded in its own zone, so 10:00 stays 10:00
-- across DST; an occurrence gets a row only when someone answers for it or it is moved or
-- cancelled. Capacity counts the people (members and their guests) who are going; a party that
-- does not fit waits in click order (`queued_seq`), and a freed place goes to the earliest
-- waiting party that fits.

CREATE TABLE member_settings (
    guild_id  INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL,
    timezone  TEXT,
    PRIMARY KEY (guild_id, member_id)
) STRICT;

CREATE TABLE meetups (
    id               INTEGER PRIMARY KEY,
    guild_id         INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    organizer_id     INTEGER NOT NULL,
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    location         TEXT NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
    region           TEXT CHECK (region IS NULL OR length(region) BETWEEN 1 AND 50),
    zone             TEXT NOT NULL,
    start_local      TEXT NOT NULL,  -- the first occurrence's wall-clock start in `zone`, ISO
    starts_at        INTEGER NOT NULL,  -- the first occurrence, UTC
    duration_minutes INTEGER NOT NULL DEFAULT 180 CHECK (duration_minutes BETWEEN 15 AND 10080),
    rrule            TEXT,  -- RFC 5545, expanded in `zone`; NULL for a one-off meetup
    capacity         INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    truck_capacity   INTEGER CHECK (truck_capacity IS NULL OR truck_capacity BETWEEN 1 AND 10000),
    channel_id       INTEGER,  -- where its card is
    message_id       INTEGER,
    cancelled_at     INTEGER,
    cancel_reason    TEXT,
    created_at       INTEGER NOT NULL,
    CHECK ((channel_id IS NULL) = (message_id IS NULL))
) STRICT;
CREATE INDEX meetups_guild_start ON meetups (guild_id, starts_at);

CREATE TABLE occurrences (
    id             INTEGER PRIMARY KEY,
    meetup_id      INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    original_start INTEGER NOT NULL,  -- where the meetup or its series put it, UTC
    starts_at      INTEGER NOT NULL,  -- where it is now (differs when moved)
    cancelled_at   INTEGER,
    UNIQUE (meetup_id, original_start)
) STRICT;

CREATE TABLE rsvps (
    occurrence_id INTEGER NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE,
    member_id     INTEGER NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('going', 'waitlist', 'maybe', 'declined')),
    guests        INTEGER NOT NULL DEFAULT 0 CHECK (guests BETWEEN 0 AND 10),
    truck         TEXT CHECK (truck IS NULL OR length(truck) BETWEEN 1 AND 100),
    queued_seq    INTEGER NOT NULL,  -- the order answers arrived in; the waitlist is served by it
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (occurrence_id, member_id)
) STRICT;
CREATE INDEX rsvps_by_status ON rsvps (occurrence_id, status, queued_seq);

CREATE TRIGGER member_settings_parent BEFORE INSERT ON member_settings
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER meetups_parent BEFORE INSERT ON meetups
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
