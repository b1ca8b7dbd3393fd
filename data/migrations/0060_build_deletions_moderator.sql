-- 0060 a build's deletion records which moderator deleted it, and why.
-- Why: a moderator asking after a deleted build was told only "a moderator", so moderators
-- could not tell which of them deleted it nor why. `moderator_id` is the moderator's (NULL for
-- an owner's deletion, and for a moderator's from before, which nothing recorded);
-- FORMER_MEMBER (0) once they are forgotten. `reason` is the one they gave, as the owner's DM
-- carried it.
-- Deletions from before: the reason in the owner's DM of it (key '<build>:deleted:…'), while
-- its payload is kept; none for the rest.
ALTER TABLE build_deletions ADD COLUMN moderator_id INTEGER;
ALTER TABLE build_deletions ADD COLUMN reason TEXT;

CREATE INDEX build_deletions_moderator ON build_deletions (moderator_id)
    WHERE moderator_id IS NOT NULL;

UPDATE build_deletions SET reason = (
    SELECT json_extract(jobs.payload, '$.reason') FROM jobs
    WHERE jobs.kind = 'builds.moderated' AND jobs.guild_id = build_deletions.guild_id
        AND jobs.key GLOB build_deletions.build_id || ':deleted:*'
    ORDER BY jobs.id LIMIT 1
)
WHERE deleted_by = 'moderator';
