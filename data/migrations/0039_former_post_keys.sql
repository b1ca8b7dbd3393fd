-- 0039 a removed importer's posted announcements keep the key of their post.
-- Why: an announcement's post and publish jobs are keyed by its importer's id and its own
-- ("<importer id>:<announcement id>"), and where the post went is recorded under that key.
-- Once the importer was removed its announcements named it no longer, so where their posts
-- went could not be found and a moderator could not take one down with /importer delete. Ids
-- are never given out again (0018), so the key names that post alone. Announcements of
-- importers removed before are given it from their post job, where one is still kept.
ALTER TABLE announcements ADD COLUMN former_post_key TEXT
    CHECK (former_post_key IS NULL OR length(former_post_key) BETWEEN 3 AND 40);

UPDATE announcements SET former_post_key = (
    SELECT jobs.key FROM jobs
    WHERE jobs.kind = 'importer.post' AND jobs.guild_id = announcements.guild_id
        AND substr(jobs.key, instr(jobs.key, ':') + 1) = CAST(announcements.id AS TEXT)
)
WHERE importer_id IS NULL;
