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
