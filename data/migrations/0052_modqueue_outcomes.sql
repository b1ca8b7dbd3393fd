-- 0052 a decision's outcome is kept as data: what became of the item, and who took it down since.
-- Why: a /privacy export read the state of a decision back out of its words, searching them for
-- "Taken down since by a moderator", and those words hold text a moderator typed (a rejection's
-- reason) and titles quoted in an outcome: a rejection whose reason quoted that phrase was
-- exported as "rejected, then taken down by a moderator". The queue now writes both when it
-- records the decision and the take-down, and the export reads only these columns.
-- `outcome`: 'approved', 'rejected' or 'removed' (with its importer); NULL while the item waits,
-- or when not known. `taken_down_by`: 'moderator' or 'importer', for an approval whose post was
-- taken down since; NULL otherwise.
ALTER TABLE modqueue_posts ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('approved', 'rejected', 'removed'));
ALTER TABLE modqueue_posts ADD COLUMN taken_down_by TEXT
    CHECK (taken_down_by IS NULL OR taken_down_by IN ('moderator', 'importer'));
ALTER TABLE modqueue_decisions ADD COLUMN outcome TEXT
    CHECK (outcome IS NULL OR outcome IN ('approved', 'rejected', 'removed'));
ALTER TABLE modqueue_decisions ADD COLUMN taken_down_by TEXT
    CHECK (taken_down_by IS NULL OR taken_down_by IN ('moderator', 'importer'));

-- Decisions taken before are read once from their words, anchored where only the bot writes:
-- the outcome by how the words begin ("Approved by …", "Rejected by …", "Removed with …", the
-- bot's own opening, before any member text), and a take-down only of an approval, and only as
-- `ModQueue.taken_down` appended it, a space and the whole phrase ending the words. A reason
-- ends a rejection's words, never an approval's, and an approval's outcome ends in the bot's
-- own words ("… is on its way …"), so neither can pass for either. GLOB is case-sensitive.
-- Words that begin otherwise stay NULL, which the export reads as plainly "decided".
UPDATE modqueue_posts SET outcome = CASE
        WHEN decision GLOB 'Approved by *' THEN 'approved'
        WHEN decision GLOB 'Rejected by *' THEN 'rejected'
        WHEN decision GLOB 'Removed with *' THEN 'removed'
    END
WHERE decision IS NOT NULL;
UPDATE modqueue_decisions SET outcome = CASE
        WHEN decision GLOB 'Approved by *' THEN 'approved'
        WHEN decision GLOB 'Rejected by *' THEN 'rejected'
        WHEN decision GLOB 'Removed with *' THEN 'removed'
    END;
UPDATE modqueue_posts SET taken_down_by = CASE
        WHEN decision GLOB '* Taken down since by a moderator.' THEN 'moderator'
        WHEN decision GLOB '* Taken down since by its importer.' THEN 'importer'
    END
WHERE outcome = 'approved';
UPDATE modqueue_decisions SET taken_down_by = CASE
        WHEN decision GLOB '* Taken down since by a moderator.' THEN 'moderator'
        WHEN decision GLOB '* Taken down since by its importer.' THEN 'importer'
    END
WHERE outcome = 'approved';

-- Whether a post's card, as last rendered, shows its item on hold ("On hold" field); and, for
-- such a post, its item's card without that line, rendered as the item is decided (once
-- decided, a source no longer reads it), as Discord's embed objects in JSON. The edit saying
-- how it was decided carries that card, so a decision taken away from the post (a /modqueue
-- page) leaves no hold showing on a decided item, and nothing is read back from Discord.
-- Posts from before are taken as showing none: the item's own hold, when it is decided, is
-- looked at too.
ALTER TABLE modqueue_posts ADD COLUMN shows_hold INTEGER NOT NULL DEFAULT 0
    CHECK (shows_hold IN (0, 1));
ALTER TABLE modqueue_posts ADD COLUMN decided_embeds TEXT;
