-- 0049 the record of an announcement taken back or down names which announcement it was.
-- Why: a moderator's take-down confirmed after the announcement was already taken down (by its
-- importer, or another moderator) could only answer "pick an announcement from the list", its
-- buttons kept, since nothing said what became of it. The id is never given out again
-- (AUTOINCREMENT, 0018), so it names that one announcement; records from before name none.
ALTER TABLE announcement_withdrawals ADD COLUMN announcement_id INTEGER;
CREATE INDEX announcement_withdrawals_by_announcement
    ON announcement_withdrawals (guild_id, announcement_id);
