-- 0035 who took an announcement down.
-- Why: a moderator may now take down any importer's posted announcement through the same path
-- as its importer (a post deleted by hand left its record "posted" and the alert DMs about it
-- unedited). The withdrawal record names the member who took it back or down (the importer's
-- own member, or the moderator); one from before names nobody.
ALTER TABLE announcement_withdrawals ADD COLUMN withdrawn_by INTEGER;

-- Each alert DM's match says who took its announcement down, so the edited DM does not blame the
-- importer for a moderator's take-down. NULL: still up, or taken down before this was recorded.
ALTER TABLE alert_dm_matches ADD COLUMN taken_down_by TEXT
    CHECK (taken_down_by IS NULL OR taken_down_by IN ('importer', 'moderator'));
