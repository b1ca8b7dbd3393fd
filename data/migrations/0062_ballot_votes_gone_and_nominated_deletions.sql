-- 0062 a ballot counts the votes that leave it, and a server counts its nominated builds deleted.
-- Why: a ballot closed with no votes could not tell "nobody voted" from "the votes went with a
-- withdrawn build, or with voters who asked to be forgotten", since nothing recorded the votes
-- that went: it hedged between them. Now each open ballot counts them as they go, apart:
-- `votes_withdrawn` (with a build deleted or locked), `votes_forgotten` (with their voter's
-- forget). A count only: whose vote, and for which build, is not kept. Ballots from before
-- hold NULL in both (not counted), and keep the hedged words.
-- And an automatic ballot refused for too few nominated builds could not say that some were
-- deleted since, their nominations going with them. `showcase_nominated_deletions` keeps one
-- row per deleted build that had been nominated: its server and when it was last nominated,
-- to tell it from the nomination window, nothing of the build or of who nominated it. Rows
-- older than the window are let go of as rows are added.
ALTER TABLE showcase_ballots ADD COLUMN votes_withdrawn INTEGER DEFAULT 0
    CHECK (votes_withdrawn >= 0);
ALTER TABLE showcase_ballots ADD COLUMN votes_forgotten INTEGER DEFAULT 0
    CHECK (votes_forgotten >= 0);
UPDATE showcase_ballots SET votes_withdrawn = NULL, votes_forgotten = NULL;

CREATE TABLE showcase_nominated_deletions (
    guild_id     INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    nominated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX showcase_nominated_deletions_guild
    ON showcase_nominated_deletions (guild_id, nominated_at);
CREATE TRIGGER showcase_nominated_deletions_parent BEFORE INSERT ON showcase_nominated_deletions
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;
