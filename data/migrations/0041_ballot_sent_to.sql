-- 0041 a ballot keeps the channel its message is being sent to, before the send.
-- Why: a bot stopped after Discord took a ballot's message but before recording it left an open
-- ballot without a message: votes counted, but withdrawals could not show on it, and its close
-- could neither show it closed nor tell where to post the result. Knowing where the message
-- went, the bot finds it there by its buttons' custom ids. The message is sent with a nonce of
-- the ballot's own, so that Discord answers a repeat of the send with the message it took.
-- `sent_to` is the channel (named so as not to read as a member's id).
ALTER TABLE showcase_ballots ADD COLUMN sent_to INTEGER;
