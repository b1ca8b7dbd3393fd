-- 0006 reminder choice: whether a member wants meetup reminder DMs (`/meetup reminders on|off`).
-- Why: reminders go to everyone going unless they said no; the channel post still names them.

ALTER TABLE member_settings ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1
    CHECK (reminders IN (0, 1));
