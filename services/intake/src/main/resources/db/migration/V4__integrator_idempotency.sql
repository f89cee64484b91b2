-- A repeated integrator registration with the same Idempotency-Key must not create a second integrator.
ALTER TABLE open311_integrator ADD COLUMN idempotency_key VARCHAR(128);
CREATE UNIQUE INDEX open311_integrator_idempotency ON open311_integrator (created_by, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
