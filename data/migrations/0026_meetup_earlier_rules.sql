-- The rules a series followed before it was re-timed from its next date on (`/meetup edit`
-- with a new repeat, or every date from now on), so its calendar file keeps the dates it
-- already held: each rule from its own first date up to the first start of the rule after it.
CREATE TABLE meetup_earlier_rules (
    id          INTEGER PRIMARY KEY,
    meetup_id   INTEGER NOT NULL REFERENCES meetups (id) ON DELETE CASCADE,
    rrule       TEXT NOT NULL,
    start_local TEXT NOT NULL,     -- its first date on the meetup's clock, naive ISO
    replaced_at INTEGER NOT NULL   -- the next rule's first start, UTC: every date of this one is earlier
) STRICT;

CREATE INDEX meetup_earlier_rules_by_meetup ON meetup_earlier_rules (meetup_id, id);
