-- 0065 a nomination keeps the ballot that held its build; a ballot keeps the month it is for.
-- Why: an automatic ballot took the builds nominated in the last 31 days, so nominations that
-- one ballot held made the next one too (its winner standing again), while a nomination nobody
-- decided fell out of every ballot after 31 days, though it still waited in the moderation
-- queue and kept its member from nominating the build again. Now a nomination counts for the
-- next automatic ballot until a ballot holds its build, however old: `ballot_id` is that
-- ballot, NULL while none has (a ballot given up before it was posted frees them again).
-- Nominations made before now count as held by the latest ballot that held their build after
-- they were made.
-- And a ballot's result and its winner's DM name its month ("December 2026"): `month` is
-- the year and month it opened in, in the server's zone then (YYYY-MM). NULL for ballots
-- opened before, which name no month.

ALTER TABLE showcase_nominations
    ADD COLUMN ballot_id INTEGER REFERENCES showcase_ballots (id) ON DELETE SET NULL;
UPDATE showcase_nominations SET ballot_id = (
    SELECT max(b.id) FROM showcase_ballots AS b JOIN showcase_candidates AS c ON c.ballot_id = b.id
    WHERE c.build_id = showcase_nominations.build_id
    AND b.opened_at >= showcase_nominations.created_at)
WHERE status <> 'dismissed';
CREATE INDEX showcase_nominations_of_ballot ON showcase_nominations (ballot_id);

-- The deleted nominated builds an automatic ballot's refusal counts are those since the last
-- ballot opened: older ones tell nothing more.
DELETE FROM showcase_nominated_deletions WHERE nominated_at < (
    SELECT max(opened_at) FROM showcase_ballots
    WHERE showcase_ballots.guild_id = showcase_nominated_deletions.guild_id);

ALTER TABLE showcase_ballots ADD COLUMN month TEXT
    CHECK (month IS NULL OR month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]');
