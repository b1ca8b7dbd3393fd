-- 0022 revisions from one: every meetup's revision moves on once.
-- Why: calendar files sent SEQUENCE 0 (or none) for live meetups until 0019, and 0019 left
-- them at 0, so an app that imported a meetup before an edit, a moved or a cancelled date
-- kept its old copy until the meetup changed again. One step up makes every app take the
-- copy it is given next. (Only the revision changes: the revision triggers do not fire.)

UPDATE meetups SET revision = revision + 1;
