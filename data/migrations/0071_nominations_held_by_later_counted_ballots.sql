-- 0071 a nomination 0069 gave back is held again by the counted ballot that later held its build.
-- 0069 gave back every nomination a called-off ballot held. Before showcase 13 such a ballot
-- kept them, so moderators named the same builds on the next ballot, which held the builds but
-- not those nominations (a ballot takes only nominations no ballot holds): given back, they
-- would put builds that already stood on a counted ballot on the next automatic one, which
-- nobody nominated them for. Each is held by the first ballot not called off that opened after
-- it was made and held its build, as the ballot would have held it then.
UPDATE showcase_nominations SET ballot_id = (
    SELECT ballots.id FROM showcase_candidates AS candidates
    JOIN showcase_ballots AS ballots ON ballots.id = candidates.ballot_id
    WHERE candidates.guild_id = showcase_nominations.guild_id
      AND candidates.build_id = showcase_nominations.build_id
      AND NOT ballots.called_off
      AND ballots.opened_at >= showcase_nominations.created_at
    ORDER BY ballots.opened_at LIMIT 1)
WHERE ballot_id IS NULL AND status <> 'dismissed'
  AND EXISTS (
    SELECT 1 FROM showcase_candidates AS candidates
    JOIN showcase_ballots AS ballots ON ballots.id = candidates.ballot_id
    WHERE candidates.guild_id = showcase_nominations.guild_id
      AND candidates.build_id = showcase_nominations.build_id
      AND NOT ballots.called_off
      AND ballots.opened_at >= showcase_nominations.created_at);
