-- 0028 meetup lengths given, and what an earlier rule's dates were called and where.
-- Why: a meetup left without a length lasts the 3-hour default in calendar files and the Events
-- tab, but its card said "Until 1:00 PM (3 hours)" as if the organizer had said so. Whether a
-- length was given (the duration option, or a time typed as a range) is kept, for meetups and
-- the templates saved from them. Nothing said so before: 3 hours, the default, is taken as not
-- given, any other length as given. (Only this column changes: the revision triggers do not fire.)
ALTER TABLE meetups ADD COLUMN length_given INTEGER NOT NULL DEFAULT 0
    CHECK (length_given IN (0, 1));
UPDATE meetups SET length_given = 1 WHERE duration_minutes <> 180;

ALTER TABLE meetup_templates ADD COLUMN length_given INTEGER NOT NULL DEFAULT 0
    CHECK (length_given IN (0, 1));
UPDATE meetup_templates SET length_given = 1 WHERE duration_minutes <> 180;

-- Why: the dates a series held under a rule it was re-timed from showed its title, place,
-- description and length of today, so renaming or moving the series later rewrote them in
-- calendars. Each earlier rule now keeps those the series had when it was re-timed. Rules
-- stored before were not: they keep the meetup's as they are now, the nearest known.
ALTER TABLE meetup_earlier_rules ADD COLUMN title TEXT NOT NULL DEFAULT ''
    CHECK (length(title) <= 100);
ALTER TABLE meetup_earlier_rules ADD COLUMN location TEXT NOT NULL DEFAULT ''
    CHECK (length(location) <= 200);
ALTER TABLE meetup_earlier_rules ADD COLUMN description TEXT NOT NULL DEFAULT ''
    CHECK (length(description) <= 2000);
ALTER TABLE meetup_earlier_rules ADD COLUMN duration_minutes INTEGER NOT NULL DEFAULT 180
    CHECK (duration_minutes BETWEEN 15 AND 10080);
UPDATE meetup_earlier_rules SET
    title = (SELECT title FROM meetups WHERE meetups.id = meetup_id),
    location = (SELECT location FROM meetups WHERE meetups.id = meetup_id),
    description = (SELECT description FROM meetups WHERE meetups.id = meetup_id),
    duration_minutes = (SELECT duration_minutes FROM meetups WHERE meetups.id = meetup_id);
