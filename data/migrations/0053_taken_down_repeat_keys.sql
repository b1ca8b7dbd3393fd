-- 0053 the record of an announcement taken down keeps what a repeat of it is known by.
-- Why: a feed item repeating what its importer announced this week is held back, but that was
-- checked against the announcements still there; a take-down deletes the announcement, so the
-- importer's site listing the same truck put it back at the next poll, with alert DMs, just
-- after a moderator (or the importer) took it down. A take-down's record now keeps where the
-- announcement came from (`source`), its title key (a typed one's: feed items are matched to
-- those by title, to the rest by link) and its link, as the announcement had them, and a feed
-- item matching one taken down in the last 7 days is held back as one matching a live one is.
-- They are the business's words, kept only as long as they are needed: a daily chore clears
-- them once the 7 days are over (the record itself is kept 60 days, for the exports), and they
-- go at once when the importer's profile goes (removed, or its member forgotten): the record
-- then kept is the moderator's, and names no importer that could repeat it. Records from
-- before keep none (NULL): nothing is held back by them.
ALTER TABLE announcement_withdrawals ADD COLUMN source TEXT
    CHECK (source IS NULL OR source IN ('member', 'feed', 'arrival'));
ALTER TABLE announcement_withdrawals ADD COLUMN title_key TEXT;
ALTER TABLE announcement_withdrawals ADD COLUMN link TEXT;
