-- 0015 dm channels: the DM channel each direct message went to.
-- Why: a DM took two requests, opening the member's DM channel and then the message, since
-- discord.py keeps at most 128 DM channels in memory and none across a restart. With the channel
-- of the member's last DM at hand, the next one is a single request, so a reminder storm sends
-- nearly twice the DMs a second at the outbox's pace. The id goes with its delivery row: with its
-- job when finished jobs are purged, and when the member is forgotten.

ALTER TABLE deliveries ADD COLUMN dm_channel_id INTEGER
    CHECK (dm_channel_id IS NULL OR user_id IS NOT NULL);

CREATE INDEX deliveries_dm_channel ON deliveries (user_id, at, job_id)
    WHERE dm_channel_id IS NOT NULL;
