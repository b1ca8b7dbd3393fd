-- 0032 who suspended an importer.
-- Why: a moderator refused a suspension ("already suspended") was told the reason but not
-- whose it was or since when, so they could not ask the moderator who made it; the importer's
-- profile shows moderators the same. A suspension from before names nobody.
ALTER TABLE importers ADD COLUMN suspended_by INTEGER;
