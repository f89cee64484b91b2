-- Idempotency-Key records are scoped by tenant and endpoint as well as by the client (issue 12): the same key and
-- subject in two tenants, or on two endpoints, are two records. The request's hash tells a replay (same body) from
-- a reuse with another body (422 idempotency-key-reused).
ALTER TABLE contact ADD COLUMN idempotency_tenant VARCHAR(2);
ALTER TABLE contact ADD COLUMN idempotency_endpoint VARCHAR(16);
ALTER TABLE contact ADD COLUMN request_hash CHAR(64);
UPDATE contact SET idempotency_tenant = tenant,
       idempotency_endpoint = CASE WHEN idempotency_key LIKE 'call:%' THEN 'calls'
                                   WHEN channel = 'OPEN311' THEN 'open311'
                                   WHEN channel IN ('WEB', 'APP', 'WECHAT') THEN 'messages'
                                   ELSE 'contacts' END
 WHERE idempotency_key IS NOT NULL;
DROP INDEX contact_idempotency;
CREATE UNIQUE INDEX contact_idempotency ON contact (idempotency_tenant, idempotency_endpoint, registered_by,
  idempotency_key) WHERE idempotency_key IS NOT NULL;
