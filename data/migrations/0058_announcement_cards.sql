-- 0058 an announcement keeps where its card was posted.
-- Why: where a post went was found only in the outbox's record of its job, which is purged 60
-- days after the post; a suspended, renamed or removed importer's older cards were then left
-- as they read (a suspended importer still "verified"), and a moderator could not take one
-- down. Announcements posted before are given it from the records still kept.
ALTER TABLE announcements ADD COLUMN card_channel_id INTEGER;
ALTER TABLE announcements ADD COLUMN card_message_id INTEGER
    CHECK ((card_message_id IS NULL) = (card_channel_id IS NULL));

UPDATE announcements SET (card_channel_id, card_message_id) = (
    SELECT deliveries.channel_id, deliveries.message_id FROM jobs
    JOIN deliveries ON deliveries.job_id = jobs.id
    WHERE jobs.kind = 'importer.post' AND jobs.guild_id = announcements.guild_id
        AND jobs.key = coalesce(
            announcements.former_post_key,
            CAST(announcements.importer_id AS TEXT) || ':' || CAST(announcements.id AS TEXT)
        )
        AND deliveries.channel_id IS NOT NULL AND deliveries.message_id IS NOT NULL
)
WHERE status = 'posting';
