-- 0068 a Build of the Month DM stored as the one kind showcase.ballot_dm takes the kind of what it told.

-- A member's /privacy export names each DM by its job's kind, and the one kind read "a Build of
-- the Month vote of yours freed or voided, or your build's win or ballot called off" for each of
-- three DMs. Their keys always said which: `<ballot>:freed:<build>:<member>` a voter's vote
-- freed, `<ballot>:called_off:<member>` a ballot called off, `<ballot>:won:<build>` a win. The
-- keys stay as they are (a forget finds a finished DM's member by its key); one handler sends
-- the three kinds, so a DM still to come is sent as it would have been.
UPDATE jobs SET kind = 'showcase.vote_freed'
WHERE kind = 'showcase.ballot_dm' AND key GLOB '*:freed:*';
UPDATE jobs SET kind = 'showcase.ballot_called_off_dm'
WHERE kind = 'showcase.ballot_dm' AND key GLOB '*:called_off:*';
UPDATE jobs SET kind = 'showcase.ballot_won'
WHERE kind = 'showcase.ballot_dm' AND key GLOB '*:won:*';
