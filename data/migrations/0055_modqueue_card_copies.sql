-- 0055 the copy of a queue item's card kept for the edit saying how it was decided
-- (`modqueue_posts.decided_embeds`) is kept only as long as that edit needs it.
-- Why: 0052 kept it for as long as the post's row lived, which for a post naming its moderator
-- may be for good, and it quotes what the item's sender wrote (an announcement's title, body
-- and importer; a nomination's reasons), long after the sender's business was removed. The
-- queue now keeps it from the item's decision, or while the item is held (an announcement
-- removed with its importer is decided once its card can no longer be rendered), and lets it
-- go once the edit is made. `shows_hold`, which chose the posts to keep it for, read whether the
-- item was held as the post's place was kept, not as it was rendered: it goes.

-- Copies whose edit was made (no edit of the post waits) go now.
UPDATE modqueue_posts SET decided_embeds = NULL
WHERE decision IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM jobs
    WHERE jobs.kind = 'modqueue.refresh' AND jobs.state IN ('pending', 'claimed')
        AND jobs.guild_id = modqueue_posts.guild_id
        AND substr(jobs.key, 1, length(modqueue_posts.kind || ':' || modqueue_posts.ref_id) + 1)
            = modqueue_posts.kind || ':' || modqueue_posts.ref_id || ':'
);

-- A post showing its waiting item on hold is rendered again, which keeps its copy.
INSERT OR IGNORE INTO jobs (guild_id, kind, key, payload, due_at, created_at)
SELECT guild_id, 'modqueue.refresh', kind || ':' || ref_id || ':0055',
    json_object('kind', kind, 'ref_id', ref_id),
    CAST(strftime('%s', 'now') AS INTEGER), CAST(strftime('%s', 'now') AS INTEGER)
FROM modqueue_posts WHERE decision IS NULL AND shows_hold = 1;

ALTER TABLE modqueue_posts DROP COLUMN shows_hold;
