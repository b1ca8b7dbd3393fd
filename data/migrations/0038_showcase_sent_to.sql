-- 0038 a feature's claim keeps the channel its post is being sent to, before the send.
-- Why: a bot stopped after Discord took a feature's post but before recording it left only the
-- claim, which was given back after 15 minutes, so the build could be featured, and posted,
-- a second time. Knowing where the post went, the next bot looks for it there and records it.
-- The post is sent with a nonce of the claim's own, so that Discord answers a repeat of the send
-- (a retry after an answer the network lost) with the post it took, and a build featured again
-- right after its unfeature does not repeat the nonce of a deleted post.
-- `sent_to` is the channel (named so as not to read as a member's id).
ALTER TABLE showcase_posts ADD COLUMN sent_to INTEGER;
ALTER TABLE showcase_posts ADD COLUMN nonce TEXT;
