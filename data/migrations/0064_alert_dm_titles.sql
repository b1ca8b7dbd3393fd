-- An alert DM's record names the announcement it listed by its title as the DM showed it, for
-- the member's /privacy export: the announcement id alone says nothing to them. NULL for DMs
-- recorded before, for one whose announcement was gone as it was recorded, and once it is taken
-- down (its words were its importer's to take back, and the DM is edited to drop them too).
ALTER TABLE alert_dm_matches ADD COLUMN title TEXT;
