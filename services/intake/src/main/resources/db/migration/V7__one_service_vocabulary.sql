-- One vocabulary of the five 12393 services in every service (CONVENTIONS.md): intake's former codes POLICY and
-- PRE_REVIEW become POLICY_ANSWER and ONLINE_PRE_REVIEW. ONLINE_PRE_REVIEW has 17 characters: the columns widen.
ALTER TABLE call_record ALTER COLUMN category TYPE VARCHAR(24);
ALTER TABLE message ALTER COLUMN category TYPE VARCHAR(24);
ALTER TABLE hand_off ALTER COLUMN category TYPE VARCHAR(24);
UPDATE call_record SET category = 'POLICY_ANSWER' WHERE category = 'POLICY';
UPDATE call_record SET category = 'ONLINE_PRE_REVIEW' WHERE category = 'PRE_REVIEW';
UPDATE message SET category = 'POLICY_ANSWER' WHERE category = 'POLICY';
UPDATE message SET category = 'ONLINE_PRE_REVIEW' WHERE category = 'PRE_REVIEW';
UPDATE hand_off SET category = 'POLICY_ANSWER' WHERE category = 'POLICY';
UPDATE hand_off SET category = 'ONLINE_PRE_REVIEW' WHERE category = 'PRE_REVIEW';
