-- 0054 a build's deletion record creates its server's row, as every server-scoped table does.
-- Why: 0051 made build_deletions without the trigger the schema test asks of each table with a
-- guild_id; a deletion always follows a build of the same server, whose row made the server's,
-- so no row is missing today, but a table left out is one a later insert could trip on.
CREATE TRIGGER build_deletions_parent BEFORE INSERT ON build_deletions
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
