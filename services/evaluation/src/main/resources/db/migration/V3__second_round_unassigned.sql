-- Why a reworked case that came back could not be given its second round yet (NO_ACTIVE_EVALUATOR, ALL_CONFLICTED,
-- CAPACITY_EXHAUSTED); null once assigned. Retried by the follow-up job.
ALTER TABLE evaluation_case ADD COLUMN unassigned_reason varchar(32);
