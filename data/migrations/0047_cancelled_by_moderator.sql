-- 0047 a cancel records whether someone other than the organizer (a moderator) made it, on the
-- meetup for a whole cancel and on the date for one date's. Why: a moderator's cancel is a
-- moderator's to undo, and nothing recorded who cancelled. A flag, not a member's id: the
-- organizer's DM names the moderator, and the flag holds nothing /privacy forget must clear.
-- Cancels made before read as the organizer's own, as they were treated then.
ALTER TABLE meetups ADD COLUMN cancelled_by_moderator INTEGER NOT NULL DEFAULT 0
    CHECK (cancelled_by_moderator IN (0, 1));
ALTER TABLE occurrences ADD COLUMN cancelled_by_moderator INTEGER NOT NULL DEFAULT 0
    CHECK (cancelled_by_moderator IN (0, 1));
