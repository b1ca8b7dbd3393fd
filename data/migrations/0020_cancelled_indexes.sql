-- 0020 cancelled indexes: what the public calendar's cancelled listings search.
-- Why: each listing of a server's calendar looks for its cancelled meetups and its dates
-- cancelled one by one, and walked every meetup of the server, past ones included, to find
-- them. Cancelled rows are few; these partial indexes hold only them.

CREATE INDEX meetups_cancelled ON meetups (guild_id, cancelled_at) WHERE cancelled_at IS NOT NULL;
CREATE INDEX occurrences_cancelled ON occurrences (meetup_id, starts_at)
    WHERE cancelled_at IS NOT NULL;
