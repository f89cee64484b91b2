-- SHA-256 of what a creation request asked for: a replay of its Idempotency-Key with another body is refused
-- (422 idempotency-key-reused) instead of silently answering the first order. NULL for orders created before.
ALTER TABLE work_order ADD COLUMN request_hash VARCHAR(64);
