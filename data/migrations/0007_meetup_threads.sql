-- 0007 meetup threads and signup cutoff: each meetup's discussion thread, and how long before
-- each start signing up closes.
-- Why: notices about a meetup (cancelled, moved, reminders) belong in its own thread rather than
-- in the busy meetups channel; organizers of show days need the list settled before the day.

ALTER TABLE meetups ADD COLUMN thread_id INTEGER;  -- the thread started on the card, if any
ALTER TABLE meetups ADD COLUMN cutoff_minutes INTEGER
    CHECK (cutoff_minutes IS NULL OR cutoff_minutes BETWEEN 1 AND 43200);
