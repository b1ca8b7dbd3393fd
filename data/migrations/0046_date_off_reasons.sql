-- 0046 a date of a series cancelled on its own keeps the reason its organizer gave, as a whole
-- meetup does (meetups.cancel_reason). Why: the public calendar lists a cancelled date "with its
-- reason", and the reason was only sent in the notices. Dates cancelled before have none.
ALTER TABLE occurrences ADD COLUMN cancel_reason TEXT;
