-- 0069 a ballot called off gives back the nominations it held; deletions counted keep their ballot.
-- Why: a ballot is called off when locks, forgets or deletions leave it fewer than two builds;
-- it counts no vote and has no winner, yet the nominations it held (at its opening, or by
-- 0065's backfill) stayed held, and the next automatic ballot refused their builds. They wait
-- for the next ballot again, as the ones a ballot called off now gives back at once.
UPDATE showcase_nominations SET ballot_id = NULL
WHERE ballot_id IN (SELECT id FROM showcase_ballots WHERE called_off);

-- And a deleted nominated build an automatic ballot's refusal counts keeps when the last ballot
-- had opened as it was deleted: a ballot opening let all of them go, so one given up before it
-- was posted lost the counts its refusals were owed. Now the deletions since the last ballot
-- count, and a ballot opening forgets only those from before the one before. Those kept now
-- are all since the server's last ballot opened.
ALTER TABLE showcase_nominated_deletions ADD COLUMN last_ballot_opened INTEGER NOT NULL DEFAULT 0;
UPDATE showcase_nominated_deletions SET last_ballot_opened = coalesce((
    SELECT max(opened_at) FROM showcase_ballots
    WHERE showcase_ballots.guild_id = showcase_nominated_deletions.guild_id), 0);
DROP INDEX showcase_nominated_deletions_guild;
CREATE INDEX showcase_nominated_deletions_guild
    ON showcase_nominated_deletions (guild_id, last_ballot_opened);
