-- 0034 meetups found by their card's thread.
-- Why: Discord's thread updates and deletes (every thread of a server, not only the bot's) are
-- each looked up among the server's meetups by thread id, to rename or forget a meetup's
-- thread; without an index each was a scan of the server's meetups, past ones included.
CREATE INDEX meetups_by_thread ON meetups (thread_id) WHERE thread_id IS NOT NULL;
