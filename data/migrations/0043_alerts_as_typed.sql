-- 0043 an alert keeps what its member typed beside the query it is read from.
-- Why: the query is kept tidied (`hijet 95-99 under 5k` is kept as
-- `hijet year>=1995 year<=1999 price<=5k`) so its meaning never moves, but a member's list,
-- the DMs and the refusal of a twin showed that tidied form, which the member never typed.
-- Alerts kept before have none (NULL) and are shown as kept.
ALTER TABLE alerts ADD COLUMN typed TEXT CHECK (typed IS NULL OR length(typed) BETWEEN 1 AND 200);
