-- 0069 a ballot called off gives back the nominations it held.
-- Why: a ballot is called off when locks, forgets or deletions leave it fewer than two builds;
-- it counts no vote and has no winner, yet the nominations it held (at its opening, or by
-- 0065's backfill) stayed held, and the next automatic ballot refused their builds. They wait
-- for the next ballot again, as the ones a ballot called off now gives back at once.
UPDATE showcase_nominations SET ballot_id = NULL
WHERE ballot_id IN (SELECT id FROM showcase_ballots WHERE called_off);
