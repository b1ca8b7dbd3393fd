-- 0057 a build's deletion records the thread the build had.
-- Why: a command in a thread of the builds channel that was no build's was taken for one in a
-- deleted build's thread left standing (Keitora may not delete threads there) and refused,
-- so a forum post a member made by hand refused `/build update` too; and a left thread in a
-- builds channel changed since was not refused, its command going to the member's newest
-- build. The refusal now asks whether the thread is a deleted build's.
-- Deletions from before: the thread their follow-up job was to delete, while the job is kept.
ALTER TABLE build_deletions ADD COLUMN thread_id INTEGER;

CREATE INDEX build_deletions_thread ON build_deletions (guild_id, thread_id)
    WHERE thread_id IS NOT NULL;

UPDATE build_deletions SET thread_id = (
    SELECT json_extract(jobs.payload, '$.build_threads[0][1]') FROM jobs
    WHERE jobs.kind = 'privacy.forget_follow_up' AND jobs.guild_id = build_deletions.guild_id
        AND jobs.key = 'build:' || build_deletions.build_id
);
