-- 0008 meetup templates: a meetup's details saved under a name, to post it again with one command.
-- Why: a "Kei Truck Day" is the same title, place, capacity and length every month or season;
-- organizers should not type it all again, and a template outlives the meetup it came from.

CREATE TABLE meetup_templates (
    id               INTEGER PRIMARY KEY,
    guild_id         INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    name_key         TEXT NOT NULL,  -- the name casefolded with spaces collapsed: one per server
    saved_by         INTEGER NOT NULL,  -- the member who saved it last
    title            TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 100),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    location         TEXT NOT NULL CHECK (length(location) BETWEEN 1 AND 200),
    region           TEXT CHECK (region IS NULL OR length(region) BETWEEN 1 AND 50),
    zone             TEXT NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 15 AND 10080),
    capacity         INTEGER CHECK (capacity IS NULL OR capacity BETWEEN 1 AND 10000),
    truck_capacity   INTEGER CHECK (truck_capacity IS NULL OR truck_capacity BETWEEN 1 AND 10000),
    cutoff_minutes   INTEGER CHECK (cutoff_minutes IS NULL OR cutoff_minutes BETWEEN 1 AND 43200),
    saved_at         INTEGER NOT NULL,
    UNIQUE (guild_id, name_key)
) STRICT;

CREATE TRIGGER meetup_templates_parent BEFORE INSERT ON meetup_templates
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
