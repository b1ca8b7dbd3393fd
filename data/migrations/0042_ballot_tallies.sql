-- 0042 a closed Build of the Month ballot keeps its count as it closed.
-- Why: a ballot was counted from its votes whenever its result was shown, and its result's post
-- goes out later, by the outbox: a voter forgotten in between (their votes deleted), or a build
-- deleted with its owner's data, changed a result the moderator had already been told. The
-- count is now taken in the close's transaction and kept here; a build deleted since keeps its
-- count (no reference to builds, so the row outlives it), shown without its title. Ballots closed
-- before this migration keep the count their votes give now, the nearest there is.
CREATE TABLE showcase_tallies (
    guild_id  INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    ballot_id INTEGER NOT NULL REFERENCES showcase_ballots (id) ON DELETE CASCADE,
    build_id  INTEGER NOT NULL,
    position  INTEGER NOT NULL CHECK (position BETWEEN 1 AND 25),
    votes     INTEGER NOT NULL CHECK (votes >= 0),
    PRIMARY KEY (ballot_id, build_id)
) STRICT;
CREATE TRIGGER showcase_tallies_parent BEFORE INSERT ON showcase_tallies
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

INSERT INTO showcase_tallies (guild_id, ballot_id, build_id, position, votes)
    SELECT c.guild_id, c.ballot_id, c.build_id, c.position, count(v.member_id)
    FROM showcase_candidates AS c
    JOIN showcase_ballots AS b ON b.id = c.ballot_id
    LEFT JOIN showcase_votes AS v ON v.ballot_id = c.ballot_id AND v.build_id = c.build_id
    WHERE b.closed_at IS NOT NULL AND b.called_off = 0
    GROUP BY c.ballot_id, c.build_id;
