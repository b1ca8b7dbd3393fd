-- 0025 modqueue: posts lost for want of a mod-queue channel are sent after all; each decided
-- post's words, and the moderator they name, are recorded.
--
-- Why (lost posts): an item sent in while its server had no mod-queue channel had its post job
-- finished without a post, so the channel set later never showed it. Such a post now waits for a
-- channel. The jobs finished that way (kept 60 days after they ran: no delivery, no post recorded)
-- wait again: one whose item still waits is posted once the server has a channel (at once when it
-- has one now), and one whose item was decided meanwhile finishes without a post.
--
-- Why (decisions): a decision taken away from its post (in /modqueue, /glossary-mod suggestions,
-- /showcase-mod feature) edited the post once, directly: a 429 or 5xx lost the edit, and the post
-- offered its buttons ever after. The edit is now a job that renders the post from `decision`,
-- so a retry shows the same words. And a forget found the posts naming a moderator by reading
-- every post decided in the past week, and none older: `decided_by` now says whom each post names
-- as its decider, kept for as long as the post does, so a forget edits exactly that member's.
-- Posts decided before are unknown (NULL), and let go of a week after their decision as before.

UPDATE jobs
SET state = 'pending', due_at = unixepoch(), attempts = 0, finished_at = NULL, last_error = NULL
WHERE kind = 'modqueue.post' AND state = 'done' AND guild_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.job_id = jobs.id)
  AND NOT EXISTS (
      SELECT 1 FROM modqueue_posts
      WHERE modqueue_posts.guild_id = jobs.guild_id
        AND modqueue_posts.kind || ':' || modqueue_posts.ref_id = jobs.key
  );

-- The member the decided post names as its moderator ("Rejected by <@id>; …"): 0 once they were
-- forgotten, NULL while the item waits, when the words name nobody, or when it is not known.
ALTER TABLE modqueue_posts ADD COLUMN decided_by INTEGER;
-- The decided post's words, as they read in Discord; NULL while the item waits, or not known.
ALTER TABLE modqueue_posts ADD COLUMN decision TEXT;

CREATE INDEX modqueue_posts_decided_by ON modqueue_posts (decided_by, guild_id)
    WHERE decided_by IS NOT NULL;
