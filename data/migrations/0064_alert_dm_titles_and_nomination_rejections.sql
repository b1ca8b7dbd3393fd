-- An alert DM's record names the announcement it listed by its title as the DM showed it, for
-- the member's /privacy export: the announcement id alone says nothing to them. NULL for DMs
-- recorded before, for one whose announcement was gone as it was recorded, and once it is taken
-- down (its words were its importer's to take back, and the DM is edited to drop them too).
ALTER TABLE alert_dm_matches ADD COLUMN title TEXT;

-- A nomination's rejection keeps the moderator's reason and the build as they rejected it
-- (`build_fingerprint`): a later nomination of the build reading the same says on its queue card
-- that it repeats the rejected one, who rejected it, when and why, as a repeated announcement's
-- does. NULL for rejections before.
ALTER TABLE showcase_nominations ADD COLUMN rejection_reason TEXT
    CHECK (rejection_reason IS NULL OR length(rejection_reason) <= 500);
ALTER TABLE showcase_nominations ADD COLUMN build_rejected TEXT;
