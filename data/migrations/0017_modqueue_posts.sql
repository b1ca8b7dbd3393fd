-- 0017 modqueue posts: where the mod-queue channel's post of each queue item is.
-- Why: a forget deletes the posts of the items it withdraws from the queue (and edits those of
-- items it changes), and found them through the outbox's delivery records; those go with their
-- jobs 60 days after the send, so an item that waited longer kept its post after a forget. The
-- queue records the post in the transaction that records the send, and lets go of it once the
-- item left the queue: at once when a forget withdraws it, else once two daily sweeps in a row
-- found it decided (an approval can be undone: a showcase post Discord refused puts its
-- nominations back). Rows already recorded by the outbox are copied from its job keys
-- ("kind:ref_id"); the sweep lets go of those whose items were decided.

CREATE TABLE modqueue_posts (
    guild_id      INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    kind          TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND length(kind) <= 20),
    ref_id        INTEGER NOT NULL CHECK (ref_id > 0),
    channel_id    INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    -- When a sweep first found the item no longer waiting; NULL while it waits.
    left_queue_at INTEGER,
    PRIMARY KEY (guild_id, kind, ref_id)
) STRICT;

CREATE TRIGGER modqueue_posts_parent BEFORE INSERT ON modqueue_posts
BEGIN INSERT OR IGNORE INTO guilds (guild_id) VALUES (NEW.guild_id); END;

INSERT INTO modqueue_posts (guild_id, kind, ref_id, channel_id, message_id)
    SELECT jobs.guild_id,
           substr(jobs.key, 1, instr(jobs.key, ':') - 1),
           CAST(substr(jobs.key, instr(jobs.key, ':') + 1) AS INTEGER),
           deliveries.channel_id,
           deliveries.message_id
    FROM jobs JOIN deliveries ON deliveries.job_id = jobs.id
    WHERE jobs.kind = 'modqueue.post' AND jobs.guild_id IS NOT NULL
      AND deliveries.channel_id IS NOT NULL AND deliveries.message_id IS NOT NULL;
