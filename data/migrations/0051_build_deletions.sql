-- 0051 who deleted a build is recorded as it goes.
-- Why: a build's row goes with its deletion, so who deleted it was guessed from the jobs the
-- deletion left: the owner's DM (a moderator's) or the thread's follow-up (anyone's). A forget
-- deletes the owner's DMs, so a moderator's deletion then read as its owner's, to a Delete it
-- question answered late. Now each /build delete leaves a row: `deleted_by` 'owner' (its owner,
-- a moderator's own build included) or 'moderator' (another member's or a former member's).
-- The row holds no words of the build, only its number: its owner's export lists it, and a
-- forget puts FORMER_MEMBER (0) in `owner_id`, so the row then names nobody and still answers.
-- `question` is the message id of the Delete it question whose click deleted it (a message,
-- not a member): a second click on that same question (a double click) leaves the first click's
-- answer shown. NULL for those from before.
-- Deletions from before: a row only where kept jobs tell a moderator's, the owner's DM of it
-- (key '<build>:deleted:…'; its payload names the owner, 0 once its payload is gone).
-- A follow-up job alone tells nothing of who (an owner's, or a moderator's of their own or a
-- former member's build): no row, and those are answered without naming who, as before.
CREATE TABLE build_deletions (
    build_id    INTEGER PRIMARY KEY,  -- a build's number is never used again (0018)
    guild_id    INTEGER NOT NULL REFERENCES guilds (guild_id) ON DELETE CASCADE,
    owner_id    INTEGER NOT NULL,
    deleted_by  TEXT NOT NULL CHECK (deleted_by IN ('owner', 'moderator')),
    deleted_at  INTEGER NOT NULL,
    question    INTEGER
) STRICT;

CREATE INDEX build_deletions_owner ON build_deletions (owner_id);

INSERT OR IGNORE INTO build_deletions (build_id, guild_id, owner_id, deleted_by, deleted_at)
SELECT CAST(substr(key, 1, instr(key, ':') - 1) AS INTEGER), guild_id,
    coalesce(json_extract(payload, '$.user_id'), 0), 'moderator', created_at
FROM jobs
WHERE kind = 'builds.moderated' AND key GLOB '[0-9]*:deleted:*'
    AND guild_id IN (SELECT guild_id FROM guilds);
