-- 0021 sequences past kept ids: importers, announcements and nominations give out no id that a
-- kept job or queue post still names.
-- Why: 0018 started each sequence past the largest row left, but a row forgotten before that
-- upgrade may still key jobs kept 60 days after they ran (and the queue's posts): the next row
-- would get its id and be taken for done. Each sequence moves past every id those name; it is
-- only ever raised.

INSERT INTO sqlite_sequence (name, seq)
    SELECT wanted.name, 0
    FROM (SELECT 'importers' AS name UNION ALL SELECT 'announcements'
          UNION ALL SELECT 'showcase_nominations') AS wanted
    WHERE wanted.name NOT IN (SELECT name FROM sqlite_sequence);

UPDATE sqlite_sequence SET seq = max(
    seq,
    coalesce((SELECT max(json_extract(payload, '$.importer_id')) FROM jobs), 0),
    -- "importer:announcement"
    coalesce((SELECT max(CAST(key AS INTEGER)) FROM jobs
              WHERE kind IN ('importer.post', 'importer.publish')), 0)
) WHERE name = 'importers';

UPDATE sqlite_sequence SET seq = max(
    seq,
    coalesce((SELECT max(json_extract(payload, '$.announcement_id')) FROM jobs), 0),
    coalesce((SELECT max(json_extract(payload, '$.ref_id')) FROM jobs
              WHERE json_extract(payload, '$.kind') = 'announcement'), 0),
    -- "announcement:id:member"
    coalesce((SELECT max(CAST(substr(key, 14) AS INTEGER)) FROM jobs
              WHERE kind = 'modqueue.rejected' AND key LIKE 'announcement:%'), 0),
    coalesce((SELECT max(ref_id) FROM modqueue_posts WHERE kind = 'announcement'), 0)
) WHERE name = 'announcements';

UPDATE sqlite_sequence SET seq = max(
    seq,
    coalesce((SELECT max(json_extract(payload, '$.ref_id')) FROM jobs
              WHERE json_extract(payload, '$.kind') = 'nomination'), 0),
    -- "nomination:id:member"
    coalesce((SELECT max(CAST(substr(key, 12) AS INTEGER)) FROM jobs
              WHERE kind = 'modqueue.rejected' AND key LIKE 'nomination:%'), 0),
    coalesce((SELECT max(ref_id) FROM modqueue_posts WHERE kind = 'nomination'), 0)
) WHERE name = 'showcase_nominations';
