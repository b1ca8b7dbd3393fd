-- 0031 glossary history names the suggestion an approval came from.
-- Why: an approval was matched to its suggestion by moderator and second, so two terms one
-- moderator added in the same second (or any two by moderators since forgotten, who all read
-- "a former member") were linked to neither. Rows from before keep the link that matching
-- made where it was certain.
ALTER TABLE glossary_history ADD COLUMN suggestion_id INTEGER
    REFERENCES glossary_suggestions (id) ON DELETE SET NULL;
UPDATE glossary_history AS h SET suggestion_id = (
    SELECT s.id FROM glossary_suggestions AS s
    WHERE s.guild_id = h.guild_id AND s.status = 'approved'
      AND s.decided_by = h.actor_id AND s.decided_at = h.at
)
WHERE h.action IN ('add', 'restore')
  AND (SELECT count(*) FROM glossary_history AS other
       WHERE other.guild_id = h.guild_id AND other.actor_id = h.actor_id AND other.at = h.at
         AND other.action IN ('add', 'restore')) = 1;
