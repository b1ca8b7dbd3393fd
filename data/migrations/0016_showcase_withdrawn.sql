-- 0016 showcase withdrawn: the builds an open ballot lost since it opened.
-- Why: a build deleted with its owner's data leaves its ballot, whose message then says so
-- ("Build #12 was withdrawn; if you voted for it, your vote is free again") while it is open;
-- the rows go with the ballot. The note was rendered from the one forget that withdrew the build, so a second forget
-- re-rendered the ballot without the first one's note. The build is gone: no key to builds.

CREATE TABLE showcase_withdrawn (
    guild_id  INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    ballot_id INTEGER NOT NULL REFERENCES showcase_ballots (id) ON DELETE CASCADE,
    build_id  INTEGER NOT NULL,
    PRIMARY KEY (ballot_id, build_id)
) STRICT;

CREATE TRIGGER showcase_withdrawn_parent BEFORE INSERT ON showcase_withdrawn
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
