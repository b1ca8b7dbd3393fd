-- 0019 meetup revisions: how many times what a calendar shows of a meetup has changed.
-- Why: calendar apps (Google Calendar's import among them) replace an event they hold only with
-- a copy whose SEQUENCE is higher. Calendar files carried 0 for every live meetup and 1 for a
-- cancelled one, so an edited time or place, or a date of a series moved or cancelled, never
-- reached a calendar that had the file already. The revision moves with each such change, by
-- trigger, whatever code makes it; answers (RSVPs) and the card's place do not move it.

ALTER TABLE meetups ADD COLUMN revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0);

-- Cancelled meetups were already sent out with SEQUENCE 1.
UPDATE meetups SET revision = 1 WHERE cancelled_at IS NOT NULL;

CREATE TRIGGER meetup_revised AFTER UPDATE OF
    title, description, location, zone, start_local, starts_at, duration_minutes, rrule,
    cancelled_at, cancel_reason ON meetups
WHEN (OLD.title, OLD.description, OLD.location, OLD.zone, OLD.start_local, OLD.starts_at,
      OLD.duration_minutes, OLD.rrule, OLD.cancelled_at, OLD.cancel_reason)
  IS NOT (NEW.title, NEW.description, NEW.location, NEW.zone, NEW.start_local, NEW.starts_at,
          NEW.duration_minutes, NEW.rrule, NEW.cancelled_at, NEW.cancel_reason)
BEGIN UPDATE meetups SET revision = revision + 1 WHERE id = NEW.id; END;

-- A date moved or cancelled on its own is a change of its series (or one-off).
CREATE TRIGGER meetup_date_revised AFTER INSERT ON occurrences
WHEN NEW.starts_at <> NEW.original_start OR NEW.cancelled_at IS NOT NULL
BEGIN UPDATE meetups SET revision = revision + 1 WHERE id = NEW.meetup_id; END;

CREATE TRIGGER meetup_date_changed AFTER UPDATE OF starts_at, cancelled_at ON occurrences
WHEN (OLD.starts_at, OLD.cancelled_at) IS NOT (NEW.starts_at, NEW.cancelled_at)
BEGIN UPDATE meetups SET revision = revision + 1 WHERE id = NEW.meetup_id; END;
