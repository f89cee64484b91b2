-- A repeated attempt report with the same Idempotency-Key counts once.
ALTER TABLE callback_attempt ADD COLUMN idempotency_key VARCHAR(128);
CREATE UNIQUE INDEX callback_attempt_idempotency ON callback_attempt (callback_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
