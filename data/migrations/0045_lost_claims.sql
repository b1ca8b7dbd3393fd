-- 0045 a job counts the claims it lost with their worker.
-- Why: a claim whose lease ran out (a crash on another machine or in another container, where
-- nobody can tell its worker is dead) counted an attempt, so a last try was failed unsent. The
-- first few lost claims are now forgiven, whether a restart or the lease found them lost, and
-- the count keeps a job that keeps killing the bot from running forever. Jobs from before
-- start at none.
ALTER TABLE jobs ADD COLUMN lost_claims INTEGER NOT NULL DEFAULT 0 CHECK (lost_claims >= 0);
