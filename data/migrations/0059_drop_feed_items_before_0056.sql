-- 0059 feed items no longer carry 0056's mark (`before_0056`).
-- Why: 0058 marked every seen key stored before it (`keyed_before_0058`), those 0056 had
-- marked among them, and the poller reads only that mark; 0056's was written, never read,
-- and a reader of the schema would take it for one that still matters. Its CHECK is the
-- column's own, so SQLite drops it with the column.
ALTER TABLE feed_items DROP COLUMN before_0056;
