-- Work orders (工单), their returns (退单), append-only history, warnings and the outbox of routing's facts.
CREATE TABLE work_order (
  id                        UUID PRIMARY KEY,
  tenant                    CHAR(2) NOT NULL,
  idempotency_key           VARCHAR(100) NOT NULL,
  channel                   VARCHAR(10) NOT NULL,
  category                  VARCHAR(20) NOT NULL,
  subcategory               VARCHAR(100),
  priority                  VARCHAR(10) NOT NULL,
  title                     VARCHAR(200) NOT NULL,
  description               VARCHAR(4000) NOT NULL,
  citizen_name              VARCHAR(100),
  citizen_phone             VARCHAR(32),
  address                   VARCHAR(500),
  region_code               CHAR(6) NOT NULL,
  pooling_region_code       CHAR(6) NOT NULL,
  status                    VARCHAR(20) NOT NULL,
  unit_id                   UUID REFERENCES unit (id),
  first_responsible_unit_id UUID REFERENCES unit (id),
  -- Unit that must answer for the order now: the previous unit until a newly assigned one accepts (首问负责).
  answerable_unit_id        UUID REFERENCES unit (id),
  pool_scope                VARCHAR(10),
  pool_region_code          CHAR(6),
  claim_expires_at          TIMESTAMPTZ,
  rule_id                   UUID,
  routing_decision          VARCHAR(500) NOT NULL,
  limit_value               INT NOT NULL,
  limit_unit                VARCHAR(20) NOT NULL,
  accept_limit_hours        INT NOT NULL,
  received_at               TIMESTAMPTZ NOT NULL,
  clock_started_at          TIMESTAMPTZ NOT NULL,
  accept_by                 TIMESTAMPTZ,
  due_at                    TIMESTAMPTZ,
  warn_at                   TIMESTAMPTZ,
  paused_at                 TIMESTAMPTZ,
  -- Working minutes of the whole limit, and what is left while the clock is paused (补充材料).
  limit_working_minutes     BIGINT,
  remaining_working_minutes BIGINT,
  status_before_pause       VARCHAR(20),
  warning_level             VARCHAR(10) NOT NULL DEFAULT 'NONE',
  reply                     VARCHAR(4000),
  replied_at                TIMESTAMPTZ,
  callback_due_at           TIMESTAMPTZ,
  callback_at               TIMESTAMPTZ,
  satisfaction              VARCHAR(12),
  returns_used              INT NOT NULL DEFAULT 0,
  return_budget             INT NOT NULL,
  reopen_count              INT NOT NULL DEFAULT 0,
  supervised                BOOLEAN NOT NULL DEFAULT FALSE,
  status_notes              VARCHAR(500),
  extension_requested_days  INT,
  extension_reason          VARCHAR(500),
  registered_by             VARCHAR(200) NOT NULL,
  created_at                TIMESTAMPTZ NOT NULL,
  updated_at                TIMESTAMPTZ NOT NULL,
  closed_at                 TIMESTAMPTZ,
  version                   INT NOT NULL DEFAULT 0,
  UNIQUE (tenant, idempotency_key)
);
CREATE INDEX work_order_inbox ON work_order (unit_id, status, due_at);
CREATE INDEX work_order_tenant ON work_order (tenant, status, due_at);
CREATE INDEX work_order_pool ON work_order (tenant, status, pool_region_code) WHERE status = 'POOLED';
CREATE INDEX work_order_claims ON work_order (status, claim_expires_at) WHERE status = 'CLAIMED';
CREATE INDEX work_order_warn ON work_order (warn_at) WHERE warning_level <> 'RED' AND due_at IS NOT NULL;
CREATE INDEX work_order_closed ON work_order (tenant, closed_at) WHERE closed_at IS NOT NULL;

-- Returns (退单): requested by the unit with a reason code, arbitrated by the hotline centre.
CREATE TABLE work_order_return (
  id              UUID PRIMARY KEY,
  work_order_id   UUID NOT NULL REFERENCES work_order (id),
  tenant          CHAR(2) NOT NULL,
  unit_id         UUID NOT NULL REFERENCES unit (id),
  reason_code     VARCHAR(30) NOT NULL,
  reason          VARCHAR(1000) NOT NULL,
  status_before   VARCHAR(20) NOT NULL,
  outcome         VARCHAR(10) NOT NULL DEFAULT 'PENDING' CHECK (outcome IN ('PENDING', 'APPROVED', 'REFUSED')),
  -- A refused (improper) return counts against the unit; an approved one against nobody.
  counts_against_unit BOOLEAN NOT NULL DEFAULT FALSE,
  target_unit_id  UUID REFERENCES unit (id),
  arbitration_note VARCHAR(1000),
  requested_by    VARCHAR(200) NOT NULL,
  requested_at    TIMESTAMPTZ NOT NULL,
  arbitrated_by   VARCHAR(200),
  arbitrated_at   TIMESTAMPTZ
);
CREATE INDEX work_order_return_order ON work_order_return (work_order_id);

-- Audit trail (可回溯): every transition with who, when, why. Append-only, enforced by the trigger below.
CREATE TABLE work_order_history (
  id            BIGSERIAL PRIMARY KEY,
  work_order_id UUID NOT NULL REFERENCES work_order (id),
  tenant        CHAR(2) NOT NULL,
  at            TIMESTAMPTZ NOT NULL,
  actor         VARCHAR(200) NOT NULL,
  action        VARCHAR(30) NOT NULL,
  from_status   VARCHAR(20),
  to_status     VARCHAR(20),
  unit_id       UUID,
  reason        VARCHAR(4000)
);
CREATE INDEX work_order_history_order ON work_order_history (work_order_id, id);

CREATE FUNCTION refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'work_order_history is append-only';
END $$;
CREATE TRIGGER work_order_history_append_only BEFORE UPDATE OR DELETE ON work_order_history
  FOR EACH ROW EXECUTE FUNCTION refuse_history_change();

-- Pre-breach warnings: one row per order, level and deadline, so each warning is raised exactly once even when
-- several replicas sweep at the same moment (the unique key decides).
CREATE TABLE work_order_warning (
  id            UUID PRIMARY KEY,
  work_order_id UUID NOT NULL REFERENCES work_order (id),
  tenant        CHAR(2) NOT NULL,
  level         VARCHAR(10) NOT NULL CHECK (level IN ('YELLOW', 'RED')),
  due_at        TIMESTAMPTZ NOT NULL,
  unit_id       UUID,
  raised_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  raised_by     VARCHAR(100) NOT NULL,
  UNIQUE (work_order_id, level, due_at)
);

-- Outbox of routing facts (envelope of docs/CONVENTIONS: id, type, tenant, aggregate_id, position, occurred_at,
-- payload), written in the same transaction as the change; a feed reads it by position.
CREATE TABLE routing_event (
  position     BIGSERIAL PRIMARY KEY,
  id           UUID NOT NULL UNIQUE,
  type         VARCHAR(60) NOT NULL,
  tenant       CHAR(2) NOT NULL,
  aggregate_id UUID NOT NULL,
  occurred_at  TIMESTAMPTZ NOT NULL,
  payload      JSONB NOT NULL
);
