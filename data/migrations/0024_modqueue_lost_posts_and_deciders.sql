-- 0024 modqueue: posts lost for want of a mod-queue channel are sent after all.
-- Why: an item sent in while its server had no mod-queue channel had its post job finished
-- without a post, so the channel set later never showed it. Such a post now waits for a channel.
-- The jobs finished that way (kept 60 days after they ran: no delivery, no post recorded) wait
-- again: one whose item still waits is posted once the server has a channel (at once when it has
-- one now), and one whose item was decided meanwhile finishes without a post.

UPDATE jobs
SET state = 'pending', due_at = unixepoch(), attempts = 0, finished_at = NULL, last_error = NULL
WHERE kind = 'modqueue.post' AND state = 'done' AND guild_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM deliveries WHERE deliveries.job_id = jobs.id)
  AND NOT EXISTS (
      SELECT 1 FROM modqueue_posts
      WHERE modqueue_posts.guild_id = jobs.guild_id
        AND modqueue_posts.kind || ':' || modqueue_posts.ref_id = jobs.key
  );
