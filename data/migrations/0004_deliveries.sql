-- 0004 deliveries: what became of each message a job sent.
-- Why: a job claimed again after a crash must not send twice. The outbox records the sent message
-- id in the same transaction that marks the job done, and a refusal Discord will never accept
-- (unknown channel, closed DMs, missing access) so it is not retried. Rows go with their job when
-- finished jobs are purged, and so with their server.

CREATE TABLE deliveries (
    job_id       INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    channel_id   INTEGER,
    user_id      INTEGER,
    message_id   INTEGER,
    refusal_code INTEGER,
    refusal      TEXT,
    at           INTEGER NOT NULL,
    CHECK ((channel_id IS NULL) <> (user_id IS NULL)),
    CHECK ((message_id IS NULL) <> (refusal IS NULL))
) STRICT;
