-- Every citizen contact, registered traceably (可回溯) with the region it belongs to.
CREATE TABLE contact (
  id                     UUID PRIMARY KEY,
  tenant                 VARCHAR(2)   NOT NULL,
  channel                VARCHAR(16)  NOT NULL,
  dialed_number          VARCHAR(32),
  caller_number          VARCHAR(32),
  carrier_region_code    CHAR(6),
  ivr_region_code        CHAR(6),
  region_status          VARCHAR(16)  NOT NULL CHECK (region_status IN ('RESOLVED', 'PENDING', 'UNDETERMINED')),
  pooling_region_code    CHAR(6),
  pooling_region_name    VARCHAR(64),
  province_code          CHAR(6),
  province_name          VARCHAR(64),
  region_decided_by      VARCHAR(32),
  resolution_attempts    INTEGER      NOT NULL DEFAULT 0,
  last_resolution_error  VARCHAR(255),
  idempotency_key        VARCHAR(128),
  registered_by          VARCHAR(128) NOT NULL,
  created_at             TIMESTAMPTZ  NOT NULL,
  updated_at             TIMESTAMPTZ  NOT NULL,
  region_resolved_at     TIMESTAMPTZ
);

-- A repeated POST with the same Idempotency-Key from the same caller returns the first contact.
CREATE UNIQUE INDEX contact_idempotency ON contact (registered_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
-- The retry job scans only contacts whose region still waits for routing.
CREATE INDEX contact_pending ON contact (created_at) WHERE region_status = 'PENDING';
CREATE INDEX contact_tenant_created ON contact (tenant, created_at DESC);
