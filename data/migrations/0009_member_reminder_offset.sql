-- 0009 a member's own reminder time: how long before each meetup they are going to their reminder
-- DM comes, in place of the server's offsets (`/meetup reminders before:`).
-- Why: a member two hours' drive away wants the nudge earlier than one who lives next door; the
-- reminder in the meetup's thread still follows the server's offsets.

ALTER TABLE member_settings ADD COLUMN reminder_minutes INTEGER
    CHECK (reminder_minutes IS NULL OR reminder_minutes BETWEEN 5 AND 20160);
