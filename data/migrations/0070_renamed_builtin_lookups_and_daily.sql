-- 0070 the renamed built-in's lookup count and word-of-the-day record follow it to its new key.

-- 0066 moved a server's entries and history from "inaka no porushe" to "nōdō no porushe" but
-- not the two tables kept by the same key: the count (which ranks lookups and autocomplete)
-- started again from nothing, and the word of the day could show the nickname twice in a cycle.
-- The count is added to any the new key has gathered since; the day it was shown moves unless
-- the new key was shown itself, whose day stands.
INSERT INTO glossary_lookups (guild_id, key, count)
SELECT guild_id, 'nodonoporushe', count FROM glossary_lookups WHERE key = 'inakanoporushe'
ON CONFLICT (guild_id, key) DO UPDATE SET count = count + excluded.count;
DELETE FROM glossary_lookups WHERE key = 'inakanoporushe';

UPDATE glossary_daily_shown SET key = 'nodonoporushe'
WHERE key = 'inakanoporushe'
  AND NOT EXISTS (SELECT 1 FROM glossary_daily_shown AS shown
                  WHERE shown.guild_id = glossary_daily_shown.guild_id
                    AND shown.key = 'nodonoporushe');
DELETE FROM glossary_daily_shown WHERE key = 'inakanoporushe';
