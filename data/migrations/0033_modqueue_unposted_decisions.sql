-- 0033 modqueue: how an item never posted was decided is recorded, as a posted item's is.
--
-- Why: an item decided while its server had no mod-queue channel has no post whose row records
-- the words of its decision (modqueue_posts.decision). They were kept in memory only, so after a
-- restart a moderator clicking the item on a /modqueue page still open was told only that it was
-- "decided, or withdrawn", not who decided it and how. They are kept here for a week after the
-- decision (as a decided post's place is), naming their moderator in `decided_by` for a forget.

CREATE TABLE modqueue_decisions (
    guild_id   INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND length(kind) <= 20),
    ref_id     INTEGER NOT NULL CHECK (ref_id > 0),
    -- The member the words name as the moderator who decided: 0 once they were forgotten, NULL
    -- when the words name nobody so.
    decided_by INTEGER,
    decision   TEXT NOT NULL,  -- "Rejected by <@id>; …", as a post would have read
    decided_at INTEGER NOT NULL,
    PRIMARY KEY (guild_id, kind, ref_id)
) STRICT;

CREATE TRIGGER modqueue_decisions_parent BEFORE INSERT ON modqueue_decisions
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

CREATE INDEX modqueue_decisions_decided_by ON modqueue_decisions (decided_by, guild_id)
    WHERE decided_by IS NOT NULL;
CREATE INDEX modqueue_decisions_by_age ON modqueue_decisions (decided_at);
