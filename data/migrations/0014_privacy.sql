-- 0014 privacy: a member's open request to be forgotten, and the servers that removed the bot.
-- Why: `/privacy forget` deletes only after a confirmation button that must still work after a
-- restart, expire after 10 minutes, and not be opened twice at once, so the open request is a
-- row. A server that removes the bot keeps its data for 30 days in case the removal was a
-- mistake; the departure row says since when, and the purge job checks it before deleting, so
-- adding the bot back (which deletes the row) always wins over a purge already scheduled.

CREATE TABLE forget_requests (
    -- Carried by the confirmation's buttons; never reused, so an old button cannot confirm a
    -- newer request.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,  -- asked here
    member_id    INTEGER NOT NULL UNIQUE,  -- one open confirmation per member, for every server
    requested_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    CHECK (expires_at > requested_at)
) STRICT;

CREATE TABLE guild_departures (
    guild_id INTEGER PRIMARY KEY REFERENCES guilds (guild_id) ON DELETE CASCADE,
    left_at  INTEGER NOT NULL,
    purge_at INTEGER NOT NULL,
    CHECK (purge_at > left_at)
) STRICT;

CREATE TRIGGER forget_requests_parent BEFORE INSERT ON forget_requests
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
CREATE TRIGGER guild_departures_parent BEFORE INSERT ON guild_departures
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
