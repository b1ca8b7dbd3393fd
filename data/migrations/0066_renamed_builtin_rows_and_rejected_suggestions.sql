-- 0066 a server's rows for a renamed built-in follow it to its new key; a glossary suggestion's
-- rejection keeps the moderator's reason and the key of the suggestion's words.

-- The built-in "inaka no porushe" is now "nōdō no porushe" (田舎のポルシェ an alias of it). A
-- server's row replaces or hides the built-in whose key it holds, so a row under the old key
-- matched nothing any more: a hidden entry showed again and the restore list did not offer it,
-- an edited one stood beside the new built-in as a second entry for one nickname. The rows, and
-- the history told under the same key, move to the new key where the server holds no row there
-- yet. An edited entry takes the new headword with its Japanese spellings (lookup reads an
-- entry's key as its headword's) and keeps the ones it had as aliases. The keys are
-- `entry_key` of the two headwords (tests/test_glossary_renamed_builtin.py checks them).
UPDATE glossary_history SET key = 'nodonoporushe'
WHERE key = 'inakanoporushe'
  AND NOT EXISTS (SELECT 1 FROM glossary_entries AS taken
                  WHERE taken.guild_id = glossary_history.guild_id
                    AND taken.key = 'nodonoporushe');

UPDATE glossary_entries SET
    key = 'nodonoporushe',
    entry = CASE WHEN entry IS NULL THEN NULL ELSE json_set(
        entry,
        '$.headword', 'nōdō no porushe',
        '$.kanji', '農道のポルシェ',
        '$.kana', 'のうどうのポルシェ',
        '$.romaji', 'nōdō no Porushe',
        '$.aliases', (
            SELECT json_group_array(alias) FROM (
                SELECT alias FROM (
                    SELECT CAST(key AS INTEGER) AS position, value AS alias
                    FROM json_each(glossary_entries.entry, '$.aliases')
                    UNION ALL SELECT 1000000, json_extract(glossary_entries.entry, '$.headword')
                    UNION ALL SELECT 1000001, json_extract(glossary_entries.entry, '$.kanji')
                    UNION ALL SELECT 1000002, json_extract(glossary_entries.entry, '$.kana')
                )
                WHERE coalesce(alias, '') != ''
                  AND alias NOT IN ('nōdō no porushe', '農道のポルシェ', 'のうどうのポルシェ')
                GROUP BY alias ORDER BY min(position)
            )
        )
    ) END
WHERE key = 'inakanoporushe'
  AND NOT EXISTS (SELECT 1 FROM glossary_entries AS taken
                  WHERE taken.guild_id = glossary_entries.guild_id
                    AND taken.key = 'nodonoporushe');

-- A glossary suggestion's rejection keeps the moderator's reason and the key of the suggestion's
-- words (`suggestion_words`): a later suggestion of the same words says on its queue card that
-- it repeats the rejected one, who rejected it, when and why, as a repeated announcement's and
-- nomination's do. NULL for rejections before, and for suggestions not rejected.
ALTER TABLE glossary_suggestions ADD COLUMN rejection_reason TEXT
    CHECK (rejection_reason IS NULL OR length(rejection_reason) <= 500);
ALTER TABLE glossary_suggestions ADD COLUMN rejected_words TEXT;
CREATE INDEX glossary_suggestions_rejected_words
    ON glossary_suggestions (guild_id, rejected_words) WHERE rejected_words IS NOT NULL;
