-- 0044 the job editing an alert DM is kind 'alert.dm_edit', no longer 'alert.dm_taken_down'.
-- Why: a removed importer's DMs are edited by it too (to name a former importer), where nothing
-- was taken down. Every row moves, pending ones to be done under the new kind and finished ones
-- so that their keys still keep a DM from being edited twice for the same take-down or removal.
UPDATE jobs SET kind = 'alert.dm_edit' WHERE kind = 'alert.dm_taken_down';
