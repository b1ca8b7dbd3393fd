-- 0048 a build records whether its card is its thread's first message (a forum post, 1) or a
-- message of the text channel its thread was started on (0).
-- Why: Discord deleting a forum post's thread deletes its card with it, so a build whose
-- thread Discord deleted has nothing left in Discord to delete when it goes; a text channel's
-- card stays. The two share their thread's id, so the ids cannot tell them apart. Builds
-- posted before stay unknown (NULL), taken as a card that may stand.
ALTER TABLE builds ADD COLUMN card_in_thread INTEGER CHECK (card_in_thread IN (0, 1));
