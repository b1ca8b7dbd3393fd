-- 0024 Build of the Month ballots: called off, and the places of withdrawn builds.
-- Why: withdrawals (a lock, a forget deleting builds) could leave an open ballot with one build
-- or none, which then ran on until a moderator closed it: no choice, yet a "winner". Such a
-- ballot is now called off as the last withdrawal commits: closed without a result, its message
-- saying so and the moderators told (once, by a job). `called_off` tells it from a ballot a
-- moderator closed and counted.
-- And a build a lock withdrew goes back on the open ballot when it is unlocked, at the place it
-- had: `position` keeps that place. Builds withdrawn before this migration have none, and take
-- the first free place.

ALTER TABLE showcase_ballots
    ADD COLUMN called_off INTEGER NOT NULL DEFAULT 0 CHECK (called_off IN (0, 1));

ALTER TABLE showcase_withdrawn
    ADD COLUMN position INTEGER CHECK (position BETWEEN 1 AND 25);
