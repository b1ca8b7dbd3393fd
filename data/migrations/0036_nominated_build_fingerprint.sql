-- 0036 showcase: each nomination keeps a fingerprint of the build as it was nominated.
--
-- Why: a moderator approving a nomination features the build as it is when they click, and a
-- build renamed, or given another truck or cover photo, after they saw it was featured unseen.
-- An item's revision is how the queue refuses such a click; a nomination's is 0 while its build
-- reads as it did when nominated (so buttons already posted keep their ids) and follows what the
-- build reads now once it differs. The cover photo changes with the build's updates, which tell
-- the showcase nothing, so the revision is read from the build itself against this fingerprint
-- rather than counted. NULL for nominations made before it was kept: nothing to compare with.

ALTER TABLE showcase_nominations ADD COLUMN build_seen TEXT
    CHECK (build_seen IS NULL OR length(build_seen) = 16);
